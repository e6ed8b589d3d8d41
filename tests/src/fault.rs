//! A small in-process HTTP/1.1 server that creates payments the way a gateway does — and
//! misbehaves on purpose: it drops connections after processing, answers 429/503 with and
//! without `Retry-After`, stalls or truncates bodies, and sends HTML where JSON belongs.
//! Its own record of what it created is the ground truth the fault tests check the SDKs
//! against. (mockito cannot drop a connection after reading a body, hence this.)

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// Processes the request and answers normally.
    Normal,
    /// Processes the request, then closes the connection without answering.
    DropAfterProcessing,
    /// Reads the request, then closes the connection without processing it.
    DropBeforeProcessing,
    /// Answers 503 without processing, with `Retry-After: 0`.
    Unavailable,
    /// Answers 503 without processing and without `Retry-After`.
    UnavailableBare,
    /// Answers 429 without processing, with `Retry-After` as an HTTP-date in the past.
    RateLimited,
    /// Processes the request, sends the head and half the body, then stalls.
    StallBody,
    /// Processes the request, sends half the body it announced, then closes.
    TruncatedBody,
    /// Processes the request and answers 2xx with an HTML page.
    NonJson,
}

impl Fault {
    /// Every fault, with its weight in the mix.
    pub const MIX: &'static [(Fault, u32)] = &[
        (Fault::Normal, 40),
        (Fault::DropAfterProcessing, 8),
        (Fault::DropBeforeProcessing, 6),
        (Fault::Unavailable, 8),
        (Fault::UnavailableBare, 6),
        (Fault::RateLimited, 8),
        (Fault::StallBody, 4),
        (Fault::TruncatedBody, 6),
        (Fault::NonJson, 4),
    ];

    fn processes(self) -> bool {
        !matches!(self, Fault::DropBeforeProcessing | Fault::Unavailable | Fault::UnavailableBare | Fault::RateLimited)
    }
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Received {
    /// `POST`, `GET`, …
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The body, parsed as JSON (`Null` when empty or not JSON).
    pub body: serde_json::Value,
    /// The body as it arrived.
    pub raw_body: Vec<u8>,
}

/// How one vendor creates payments.
pub trait Gateway: Send + Sync + 'static {
    /// The de-duplication key of a request (its body's key, or an idempotency header), if any.
    fn dedupe_key(&self, request: &Received) -> Option<String>;
    /// The test's own marker of the logical operation a request belongs to.
    fn marker(&self, request: &Received) -> String;
    /// The id the vendor gives payment number `id` (what a caller reads back).
    fn payment_id(&self, id: u64, request: &Received) -> String;
    /// The success status and body for the payment `payment_id`.
    fn created(&self, payment_id: &str, request: &Received) -> (u16, String);
}

/// What the server did, for the assertions.
#[derive(Debug, Default)]
pub struct Record {
    /// Payments created: number → (the marker of the operation that created it, its id).
    pub created: BTreeMap<u64, (String, String)>,
    /// Requests received, by fault applied.
    pub faults: BTreeMap<Fault, u64>,
    /// Requests received in all.
    pub requests: u64,
    by_key: BTreeMap<String, u64>,
}

impl Record {
    /// The ids of the payments the operation `marker` created.
    pub fn created_by(&self, marker: &str) -> Vec<String> {
        self.created.values().filter(|(owner, _)| owner == marker).map(|(_, id)| id.clone()).collect()
    }
}

/// A running fault server.
pub struct FaultServer {
    /// Where it listens.
    pub address: SocketAddr,
    /// What it did.
    pub record: Arc<Mutex<Record>>,
}

impl FaultServer {
    /// Starts a server for `gateway` on 127.0.0.1, choosing faults from [`Fault::MIX`] with a
    /// generator seeded by `seed` (so a failing run can be replayed).
    pub async fn start(gateway: impl Gateway, seed: u64) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let record = Arc::new(Mutex::new(Record::default()));
        let shared = Arc::new(Shared {
            gateway: Box::new(gateway),
            record: Arc::clone(&record),
            rng: Mutex::new(fastrand::Rng::with_seed(seed)),
        });
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&shared)));
            }
        });
        Self { address, record }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

struct Shared {
    gateway: Box<dyn Gateway>,
    record: Arc<Mutex<Record>>,
    rng: Mutex<fastrand::Rng>,
}

impl Shared {
    fn pick(&self) -> Fault {
        let total: u32 = Fault::MIX.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.rng.lock().expect("rng").u32(0..total);
        for (fault, weight) in Fault::MIX {
            if roll < *weight {
                return *fault;
            }
            roll -= weight;
        }
        Fault::Normal
    }

    /// Creates the payment (or finds the one its key already created); returns its id.
    fn process(&self, request: &Received) -> String {
        let mut record = self.record.lock().expect("record");
        let key = self.gateway.dedupe_key(request);
        if let Some(number) = key.as_ref().and_then(|key| record.by_key.get(key)) {
            return record.created[number].1.clone();
        }
        let number = record.created.len() as u64 + 1;
        let id = self.gateway.payment_id(number, request);
        record.created.insert(number, (self.gateway.marker(request), id.clone()));
        if let Some(key) = key {
            record.by_key.insert(key, number);
        }
        id
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let Some(request) = read_request(&mut stream).await else { return };
    let fault = shared.pick();
    {
        let mut record = shared.record.lock().expect("record");
        record.requests += 1;
        *record.faults.entry(fault).or_default() += 1;
    }
    let id = fault.processes().then(|| shared.process(&request));
    let (status, body) = match &id {
        Some(id) => shared.gateway.created(id, &request),
        None => (503, String::new()),
    };
    let json = |status: u16, body: &str| response(status, "application/json", &[], body);
    let bytes = match fault {
        Fault::Normal => json(status, &body),
        Fault::DropAfterProcessing | Fault::DropBeforeProcessing => return,
        Fault::Unavailable => response(503, "application/json", &[("retry-after", "0")], r#"{"detail":"busy"}"#),
        Fault::UnavailableBare => response(503, "text/plain", &[], "busy"),
        Fault::RateLimited => response(
            429,
            "application/json",
            &[("retry-after", "Thu, 01 Jan 2015 00:00:00 GMT")],
            r#"{"detail":"slow down"}"#,
        ),
        Fault::StallBody => {
            let full = json(status, &body);
            let _ = stream.write_all(&full[..full.len() - body.len() / 2]).await;
            tokio::time::sleep(Duration::from_secs(5)).await;
            return;
        }
        Fault::TruncatedBody => {
            let full = json(status, &body);
            let _ = stream.write_all(&full[..full.len() - body.len() / 2]).await;
            return;
        }
        Fault::NonJson => response(status, "text/html", &[], "<html><body>Service temporarily changed</body></html>"),
    };
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

/// The bytes of a complete response that closes the connection.
pub(crate) fn response(status: u16, content_type: &str, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Vec<u8> {
    let body = body.as_ref();
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Reads one request: the head through httparse, then `content-length` bytes of body.
pub(crate) async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        let mut header_slots = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut header_slots);
        let httparse::Status::Complete(head_length) = parsed.parse(&buffer).ok()? else { continue };
        let headers: BTreeMap<String, String> = parsed
            .headers
            .iter()
            .map(|header| (header.name.to_ascii_lowercase(), String::from_utf8_lossy(header.value).into_owned()))
            .collect();
        let length: usize = headers.get("content-length").and_then(|value| value.parse().ok()).unwrap_or(0);
        let method = parsed.method?.to_owned();
        let target = parsed.path?.to_owned();
        while buffer.len() < head_length + length {
            let read = stream.read(&mut chunk).await.ok()?;
            if read == 0 {
                return None;
            }
            buffer.extend_from_slice(&chunk[..read]);
        }
        let raw_body = buffer[head_length..head_length + length].to_vec();
        let body = serde_json::from_slice(&raw_body).unwrap_or(serde_json::Value::Null);
        return Some(Received { method, target, headers, body, raw_body });
    }
}

/// How one logical create ended, as the caller saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// The payment id the call returned.
    Created(String),
    /// The server answered 2xx, but the body did not decode.
    CreatedUnreadable,
    /// The outcome is unknown and the caller was told so.
    Unknown,
    /// Nothing was created, and the error says so (a definite status, or nothing sent).
    Refused,
}

/// Figures of one fault run, printed by the tests.
#[derive(Debug, Default)]
pub struct Figures {
    /// Logical operations run.
    pub operations: usize,
    /// Requests the server received.
    pub requests: u64,
    /// Outcomes as the callers saw them.
    pub seen: BTreeMap<&'static str, usize>,
    /// Faults the server applied.
    pub faults: BTreeMap<String, u64>,
}

/// Checks every operation's outcome against the server's record; returns the figures.
///
/// - no payment is created twice;
/// - a created payment is never hidden from its caller (it got the id, a 2xx it could not
///   read, or an error saying the outcome is unknown);
/// - what the caller saw matches what the server did.
pub fn check(record: &Record, outcomes: &[(String, Seen, u32)]) -> Figures {
    let mut figures = Figures { operations: outcomes.len(), requests: record.requests, ..Figures::default() };
    for (fault, count) in &record.faults {
        figures.faults.insert(format!("{fault:?}"), *count);
    }
    for (marker, seen, _) in outcomes {
        let created = record.created_by(marker);
        assert!(created.len() <= 1, "{marker}: created {} times ({created:?})", created.len());
        let label = match seen {
            Seen::Created(id) => {
                assert_eq!(created, std::slice::from_ref(id), "{marker}: the caller's payment is not the server's");
                "created"
            }
            Seen::CreatedUnreadable => {
                assert_eq!(created.len(), 1, "{marker}: a 2xx the caller could not read, yet nothing was created");
                "created, body unreadable"
            }
            Seen::Unknown => "outcome unknown (caller told)",
            Seen::Refused => {
                assert!(
                    created.is_empty(),
                    "{marker}: the caller was told nothing happened, but {created:?} was created"
                );
                "refused"
            }
        };
        *figures.seen.entry(label).or_default() += 1;
    }
    figures
}

/// How long a fault run waits for one attempt (a stalled body ends it).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(250);

/// How fault runs retry: up to four attempts, quickly, so a thousand operations finish in seconds.
pub fn fast_retry_policy() -> payintent_runtime::RetryPolicy {
    payintent_runtime::RetryPolicy::default()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(4))
}

/// Runs `operations` creates, 32 at a time: `call(client, index)` returns the operation's
/// marker and result, `id` the payment id of a success. Collects what each caller saw and how
/// many attempts its call made.
pub async fn run<C, T, E, Fut>(
    operations: usize,
    client: &C,
    call: impl Fn(C, usize) -> Fut,
    id: impl Fn(T) -> String,
) -> Vec<(String, Seen, u32)>
where
    C: Clone,
    E: payintent_runtime::ErrorModel,
    Fut: std::future::Future<Output = (String, Result<T, payintent_runtime::Error<E>>)>,
{
    use futures_util::StreamExt;
    let id = &id;
    futures_util::stream::iter(0..operations)
        .map(|index| {
            let called = call(client.clone(), index);
            async move {
                let (marker, result) = called.await;
                let (seen, attempts) = seen(result, id);
                (marker, seen, attempts)
            }
        })
        .buffer_unordered(32)
        .collect()
        .await
}

/// Asserts that some create sent without a key ended "outcome unknown" after a single attempt:
/// once it may have reached the server, it was not repeated.
pub fn assert_unkeyed_not_repeated(outcomes: &[(String, Seen, u32)], unkeyed: impl Fn(usize) -> bool) {
    let told_after_one = outcomes
        .iter()
        .enumerate()
        .filter(|(index, (_, seen, attempts))| unkeyed(*index) && *seen == Seen::Unknown && *attempts == 1)
        .count();
    assert!(told_after_one > 0, "no unkeyed create ended unknown after one attempt");
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let retries = self.requests.saturating_sub(self.operations as u64);
        writeln!(
            f,
            "{} operations, {} attempts reached the server ({retries} retries)",
            self.operations, self.requests
        )?;
        writeln!(f, "  outcomes: {:?}", self.seen)?;
        write!(f, "  faults applied: {:?}", self.faults)
    }
}

/// What a caller saw, and how many attempts its call made (errors say; a success counts as 1,
/// since only failures are checked for attempts).
fn seen<T, E: payintent_runtime::ErrorModel>(
    result: Result<T, payintent_runtime::Error<E>>,
    id: impl FnOnce(T) -> String,
) -> (Seen, u32) {
    use payintent_runtime::Error;
    match result {
        Ok(created) => (Seen::Created(id(created)), 1),
        Err(error) => {
            let attempts = error.attempts();
            let seen = match &error {
                error if error.is_outcome_unknown() => Seen::Unknown,
                Error::Decode(decode) if decode.status.is_success() => Seen::CreatedUnreadable,
                _ => Seen::Refused,
            };
            (seen, attempts.max(1))
        }
    }
}

/// Checks a finished run against the server's record, prints its figures and asserts the mix
/// really ran.
pub fn report(vendor: &str, server: &FaultServer, outcomes: &[(String, Seen, u32)]) -> Figures {
    let figures = check(&server.record.lock().expect("fault server record"), outcomes);
    println!("{vendor} fault run: {figures}");
    assert_exercised(&figures);
    figures
}

/// The mix really ran: retries happened, and callers saw every kind of outcome a create with a
/// de-duplication key can have.
fn assert_exercised(figures: &Figures) {
    assert!(figures.requests > figures.operations as u64, "no retry happened: {figures}");
    for outcome in ["created", "created, body unreadable", "outcome unknown (caller told)"] {
        assert!(figures.seen.contains_key(outcome), "no operation ended `{outcome}`: {figures}");
    }
}
