//! Error statuses: any error body that decodes as CityPay's `Error` (JSON or XML) is typed,
//! whatever the status; every one keeps its status and raw body.

use citypay::Error;
use citypay::models::FindPaymentIntentRequest;
use payintent_tests::{fixture, reply};

use super::{client, xml_client};

fn find() -> FindPaymentIntentRequest {
    FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444")
}

#[tokio::test]
async fn a_422_decodes_the_error_model_in_json() {
    let mut server = mockito::Server::new_async().await;
    let body = fixture("citypay", "Error.json");
    reply(server.mock("POST", "/v6/intent/retrieve"), 422, "application/json", &body).create_async().await;

    let error = client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap_err();
    let model = error.api_error().expect("typed 422 body");
    assert_eq!(model.code.as_deref(), Some("P001"));
    assert_eq!(model.context.as_deref(), Some("aspen.intent.create"));
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
    assert_eq!(error.to_string(), "GetPaymentIntent: HTTP 422 Unprocessable Entity: P001: Amount is required");
}

#[tokio::test]
async fn a_422_decodes_the_error_model_in_xml() {
    let mut server = mockito::Server::new_async().await;
    let body = "<Error><code>P002</code><identifier>95b857a1</identifier><message>Expired intent</message></Error>";
    reply(server.mock("POST", "/v6/intent/retrieve"), 422, "text/xml", body).create_async().await;

    let error = xml_client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap_err();
    let model = error.api_error().expect("typed 422 body");
    assert_eq!((model.code.as_deref(), model.message.as_deref()), (Some("P002"), Some("Expired intent")));
    assert_eq!(error.to_string(), "GetPaymentIntent: HTTP 422 Unprocessable Entity: P002: Expired intent");
}

/// The spec lists the `Error` model for 422 only; CityPay sends it on other statuses too.
#[tokio::test]
async fn statuses_the_spec_does_not_list_decode_the_error_model_too() {
    for (status, content_type, body, code, message) in [
        (
            400,
            "application/json",
            r#"{"code":"P004","message":"Invalid request","context":"aspen.intent.retrieve"}"#,
            "P004",
            "Invalid request",
        ),
        (
            401,
            "application/json",
            r#"{"code":"P080","message":"Unauthorised","identifier":"95b857a1"}"#,
            "P080",
            "Unauthorised",
        ),
        (403, "text/xml", "<Error><code>P081</code><message>Not permitted</message></Error>", "P081", "Not permitted"),
        (
            500,
            "application/json",
            r#"{"code":"P099","message":"Internal error","response_dt":"2025-05-14T09:31:07Z"}"#,
            "P099",
            "Internal error",
        ),
    ] {
        let mut server = mockito::Server::new_async().await;
        reply(server.mock("POST", "/v6/intent/retrieve"), status, content_type, body).create_async().await;
        let error = client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap_err();
        assert!(matches!(error, Error::Api(_)), "{status}: {error:?}");
        assert_eq!(error.status(), Some(status as u16));
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        let model = error.api_error().unwrap_or_else(|| panic!("{status}: typed body expected"));
        assert_eq!((model.code.as_deref(), model.message.as_deref()), (Some(code), Some(message)), "{status}");
        assert!(error.to_string().ends_with(&format!(": {code}: {message}")), "{status}: {error}");
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_error_model_stays_raw() {
    for (status, content_type, body) in [
        (401, "application/json", ""),
        (500, "application/json", "<html>upstream error</html>"),
        (403, "text/html", "<p>denied</p>"),
    ] {
        let mut server = mockito::Server::new_async().await;
        reply(server.mock("POST", "/v6/intent/retrieve"), status, content_type, body).create_async().await;
        let error = client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap_err();
        assert_eq!(error.status(), Some(status as u16));
        assert!(error.api_error().is_none(), "{status}: {body:?}");
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
    }
}

#[tokio::test]
async fn an_unreadable_422_still_keeps_its_body() {
    let mut server = mockito::Server::new_async().await;
    reply(server.mock("POST", "/v6/intent/retrieve"), 422, "text/html", "<p>nope</p>").create_async().await;
    let error = client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap_err();
    assert_eq!(error.status(), Some(422));
    assert!(error.api_error().is_none());
    assert_eq!(error.raw_body(), Some(&b"<p>nope</p>"[..]));
}

#[tokio::test]
async fn unknown_json_members_are_ignored() {
    let mut server = mockito::Server::new_async().await;
    let mut json: serde_json::Value =
        serde_json::from_str(&fixture("citypay", "PaymentIntentResponseModel.json")).unwrap();
    json["risk"] = serde_json::json!({"score": 3});
    json["transactions"][0]["network_token"] = serde_json::json!(true);
    reply(server.mock("POST", "/v6/intent/retrieve"), 200, "application/json", json.to_string()).create_async().await;
    let intent = client(&server).payment_intent_api().get_payment_intent(&find()).await.unwrap();
    assert_eq!(intent.transactions.unwrap()[0].transno, Some(78_416));
}
