//! Requests written by hand (`Client::request`), for endpoints the crates have no method for:
//! the client's credentials, retries under the same rule as generated writes, the typed error
//! model, path segments encoded like generated ones, and the body decoded as the caller asks.

use mockito::Matcher;
use payintent_runtime::{Error, InvalidReason, PathParamError};
use payintent_tests::fault::fast_retry_policy;
use payintent_tests::reply;

use super::{
    CITYPAY_API_KEY, HYPERSWITCH_API_KEY, HYPERSWITCH_PUBLISHABLE_KEY, PAYJP_ACCEPT, PAYJP_KEY, nothing_sent, refusal,
};

/// A refund as the test reads it: the caller's own type.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Refund {
    refund_id: String,
    payment_id: String,
    amount: i64,
    status: String,
}

const REFUND: &str = r#"{"refund_id":"ref_1","payment_id":"pay_1","amount":600,"currency":"USD","status":"pending",
    "reason":"customer_request","created_at":"2025-05-20T10:11:12.000Z"}"#;

fn hyperswitch(server: &mockito::ServerGuard) -> hyperswitch::Client {
    hyperswitch::Client::builder()
        .base_url(server.url())
        .api_key(HYPERSWITCH_API_KEY)
        .publishable_key(HYPERSWITCH_PUBLISHABLE_KEY)
        .retry(fast_retry_policy())
        .build()
        .unwrap()
}

fn payjp(server: &mockito::ServerGuard) -> payjpv2::Client {
    payjpv2::Client::builder().base_url(server.url()).secret_key(PAYJP_KEY).retry(fast_retry_policy()).build().unwrap()
}

#[tokio::test]
async fn a_hyperswitch_refund_end_to_end() {
    let mut server = mockito::Server::new_async().await;
    let create = reply(
        server
            .mock("POST", "/refunds")
            .match_query(Matcher::Missing)
            .match_header("api-key", HYPERSWITCH_API_KEY)
            .match_header("accept", "application/json")
            .match_header("content-type", "application/json")
            .match_header("user-agent", Matcher::Regex(r"^hyperswitch/\d+\.\d+\.\d+$".into()))
            .match_body(Matcher::Exact(r#"{"payment_id":"pay_1","amount":600,"reason":"customer_request"}"#.into())),
        200,
        "application/json",
        REFUND,
    )
    .with_header("x-request-id", "0197a6f4-aaaa")
    .expect(1)
    .create_async()
    .await;
    let retrieve = reply(
        server
            .mock("GET", "/refunds/ref_1%2F2")
            .match_query(Matcher::Exact("force_sync=true&merchant=m%261".into()))
            .match_header("api-key", HYPERSWITCH_API_KEY)
            .match_header("content-type", Matcher::Missing)
            .match_body(Matcher::Exact(String::new())),
        200,
        "application/json",
        REFUND,
    )
    .expect(1)
    .create_async()
    .await;

    let client = hyperswitch(&server);
    let body = serde_json::json!({"payment_id": "pay_1", "amount": 600, "reason": "customer_request"});
    let response = client
        .request(hyperswitch::Method::POST, "/refunds")
        .json(&body)
        .returning::<Refund>()
        .with_response()
        .await
        .unwrap();
    assert_eq!(response.request_id(), Some("0197a6f4-aaaa"));
    assert_eq!(
        response.into_body(),
        Refund { refund_id: "ref_1".into(), payment_id: "pay_1".into(), amount: 600, status: "pending".into() }
    );

    #[derive(serde::Serialize)]
    struct Lookup {
        force_sync: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        expand: Option<String>,
    }
    let refund = client
        .request(hyperswitch::Method::GET, "/refunds/{refund_id}")
        .path_param("refund_id", "ref_1/2")
        .query(&Lookup { force_sync: true, expand: None })
        .query_param("merchant", "m&1")
        .await
        .unwrap();
    assert_eq!(refund["status"], "pending");
    create.assert_async().await;
    retrieve.assert_async().await;
}

/// A refusal comes back as the vendor's typed error, named by the request's path template.
#[tokio::test]
async fn a_refusal_decodes_as_the_vendors_error_model() {
    let mut server = mockito::Server::new_async().await;
    let body =
        r#"{"error":{"type":"invalid_request","message":"Refund amount exceeds the payment amount","code":"IR_13"}}"#;
    let mock = reply(server.mock("POST", "/refunds"), 400, "application/json", body).expect(1).create_async().await;
    let error = hyperswitch(&server)
        .request(hyperswitch::Method::POST, "/refunds")
        .json(&serde_json::json!({"payment_id": "pay_1", "amount": 99_999}))
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert_eq!(error.api_error().unwrap().error.code, "IR_13");
    assert_eq!(error.to_string(), "/refunds: HTTP 400 Bad Request: IR_13: Refund amount exceeds the payment amount");
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

/// A `POST` may have created a refund when a 503 answers it: without a key it is sent once, and
/// its outcome is unknown.
#[tokio::test]
async fn a_hand_written_post_without_a_key_is_not_repeated_after_a_503() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(server.mock("POST", "/refunds"), 503, "application/json", "{}").expect(1).create_async().await;
    let error = hyperswitch(&server)
        .request(hyperswitch::Method::POST, "/refunds")
        .json(&serde_json::json!({"payment_id": "pay_1"}))
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert_eq!((error.status(), error.attempts(), error.is_outcome_unknown()), (Some(503), 1, true), "{error}");
}

/// A `GET` changes nothing: a 503 is retried.
#[tokio::test]
async fn a_hand_written_get_is_retried() {
    let mut server = mockito::Server::new_async().await;
    let busy =
        reply(server.mock("GET", "/refunds/ref_1"), 503, "application/json", "{}").expect(2).create_async().await;
    let done =
        reply(server.mock("GET", "/refunds/ref_1"), 200, "application/json", REFUND).expect(1).create_async().await;
    let refund = hyperswitch(&server)
        .request(hyperswitch::Method::GET, "/refunds/{id}")
        .path_param("id", "ref_1")
        .returning::<Refund>()
        .await
        .unwrap();
    assert_eq!(refund.amount, 600);
    busy.assert_async().await;
    done.assert_async().await;
}

/// PAY.JP reads an idempotency key: a hand-written write given one is retried, the key on each
/// attempt, with the `Accept` of PAY.JP's operations; a read refuses one.
#[tokio::test]
async fn a_payjp_write_with_a_key_is_retried_and_a_read_refuses_one() {
    let mut server = mockito::Server::new_async().await;
    let mut keyed = |status: usize| {
        let mock = server
            .mock("POST", "/v2/refunds")
            .match_header("idempotency-key", "refund-pi_1-1")
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str())
            .match_header("accept", PAYJP_ACCEPT)
            .match_body(Matcher::Exact(r#"{"payment_intent":"pi_1","amount":500}"#.into()));
        reply(mock, status, "application/json", r#"{"id":"re_1","object":"refund","amount":500}"#).expect(1)
    };
    let busy = keyed(503).create_async().await;
    let done = keyed(200).create_async().await;
    let client = payjp(&server);
    let refund = client
        .request(payjpv2::Method::POST, "/v2/refunds")
        .json(&serde_json::json!({"payment_intent": "pi_1", "amount": 500}))
        .idempotency_key("refund-pi_1-1")
        .await
        .unwrap();
    assert_eq!(refund["id"], "re_1");
    busy.assert_async().await;
    done.assert_async().await;

    let none = nothing_sent(&mut server).await;
    let error = client.request(payjpv2::Method::GET, "/v2/refunds").idempotency_key("refund-list").await.unwrap_err();
    assert!(
        matches!(refusal(&error), InvalidReason::IdempotencyKey("a read is never sent with an idempotency key")),
        "{error:?}"
    );
    none.assert().await;
}

/// PAY.JP's problem documents decode as its error model on a hand-written request too.
#[tokio::test]
async fn a_payjp_problem_decodes_typed() {
    let mut server = mockito::Server::new_async().await;
    let problem =
        r#"{"type":"https://pay.jp/errors/not-found","title":"Not Found","status":404,"detail":"No such refund"}"#;
    let mock = reply(server.mock("GET", "/v2/refunds/re_404"), 404, "application/problem+json", problem)
        .expect(1)
        .create_async()
        .await;
    let error = payjp(&server).request(payjpv2::Method::GET, "/v2/refunds/re_404").await.unwrap_err();
    mock.assert_async().await;
    let typed = error.api_error().unwrap();
    assert_eq!((typed.title.as_str(), typed.detail.as_deref()), ("Not Found", Some("No such refund")));
}

/// The first credential the client holds goes unless the request picks another; a pick the
/// client does not hold fails before sending, with no other key in its place.
#[tokio::test]
async fn scheme_picks_which_of_the_clients_credentials_goes() {
    let mut server = mockito::Server::new_async().await;
    let secret = reply(
        server.mock("GET", "/customers/cus_1").match_header("api-key", HYPERSWITCH_API_KEY),
        200,
        "application/json",
        "{}",
    )
    .expect(1)
    .create_async()
    .await;
    let publishable = reply(
        server.mock("GET", "/account/payment_methods").match_header("api-key", HYPERSWITCH_PUBLISHABLE_KEY),
        200,
        "application/json",
        "{}",
    )
    .expect(1)
    .create_async()
    .await;
    let client = hyperswitch(&server);
    client.request(hyperswitch::Method::GET, "/customers/cus_1").await.unwrap();
    client
        .request(hyperswitch::Method::GET, "/account/payment_methods")
        .scheme(hyperswitch::Scheme::PublishableKey)
        .await
        .unwrap();
    secret.assert_async().await;
    publishable.assert_async().await;

    let none = nothing_sent(&mut server).await;
    let server_side =
        hyperswitch::Client::builder().base_url(server.url()).api_key(HYPERSWITCH_API_KEY).build().unwrap();
    let error = server_side
        .request(hyperswitch::Method::GET, "/account/payment_methods")
        .scheme(hyperswitch::Scheme::PublishableKey)
        .await
        .unwrap_err();
    let Error::MissingCredential(missing) = &error else { panic!("{error:?}") };
    assert_eq!(missing.accepted, ["publishable_key"]);
    assert!(error.is_unsent());
    none.assert().await;
}

#[tokio::test]
async fn paths_and_query_credentials_are_checked_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let none = nothing_sent(&mut server).await;
    let client = hyperswitch(&server);
    let error = client.request(hyperswitch::Method::GET, "/refunds/{id}").path_param("id", "..").await.unwrap_err();
    assert!(matches!(refusal(&error), InvalidReason::PathParameter(PathParamError::DotSegment("id"))), "{error:?}");
    let error = client.request(hyperswitch::Method::GET, "/refunds/{id}").await.unwrap_err();
    assert!(matches!(refusal(&error), InvalidReason::PathParameter(PathParamError::Missing(name)) if name == "id"));
    let error = client.request(hyperswitch::Method::GET, "refunds").await.unwrap_err();
    assert!(matches!(refusal(&error), InvalidReason::PathParameter(PathParamError::Template("refunds"))));

    // CityPay's domain key travels in the query: a hand-written request may not set that parameter.
    let citypay = citypay::Client::builder()
        .base_url(server.url())
        .api_key(CITYPAY_API_KEY)
        .domain_key("dk_merchant")
        .build()
        .unwrap();
    let error = citypay
        .request(citypay::Method::POST, "/v6/intent/list")
        .query_param("cp-domain-key", "dk_other")
        .await
        .unwrap_err();
    let InvalidReason::QueryParameter { reason, .. } = refusal(&error) else { panic!("{error:?}") };
    assert_eq!(*reason, "a credential goes in this parameter");
    none.assert().await;
}

/// An endpoint that answers with no body: JSON `null`, so `()` and `Option<T>` read it too.
#[tokio::test]
async fn an_empty_answer_reads_as_null() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("DELETE", "/v2/customers/cus_1").with_status(204).expect(3).create_async().await;
    let client = payjp(&server);
    let value = client.request(payjpv2::Method::DELETE, "/v2/customers/cus_1").await.unwrap();
    assert_eq!(value, serde_json::Value::Null);
    client.request(payjpv2::Method::DELETE, "/v2/customers/cus_1").returning::<()>().await.unwrap();
    let none = client.request(payjpv2::Method::DELETE, "/v2/customers/cus_1").returning::<Option<Refund>>().await;
    assert_eq!(none.unwrap(), None);
    mock.assert_async().await;
}

/// A body that is not the type asked for is a decoding error that keeps the body.
#[tokio::test]
async fn a_body_that_is_not_the_type_asked_for_keeps_the_body() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"refund_id":"ref_1","payment_id":"pay_1","amount":"600","status":"pending"}"#;
    let mock =
        reply(server.mock("GET", "/refunds/ref_1"), 200, "application/json", body).expect(1).create_async().await;
    let error = hyperswitch(&server)
        .request(hyperswitch::Method::GET, "/refunds/ref_1")
        .returning::<Refund>()
        .await
        .unwrap_err();
    mock.assert_async().await;
    let Error::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!((decode.path.as_str(), error.raw_body()), ("amount", Some(body.as_bytes())));
}
