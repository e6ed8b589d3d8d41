//! Hyperswitch's error body is typed: `{"error": {"type", "code", "message", …}}`.

use hyperswitch::models::PaymentsCaptureRequest;
use payintent_tests::reply;

use super::client;

#[tokio::test]
async fn a_400_decodes_the_error_object() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"error":{"type":"invalid_request","message":"Missing required param: amount_to_capture","code":"IR_04","payment_id":"pay_1"}}"#;
    reply(server.mock("POST", "/payments/pay_1/capture"), 400, "application/json", body).create_async().await;

    let error =
        client(&server).payments_api().capture_a_payment("pay_1", &PaymentsCaptureRequest::new(0)).await.unwrap_err();
    let typed = error.api_error().expect("typed 400 body");
    assert_eq!((typed.error.r#type.as_str(), typed.error.code.as_str()), ("invalid_request", "IR_04"));
    assert_eq!(typed.error.payment_id.as_deref(), Some("pay_1"));
    assert_eq!(
        error.to_string(),
        "Capture a Payment: HTTP 400 Bad Request: IR_04: Missing required param: amount_to_capture"
    );
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

#[tokio::test]
async fn a_404_from_retrieve_is_typed_too() {
    let mut server = mockito::Server::new_async().await;
    let body =
        r#"{"error":{"type":"invalid_request","message":"Payment does not exist in our records","code":"HE_02"}}"#;
    reply(server.mock("GET", "/payments/pay_x"), 404, "application/json", body).create_async().await;
    let options = hyperswitch::models::PaymentRetrieveBody::new();
    let error = client(&server).payments_api().retrieve_a_payment("pay_x", &options).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.api_error().map(|typed| typed.error.code.as_str()), Some("HE_02"));
}

#[tokio::test]
async fn keys_and_card_data_never_show() {
    let mut server = mockito::Server::new_async().await;
    reply(server.mock("POST", "/payments/pay_1/capture"), 401, "application/json", r#"{"error":{"type":"invalid_request","message":"API key not provided or invalid API key used","code":"IR_01"}}"#)
        .create_async()
        .await;
    let client = client(&server);
    let error = client.payments_api().capture_a_payment("pay_1", &PaymentsCaptureRequest::new(1)).await.unwrap_err();
    let card = hyperswitch::models::Card::new("4242424242424242", "10", "25", "joseph Doe", "123");
    let payment: hyperswitch::models::PaymentsResponse = serde_json::from_str(&super::payment()).unwrap();
    for shown in
        [format!("{client:?}"), format!("{error:?}"), error.to_string(), format!("{card:?}"), format!("{payment:?}")]
    {
        for secret in [
            super::API_KEY,
            super::PUBLISHABLE_KEY,
            "4242424242424242",
            "pay_mbabizu24mvu3mela5njyhpit4_secret_el9ksDkiB8hi6j9N78yo",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
    }
}
