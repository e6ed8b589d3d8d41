//! `with_response()`: the status, the headers and the vendor's request id of a call that
//! succeeded, beside its decoded body.

use payintent_tests::{fixture, reply};

use super::{HYPERSWITCH_API_KEY, hyperswitch, paytree};

/// Hyperswitch's router sends the id it logged the request under in `x-request-id`.
#[tokio::test]
async fn hyperswitch_gives_its_request_id() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server.mock("GET", "/payments/pay_1").match_header("api-key", HYPERSWITCH_API_KEY),
        200,
        "application/json",
        fixture("hyperswitch", "PaymentsResponse.json"),
    )
    .with_header("x-request-id", "0197a6f4-52c1-7d40-b1c3-5a8e2f0d9c11")
    .with_header("x-hyperswitch-version", "2025.05.20.0")
    .expect(1)
    .create_async()
    .await;
    let options = hyperswitch::models::PaymentRetrieveBody::new();
    let response =
        hyperswitch(&server).payments_api().retrieve_a_payment("pay_1", &options).with_response().await.unwrap();
    mock.assert_async().await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("0197a6f4-52c1-7d40-b1c3-5a8e2f0d9c11"));
    assert_eq!(response.headers()["x-hyperswitch-version"], "2025.05.20.0");
    assert_eq!(response.body().payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    let payment = response.into_body();
    assert_eq!(payment.amount, 6540);
}

/// Paytree names no request-id header: `x-request-id` is read when a response carries it, and
/// there is none otherwise. The status is the one sent (201 for a create).
#[tokio::test]
async fn a_vendor_without_a_request_id_header_falls_back_to_x_request_id() {
    let mut server = mockito::Server::new_async().await;
    let created = || fixture("paytree", "PaymentIntentPostResponseSchema.json");
    let with_id = reply(
        server.mock("GET", "/v1/transaction/payment_intent/with-id/"),
        200,
        "application/json",
        fixture("paytree", "PaymentIntent.json"),
    )
    .with_header("x-request-id", "req-77")
    .expect(1)
    .create_async()
    .await;
    let without_id = reply(server.mock("POST", "/v1/transaction/payment_intent/"), 201, "application/json", created())
        .expect(1)
        .create_async()
        .await;
    let client = paytree(&server);
    let api = client.transaction_api();
    let response = api.transaction_payment_intent_retrieve("with-id").with_response().await.unwrap();
    assert_eq!((response.status(), response.request_id()), (200, Some("req-77")));

    let request = paytree::models::PaymentIntentCreateRequest::new(
        "order-1042",
        "customer-17",
        "19.99",
        paytree::models::AmountCurrencyEnum::Eur,
        paytree::models::CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
        paytree::models::AddressRequest::new(paytree::models::CountryEnum::Gb),
        paytree::models::SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
        paytree::models::CallbackRequest::new("https://shop.example/return"),
    );
    let response = api.transaction_payment_intent_create(&request).with_response().await.unwrap();
    assert_eq!((response.status(), response.request_id()), (201, None));
    assert_eq!(response.body().id, 1042);
    with_id.assert_async().await;
    without_id.assert_async().await;
}

/// A failed call's status and headers are on its error, as before; `with_response` changes
/// nothing about failures.
#[tokio::test]
async fn a_failed_call_with_response_is_the_same_error() {
    let mut server = mockito::Server::new_async().await;
    let body =
        r#"{"error":{"type":"invalid_request","message":"Payment does not exist in our records","code":"HE_02"}}"#;
    let mock = reply(server.mock("GET", "/payments/pay_404"), 404, "application/json", body)
        .with_header("x-request-id", "req-404")
        .expect(1)
        .create_async()
        .await;
    let options = hyperswitch::models::PaymentRetrieveBody::new();
    let error =
        hyperswitch(&server).payments_api().retrieve_a_payment("pay_404", &options).with_response().await.unwrap_err();
    mock.assert_async().await;
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.headers().unwrap()["x-request-id"], "req-404");
    assert_eq!(error.api_error().unwrap().error.code, "HE_02");
}
