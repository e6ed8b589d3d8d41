//! Errors are RFC 7807 problems, served as `application/problem+json` or `application/json`;
//! both decode into `ErrorResponse` whatever the status (the spec lists 400, 404 and 422), and
//! nothing is lost.

use payjpv2::Error;
use payjpv2::models::{PaymentIntentListResponseObject, PaymentIntentResponseObject, PaymentIntentStatus};

use payintent_tests::reply;

use super::{client, intent_json};

fn problem(status: u16, title: &str, code: &str) -> String {
    serde_json::json!({
        "type": "https://pay.jp/docs/api/#error",
        "title": title,
        "status": status,
        "detail": format!("{title} (pi_missing)"),
        "errors": null,
        "instance": "/v2/payment_intents/pi_missing/cancel",
        "code": code,
        "request_id": "req_4f2a"
    })
    .to_string()
}

#[tokio::test]
async fn every_error_status_decodes_the_problem_and_keeps_its_extra_members() {
    let cases = [
        (400, "Invalid Status", "invalid_status", "application/problem+json"),
        (404, "Not Found", "not_found", "application/problem+json"),
        (422, "Validation Error", "invalid_param", "application/problem+json"),
        (404, "Not Found", "not_found", "application/json"),
        (422, "Validation Error", "invalid_param", "application/json; charset=utf-8"),
    ];
    for (status, title, code, content_type) in cases {
        let mut server = mockito::Server::new_async().await;
        let body = problem(status, title, code);
        reply(server.mock("POST", "/v2/payment_intents/pi_missing/cancel"), status.into(), content_type, &body)
            .create_async()
            .await;

        let error = client(&server).payment_intents_api().cancel_payment_intent("pi_missing", None).await.unwrap_err();

        assert!(matches!(error, Error::Api(_)), "{status}: {error:?}");
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        let problem = error.api_error().unwrap_or_else(|| panic!("{status} {content_type}: typed body"));
        assert_eq!((problem.status, problem.title.as_str()), (i64::from(status), title));
        assert_eq!(problem.additional_properties["code"], code);
        assert_eq!(problem.additional_properties["request_id"], "req_4f2a");
        let reason = http_reason(status);
        assert_eq!(
            error.to_string(),
            format!("CancelPaymentIntent: HTTP {status} {reason}: {code}: {title} (pi_missing)")
        );
        // Re-encoding the typed body gives the gateway's JSON back, extra members included.
        assert_eq!(serde_json::to_value(problem).unwrap(), serde_json::from_str::<serde_json::Value>(&body).unwrap());
    }
}

/// The spec lists the problem for 400, 404 and 422 only; PAY.JP answers with one on others too.
#[tokio::test]
async fn statuses_the_spec_does_not_list_decode_the_problem_too() {
    for (status, title, code) in [
        (401, "Unauthorized", "invalid_key"),
        (409, "Conflict", "in_progress"),
        (500, "Internal Server Error", "server_error"),
    ] {
        let mut server = mockito::Server::new_async().await;
        let body = problem(status, title, code);
        reply(
            server.mock("POST", "/v2/payment_intents/pi_missing/cancel"),
            status.into(),
            "application/problem+json",
            &body,
        )
        .create_async()
        .await;
        let error = client(&server).payment_intents_api().cancel_payment_intent("pi_missing", None).await.unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        let problem = error.api_error().unwrap_or_else(|| panic!("{status}: typed body expected"));
        assert_eq!((problem.status, problem.title.as_str()), (i64::from(status), title));
        assert_eq!(problem.additional_properties["code"], code);
    }
}

#[tokio::test]
async fn a_body_that_is_not_a_problem_stays_raw() {
    for (status, content_type, body) in [
        (500, "text/html", "<html><body>Internal Server Error</body></html>"),
        (401, "application/json", r#"{"message":"Unauthorized"}"#),
    ] {
        let mut server = mockito::Server::new_async().await;
        reply(server.mock("GET", "/v2/payment_intents/pi_1"), status, content_type, body).create_async().await;
        let error = client(&server).payment_intents_api().retrieve_payment_intent("pi_1").await.unwrap_err();
        assert_eq!(error.status(), Some(status as u16));
        assert!(error.api_error().is_none(), "{status}: {body}");
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
    }
}

fn http_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Unprocessable Entity",
    }
}

#[tokio::test]
async fn a_problem_without_detail_shows_its_title() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"type":"about:blank","title":"Not Found","status":404,"detail":null}"#;
    reply(server.mock("GET", "/v2/payment_intents/pi_x"), 404, "application/problem+json", body).create_async().await;
    let error = client(&server).payment_intents_api().retrieve_payment_intent("pi_x").await.unwrap_err();
    assert_eq!(error.to_string(), "RetrievePaymentIntent: HTTP 404 Not Found: Not Found");
}

#[tokio::test]
async fn unknown_statuses_and_constants_are_kept() {
    let mut server = mockito::Server::new_async().await;
    let mut intent = intent_json("pi_1", "requires_review");
    intent["object"] = "payment_intent_v3".into();
    reply(server.mock("GET", "/v2/payment_intents/pi_1"), 200, "application/json", intent.to_string())
        .create_async()
        .await;

    let decoded = client(&server).payment_intents_api().retrieve_payment_intent("pi_1").await.unwrap();
    let PaymentIntentStatus::Unknown(status) = &decoded.status else { panic!("{:?}", decoded.status) };
    assert_eq!(status.as_str(), "requires_review");
    assert!(
        matches!(&decoded.object, Some(PaymentIntentResponseObject::Unknown(value)) if value.as_str() == "payment_intent_v3")
    );
    let encoded = serde_json::to_value(&decoded).unwrap();
    assert_eq!(
        (encoded["status"].as_str(), encoded["object"].as_str()),
        (Some("requires_review"), Some("payment_intent_v3"))
    );
    assert_eq!(PaymentIntentListResponseObject::default().as_str(), "list");
}

#[tokio::test]
async fn the_secret_key_never_shows() {
    let mut server = mockito::Server::new_async().await;
    reply(
        server.mock("GET", "/v2/payment_intents/pi_1"),
        401,
        "application/problem+json",
        problem(401, "Unauthorized", "invalid_key"),
    )
    .create_async()
    .await;
    let builder = payjpv2::Client::builder().base_url(server.url()).secret_key(super::SECRET_KEY);
    let shown_builder = format!("{builder:?}");
    let client = builder.build().unwrap();
    let error = client.payment_intents_api().retrieve_payment_intent("pi_1").await.unwrap_err();
    let intent: payjpv2::models::PaymentIntentResponse =
        serde_json::from_value(intent_json("pi_1", "succeeded")).unwrap();
    for shown in [shown_builder, format!("{client:?}"), format!("{error:?}"), error.to_string(), format!("{intent:?}")]
    {
        assert!(!shown.contains(super::SECRET_KEY), "key leaked: {shown}");
        assert!(!shown.contains("pi_1Ab2Cd3_secret_9Zy8Xw"), "client secret leaked: {shown}");
    }
}
