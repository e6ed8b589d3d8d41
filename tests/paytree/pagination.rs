//! `all_payment_intents`: page 1, 2, … on the wire with the caller's filters on every page,
//! the end of the walk (`next: null`, an empty page), an error as the stream's last item, and
//! the options of every page's call.

use mockito::Matcher;
use payintent_tests::fixture;
use paytree::apis::TransactionPaymentIntentListParams;
use paytree::models::PaymentIntent;
use paytree::{Credential, Error, Stream, StreamExt};

use super::{TOKEN, client, json_reply};

const LIST: &str = "/v1/transaction/payment_intent/";

/// An intent as Paytree lists it: the fixture, with this transaction reference.
fn intent(transaction_ref: &str) -> serde_json::Value {
    let mut intent: serde_json::Value = serde_json::from_str(&fixture("paytree", "PaymentIntent.json")).unwrap();
    intent["transaction_ref"] = transaction_ref.into();
    intent
}

/// A page of `refs` out of `count`, with the `next` link the server builds (or `null`).
fn page(refs: &[&str], count: usize, next: Option<&str>) -> String {
    let results: Vec<_> = refs.iter().map(|reference| intent(reference)).collect();
    serde_json::json!({"count": count, "next": next, "previous": null, "results": results}).to_string()
}

/// A `GET` of the list with exactly `query`, sent once with the client's token.
async fn page_mock(server: &mut mockito::ServerGuard, query: &str, status: usize, body: String) -> mockito::Mock {
    let mock = server
        .mock("GET", LIST)
        .match_query(Matcher::Exact(query.into()))
        .match_header("authorization", format!("Token {TOKEN}").as_str())
        .match_header("accept", "application/json")
        .match_body(Matcher::Exact(String::new()));
    json_reply(mock, status, body).expect(1).create_async().await
}

/// The transaction references of every intent of `stream`, which must have no error.
async fn refs(stream: impl Stream<Item = Result<PaymentIntent, Error>>) -> Vec<String> {
    stream.map(|intent| intent.unwrap().transaction_ref).collect().await
}

#[tokio::test]
async fn asks_page_after_page_with_the_callers_filters_until_next_is_null() {
    let mut server = mockito::Server::new_async().await;
    // The `next` links point elsewhere: they are not followed, the next number is asked of the
    // client's server.
    let next = |number: u32| format!("http://internal.paytree:8000{LIST}?client_ref=customer-17&page={number}");
    let filters = |number: u32| format!("client_ref=customer-17&page={number}&search=tea+%26+biscuits");
    let first = page_mock(&mut server, &filters(1), 200, page(&["o-1", "o-2"], 5, Some(&next(2)))).await;
    let second = page_mock(&mut server, &filters(2), 200, page(&["o-3", "o-4"], 5, Some(&next(3)))).await;
    let last = page_mock(&mut server, &filters(3), 200, page(&["o-5"], 5, None)).await;

    let params = TransactionPaymentIntentListParams::new().with_client_ref("customer-17").with_search("tea & biscuits");
    let api = client(&server).transaction_api();
    let stream = api.all_payment_intents(&params);
    // The stream owns its API value: it outlives the one it came from.
    drop(api);
    assert_eq!(refs(stream).await, ["o-1", "o-2", "o-3", "o-4", "o-5"]);
    for mock in [first, second, last] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn starts_at_the_page_the_parameters_name() {
    let mut server = mockito::Server::new_async().await;
    let third =
        page_mock(&mut server, "page=3", 200, page(&["o-5", "o-6"], 7, Some("https://p.example/?page=4"))).await;
    let fourth = page_mock(&mut server, "page=4", 200, page(&["o-7"], 7, None)).await;

    let params = TransactionPaymentIntentListParams::new().with_page(3);
    assert_eq!(refs(client(&server).transaction_api().all_payment_intents(&params)).await, ["o-5", "o-6", "o-7"]);
    third.assert_async().await;
    fourth.assert_async().await;
}

#[tokio::test]
async fn a_single_page_without_next_is_the_whole_list() {
    let mut server = mockito::Server::new_async().await;
    let only = page_mock(&mut server, "page=1&transaction_ref=order-1042", 200, page(&["order-1042"], 1, None)).await;
    let never = server.mock("GET", LIST).match_query(Matcher::Regex("page=2".into())).expect(0).create_async().await;

    let params = TransactionPaymentIntentListParams::new().with_transaction_ref("order-1042");
    assert_eq!(refs(client(&server).transaction_api().all_payment_intents(&params)).await, ["order-1042"]);
    only.assert_async().await;
    never.assert_async().await;
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_if_it_names_a_next_one() {
    let mut server = mockito::Server::new_async().await;
    let only = page_mock(&mut server, "page=1", 200, page(&[], 3, Some("https://p.example/?page=2"))).await;
    let never = server.mock("GET", LIST).match_query(Matcher::Regex("page=2".into())).expect(0).create_async().await;

    let params = TransactionPaymentIntentListParams::new();
    assert!(refs(client(&server).transaction_api().all_payment_intents(&params)).await.is_empty());
    only.assert_async().await;
    never.assert_async().await;
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_stream_after_page_one() {
    let mut server = mockito::Server::new_async().await;
    let first =
        page_mock(&mut server, "page=1", 200, page(&["o-1", "o-2"], 9, Some("https://p.example/?page=2"))).await;
    // Asked once: a 404 is not retried, and nothing is asked for after it.
    let second = page_mock(&mut server, "page=2", 404, r#"{"detail":"Invalid page."}"#.into()).await;
    let never = server.mock("GET", LIST).match_query(Matcher::Regex("page=3".into())).expect(0).create_async().await;

    let params = TransactionPaymentIntentListParams::new();
    let mut intents = std::pin::pin!(client(&server).transaction_api().all_payment_intents(&params));
    assert_eq!(intents.next().await.unwrap().unwrap().transaction_ref, "o-1");
    assert_eq!(intents.next().await.unwrap().unwrap().transaction_ref, "o-2");
    let error = intents.next().await.unwrap().unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.raw_body(), Some(&br#"{"detail":"Invalid page."}"#[..]));
    assert!(intents.next().await.is_none(), "the stream ends after the error");
    first.assert_async().await;
    second.assert_async().await;
    never.assert_async().await;
}

#[tokio::test]
async fn configure_sets_the_credential_header_and_query_of_every_page() {
    const MERCHANT_JWT: &str = "eyJhbGciOiJIUzI1NiJ9.merchant.sig";
    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for (number, body) in [(1, page(&["o-1"], 2, Some("https://p.example/?page=2"))), (2, page(&["o-2"], 2, None))] {
        let mock = server
            .mock("GET", LIST)
            .match_query(Matcher::Exact(format!("client_ref=customer-17&page={number}&ordering=-created")))
            .match_header("authorization", format!("Bearer {MERCHANT_JWT}").as_str())
            .match_header("x-page-source", "export");
        mocks.push(json_reply(mock, 200, body).expect(1).create_async().await);
    }

    let params = TransactionPaymentIntentListParams::new().with_client_ref("customer-17");
    let stream = client(&server).transaction_api().all_payment_intents_with(&params, |page| {
        page.credential(Credential::bearer_token(MERCHANT_JWT))
            .header("x-page-source", "export")
            .query_param("ordering", "-created")
    });
    assert_eq!(refs(stream).await, ["o-1", "o-2"]);
    for mock in mocks {
        mock.assert_async().await;
    }
}

#[test]
fn the_stream_can_move_to_another_task() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let client = paytree::Client::builder().base_url("https://api.paytree.example").token("pt_x").build().unwrap();
    assert_send(&client.transaction_api().all_payment_intents(&TransactionPaymentIntentListParams::new()));
}
