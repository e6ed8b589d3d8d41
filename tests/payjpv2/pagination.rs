//! `all_payment_intents`: every page in order, asked for only as the stream is read, ending
//! cleanly on the last page, an error on a page ending the stream after the intents already
//! yielded, and the options of every page's call.

use mockito::Matcher;
use payjpv2::StreamExt;

use payintent_tests::reply;

use super::{client, intent_json};

fn page(ids: &[&str], has_more: bool) -> String {
    let data: Vec<serde_json::Value> = ids.iter().map(|id| intent_json(id, "succeeded")).collect();
    serde_json::json!({"data": data, "has_more": has_more, "object": "list", "url": "/v2/payment_intents"}).to_string()
}

async fn page_mock(server: &mut mockito::ServerGuard, offset: u32, status: usize, body: String) -> mockito::Mock {
    reply(
        server.mock("GET", "/v2/payment_intents").match_query(Matcher::Exact(format!("limit=2&offset={offset}"))),
        status,
        "application/json",
        body,
    )
    .expect(1)
    .create_async()
    .await
}

#[tokio::test]
async fn walks_three_pages_in_order() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(&mut server, 0, 200, page(&["pi_1", "pi_2"], true)).await;
    let second = page_mock(&mut server, 2, 200, page(&["pi_3", "pi_4"], true)).await;
    let third = page_mock(&mut server, 4, 200, page(&["pi_5"], false)).await;

    let client = client(&server);
    let api = client.payment_intents_api();
    let ids: Vec<String> = api.all_payment_intents(Some(2)).map(|intent| intent.unwrap().id).collect().await;

    assert_eq!(ids, ["pi_1", "pi_2", "pi_3", "pi_4", "pi_5"]);
    for mock in [first, second, third] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_stream_after_page_one() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(&mut server, 0, 200, page(&["pi_1", "pi_2"], true)).await;
    let second =
        page_mock(&mut server, 2, 500, r#"{"type":"about:blank","title":"Server Error","status":500}"#.into()).await;
    let never = server
        .mock("GET", "/v2/payment_intents")
        .match_query(Matcher::Regex("offset=4".into()))
        .expect(0)
        .create_async()
        .await;

    let client = client(&server);
    let api = client.payment_intents_api();
    let mut intents = std::pin::pin!(api.all_payment_intents(Some(2)));
    assert_eq!(intents.next().await.unwrap().unwrap().id, "pi_1");
    assert_eq!(intents.next().await.unwrap().unwrap().id, "pi_2");
    let error = intents.next().await.unwrap().unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert!(intents.next().await.is_none(), "the stream ends after the error");

    first.assert_async().await;
    second.assert_async().await;
    never.assert_async().await;
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_if_it_claims_more() {
    let mut server = mockito::Server::new_async().await;
    let only = reply(
        server.mock("GET", "/v2/payment_intents").match_query(Matcher::Exact("offset=0".into())),
        200,
        "application/json",
        page(&[], true),
    )
    .expect(1)
    .create_async()
    .await;
    let client = client(&server);
    let count = client.payment_intents_api().all_payment_intents(None).count().await;
    assert_eq!(count, 0);
    only.assert_async().await;
}

#[test]
fn the_stream_can_move_to_another_task() {
    fn assert_send<T: Send>(_: &T) {}
    let client = payjpv2::Client::builder().secret_key("sk_test_x").build().unwrap();
    assert_send(&client.payment_intents_api().all_payment_intents(None));
}

#[tokio::test]
async fn a_page_is_asked_for_only_when_the_stream_is_read_past_the_one_before() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(&mut server, 0, 200, page(&["pi_1", "pi_2"], true)).await;
    let never = server
        .mock("GET", "/v2/payment_intents")
        .match_query(Matcher::Regex("offset=2".into()))
        .expect(0)
        .create_async()
        .await;

    let client = client(&server);
    let ids: Vec<String> = client
        .payment_intents_api()
        .all_payment_intents(Some(2))
        .take(2)
        .map(|intent| intent.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["pi_1", "pi_2"]);
    first.assert_async().await;
    never.assert_async().await;
}

#[tokio::test]
async fn configure_sets_the_credential_and_header_of_every_page() {
    const MERCHANT_KEY: &str = "sk_test_merchant_7d41c0";
    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for (offset, ids, has_more) in [(0, ["pi_1"], true), (1, ["pi_2"], false)] {
        let mock = server
            .mock("GET", "/v2/payment_intents")
            .match_query(Matcher::Exact(format!("limit=1&offset={offset}")))
            .match_header("authorization", format!("Bearer {MERCHANT_KEY}").as_str())
            .match_header("x-page-source", "export")
            .match_header("idempotency-key", Matcher::Missing);
        mocks.push(reply(mock, 200, "application/json", page(&ids, has_more)).expect(1).create_async().await);
    }

    let client = client(&server);
    let stream = client.payment_intents_api().all_payment_intents_with(Some(1), |page| {
        page.credential(payjpv2::Credential::secret_key(MERCHANT_KEY)).header("x-page-source", "export")
    });
    let ids: Vec<String> = stream.map(|intent| intent.unwrap().id).collect().await;
    assert_eq!(ids, ["pi_1", "pi_2"]);
    for mock in mocks {
        mock.assert_async().await;
    }
}
