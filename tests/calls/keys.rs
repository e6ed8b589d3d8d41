//! PAY.JP's idempotency key belongs to one call: it goes on that call and every retry of it,
//! never on the next call through the same API value, and never on a read.

use std::time::Duration;

use mockito::{Matcher, ServerGuard};
use payintent_tests::fault::fast_retry_policy;
use payintent_tests::reply;
use payjpv2::models::PaymentIntentCreateRequest;

use super::{PAYJP_KEY, payjp_intent};

const CREATE: &str = "/v2/payment_intents";

fn client(server: &ServerGuard) -> payjpv2::Client {
    payjpv2::Client::builder().base_url(server.url()).secret_key(PAYJP_KEY).retry(fast_retry_policy()).build().unwrap()
}

/// A create answered `status` when it carries `key` (`None`: when it carries no key), `count`
/// times.
async fn create_answer(server: &mut ServerGuard, key: Option<&str>, status: usize, count: usize) -> mockito::Mock {
    let key = match key {
        Some(key) => Matcher::Exact(key.to_owned()),
        None => Matcher::Missing,
    };
    reply(server.mock("POST", CREATE).match_header("idempotency-key", key), status, "application/json", payjp_intent())
        .expect(count)
        .create_async()
        .await
}

#[tokio::test]
async fn the_key_goes_on_every_retry_of_its_call_and_not_on_the_next_call() {
    let mut server = mockito::Server::new_async().await;
    let busy = create_answer(&mut server, Some("order-1042-create"), 503, 2).await;
    let created = create_answer(&mut server, Some("order-1042-create"), 200, 1).await;
    let unkeyed = create_answer(&mut server, None, 200, 2).await;

    let client = client(&server);
    let api = client.payment_intents_api();
    let request = PaymentIntentCreateRequest::new(1000);
    api.create_payment_intent(&request).idempotency_key("order-1042-create").await.unwrap();
    busy.assert_async().await;
    created.assert_async().await;

    // The same API value, twice more: the key stayed with the call it was given to.
    api.create_payment_intent(&request).await.unwrap();
    api.create_payment_intent(&PaymentIntentCreateRequest::new(2000)).await.unwrap();
    unkeyed.assert_async().await;
}

/// An API value kept in application state serves create after create; each carries its own key
/// or none, never an earlier one — the mistake a key on the handle made possible.
#[tokio::test]
async fn a_reused_api_value_never_repeats_a_key() {
    struct Checkout {
        payments: payjpv2::apis::PaymentIntentsApi,
    }

    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for order in ["A-1", "A-2", "A-3"] {
        mocks.push(create_answer(&mut server, Some(&format!("order-{order}")), 200, 1).await);
    }
    mocks.push(create_answer(&mut server, None, 200, 1).await);

    let state = Checkout { payments: client(&server).payment_intents_api() };
    for order in ["A-1", "A-2", "A-3"] {
        let request = PaymentIntentCreateRequest::new(1000);
        state.payments.create_payment_intent(&request).idempotency_key(format!("order-{order}")).await.unwrap();
    }
    state.payments.create_payment_intent(&PaymentIntentCreateRequest::new(500)).await.unwrap();
    for mock in mocks {
        mock.assert_async().await;
    }
}

/// Without a key, a create that may have reached PAY.JP is never repeated; with one it is, and
/// a key that never got an answer leaves the outcome unknown.
#[tokio::test]
async fn only_a_keyed_write_is_repeated_after_a_503() {
    let mut server = mockito::Server::new_async().await;
    let unkeyed = create_answer(&mut server, None, 503, 1).await;
    let client = client(&server);
    let api = client.payment_intents_api();
    let error = api.create_payment_intent(&PaymentIntentCreateRequest::new(1000)).await.unwrap_err();
    assert_eq!((error.attempts(), error.is_outcome_unknown()), (1, true), "{error}");
    unkeyed.assert_async().await;

    let keyed = create_answer(&mut server, Some("order-9"), 503, 4).await;
    let error = api.create_payment_intent(&PaymentIntentCreateRequest::new(1000)).idempotency_key("order-9").await;
    let error = error.unwrap_err();
    assert_eq!((error.attempts(), error.is_outcome_unknown()), (4, true), "{error}");
    keyed.assert_async().await;
}

/// The page stream's calls are reads: no key can be given to them, and none is sent, whatever
/// the per-page options.
#[tokio::test]
async fn the_page_stream_never_sends_a_key() {
    use payjpv2::StreamExt;

    let mut server = mockito::Server::new_async().await;
    let page = |offset: usize, has_more: bool| {
        let mut intent: serde_json::Value = serde_json::from_str(&payjp_intent()).unwrap();
        intent["id"] = format!("pi_{offset}").into();
        serde_json::json!({"object": "list", "data": [intent], "has_more": has_more, "url": "/v2/payment_intents"})
            .to_string()
    };
    let mut mocks = Vec::new();
    for (offset, has_more) in [(0, true), (1, false)] {
        let mock = server
            .mock("GET", CREATE)
            .match_query(Matcher::Exact(format!("limit=1&offset={offset}")))
            .match_header("idempotency-key", Matcher::Missing)
            .match_header("x-page-source", "export")
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str());
        mocks.push(reply(mock, 200, "application/json", page(offset, has_more)).expect(1).create_async().await);
    }
    let api = client(&server).payment_intents_api();
    let stream = api.all_payment_intents_with(Some(1), |page| {
        page.header("x-page-source", "export").timeout(Duration::from_secs(5))
    });
    // The stream owns its API value: it outlives the one it came from.
    drop(api);
    let ids: Vec<String> = stream.map(|intent| intent.unwrap().id).collect().await;
    assert_eq!(ids, ["pi_0", "pi_1"]);
    for mock in mocks {
        mock.assert_async().await;
    }
}
