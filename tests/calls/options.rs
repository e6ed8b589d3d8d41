//! What one call adds to its request — a header, a body member, a query parameter — exactly as
//! it goes on the wire, and what it may never replace: such a call is refused before anything
//! is sent, with the value it was given kept out of the error.

use mockito::Matcher;
use payintent_runtime::InvalidReason;
use payintent_tests::{fixture, reply};
use payjpv2::models::PaymentIntentCreateRequest;

use super::{
    CITYPAY_API_KEY, HYPERSWITCH_API_KEY, PAYJP_ACCEPT, PAYJP_KEY, PAYTREE_TOKEN, citypay, hyperswitch, nothing_sent,
    payjp, payjp_intent, paytree, refusal,
};

#[tokio::test]
async fn an_extra_header_goes_beside_the_sdks_own_which_stay_as_they_were() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v2/payment_intents")
            .match_header("x-request-source", "checkout")
            .match_header("x-partner-ref", "partner-7")
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str())
            .match_header("accept", PAYJP_ACCEPT)
            .match_header("content-type", "application/json")
            .match_header("user-agent", Matcher::Regex(r"^payjpv2/\d+\.\d+\.\d+$".into()))
            .match_header("idempotency-key", Matcher::Missing)
            .match_body(Matcher::Exact(r#"{"amount":1000}"#.into())),
        200,
        "application/json",
        payjp_intent(),
    )
    .expect(1)
    .create_async()
    .await;
    let client = payjp(&server);
    let request = PaymentIntentCreateRequest::new(1000);
    let call = client.payment_intents_api().create_payment_intent(&request);
    call.header("X-Request-Source", "checkout").header("x-partner-ref", "partner-7").await.unwrap();
    mock.assert_async().await;
}

/// A header the SDK writes — each vendor's credential header, the idempotency header, the body's
/// media type, what it accepts, the framing — cannot be set by a call; the value given for it
/// shows nowhere.
#[tokio::test]
async fn a_header_the_sdk_sets_is_refused_before_sending() {
    const VALUE: &str = "attacker-supplied-value";
    let mut server = mockito::Server::new_async().await;
    let none = nothing_sent(&mut server).await;
    let check = |name: &str, reason: &InvalidReason, expected: &str, shown: String| {
        match reason {
            InvalidReason::Header { name: refused, reason } => {
                assert_eq!((refused.as_str(), *reason), (name, expected));
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(!shown.contains(VALUE), "{shown}");
    };

    let request = PaymentIntentCreateRequest::new(1000);
    let api = payjp(&server).payment_intents_api();
    for (name, expected) in [
        ("Authorization", "a credential goes in this header"),
        ("Idempotency-Key", "the idempotency key goes in this header: set it with `idempotency_key(..)`"),
        ("Content-Type", "the SDK sets this header"),
        ("accept", "the SDK sets this header"),
        ("User-Agent", "the SDK sets this header"),
        ("Content-Length", "the SDK sets this header"),
        ("Transfer-Encoding", "the SDK sets this header"),
        ("Host", "the SDK sets this header"),
    ] {
        let error = api.create_payment_intent(&request).header(name, VALUE).await.unwrap_err();
        check(name, refusal(&error), expected, format!("{error:?} {error}"));
    }

    let options = hyperswitch::models::PaymentRetrieveBody::new();
    let call = hyperswitch(&server).payments_api().retrieve_a_payment("pay_1", &options).header("API-KEY", VALUE);
    let error = call.await.unwrap_err();
    check("API-KEY", refusal(&error), "a credential goes in this header", format!("{error:?} {error}"));

    let error =
        paytree(&server).transaction_api().transaction_payment_intent_retrieve("abc").header("authorization", VALUE);
    let error = error.await.unwrap_err();
    check("authorization", refusal(&error), "a credential goes in this header", format!("{error:?} {error}"));

    let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1");
    let error = citypay(&server).payment_intent_api().get_payment_intent(&find).header("cp-api-key", VALUE).await;
    let error = error.unwrap_err();
    check("cp-api-key", refusal(&error), "a credential goes in this header", format!("{error:?} {error}"));

    let error = api.create_payment_intent(&request).header("x-token", "line\nbreak").await.unwrap_err();
    let InvalidReason::Header { reason, .. } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!(*reason, "the value cannot be written in a header");
    let error = api.create_payment_intent(&request).header("bad name", VALUE).await.unwrap_err();
    let InvalidReason::Header { reason, .. } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!(*reason, "not a valid header name");
    none.assert().await;
}

#[tokio::test]
async fn extra_members_join_the_body_after_the_models_own() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v1/transaction/payment_intent/")
            .match_header("authorization", format!("Token {PAYTREE_TOKEN}").as_str())
            .match_body(Matcher::Exact(
                concat!(
                    r#"{"transaction_ref":"order-1042","client_ref":"customer-17","amount":"19.99","#,
                    r#""amount_currency":"EUR","customer":{"first_name":"Ada","last_name":"Lovelace","#,
                    r#""email":"ada@example.com"},"address":{"country":"GB"},"#,
                    r#""session":{"ip_address":"203.0.113.7","user_agent":"Mozilla/5.0"},"#,
                    r#""callback":{"return_url":"https://shop.example/return"},"#,
                    r#""risk_profile":"low","tags":["web",7],"legacy_flow":true}"#
                )
                .into(),
            )),
        201,
        "application/json",
        fixture("paytree", "PaymentIntentPostResponseSchema.json"),
    )
    .expect(1)
    .create_async()
    .await;
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
    paytree(&server)
        .transaction_api()
        .transaction_payment_intent_create(&request)
        .member("risk_profile", "low")
        .member("tags", serde_json::json!(["web", 7]))
        .member("legacy_flow", true)
        .await
        .unwrap();
    mock.assert_async().await;
}

/// A member the model sets keeps the model's value: the call is refused rather than sending
/// either. A member the model leaves unset may be given.
#[tokio::test]
async fn a_member_the_model_sets_is_never_replaced() {
    let mut server = mockito::Server::new_async().await;
    let none = nothing_sent(&mut server).await;
    let api = payjp(&server).payment_intents_api();
    let request = PaymentIntentCreateRequest::new(1000);
    let error = api.create_payment_intent(&request).member("amount", 1).await.unwrap_err();
    let InvalidReason::BodyMember { name, reason } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!((name.as_str(), *reason), ("amount", "the model sets this member; an extra one never replaces it"));

    // A read has no body to put a member in.
    let error = api.retrieve_payment_intent("pi_1").member("expand", "customer").await.unwrap_err();
    let InvalidReason::BodyMember { reason, .. } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!(*reason, "the call sends no body to add it to");

    // CityPay's XML has no place for a member its model does not name.
    let xml = citypay::Client::builder()
        .base_url(server.url())
        .api_key(CITYPAY_API_KEY)
        .format(citypay::Format::Xml)
        .build()
        .unwrap();
    let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1");
    let error = xml.payment_intent_api().get_payment_intent(&find).member("merchantid", 7).await.unwrap_err();
    let InvalidReason::BodyMember { reason, .. } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!(*reason, "extra members go in JSON bodies only, and this call sends XML");
    none.assert().await;
}

#[tokio::test]
async fn a_member_the_model_leaves_unset_is_sent_in_its_place() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/payments/pay_1/capture")
            .match_header("api-key", HYPERSWITCH_API_KEY)
            .match_body(Matcher::Exact(r#"{"amount_to_capture":6540,"statement_descriptor_name":"SHOP*1042"}"#.into())),
        200,
        "application/json",
        fixture("hyperswitch", "PaymentsResponse.json"),
    )
    .expect(1)
    .create_async()
    .await;
    let capture = hyperswitch::models::PaymentsCaptureRequest::new().with_amount_to_capture(6540);
    hyperswitch(&server)
        .payments_api()
        .capture_a_payment("pay_1", &capture)
        .member("statement_descriptor_name", "SHOP*1042")
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn an_extra_query_parameter_follows_the_requests_own() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("GET", "/v2/payment_intents")
            .match_query(Matcher::Exact("limit=25&expand=customer&since=2025-01-01T00%3A00%3A00%2B09%3A00".into()))
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str())
            .match_body(Matcher::Exact(String::new())),
        200,
        "application/json",
        fixture("payjpv2", "PaymentIntentListResponse.json"),
    )
    .expect(1)
    .create_async()
    .await;
    payjp(&server)
        .payment_intents_api()
        .get_all_payment_intent(Some(25), None)
        .query_param("expand", "customer")
        .query_param("since", "2025-01-01T00:00:00+09:00")
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_query_parameter_the_request_sets_is_never_replaced() {
    let mut server = mockito::Server::new_async().await;
    let none = nothing_sent(&mut server).await;
    let api = payjp(&server).payment_intents_api();
    let error = api.get_all_payment_intent(Some(25), None).query_param("limit", 100).await.unwrap_err();
    let InvalidReason::QueryParameter { name, reason } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!((name.as_str(), *reason), ("limit", "the request sets this parameter; an extra one never replaces it"));
    none.assert().await;
}
