//! `all_payments`: the query of every page on the wire (the cursor, the caller's filters, the
//! page size grown by the payments the server repeats), those repeats left out, the end of the
//! walk, an error or a cursor that cannot move as the stream's last item, and the options of
//! every page's call.

use hyperswitch::apis::ListAllPaymentsParams;
use hyperswitch::models::PaymentsResponse;
use hyperswitch::{Credential, Error, InvalidReason, Stream, StreamExt};
use mockito::Matcher;
use payintent_tests::reply;

use super::{API_KEY, client, payment};

const LIST: &str = "/payments/list";

/// A payment as the server lists it: the fixture, with this id and creation time.
fn listed(id: &str, created: &str) -> serde_json::Value {
    let mut payment: serde_json::Value = serde_json::from_str(&payment()).unwrap();
    payment["payment_id"] = id.into();
    payment["created"] = created.into();
    payment
}

/// A page as the server writes it: `size` is the number of payments on it.
fn page(payments: &[(&str, &str)]) -> String {
    let data: Vec<_> = payments.iter().map(|(id, created)| listed(id, created)).collect();
    serde_json::json!({"size": data.len(), "data": data}).to_string()
}

/// A `GET /payments/list` with exactly `query` (none when empty), sent once with the client's
/// secret key.
async fn page_mock(server: &mut mockito::ServerGuard, query: &str, status: usize, body: String) -> mockito::Mock {
    let mock = server
        .mock("GET", LIST)
        .match_query(if query.is_empty() { Matcher::Missing } else { Matcher::Exact(query.into()) })
        .match_header("api-key", API_KEY)
        .match_header("accept", "application/json")
        .match_body(Matcher::Exact(String::new()));
    reply(mock, status, "application/json", body).expect(1).create_async().await
}

/// The ids of every payment of `stream`, which must have no error.
async fn ids(stream: impl Stream<Item = Result<PaymentsResponse, Error>>) -> Vec<String> {
    stream.map(|payment| payment.unwrap().payment_id).collect().await
}

#[tokio::test]
async fn each_page_starts_at_the_last_payment_yielded_with_the_callers_filters() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(
        &mut server,
        "customer_id=cus_1&limit=2&created.gt=2025-05-01T00%3A00%3A00Z",
        200,
        page(&[("pay_5", "2025-05-20T10:00:05.000Z"), ("pay_4", "2025-05-20T10:00:04.000Z")]),
    )
    .await;
    // The server's `ending_before` keeps the payments created at its payment's time or earlier:
    // the cursor payment comes again first, so the page asks for one more.
    let second = page_mock(
        &mut server,
        "customer_id=cus_1&ending_before=pay_4&limit=3&created.gt=2025-05-01T00%3A00%3A00Z",
        200,
        page(&[
            ("pay_4", "2025-05-20T10:00:04.000Z"),
            ("pay_3", "2025-05-20T10:00:03.000Z"),
            ("pay_2", "2025-05-20T10:00:02.000Z"),
        ]),
    )
    .await;
    let last = page_mock(
        &mut server,
        "customer_id=cus_1&ending_before=pay_2&limit=3&created.gt=2025-05-01T00%3A00%3A00Z",
        200,
        page(&[("pay_2", "2025-05-20T10:00:02.000Z")]),
    )
    .await;

    let params =
        ListAllPaymentsParams::new().with_customer_id("cus_1").with_limit(2).with_created_gt("2025-05-01T00:00:00Z");
    let api = client(&server).payments_api();
    let stream = api.all_payments(&params);
    // The stream owns its API value: it outlives the one it came from.
    drop(api);
    assert_eq!(ids(stream).await, ["pay_5", "pay_4", "pay_3", "pay_2"]);
    for mock in [first, second, last] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn a_short_page_does_not_end_the_walk_a_page_with_nothing_new_does() {
    let mut server = mockito::Server::new_async().await;
    // Two of three: the server leaves out a payment whose attempt is missing.
    let first = page_mock(
        &mut server,
        "limit=3",
        200,
        page(&[("pay_4", "2025-05-20T10:00:04.000Z"), ("pay_3", "2025-05-20T10:00:03.000Z")]),
    )
    .await;
    let second = page_mock(
        &mut server,
        "ending_before=pay_3&limit=4",
        200,
        page(&[("pay_3", "2025-05-20T10:00:03.000Z"), ("pay_1", "2025-05-20T10:00:01.000Z")]),
    )
    .await;
    let last =
        page_mock(&mut server, "ending_before=pay_1&limit=4", 200, page(&[("pay_1", "2025-05-20T10:00:01.000Z")]))
            .await;

    let stream = client(&server).payments_api().all_payments(&ListAllPaymentsParams::new().with_limit(3));
    assert_eq!(ids(stream).await, ["pay_4", "pay_3", "pay_1"]);
    for mock in [first, second, last] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn an_empty_first_page_is_the_whole_list() {
    let mut server = mockito::Server::new_async().await;
    let only = page_mock(&mut server, "customer_id=cus_none", 200, page(&[])).await;
    let stream =
        client(&server).payments_api().all_payments(&ListAllPaymentsParams::new().with_customer_id("cus_none"));
    assert!(ids(stream).await.is_empty());
    only.assert_async().await;
}

#[tokio::test]
async fn without_a_limit_pages_hold_the_servers_ten_new_payments() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(&mut server, "", 200, page(&[("pay_1", "2025-05-20T10:00:01.000Z")])).await;
    let last =
        page_mock(&mut server, "ending_before=pay_1&limit=11", 200, page(&[("pay_1", "2025-05-20T10:00:01.000Z")]))
            .await;
    let stream = client(&server).payments_api().all_payments(&ListAllPaymentsParams::new());
    assert_eq!(ids(stream).await, ["pay_1"]);
    first.assert_async().await;
    last.assert_async().await;
}

#[tokio::test]
async fn payments_created_in_the_cursors_instant_are_left_out_in_any_order() {
    let mut server = mockito::Server::new_async().await;
    let tied = "2025-05-20T10:00:02.500Z";
    let first = page_mock(
        &mut server,
        "limit=3",
        200,
        page(&[("pay_a", "2025-05-20T10:00:03.000Z"), ("pay_b", tied), ("pay_c", tied)]),
    )
    .await;
    // `pay_b` was created in the cursor's instant: it comes again too (here, after the cursor),
    // so the page asks for two more.
    let second = page_mock(
        &mut server,
        "ending_before=pay_c&limit=5",
        200,
        page(&[("pay_c", tied), ("pay_b", tied), ("pay_d", "2025-05-20T10:00:01.000Z")]),
    )
    .await;
    let last =
        page_mock(&mut server, "ending_before=pay_d&limit=4", 200, page(&[("pay_d", "2025-05-20T10:00:01.000Z")]))
            .await;

    let stream = client(&server).payments_api().all_payments(&ListAllPaymentsParams::new().with_limit(3));
    assert_eq!(ids(stream).await, ["pay_a", "pay_b", "pay_c", "pay_d"]);
    for mock in [first, second, last] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn the_cursor_stands_in_for_the_upper_time_bounds_and_created_stays_a_lower_bound() {
    let mut server = mockito::Server::new_async().await;
    // `created.lte` would override `ending_before` on the server: from the second page on, the
    // cursor (created within the bound) takes its place; the lower bound stays.
    let first = page_mock(
        &mut server,
        "limit=1&created.gt=2025-05-01T00%3A00%3A00Z&created.lte=2025-06-01T00%3A00%3A00Z",
        200,
        page(&[("pay_2", "2025-05-20T10:00:02.000Z")]),
    )
    .await;
    let second = page_mock(
        &mut server,
        "ending_before=pay_2&limit=2&created.gt=2025-05-01T00%3A00%3A00Z",
        200,
        page(&[("pay_2", "2025-05-20T10:00:02.000Z")]),
    )
    .await;
    // `created` is both bounds: its lower half goes on as `created.gte`.
    let at = "2025-05-20T10:00:00.000Z";
    let exact =
        page_mock(&mut server, "limit=1&created=2025-05-20T10%3A00%3A00.000Z", 200, page(&[("pay_9", at)])).await;
    let exact_next = page_mock(
        &mut server,
        "ending_before=pay_9&limit=2&created.gte=2025-05-20T10%3A00%3A00.000Z",
        200,
        page(&[("pay_9", at)]),
    )
    .await;

    let api = client(&server).payments_api();
    let bounded = ListAllPaymentsParams::new()
        .with_limit(1)
        .with_created_gt("2025-05-01T00:00:00Z")
        .with_created_lte("2025-06-01T00:00:00Z");
    assert_eq!(ids(api.all_payments(&bounded)).await, ["pay_2"]);
    assert_eq!(ids(api.all_payments(&ListAllPaymentsParams::new().with_limit(1).with_created(at))).await, ["pay_9"]);
    for mock in [first, second, exact, exact_next] {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_stream_after_page_one() {
    let mut server = mockito::Server::new_async().await;
    let first = page_mock(
        &mut server,
        "limit=2",
        200,
        page(&[("pay_2", "2025-05-20T10:00:02.000Z"), ("pay_1", "2025-05-20T10:00:01.000Z")]),
    )
    .await;
    let error = r#"{"error":{"type":"server_not_available","message":"Something went wrong","code":"HE_00"}}"#;
    // Asked once: a 500 is not retried, and nothing is asked for after it.
    let second = page_mock(&mut server, "ending_before=pay_1&limit=3", 500, error.into()).await;

    let mut payments =
        std::pin::pin!(client(&server).payments_api().all_payments(&ListAllPaymentsParams::new().with_limit(2)));
    assert_eq!(payments.next().await.unwrap().unwrap().payment_id, "pay_2");
    assert_eq!(payments.next().await.unwrap().unwrap().payment_id, "pay_1");
    let error = payments.next().await.unwrap().unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert!(payments.next().await.is_none(), "the stream ends after the error");
    first.assert_async().await;
    second.assert_async().await;
}

#[tokio::test]
async fn more_payments_of_one_instant_than_the_server_sends_end_the_stream_with_an_error() {
    let mut server = mockito::Server::new_async().await;
    let instant = "2025-05-20T10:00:00.000Z";
    let tied: Vec<String> = (0..100).map(|n| format!("pay_{n:03}")).collect();
    let payments: Vec<(&str, &str)> = tied.iter().map(|id| (id.as_str(), instant)).collect();
    let first = page_mock(&mut server, "limit=100", 200, page(&payments)).await;
    // Asked from the last of them, the server sends the same hundred (in another order): the
    // cursor cannot get past them.
    let reversed: Vec<(&str, &str)> = payments.iter().rev().copied().collect();
    let second = page_mock(&mut server, "ending_before=pay_099&limit=100", 200, page(&reversed)).await;

    let stream = client(&server).payments_api().all_payments(&ListAllPaymentsParams::new().with_limit(100));
    let items: Vec<_> = stream.collect().await;
    assert_eq!(items.len(), 101);
    let yielded: Vec<&str> = items[..100].iter().map(|payment| payment.as_ref().unwrap().payment_id.as_str()).collect();
    assert_eq!(yielded, tied);
    let error = items[100].as_ref().unwrap_err();
    match error {
        Error::InvalidRequest(invalid) => assert!(matches!(invalid.reason, InvalidReason::NextPage(_)), "{error}"),
        other => panic!("unexpected: {other}"),
    }
    assert!(error.is_unsent(), "{error}");
    assert!(error.to_string().contains("created in one instant"), "{error}");
    first.assert_async().await;
    second.assert_async().await;
}

#[tokio::test]
async fn configure_sets_the_credential_and_header_of_every_page() {
    const MERCHANT_KEY: &str = "snd_merchant_0f3a9c";
    let mut server = mockito::Server::new_async().await;
    let (newer, older) = (("pay_2", "2025-05-20T10:00:02.000Z"), ("pay_1", "2025-05-20T10:00:01.000Z"));
    let mut mocks = Vec::new();
    for (query, body) in [
        ("limit=1", page(&[newer])),
        ("ending_before=pay_2&limit=2", page(&[newer, older])),
        ("ending_before=pay_1&limit=2", page(&[older])),
    ] {
        let mock = server
            .mock("GET", LIST)
            .match_query(Matcher::Exact(query.into()))
            .match_header("api-key", MERCHANT_KEY)
            .match_header("x-page-source", "export")
            .match_header("idempotency-key", Matcher::Missing);
        mocks.push(reply(mock, 200, "application/json", body).expect(1).create_async().await);
    }

    let stream =
        client(&server).payments_api().all_payments_with(&ListAllPaymentsParams::new().with_limit(1), |page| {
            page.credential(Credential::api_key(MERCHANT_KEY)).header("x-page-source", "export")
        });
    assert_eq!(ids(stream).await, ["pay_2", "pay_1"]);
    for mock in mocks {
        mock.assert_async().await;
    }
}

#[test]
fn the_stream_can_move_to_another_task() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let client = hyperswitch::Client::builder().api_key("snd_x").build().unwrap();
    assert_send(&client.payments_api().all_payments(&ListAllPaymentsParams::new()));
}
