//! A thousand creates through faults: CityPay's `identifier` makes every create safe to retry.

use citypay::models::PaymentIntentRequestModel;
use payintent_tests::fault::{self, FaultServer, Gateway, Received};

struct CityPay;

impl Gateway for CityPay {
    fn dedupe_key(&self, request: &Received) -> Option<String> {
        request.body["identifier"].as_str().map(str::to_owned)
    }
    fn marker(&self, request: &Received) -> String {
        request.body["identifier"].as_str().unwrap_or_default().to_owned()
    }
    fn payment_id(&self, number: u64, _: &Received) -> String {
        format!("p13t{number:016}")
    }
    fn created(&self, payment_id: &str, _: &Received) -> (u16, String) {
        (200, serde_json::json!({"payment_intent_id": payment_id}).to_string())
    }
}

#[tokio::test]
async fn a_thousand_creates_through_faults() {
    let server = FaultServer::start(CityPay, 0x5eed_0002).await;
    let client = citypay::Client::builder()
        .base_url(server.url())
        .licence_key("PC2", "7G79TG62BAJTK669")
        .timeout(fault::ATTEMPT_TIMEOUT)
        .retry(fault::fast_retry_policy())
        .build()
        .unwrap();
    let outcomes = fault::run(
        1000,
        &client,
        |client, index| async move {
            let marker = format!("intent-{index:05}");
            let request = PaymentIntentRequestModel::new(19_995, marker.clone()).with_currency("GBP");
            (marker, client.payment_intent_api().create_payment_intent(&request).await)
        },
        |reference| reference.payment_intent_id,
    )
    .await;
    fault::report("citypay", &server, &outcomes);
}
