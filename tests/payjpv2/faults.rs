//! A thousand creates through faults. Half carry an idempotency key, set on the call, and are
//! retried; half do not and are never repeated once they may have been sent.

use payintent_tests::fault::{self, FaultServer, Gateway, Received};
use payjpv2::models::{MetadataValue, PaymentIntentCreateRequest};

struct PayJp;

impl Gateway for PayJp {
    fn dedupe_key(&self, request: &Received) -> Option<String> {
        request.headers.get("idempotency-key").cloned()
    }
    fn marker(&self, request: &Received) -> String {
        request.body["metadata"]["op"].as_str().unwrap_or_default().to_owned()
    }
    fn payment_id(&self, number: u64, _: &Received) -> String {
        format!("pi_{number:012}")
    }
    fn created(&self, payment_id: &str, request: &Received) -> (u16, String) {
        let body = serde_json::json!({
            "id": payment_id,
            "created_at": "2025-08-01T10:00:00+09:00",
            "updated_at": "2025-08-01T10:00:00+09:00",
            "livemode": false,
            "amount": request.body["amount"],
            "amount_capturable": 0,
            "amount_received": 0,
            "client_secret": format!("{payment_id}_secret_x"),
            "confirmation_method": null,
            "payment_method_types": ["card"],
            "status": "requires_payment_method",
            "capture_method": "automatic",
            "metadata": request.body["metadata"]
        });
        (200, body.to_string())
    }
}

#[tokio::test]
async fn a_thousand_creates_through_faults() {
    let server = FaultServer::start(PayJp, 0x5eed_0004).await;
    let client = payjpv2::Client::builder()
        .base_url(server.url())
        .secret_key("sk_test_faults")
        .timeout(fault::ATTEMPT_TIMEOUT)
        .retry(fault::fast_retry_policy())
        .build()
        .unwrap();
    let outcomes = fault::run(
        1000,
        &client,
        |client, index| async move {
            let marker = format!("op-{index:05}");
            let metadata = [("op".to_owned(), MetadataValue::String(marker.clone()))];
            let request = PaymentIntentCreateRequest::new(1000)
                .with_metadata(metadata.into_iter().collect::<std::collections::BTreeMap<_, _>>());
            let api = client.payment_intents_api();
            let mut call = api.create_payment_intent(&request);
            if index % 2 == 0 {
                // The key is this create's own: it goes on each of its retries and on no other call.
                call = call.idempotency_key(format!("idem-{marker}"));
            }
            (marker, call.await)
        },
        |created| created.id,
    )
    .await;
    fault::report("payjpv2", &server, &outcomes);
    // Without an idempotency key, a create that may have reached the server is never repeated.
    fault::assert_unkeyed_not_repeated(&outcomes, |index| index % 2 == 1);
}
