//! API values and calls own what they need: kept in application state, moved into spawned
//! tasks, built from a temporary and awaited later.

use std::future::IntoFuture;

use payintent_tests::reply;

use super::{PAYJP_KEY, payjp, payjp_intent};

fn sendable<T: Send + Sync + 'static>(_: &T) {}

#[tokio::test]
async fn an_api_value_moves_into_a_spawned_task_and_outlives_its_client() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("GET", "/v2/payment_intents/pi_1")
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str()),
        200,
        "application/json",
        payjp_intent(),
    )
    .expect(2)
    .create_async()
    .await;
    let client = payjp(&server);
    let api = client.payment_intents_api();
    drop(client);
    sendable(&api);
    let first = tokio::spawn({
        let api = api.clone();
        async move { api.retrieve_payment_intent("pi_1").await }
    });
    let second = tokio::spawn(async move { api.retrieve_payment_intent("pi_1").await });
    first.await.unwrap().unwrap();
    second.await.unwrap().unwrap();
    mock.assert_async().await;
}

/// A call borrows only its arguments: built from a temporary API value, stored, awaited later;
/// a hand-written request borrows nothing and runs as a spawned future.
#[tokio::test]
async fn a_call_is_a_value_that_runs_when_awaited() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(server.mock("GET", "/v2/payment_intents/pi_1"), 200, "application/json", payjp_intent())
        .expect(1)
        .create_async()
        .await;
    let custom = reply(server.mock("GET", "/v2/balances"), 200, "application/json", r#"{"object":"list","data":[]}"#)
        .expect(1)
        .create_async()
        .await;
    let client = payjp(&server);
    let call = client.payment_intents_api().retrieve_payment_intent("pi_1");
    // Nothing is sent until it is awaited.
    assert!(!mock.matched_async().await);
    let intent = call.await.unwrap();
    assert_eq!(intent.id, "pi_1Ab2Cd3");
    mock.assert_async().await;

    let request = client.request(payjpv2::Method::GET, "/v2/balances");
    let balances = tokio::spawn(request.into_future()).await.unwrap().unwrap();
    assert_eq!(balances["object"], "list");
    custom.assert_async().await;
}
