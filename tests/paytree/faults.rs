//! A thousand creates through dropped connections, 429/503, stalled, truncated and HTML
//! bodies: Paytree's `transaction_ref` makes every create safe to retry, so none is ever
//! created twice and none is lost without its caller being told.

use payintent_tests::fault::{self, FaultServer, Gateway, Received};
use paytree::models::{
    AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, PaymentIntentCreateRequest,
    SessionRequest,
};

struct Paytree;

impl Gateway for Paytree {
    fn dedupe_key(&self, request: &Received) -> Option<String> {
        request.body["transaction_ref"].as_str().map(str::to_owned)
    }
    fn marker(&self, request: &Received) -> String {
        request.body["transaction_ref"].as_str().unwrap_or_default().to_owned()
    }
    fn payment_id(&self, number: u64, _: &Received) -> String {
        number.to_string()
    }
    fn created(&self, payment_id: &str, request: &Received) -> (u16, String) {
        let body = serde_json::json!({
            "id": payment_id.parse::<i64>().unwrap(),
            "client_ref": request.body["client_ref"],
            "payment_link": format!("https://pay.paytree.example/l/{payment_id}"),
        });
        (201, body.to_string())
    }
}

#[tokio::test]
async fn a_thousand_creates_through_faults() {
    let server = FaultServer::start(Paytree, 0x5eed_0001).await;
    let client = paytree::Client::builder()
        .base_url(server.url())
        .token("pt_test_faults")
        .timeout(fault::ATTEMPT_TIMEOUT)
        .retry(fault::fast_retry_policy())
        .build()
        .unwrap();
    let outcomes = fault::run(
        1000,
        &client,
        |client, index| async move {
            let marker = format!("order-{index}");
            let request = PaymentIntentCreateRequest::new(
                marker.clone(),
                "customer-17",
                "19.99",
                AmountCurrencyEnum::Eur,
                CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
                AddressRequest::new(CountryEnum::Gb),
                SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
                CallbackRequest::new("https://shop.example/return"),
            );
            (marker, client.transaction_api().transaction_payment_intent_create(&request).await)
        },
        |created| created.id.to_string(),
    )
    .await;
    fault::report("paytree", &server, &outcomes);
}
