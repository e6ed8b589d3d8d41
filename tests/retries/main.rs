//! The retry rules on the wire, one deterministic case each: `Retry-After` waited for (seconds
//! and HTTP-date) or, when too long, ending the retries; the overall timeout; retries off and
//! timeouts for a whole client or for one call;
//! and which writes may be repeated after a 502–504 — a create with its de-duplication key or
//! an idempotency key, never one without — while a 429 or a refused connection, which prove
//! nothing ran, are always retried.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant, SystemTime};

use mockito::{Matcher, Mock, ServerGuard};
use payintent_runtime::{Error, ErrorModel, Outcome, RetryPolicy};
use payintent_tests::fault::fast_retry_policy;

const PAYTREE_TOKEN: &str = "pt_test_retries";
const PAYTREE_RETRIEVE: &str = "/v1/transaction/payment_intent/abc/";

/// `count` answers of `status` (with `headers`) at `method path`, then the mocks after them.
async fn answer(
    server: &mut ServerGuard,
    (method, path): (&str, &str),
    status: usize,
    headers: &[(&str, &str)],
    count: usize,
) -> Mock {
    let mut mock =
        server.mock(method, path).match_query(Matcher::Any).with_status(status).with_body(r#"{"detail":"busy"}"#);
    for (name, value) in headers {
        mock = mock.with_header(*name, value);
    }
    mock.expect(count).create_async().await
}

async fn ok(server: &mut ServerGuard, (method, path): (&str, &str), fixture: (&str, &str), count: usize) -> Mock {
    server
        .mock(method, path)
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(payintent_tests::fixture(fixture.0, fixture.1))
        .expect(count)
        .create_async()
        .await
}

fn paytree(url: &str, policy: RetryPolicy) -> paytree::Client {
    paytree::Client::builder().base_url(url).token(PAYTREE_TOKEN).retry(policy).build().unwrap()
}

fn attempts_and_outcome<E: ErrorModel>(error: &Error<E>) -> (u32, bool) {
    (error.attempts(), error.is_outcome_unknown())
}

/// How long a read took that was answered `status` with `Retry-After: retry_after`, then 200.
async fn time_to_success_after(status: usize, retry_after: &str) -> Duration {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("GET", PAYTREE_RETRIEVE), status, &[("retry-after", retry_after)], 1).await;
    let done = ok(&mut server, ("GET", PAYTREE_RETRIEVE), ("paytree", "PaymentIntent.json"), 1).await;
    let started = Instant::now();
    let api = paytree(&server.url(), fast_retry_policy());
    api.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap();
    busy.assert_async().await;
    done.assert_async().await;
    started.elapsed()
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_for() {
    let took = time_to_success_after(503, "1").await;
    // The policy's own backoff is 1–4 ms: only the header explains a wait of a second.
    assert!(took >= Duration::from_secs(1), "retried after {took:?}");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let took = time_to_success_after(429, &date).await;
    // The date has whole seconds: two seconds ahead is at least one second away.
    assert!(took >= Duration::from_millis(900), "retried after {took:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_policy_ends_the_retries() {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("GET", PAYTREE_RETRIEVE), 503, &[("retry-after", "3600")], 1).await;
    let policy = fast_retry_policy().max_retry_after(Duration::from_secs(30));
    let error =
        paytree(&server.url(), policy).transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    assert_eq!((error.status(), error.attempts()), (Some(503), 1), "{error}");
    busy.assert_async().await;
}

#[tokio::test]
async fn retries_can_be_turned_off_for_a_client_or_for_one_call() {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("GET", PAYTREE_RETRIEVE), 503, &[], 2).await;
    let error = paytree(&server.url(), RetryPolicy::none())
        .transaction_api()
        .transaction_payment_intent_retrieve("abc")
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    let client = paytree(&server.url(), fast_retry_policy());
    let api = client.transaction_api();
    let call = api.transaction_payment_intent_retrieve("abc").retry(RetryPolicy::none());
    assert_eq!(call.await.unwrap_err().attempts(), 1);
    busy.assert_async().await;
    // The policy was the call's own: the next call through the same API value has the client's
    // four attempts again.
    let busy_again = answer(&mut server, ("GET", PAYTREE_RETRIEVE), 503, &[], 4).await;
    assert_eq!(api.transaction_payment_intent_retrieve("abc").await.unwrap_err().attempts(), 4);
    busy_again.assert_async().await;
}

#[tokio::test]
async fn the_overall_timeout_bounds_every_attempt_and_wait() {
    let (url, held) = payintent_tests::stalled_server().await;
    let client = paytree::Client::builder()
        .base_url(url)
        .token(PAYTREE_TOKEN)
        .timeout(Duration::from_secs(30))
        .overall_timeout(Duration::from_millis(300))
        .retry(RetryPolicy::default().max_attempts(10))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    // Thirty seconds per attempt, ten attempts: only the overall limit ends it this early.
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    held.abort();
}

/// A stalled attempt ended by the client's own `timeout`, with the HTTP client `http` or the
/// one the SDK builds.
async fn ended_by_the_clients_timeout(http: Option<payintent_runtime::__generated::reqwest::Client>) {
    let (url, held) = payintent_tests::stalled_server().await;
    let mut builder = paytree::Client::builder()
        .base_url(url)
        .token(PAYTREE_TOKEN)
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none());
    if let Some(http) = http {
        builder = builder.http_client(http);
    }
    let started = Instant::now();
    let error =
        builder.build().unwrap().transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();
    // The overall limit is two minutes: only the per-attempt timeout ends it this early.
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(error.is_timeout() && !error.is_outcome_unknown(), "{error:?}");
    held.abort();
}

#[tokio::test]
async fn the_clients_timeout_ends_an_attempt() {
    ended_by_the_clients_timeout(None).await;
}

#[tokio::test]
async fn the_clients_timeout_ends_an_attempt_through_a_supplied_http_client() {
    // A client with no timeout of its own: the SDK's still applies.
    ended_by_the_clients_timeout(Some(payintent_runtime::__generated::reqwest::Client::new())).await;
}

#[tokio::test]
async fn a_per_call_timeout_overrides_the_clients() {
    let (url, held) = payintent_tests::stalled_server().await;
    let client =
        paytree::Client::builder().base_url(url).token(PAYTREE_TOKEN).retry(RetryPolicy::none()).build().unwrap();
    let started = Instant::now();
    let call = client.transaction_api().transaction_payment_intent_retrieve("abc").timeout(Duration::from_millis(200));
    let error = call.await.unwrap_err();
    // The client allows 60 s per attempt: only the call's own timeout ends it this early.
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(error.is_timeout() && !error.is_outcome_unknown(), "{error:?}");
    held.abort();
}

#[tokio::test]
async fn a_per_call_overall_timeout_overrides_the_clients() {
    let (url, held) = payintent_tests::stalled_server().await;
    let client = paytree::Client::builder()
        .base_url(url)
        .token(PAYTREE_TOKEN)
        .timeout(Duration::from_secs(30))
        .retry(RetryPolicy::default().max_attempts(10))
        .build()
        .unwrap();
    let started = Instant::now();
    let call = client.transaction_api().transaction_payment_intent_retrieve("abc");
    let error = call.overall_timeout(Duration::from_millis(300)).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    // The client allows 30 s an attempt and 120 s a call: only the call's own limit ends it this early.
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    held.abort();
}

fn hyperswitch(url: &str) -> hyperswitch::Client {
    hyperswitch::Client::builder().base_url(url).api_key("snd_retries").retry(fast_retry_policy()).build().unwrap()
}

fn payment(payment_id: Option<&str>) -> hyperswitch::models::PaymentsCreateRequest {
    let request = hyperswitch::models::PaymentsCreateRequest::new(6540, hyperswitch::models::Currency::Usd);
    match payment_id {
        Some(id) => request.with_payment_id(id),
        None => request,
    }
}

#[tokio::test]
async fn a_create_without_its_key_is_never_repeated_after_a_5xx() {
    for status in [502, 503, 504] {
        let mut server = mockito::Server::new_async().await;
        let busy = answer(&mut server, ("POST", "/payments"), status, &[], 1).await;
        let error = hyperswitch(&server.url()).payments_api().create_a_payment(&payment(None)).await.unwrap_err();
        assert_eq!(attempts_and_outcome(&error), (1, true), "{status}: {error}");
        assert!(error.to_string().contains("outcome is unknown"), "{error}");
        busy.assert_async().await;
    }
}

#[tokio::test]
async fn a_create_with_its_key_is_repeated_until_it_is_answered() {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("POST", "/payments"), 503, &[], 2).await;
    let done = ok(&mut server, ("POST", "/payments"), ("hyperswitch", "PaymentsResponse.json"), 1).await;
    let created = hyperswitch(&server.url()).payments_api().create_a_payment(&payment(Some("pay_order_1042"))).await;
    created.unwrap();
    busy.assert_async().await;
    done.assert_async().await;
}

#[tokio::test]
async fn a_keyed_create_that_never_got_an_answer_stays_unknown() {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("POST", "/payments"), 503, &[], 4).await;
    let error =
        hyperswitch(&server.url()).payments_api().create_a_payment(&payment(Some("pay_order_1042"))).await.unwrap_err();
    // Every attempt may have been processed: the last answer cannot say none was.
    assert_eq!(attempts_and_outcome(&error), (4, true), "{error}");
    busy.assert_async().await;
}

#[tokio::test]
async fn a_429_is_retried_even_for_a_create_without_its_key() {
    let mut server = mockito::Server::new_async().await;
    let limited = answer(&mut server, ("POST", "/payments"), 429, &[("retry-after", "0")], 1).await;
    let done = ok(&mut server, ("POST", "/payments"), ("hyperswitch", "PaymentsResponse.json"), 1).await;
    hyperswitch(&server.url()).payments_api().create_a_payment(&payment(None)).await.unwrap();
    limited.assert_async().await;
    done.assert_async().await;
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_known_to_have_sent_nothing() {
    let url = payintent_tests::closed_port_url().await;
    let error = hyperswitch(&url).payments_api().create_a_payment(&payment(None)).await.unwrap_err();
    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!((transport.attempts, transport.outcome), (4, Outcome::NotSent), "{error}");
    assert!(error.is_unsent() && !error.is_outcome_unknown());
}

#[tokio::test]
async fn payjp_writes_are_repeated_only_with_an_idempotency_key_sent_on_every_attempt() {
    let mut server = mockito::Server::new_async().await;
    let client = payjpv2::Client::builder()
        .base_url(server.url())
        .secret_key("sk_test_retries")
        .retry(fast_retry_policy())
        .build()
        .unwrap();
    let request = payjpv2::models::PaymentIntentCreateRequest::new(1000);

    let unkeyed = server
        .mock("POST", "/v2/payment_intents")
        .match_header("idempotency-key", Matcher::Missing)
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    let error = client.payment_intents_api().create_payment_intent(&request).await.unwrap_err();
    assert_eq!(attempts_and_outcome(&error), (1, true), "{error}");
    unkeyed.assert_async().await;

    let mut keyed = |status: usize| {
        server
            .mock("POST", "/v2/payment_intents")
            .match_header("idempotency-key", "order-1042")
            .with_status(status)
            .with_header("content-type", "application/json")
            .with_body(payintent_tests::fixture("payjpv2", "PaymentIntentResponse.json"))
            .expect(1)
    };
    let busy = keyed(503).create_async().await;
    let done = keyed(200).create_async().await;
    client.payment_intents_api().create_payment_intent(&request).idempotency_key("order-1042").await.unwrap();
    busy.assert_async().await;
    done.assert_async().await;
}

#[tokio::test]
async fn citypay_retrieve_is_a_read_and_is_repeated() {
    let mut server = mockito::Server::new_async().await;
    let busy = answer(&mut server, ("POST", "/v6/intent/retrieve"), 502, &[], 1).await;
    let done =
        ok(&mut server, ("POST", "/v6/intent/retrieve"), ("citypay", "PaymentIntentResponseModel.json"), 1).await;
    let client =
        citypay::Client::builder().base_url(server.url()).api_key("k").retry(fast_retry_policy()).build().unwrap();
    let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444");
    client.payment_intent_api().get_payment_intent(&find).await.unwrap();
    busy.assert_async().await;
    done.assert_async().await;
}
