//! Hyperswitch's error body is typed whatever the status: `{"error": {"type", "code", "message",
//! …}}` on 400, 401, 403, 404, 409, 422, 500, 501 and a connector's own status, and the
//! `error_type` variant of a request body the server could not parse.

use hyperswitch::models::{PaymentRetrieveBody, PaymentsCaptureRequest};
use payintent_tests::reply;

use super::client;

#[tokio::test]
async fn a_400_decodes_the_error_object() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"error":{"type":"invalid_request","message":"Missing required param: amount_to_capture","code":"IR_04","payment_id":"pay_1"}}"#;
    reply(server.mock("POST", "/payments/pay_1/capture"), 400, "application/json", body).create_async().await;

    let error = client(&server)
        .payments_api()
        .capture_a_payment("pay_1", &PaymentsCaptureRequest::new().with_amount_to_capture(0))
        .await
        .unwrap_err();
    let typed = error.api_error().expect("typed 400 body");
    assert_eq!((typed.error.kind(), typed.error.code.as_str()), (Some("invalid_request"), "IR_04"));
    assert_eq!(typed.error.payment_id.as_deref(), Some("pay_1"));
    assert_eq!(
        error.to_string(),
        "Capture a Payment: HTTP 400 Bad Request: IR_04: Missing required param: amount_to_capture"
    );
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

/// The bodies Hyperswitch's router writes for each status the spec does not list: `type` from
/// the error's class (`api` for internal errors), `code` from its sub-code and number.
#[tokio::test]
async fn every_status_the_server_answers_with_its_error_object_decodes_typed() {
    let cases = [
        (401, "invalid_request", "IR_01", "API key not provided or invalid API key used", None),
        (403, "invalid_request", "IR_22", "Access forbidden. Not authorized to access this resource payment", None),
        (404, "invalid_request", "HE_02", "Payment does not exist in our records", None),
        (
            409,
            "invalid_request",
            "HE_01",
            "The payment with the specified payment_id already exists in our records",
            Some("pay_1 already exists"),
        ),
        (422, "invalid_request", "IR_06", "client_secret is not a valid parameter", None),
        (500, "api", "HE_00", "Something went wrong", None),
        (501, "invalid_request", "IR_00", "This API is under development and will be made available soon.", None),
    ];
    for (status, kind, code, message, reason) in cases {
        let mut server = mockito::Server::new_async().await;
        let mut object = serde_json::json!({"type": kind, "message": message, "code": code});
        if let Some(reason) = reason {
            object["reason"] = reason.into();
        }
        let body = serde_json::json!({ "error": object }).to_string();
        let mock = reply(server.mock("GET", "/payments/pay_1"), status, "application/json", &body)
            .expect(1)
            .create_async()
            .await;

        let error =
            client(&server).payments_api().retrieve_a_payment("pay_1", &PaymentRetrieveBody::new()).await.unwrap_err();
        mock.assert_async().await;
        assert_eq!(error.status(), Some(status as u16));
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        let typed = error.api_error().unwrap_or_else(|| panic!("{status}: typed body expected"));
        assert_eq!(typed.error.r#type.as_deref(), Some(kind), "{status}");
        assert_eq!(typed.error.error_type, None, "{status}");
        assert_eq!((typed.error.code.as_str(), typed.error.message.as_str()), (code, message), "{status}");
        assert_eq!(typed.error.reason.as_deref(), reason, "{status}");
        assert!(error.to_string().ends_with(&format!(": {code}: {message}")), "{status}: {error}");
    }
}

/// A connector's decline keeps the connector's own status, and names the connector.
#[tokio::test]
async fn a_connector_status_decodes_typed_with_the_connectors_details() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"error":{"type":"connector","message":"card_declined: Your card was declined.","code":"CE_00","connector":"stripe","reason":"generic_decline","connector_transaction_id":"ch_3PqRs2LkdIwHu7ix0a1b2c3d"}}"#;
    reply(server.mock("POST", "/payments/pay_1/capture"), 402, "application/json", body).create_async().await;

    let error = client(&server)
        .payments_api()
        .capture_a_payment("pay_1", &PaymentsCaptureRequest::new().with_amount_to_capture(6540))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(402));
    let typed = error.api_error().expect("typed 402 body");
    assert_eq!((typed.error.kind(), typed.error.code.as_str()), (Some("connector"), "CE_00"));
    assert_eq!(typed.error.connector.as_deref(), Some("stripe"));
    assert_eq!(typed.error.reason.as_deref(), Some("generic_decline"));
    assert_eq!(typed.error.connector_transaction_id.as_deref(), Some("ch_3PqRs2LkdIwHu7ix0a1b2c3d"));
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

/// A body the server cannot parse is answered by its JSON error handler, which names the kind
/// `error_type` rather than `type`.
#[tokio::test]
async fn the_answer_to_an_unparsable_body_decodes_typed_with_error_type() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"error":{"error_type":"invalid_request","message":"Json deserialize error: invalid type: string \"6540\", expected i64 at line 1 column 27","code":"IR_06"}}"#;
    reply(server.mock("POST", "/payments/pay_1/capture"), 400, "application/json", body).create_async().await;

    let error = client(&server)
        .payments_api()
        .capture_a_payment("pay_1", &PaymentsCaptureRequest::new().with_amount_to_capture(6540))
        .await
        .unwrap_err();
    let typed = error.api_error().expect("typed body without `type`");
    assert_eq!(typed.error.r#type, None);
    assert_eq!(typed.error.error_type.as_deref(), Some("invalid_request"));
    assert_eq!(typed.error.kind(), Some("invalid_request"));
    assert_eq!(typed.error.code, "IR_06");
    assert_eq!(
        error.to_string(),
        r#"Capture a Payment: HTTP 400 Bad Request: IR_06: Json deserialize error: invalid type: string "6540", expected i64 at line 1 column 27"#
    );
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

/// A proxy's page in front of Hyperswitch is not its error object: untyped, kept byte for byte.
#[tokio::test]
async fn an_html_error_page_is_not_typed_and_is_kept_exactly() {
    for (status, content_type) in [(500, "text/html; charset=utf-8"), (403, "application/json")] {
        let mut server = mockito::Server::new_async().await;
        let page = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body><center><h1>403 Forbidden</h1></center></body>\r\n</html>\r\n";
        reply(server.mock("GET", "/payments/pay_1"), status, content_type, page).create_async().await;
        let error =
            client(&server).payments_api().retrieve_a_payment("pay_1", &PaymentRetrieveBody::new()).await.unwrap_err();
        assert_eq!(error.status(), Some(status as u16));
        assert!(error.api_error().is_none(), "{status} {content_type}");
        assert_eq!(error.raw_body(), Some(page.as_bytes()));
    }
}

#[tokio::test]
async fn keys_and_card_data_never_show() {
    let mut server = mockito::Server::new_async().await;
    reply(server.mock("POST", "/payments/pay_1/capture"), 401, "application/json", r#"{"error":{"type":"invalid_request","message":"API key not provided or invalid API key used","code":"IR_01"}}"#)
        .create_async()
        .await;
    let client = client(&server);
    let error = client
        .payments_api()
        .capture_a_payment("pay_1", &PaymentsCaptureRequest::new().with_amount_to_capture(1))
        .await
        .unwrap_err();
    let card =
        hyperswitch::models::Card::new("4242424242424242", "10", "25", "123").with_card_holder_name("joseph Doe");
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
