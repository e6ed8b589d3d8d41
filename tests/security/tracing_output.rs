//! What tracing records of a call: one `payintent.call` span with the vendor, operation id,
//! method, path template, final status, attempts and duration, and one event per attempt with
//! its number. Never a credential, a filled path (identifiers) or a body.

use std::cell::RefCell;
use std::future::Future;
use std::io::Write;
use std::sync::Once;

use mockito::{Matcher, ServerGuard};
use payintent_tests::fault;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::{assert_no_secret, citypay_builder, hyperswitch_builder, payjp_builder, paytree_builder};

thread_local! {
    /// What the subscriber wrote on this thread while a test traced it.
    static CAPTURED: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Writes into this thread's capture, if a test is tracing it, and drops the text otherwise.
struct ThreadCapture;

impl Write for ThreadCapture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        CAPTURED.with(|captured| {
            if let Some(text) = captured.borrow_mut().as_mut() {
                text.extend_from_slice(bytes);
            }
        });
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One subscriber for the whole test process. tracing caches, per call site, whether any
/// subscriber wants it; with a subscriber per test (`set_default`), a call site first reached
/// on a thread without one can be cached as unwanted while another test is tracing, and its
/// lines are lost. A global subscriber wants every call site, and each test reads the lines of
/// its own thread (a `#[tokio::test]` runs the call on the test's thread).
fn install_subscriber() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| ThreadCapture)
            .with_max_level(tracing::Level::DEBUG)
            .with_span_events(FmtSpan::CLOSE)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber in this test binary");
    });
}

/// Runs `call` traced at debug level and returns the lines this SDK logged.
async fn traced(call: impl Future<Output = ()>) -> String {
    install_subscriber();
    CAPTURED.with(|captured| *captured.borrow_mut() = Some(Vec::new()));
    call.await;
    let text = CAPTURED.with(|captured| captured.borrow_mut().take()).unwrap_or_default();
    let text = String::from_utf8(text).unwrap();
    text.lines().filter(|line| line.contains("payintent.call")).collect::<Vec<_>>().join("\n")
}

/// A 503 (body `OVERLOADED_BODY`), then `body`.
async fn overloaded_then(server: &mut ServerGuard, (method, path): (&str, &str), body: String) -> [mockito::Mock; 2] {
    let overloaded = server
        .mock(method, path)
        .match_query(Matcher::Any)
        .with_status(503)
        .with_body(OVERLOADED_BODY)
        .expect(1)
        .create_async()
        .await;
    let ok = server
        .mock(method, path)
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(body)
        .expect(1)
        .create_async()
        .await;
    [overloaded, ok]
}

const OVERLOADED_BODY: &str = "overloaded-body-marker";

/// The span carries the operation's facts and its outcome; each attempt is numbered; nothing
/// secret, no identifier and no body shows.
fn assert_trace(text: &str, vendor: &str, (operation, method, template): (&str, &str, &str), hidden: &[&str]) {
    let span =
        format!(r#"payintent.call{{vendor="{vendor}" operation="{operation}" method={method} path="{template}""#);
    assert!(text.contains(&span), "no span `{span}` in:\n{text}");
    for expected in ["attempt=1", "sending", "retrying after status", "status=503", "attempt=2"] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    let closed = text.lines().find(|line| line.contains("close")).unwrap_or_else(|| panic!("no close event:\n{text}"));
    for expected in ["status=200", "attempts=2", "duration_ms="] {
        assert!(closed.contains(expected), "`{expected}` missing from the closed span: {closed}");
    }
    assert_no_secret(vendor, text);
    for value in hidden.iter().chain([&OVERLOADED_BODY]) {
        assert!(!text.contains(value), "`{value}` shows in the trace:\n{text}");
    }
}

/// Serves a 503 and then `fixture` at `method path`, traces `call(base_url)` and checks the trace.
async fn assert_traced<Fut>(
    (vendor, fixture): (&str, &str),
    operation: (&str, &str, &str),
    path: &str,
    hidden: &[&str],
    call: impl FnOnce(String) -> Fut,
) where
    Fut: Future<Output = ()>,
{
    let mut server = mockito::Server::new_async().await;
    let body = payintent_tests::fixture(vendor, fixture);
    let mocks = overloaded_then(&mut server, (operation.1, path), body).await;
    let text = traced(call(server.url())).await;
    assert_trace(&text, vendor, operation, hidden);
    for mock in mocks {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn paytree_calls_are_traced() {
    let operation = ("transaction_payment_intent_retrieve", "GET", "/v1/transaction/payment_intent/{id}/");
    let path = "/v1/transaction/payment_intent/pi-4471/";
    assert_traced(("paytree", "PaymentIntent.json"), operation, path, &["pi-4471", "payment_link"], |url| async move {
        let client = paytree_builder(&url).retry(fault::fast_retry_policy()).build().unwrap();
        client.transaction_api().transaction_payment_intent_retrieve("pi-4471").await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn citypay_calls_are_traced() {
    let operation = ("GetPaymentIntent", "POST", "/v6/intent/retrieve");
    let fixture = ("citypay", "PaymentIntentResponseModel.json");
    assert_traced(fixture, operation, operation.2, &["p13t9999888877776666"], |url| async move {
        let client = citypay_builder(&url).retry(fault::fast_retry_policy()).build().unwrap();
        let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t9999888877776666");
        client.payment_intent_api().get_payment_intent(&find).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn payjp_calls_are_traced() {
    let operation = ("RetrievePaymentIntent", "GET", "/v2/payment_intents/{payment_intent_id}");
    let fixture = ("payjpv2", "PaymentIntentResponse.json");
    let path = "/v2/payment_intents/pi_trace_1";
    assert_traced(fixture, operation, path, &["pi_trace_1", "client_secret"], |url| async move {
        let client = payjp_builder(&url).retry(fault::fast_retry_policy()).build().unwrap();
        client.payment_intents_api().retrieve_payment_intent("pi_trace_1").await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn hyperswitch_calls_are_traced() {
    let operation = ("Retrieve a Payment", "GET", "/payments/{payment_id}");
    let fixture = ("hyperswitch", "PaymentsResponse.json");
    assert_traced(fixture, operation, "/payments/pay_trace_1", &["pay_trace_1", "client_secret"], |url| async move {
        let client = hyperswitch_builder(&url).retry(fault::fast_retry_policy()).build().unwrap();
        let options = hyperswitch::models::PaymentRetrieveBody::new().with_client_secret("pay_trace_1_secret_q9");
        client.payments_api().retrieve_a_payment("pay_trace_1", &options).await.unwrap();
    })
    .await;
}

/// A request written by hand is traced like a method: by its path template, never the filled
/// path; its extra header, query parameter and credential show nowhere.
#[tokio::test]
async fn hand_written_requests_are_traced_by_their_template() {
    let operation = ("/v2/refunds/{refund_id}", "GET", "/v2/refunds/{refund_id}");
    let fixture = ("payjpv2", "PaymentIntentResponse.json");
    let hidden = ["re_trace_1", "header-marker-7", "query-marker-7"];
    assert_traced(fixture, operation, "/v2/refunds/re_trace_1", &hidden, |url| async move {
        let client = payjp_builder(&url).retry(fault::fast_retry_policy()).build().unwrap();
        client
            .request(payjpv2::Method::GET, "/v2/refunds/{refund_id}")
            .path_param("refund_id", "re_trace_1")
            .header("x-partner-token", "header-marker-7")
            .query_param("marker", "query-marker-7")
            .credential(payjpv2::Credential::secret_key(crate::PAYJP_MERCHANT_KEY))
            .await
            .unwrap();
    })
    .await;
}
