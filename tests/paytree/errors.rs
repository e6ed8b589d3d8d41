//! What a caller sees when things go wrong: typed errors, nothing lost, nothing sent when the
//! request cannot be right, no secret in any output.

use std::time::Duration;

use mockito::Matcher;
use payintent_tests::fixture;
use paytree::models::{
    AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, PaymentIntent,
    PaymentIntentCreateRequest, SessionRequest, StatusEnum,
};
use paytree::{Error, InvalidReason};

use super::{TOKEN, client, json_reply};

const RETRIEVE_PATH: &str = "/v1/transaction/payment_intent/abc/";

async fn retrieve(server: &mockito::ServerGuard) -> Result<PaymentIntent, Error> {
    client(server).transaction_api().transaction_payment_intent_retrieve("abc").await
}

#[tokio::test]
async fn a_4xx_with_a_json_body_keeps_status_headers_and_body() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"detail":"Not found."}"#;
    server
        .mock("GET", RETRIEVE_PATH)
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_header("x-request-id", "req-77")
        .with_body(body)
        .create_async()
        .await;

    let error = retrieve(&server).await.unwrap_err();
    assert!(matches!(error, Error::Api(_)));
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
    assert_eq!(error.headers().unwrap()["x-request-id"], "req-77");
    assert!(error.api_error().is_none(), "Paytree declares no error body");
    assert_eq!(error.to_string(), "transaction_payment_intent_retrieve: HTTP 404 Not Found: Not found.");
}

/// Paytree has no error model: whatever the status and body, the body is kept exactly and
/// nothing is typed.
#[tokio::test]
async fn every_error_status_keeps_the_raw_body_untyped() {
    for (status, body) in [
        (400, r#"{"transaction_ref":["transaction payment intent with this transaction ref already exists."]}"#),
        (401, r#"{"detail":"Authentication credentials were not provided."}"#),
        (409, r#"{"detail":"Conflict."}"#),
        (500, "<h1>Server Error (500)</h1>"),
    ] {
        let mut server = mockito::Server::new_async().await;
        json_reply(server.mock("GET", RETRIEVE_PATH), status, body).create_async().await;
        let error = retrieve(&server).await.unwrap_err();
        assert!(matches!(error, Error::Api(_)), "{status}: {error:?}");
        assert_eq!(error.status(), Some(status as u16));
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        assert!(error.api_error().is_none(), "{status}");
    }
}

#[tokio::test]
async fn a_4xx_without_a_body_is_an_api_error_too() {
    let mut server = mockito::Server::new_async().await;
    server.mock("GET", RETRIEVE_PATH).with_status(401).create_async().await;

    let error = retrieve(&server).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.raw_body(), Some(&b""[..]));
    assert_eq!(error.to_string(), "transaction_payment_intent_retrieve: HTTP 401 Unauthorized with an empty body");
}

#[tokio::test]
async fn an_html_error_page_is_kept_raw() {
    let mut server = mockito::Server::new_async().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let mock = server
        .mock("GET", RETRIEVE_PATH)
        .with_status(502)
        .with_header("content-type", "text/html")
        .with_body(page)
        .expect(3)
        .create_async()
        .await;

    // A read is retried on 502 (three attempts by default); the last answer is kept.
    let error = retrieve(&server).await.unwrap_err();
    mock.assert_async().await;
    assert_eq!(error.attempts(), 3);
    assert!(!error.is_outcome_unknown(), "a read changes nothing");
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.raw_body(), Some(page.as_bytes()));
    assert_eq!(
        error.to_string(),
        format!("transaction_payment_intent_retrieve: HTTP 502 Bad Gateway ({} byte body)", page.len())
    );
}

#[tokio::test]
async fn an_html_page_with_200_is_a_decode_error_with_the_body() {
    let mut server = mockito::Server::new_async().await;
    let page = "<html>maintenance</html>";
    server
        .mock("GET", RETRIEVE_PATH)
        .with_status(200)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body(page)
        .create_async()
        .await;

    let error = retrieve(&server).await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("expected a decode error, got {error:?}") };
    assert_eq!(decode.status, 200);
    assert_eq!(&decode.body[..], page.as_bytes());
    assert!(error.to_string().contains("`text/html`"), "{error}");
}

#[tokio::test]
async fn a_wrong_type_names_the_json_path_and_keeps_the_body() {
    let mut server = mockito::Server::new_async().await;
    let mut intent: serde_json::Value = serde_json::from_str(&fixture("paytree", "PaymentIntent.json")).unwrap();
    intent["payment"][0]["refund"][0]["amount"] = serde_json::json!(5);
    let body = intent.to_string();
    json_reply(server.mock("GET", RETRIEVE_PATH), 200, &body).create_async().await;

    let error = retrieve(&server).await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("expected a decode error, got {error:?}") };
    assert_eq!(decode.path, "payment[0].refund[0].amount");
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
    assert!(std::error::Error::source(&error).is_some(), "the serde error is the source");
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error() {
    let mut server = mockito::Server::new_async().await;
    let body = &fixture("paytree", "PaymentIntent.json")[..120];
    json_reply(server.mock("GET", RETRIEVE_PATH), 200, body).create_async().await;

    let error = retrieve(&server).await.unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

#[tokio::test]
async fn unknown_fields_are_ignored_and_unknown_enum_values_kept() {
    let mut server = mockito::Server::new_async().await;
    let mut intent: serde_json::Value = serde_json::from_str(&fixture("paytree", "PaymentIntent.json")).unwrap();
    intent["risk_score"] = serde_json::json!({"value": 12});
    intent["method"] = serde_json::json!("apple_pay");
    intent["payment"][0]["status"] = serde_json::json!("chargeback_pending");
    json_reply(server.mock("GET", RETRIEVE_PATH), 200, intent.to_string()).create_async().await;

    let decoded = retrieve(&server).await.unwrap();
    let Some(StatusEnum::Unknown(status)) = &decoded.payment[0].status else {
        panic!("{:?}", decoded.payment[0].status)
    };
    assert_eq!(status.as_str(), "chargeback_pending");
    assert_eq!(decoded.method.as_ref().map(|method| method.as_str()), Some("apple_pay"));
    let encoded = serde_json::to_value(&decoded).unwrap();
    assert_eq!(encoded["payment"][0]["status"], "chargeback_pending");
    assert_eq!(encoded["method"], "apple_pay");
    assert!(encoded.get("risk_score").is_none());
}

#[tokio::test]
async fn a_missing_credential_fails_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("GET", Matcher::Any).expect(0).create_async().await;

    let client = paytree::Client::builder().base_url(server.url()).build().unwrap();
    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();

    mock.assert_async().await;
    assert!(matches!(error, Error::MissingCredential(_)));
    assert!(error.is_unsent());
    assert_eq!(
        error.to_string(),
        "transaction_payment_intent_retrieve: no credential configured; it accepts tokenAuth or jwtAuth"
    );
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_refused_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("GET", Matcher::Any).expect(0).create_async().await;
    let client = client(&server);
    for id in ["..", ".", ""] {
        let error = client.transaction_api().transaction_payment_intent_retrieve(id).await.unwrap_err();
        let Error::InvalidRequest(invalid) = &error else { panic!("{id:?}: {error:?}") };
        assert!(matches!(invalid.reason, InvalidReason::PathParameter(_)), "{id:?}: {error}");
    }
    mock.assert_async().await;
}

fn invalid_request() -> PaymentIntentCreateRequest {
    PaymentIntentCreateRequest::new(
        "",
        "customer-17",
        "12.345",
        AmountCurrencyEnum::Eur,
        CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
        AddressRequest::new("XX".parse::<CountryEnum>().unwrap()),
        SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
        CallbackRequest::new("https://shop.example/return"),
    )
}

#[tokio::test]
async fn validation_is_opt_in_and_lists_every_violation_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server.mock("POST", "/v1/transaction/payment_intent/"),
        400,
        r#"{"transaction_ref":["This field may not be blank."]}"#,
    )
    .expect(1)
    .create_async()
    .await;

    let validating =
        paytree::Client::builder().base_url(server.url()).token(TOKEN).validate_requests(true).build().unwrap();
    let error = validating.transaction_api().transaction_payment_intent_create(&invalid_request()).await.unwrap_err();
    let Error::InvalidRequest(invalid) = &error else { panic!("{error:?}") };
    let InvalidReason::Validation(violations) = &invalid.reason else { panic!("{error:?}") };
    let shown: Vec<String> = violations.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "transaction_ref: 0 characters, at least 1 required",
            r"amount: does not match `^-?\d{0,8}(?:\.\d{0,2})?$`",
            "address.country: `XX` is not one of the listed values",
        ]
    );

    // Without validation the same request goes out, and the gateway's answer comes back.
    let error =
        client(&server).transaction_api().transaction_payment_intent_create(&invalid_request()).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    mock.assert_async().await;
}

#[tokio::test]
async fn redirects_are_reported_not_followed() {
    let mut server = mockito::Server::new_async().await;
    let elsewhere = server.mock("GET", "/elsewhere").expect(0).create_async().await;
    server
        .mock("GET", RETRIEVE_PATH)
        .with_status(302)
        .with_header("location", &format!("{}/elsewhere", server.url()))
        .create_async()
        .await;

    let error = retrieve(&server).await.unwrap_err();
    assert_eq!(error.status(), Some(302));
    elsewhere.assert_async().await;
}

#[tokio::test]
async fn a_stalled_body_times_out() {
    let mut server = mockito::Server::new_async().await;
    server
        .mock("GET", RETRIEVE_PATH)
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_chunked_body(|writer| {
            writer.write_all(b"{\"id\":")?;
            std::thread::sleep(Duration::from_millis(1500));
            writer.write_all(b"\"abc\"}")
        })
        .create_async()
        .await;

    let client = paytree::Client::builder()
        .base_url(server.url())
        .token(TOKEN)
        .timeout(Duration::from_millis(300))
        .retry(paytree::RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(!error.is_outcome_unknown(), "a read leaves nothing unknown");
    assert!(
        error
            .to_string()
            .starts_with("transaction_payment_intent_retrieve (GET /v1/transaction/payment_intent/{id}/), attempt 1: ")
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = paytree::Client::builder().base_url(format!("http://127.0.0.1:{port}")).token(TOKEN).build().unwrap();
    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    let mut server = mockito::Server::new_async().await;
    json_reply(server.mock("GET", RETRIEVE_PATH), 403, r#"{"detail":"Invalid token."}"#).create_async().await;

    let builder = paytree::Client::builder().base_url(server.url()).token(TOKEN);
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    let card = paytree::models::CardRequest::new().with_number("4111111111111111").with_cvc("737");
    for shown in [builder_debug, format!("{client:?}"), format!("{error:?}"), error.to_string(), format!("{card:?}")] {
        assert!(!shown.contains(TOKEN), "token leaked: {shown}");
        assert!(!shown.contains("4111111111111111") && !shown.contains("737"), "card data leaked: {shown}");
    }
}
