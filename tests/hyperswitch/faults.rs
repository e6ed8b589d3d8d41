//! A thousand creates through faults. Half set `payment_id` (Hyperswitch's de-duplication
//! key) and are retried; half do not and are never repeated once they may have been sent, so
//! their callers hear "outcome unknown" instead of risking a second payment.

use hyperswitch::models::{Currency, PaymentsCreateRequest};
use payintent_tests::fault::{self, FaultServer, Gateway, Received};

struct Hyperswitch;

impl Gateway for Hyperswitch {
    fn dedupe_key(&self, request: &Received) -> Option<String> {
        request.body["payment_id"].as_str().map(str::to_owned)
    }
    fn marker(&self, request: &Received) -> String {
        request.body["description"].as_str().unwrap_or_default().to_owned()
    }
    fn payment_id(&self, number: u64, request: &Received) -> String {
        request.body["payment_id"].as_str().map_or_else(|| format!("pay_{number:08}"), str::to_owned)
    }
    fn created(&self, payment_id: &str, request: &Received) -> (u16, String) {
        let amount = &request.body["amount"];
        let body = serde_json::json!({
            "payment_id": payment_id,
            "merchant_id": "merchant_1668273825",
            "status": "requires_payment_method",
            "amount": amount,
            "net_amount": amount,
            "amount_capturable": amount,
            "currency": request.body["currency"],
            "payment_method": "card",
            "attempt_count": 1
        });
        (200, body.to_string())
    }
}

#[tokio::test]
async fn a_thousand_creates_through_faults() {
    let server = FaultServer::start(Hyperswitch, 0x5eed_0003).await;
    let client = hyperswitch::Client::builder()
        .base_url(server.url())
        .api_key("snd_faults")
        .timeout(fault::ATTEMPT_TIMEOUT)
        .retry(fault::fast_retry_policy())
        .build()
        .unwrap();
    let outcomes = fault::run(
        1000,
        &client,
        |client, index| async move {
            let marker = format!("order-{index:05}");
            let mut request = PaymentsCreateRequest::new(6540, Currency::Usd).with_description(marker.clone());
            if index % 2 == 0 {
                request = request.with_payment_id(format!("pay_{marker}"));
            }
            (marker, client.payments_api().create_a_payment(&request).await)
        },
        |created| created.payment_id,
    )
    .await;
    fault::report("hyperswitch", &server, &outcomes);
    // Without a payment_id, a create that may have reached the server is never repeated.
    fault::assert_unkeyed_not_repeated(&outcomes, |index| index % 2 == 1);
}
