//! Every operation: the exact request on the wire and the decoded response.

use mockito::Matcher;
use payjpv2::models::{
    CaptureMethod, MetadataValue, PaymentIntentCancelRequest, PaymentIntentCaptureRequest, PaymentIntentConfirmRequest,
    PaymentIntentCreateRequest, PaymentIntentIncrementAuthorizationRequest, PaymentIntentStatus,
    PaymentIntentUpdateRequest, PaymentMethodBillingDetailsRequest, PaymentMethodCardCreateRequest,
    PaymentMethodCreateCardDetailsRequest, PaymentMethodCreateRequest, PaymentMethodPayPayCreateRequest,
};

use payintent_tests::reply;

use super::{ACCEPT, SECRET_KEY, client, intent_json};

/// A mock of `method path` that checks the credential and `Accept`, expects `body` exactly
/// (`None`: no body and no `Content-Type`), and answers 200 with an intent.
async fn expect_call(
    server: &mut mockito::ServerGuard,
    method: &str,
    path: &str,
    body: Option<&str>,
    status: &str,
) -> mockito::Mock {
    let mock = server
        .mock(method, path)
        .match_query(Matcher::Missing)
        .match_header("authorization", format!("Bearer {SECRET_KEY}").as_str())
        .match_header("accept", ACCEPT);
    let mock = match body {
        Some(body) => mock.match_header("content-type", "application/json").match_body(Matcher::Exact(body.into())),
        None => mock.match_header("content-type", Matcher::Missing).match_body(Matcher::Exact(String::new())),
    };
    reply(mock, 200, "application/json", intent_json("pi_1Ab2Cd3", status).to_string()).expect(1).create_async().await
}

#[tokio::test]
async fn create() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"amount":1000,"capture_method":"manual","metadata":{"gift":true,"items":3,"order":"A-1042"}}"#;
    let mock = expect_call(&mut server, "POST", "/v2/payment_intents", Some(body), "requires_payment_method").await;

    let metadata = [
        ("order".to_owned(), MetadataValue::String("A-1042".into())),
        ("items".to_owned(), MetadataValue::Integer(3)),
        ("gift".to_owned(), MetadataValue::Boolean(true)),
    ];
    let request = PaymentIntentCreateRequest::new(1000)
        .with_capture_method(CaptureMethod::Manual)
        .with_metadata(metadata.into_iter().collect::<std::collections::BTreeMap<_, _>>());
    let intent = client(&server).payment_intents_api().create_payment_intent(&request).await.unwrap();

    mock.assert_async().await;
    assert_eq!(intent.status, PaymentIntentStatus::RequiresPaymentMethod);
    assert_eq!(intent.amount, 1000);
    assert_eq!(intent.metadata.unwrap()["items"], MetadataValue::Integer(3));
}

#[tokio::test]
async fn retrieve() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect_call(&mut server, "GET", "/v2/payment_intents/pi_1Ab2Cd3", None, "requires_capture").await;

    let intent = client(&server).payment_intents_api().retrieve_payment_intent("pi_1Ab2Cd3").await.unwrap();

    mock.assert_async().await;
    assert_eq!(intent.id, "pi_1Ab2Cd3");
    assert_eq!(intent.amount_capturable, Some(1000));
    assert_eq!(intent.confirmation_method, None);
    assert!(!intent.livemode);
}

#[tokio::test]
async fn update_sends_the_union_with_its_tag_first() {
    let mut server = mockito::Server::new_async().await;
    let body =
        r#"{"amount":1200,"payment_method_data":{"type":"paypay","billing_details":{"email":"hanako@example.jp"}}}"#;
    let mock =
        expect_call(&mut server, "POST", "/v2/payment_intents/pi_1Ab2Cd3", Some(body), "requires_confirmation").await;

    let paypay = PaymentMethodPayPayCreateRequest::new()
        .with_billing_details(PaymentMethodBillingDetailsRequest::new().with_email("hanako@example.jp"));
    let request = PaymentIntentUpdateRequest::new()
        .with_amount(1200)
        .with_payment_method_data(PaymentMethodCreateRequest::Paypay(paypay));
    let intent = client(&server).payment_intents_api().update_payment_intent("pi_1Ab2Cd3", &request).await.unwrap();

    mock.assert_async().await;
    assert_eq!(intent.status, PaymentIntentStatus::RequiresConfirmation);
}

#[tokio::test]
async fn cancel_with_and_without_a_body() {
    let mut server = mockito::Server::new_async().await;
    let with_body = expect_call(
        &mut server,
        "POST",
        "/v2/payment_intents/pi_1/cancel",
        Some(r#"{"cancellation_reason":"duplicate"}"#),
        "canceled",
    )
    .await;
    let without_body = expect_call(&mut server, "POST", "/v2/payment_intents/pi_2/cancel", None, "canceled").await;

    let api = client(&server);
    let reason = PaymentIntentCancelRequest::new().with_cancellation_reason("duplicate");
    api.payment_intents_api().cancel_payment_intent("pi_1", Some(&reason)).await.unwrap();
    let intent = api.payment_intents_api().cancel_payment_intent("pi_2", None).await.unwrap();

    with_body.assert_async().await;
    without_body.assert_async().await;
    assert_eq!(intent.status, PaymentIntentStatus::Canceled);
}

#[tokio::test]
async fn capture_with_and_without_a_body() {
    let mut server = mockito::Server::new_async().await;
    let partial = expect_call(
        &mut server,
        "POST",
        "/v2/payment_intents/pi_1/capture",
        Some(r#"{"amount_to_capture":800}"#),
        "succeeded",
    )
    .await;
    let whole = expect_call(&mut server, "POST", "/v2/payment_intents/pi_2/capture", None, "succeeded").await;

    let api = client(&server);
    let request = PaymentIntentCaptureRequest::new().with_amount_to_capture(800);
    api.payment_intents_api().capture_payment_intent("pi_1", Some(&request)).await.unwrap();
    api.payment_intents_api().capture_payment_intent("pi_2", None).await.unwrap();

    partial.assert_async().await;
    whole.assert_async().await;
}

#[tokio::test]
async fn confirm_with_card_details_and_without_a_body() {
    let mut server = mockito::Server::new_async().await;
    let body = concat!(
        r#"{"payment_method_data":{"type":"card","billing_details":{"name":"Taro Yamada"},"#,
        r#""card":{"cvc":"123","exp_month":12,"exp_year":2030,"number":"4242424242424242"}}}"#
    );
    let with_card = expect_call(&mut server, "POST", "/v2/payment_intents/pi_1/confirm", Some(body), "succeeded").await;
    let bare = expect_call(&mut server, "POST", "/v2/payment_intents/pi_2/confirm", None, "requires_action").await;

    let card = PaymentMethodCardCreateRequest::new(
        PaymentMethodBillingDetailsRequest::new().with_name("Taro Yamada"),
        PaymentMethodCreateCardDetailsRequest::new("123", 12, 2030, "4242424242424242"),
    );
    let request = PaymentIntentConfirmRequest::new().with_payment_method_data(PaymentMethodCreateRequest::Card(card));
    let api = client(&server);
    api.payment_intents_api().confirm_payment_intent("pi_1", Some(&request)).await.unwrap();
    let intent = api.payment_intents_api().confirm_payment_intent("pi_2", None).await.unwrap();

    with_card.assert_async().await;
    bare.assert_async().await;
    assert_eq!(intent.status, PaymentIntentStatus::RequiresAction);
}

#[tokio::test]
async fn increment_authorization() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect_call(
        &mut server,
        "POST",
        "/v2/payment_intents/pi_1Ab2Cd3/increment_authorization",
        Some(r#"{"amount":1500}"#),
        "requires_capture",
    )
    .await;

    let request = PaymentIntentIncrementAuthorizationRequest::new(1500);
    client(&server).payment_intents_api().increment_authorization_payment_intent("pi_1Ab2Cd3", &request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn get_all_sends_limit_and_offset_only_when_given() {
    let mut server = mockito::Server::new_async().await;
    let list = |has_more: bool| {
        serde_json::json!({"data": [intent_json("pi_1", "succeeded")], "has_more": has_more, "object": "list", "url": "/v2/payment_intents"})
            .to_string()
    };
    let paged = reply(
        server
            .mock("GET", "/v2/payment_intents")
            .match_query(Matcher::Exact("limit=2&offset=4".into()))
            .match_header("authorization", format!("Bearer {SECRET_KEY}").as_str()),
        200,
        "application/json",
        list(true),
    )
    .expect(1)
    .create_async()
    .await;
    let defaults = reply(
        server.mock("GET", "/v2/payment_intents").match_query(Matcher::Missing),
        200,
        "application/json",
        list(false),
    )
    .expect(1)
    .create_async()
    .await;

    let api = client(&server);
    let page = api.payment_intents_api().get_all_payment_intent(Some(2), Some(4)).await.unwrap();
    assert!(page.has_more);
    let page = api.payment_intents_api().get_all_payment_intent(None, None).await.unwrap();
    assert!(!page.has_more);
    assert_eq!(page.data[0].id, "pi_1");

    paged.assert_async().await;
    defaults.assert_async().await;
}
