//! The HTTP core every vendor client wraps: configuration, request assembly, the attempt loop
//! (retries, deadlines, size caps, tracing) and response decoding. Generated API classes
//! describe each operation as a static [`Operation`], put a call's arguments in a [`Request`]
//! and return it as a [`Call`](crate::call::Call), which the core runs when it is awaited.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use http::header::{
    ACCEPT, CONNECTION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, TE, TRAILER, TRANSFER_ENCODING, UPGRADE,
    USER_AGENT,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tracing::Instrument;
use url::Url;

use crate::auth::{
    CallSecurity, Chosen, CredentialSource, Credentials, Placement, SecurityScheme, allowed, header_value,
};
use crate::codec::{self, BodyKind, Format, RequestBody};
use crate::error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, MissingCredential, Outcome, RedirectFollowed,
    ResponseTooLarge, SentSecrets, TransportError,
};
use crate::path::{self, PathParamError};
use crate::query::Query;
use crate::retry::{Answer, AttemptEnd, Decision, Repeat, RetryPolicy, decide, parse_retry_after};

/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one attempt, from sending to the last byte of the response.
/// Payment calls may wait on an acquirer, so this is generous.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default time allowed for a whole call, retries and their waits included.
pub const DEFAULT_OVERALL_TIMEOUT: Duration = Duration::from_secs(120);
/// Default cap on a response body: a hostile or broken server cannot exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The response header read as the request id when the vendor names none of its own: the one
/// most HTTP stacks use.
pub const DEFAULT_REQUEST_ID_HEADER: &str = "x-request-id";

/// One operation of a vendor API, as its spec declares it.
///
/// Generated code builds each one as a `static` with [`Operation::new`] and the `const`
/// setters below. The fields stay private, so a runtime release that adds one does not break
/// a published vendor crate.
#[derive(Debug, Clone)]
pub struct Operation {
    id: &'static str,
    method: Method,
    path: &'static str,
    repeat: Repeat,
    security: &'static [&'static [&'static SecurityScheme]],
    accept: &'static str,
    xml_root: Option<&'static str>,
    secret_members: &'static [&'static str],
}

impl Operation {
    /// The operation `id` (the spec's `operationId`): `method` on the path template `path`
    /// (e.g. `/v1/transaction/payment_intent/{id}/`), repeated only as `repeat` allows.
    /// Until the setters say otherwise it needs no credential, accepts `application/json` and
    /// sends its body as JSON only.
    pub const fn new(id: &'static str, method: Method, path: &'static str, repeat: Repeat) -> Self {
        Self {
            id,
            method,
            path,
            repeat,
            security: &[],
            accept: "application/json",
            xml_root: None,
            secret_members: &[],
        }
    }

    /// The accepted credential alternatives: any one inner list, all of whose schemes are set.
    #[must_use]
    pub const fn security(mut self, alternatives: &'static [&'static [&'static SecurityScheme]]) -> Self {
        self.security = alternatives;
        self
    }

    /// The `Accept` header for JSON responses.
    #[must_use]
    pub const fn accept(mut self, media_types: &'static str) -> Self {
        self.accept = media_types;
        self
    }

    /// The XML root element of the request body: the operation also offers `text/xml`.
    #[must_use]
    pub const fn xml_root(mut self, element: &'static str) -> Self {
        self.xml_root = Some(element);
        self
    }

    /// The members of the query or JSON body whose values are secret (card numbers, client
    /// secrets): an error hides them wherever a gateway echoes them back.
    #[must_use]
    pub const fn secret_members(mut self, members: &'static [&'static str]) -> Self {
        self.secret_members = members;
        self
    }

    /// A request a caller writes by hand (a client's `request`): `method` on the path template
    /// `path`, which also names it in errors and traces. It may be repeated as HTTP defines its
    /// method (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`), any other only with an idempotency key.
    pub(crate) fn custom(
        method: Method,
        path: &'static str,
        security: &'static [&'static [&'static SecurityScheme]],
        accept: &'static str,
    ) -> Self {
        let repeat = if method.is_idempotent() { Repeat::IdempotentMethod } else { Repeat::Write };
        Self { id: path, method, path, repeat, security, accept, xml_root: None, secret_members: &[] }
    }
}

/// One call: an operation, its arguments, and what the caller set for this call alone.
pub struct Request<'a> {
    operation: Cow<'static, Operation>,
    path_params: Vec<(&'static str, Cow<'a, str>)>,
    query: Query,
    body: Option<Body<'a>>,
    carries_dedupe_key: bool,
    narrowing: Option<CallSecurity>,
    pub(crate) options: CallOptions,
}

/// What a request sends as its body.
pub(crate) enum Body<'a> {
    /// A generated model, written in the client's format.
    Model(&'a dyn RequestBody),
    /// A caller's own JSON (a hand-written request), or why it could not be written as JSON.
    Json(Result<Value, String>),
}

/// The settings a caller gives one call: they apply to it and to every retry of it, never to
/// another call.
#[derive(Default)]
pub(crate) struct CallOptions {
    /// Time allowed for each attempt, in place of the client's.
    pub(crate) timeout: Option<Duration>,
    /// Time allowed for the whole call, in place of the client's.
    pub(crate) overall_timeout: Option<Duration>,
    /// How the call is retried, in place of the client's policy.
    pub(crate) retry: Option<RetryPolicy>,
    /// Sent in the vendor's idempotency header on every attempt.
    pub(crate) idempotency_key: Option<String>,
    /// Extra headers, checked when the call is sent.
    pub(crate) headers: Vec<(String, String)>,
    /// Extra body members, merged into the JSON body.
    pub(crate) members: serde_json::Map<String, Value>,
    /// Extra query parameters, after the request's own.
    pub(crate) query: Vec<(String, String)>,
    /// The call's own credentials: when set, the client's are not used for it at all.
    pub(crate) credentials: Option<Credentials>,
}

impl<'a> Request<'a> {
    /// A call of `operation` with no arguments yet.
    pub fn new(operation: &'static Operation) -> Self {
        Self::of(Cow::Borrowed(operation))
    }

    pub(crate) fn of(operation: Cow<'static, Operation>) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Query::new(),
            body: None,
            carries_dedupe_key: false,
            narrowing: None,
            options: CallOptions::default(),
        }
    }

    /// The operation called.
    pub(crate) fn operation(&self) -> &Operation {
        &self.operation
    }

    /// Supplies the path parameter `name`: borrowed, or written for this call (`id.to_string()`).
    pub fn path_param(mut self, name: &'static str, value: impl Into<Cow<'a, str>>) -> Self {
        self.path_params.push((name, value.into()));
        self
    }

    /// Supplies the query string.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// The query string, to add to.
    pub(crate) fn query_mut(&mut self) -> &mut Query {
        &mut self.query
    }

    /// Supplies the request body.
    pub fn body(mut self, body: &'a dyn RequestBody) -> Self {
        self.body = Some(Body::Model(body));
        self
    }

    /// Supplies a caller's own JSON body (or why it could not be written).
    pub(crate) fn json_body(&mut self, body: Result<Value, String>) {
        self.body = Some(Body::Json(body));
    }

    /// Says whether this call's body carries the member the vendor recognises a repeat by, for
    /// an operation whose [`Repeat`] is [`Repeat::DedupeKey`]: such a call may be repeated.
    /// Other operations ignore it.
    pub fn carries_dedupe_key(mut self, carried: bool) -> Self {
        self.carries_dedupe_key = carried;
        self
    }

    /// Restricts this call to the operation's credential alternatives that `security` allows,
    /// because of what the request carries. When none of them is configured the call fails
    /// before sending, naming `security`'s reason; it never falls back to another credential.
    pub fn narrow_security(mut self, security: &CallSecurity) -> Self {
        self.narrowing = Some(*security);
        self
    }

    pub(crate) fn set_narrowing(&mut self, security: CallSecurity) {
        self.narrowing = Some(security);
    }
}

impl fmt::Debug for Request<'_> {
    /// Names only: no path parameter, query value, body, header value or credential, any of
    /// which may carry an identifier or a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let options = &self.options;
        let names = |pairs: &[(String, String)]| pairs.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
        f.debug_struct("Request")
            .field("operation", &self.operation.id)
            .field("method", &self.operation.method)
            .field("path", &self.operation.path)
            .field("body", &self.body.is_some())
            .field("timeout", &options.timeout)
            .field("overall_timeout", &options.overall_timeout)
            .field("retry", &options.retry)
            .field("idempotency_key", &options.idempotency_key)
            .field("headers", &names(&options.headers))
            .field("members", &options.members.keys().collect::<Vec<_>>())
            .field("query_params", &names(&options.query))
            .field("credentials", &options.credentials)
            .finish_non_exhaustive()
    }
}

/// Settings shared by every vendor's `ClientBuilder`.
#[derive(Debug)]
pub struct ClientBuilder {
    vendor: &'static str,
    base_url: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    overall_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    allow_insecure_http: bool,
    user_agent: String,
    validate_requests: bool,
    format: Format,
    credentials: Credentials,
    idempotency_header: Option<&'static str>,
    request_id_header: &'static str,
    http_client: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder for `vendor` (named in traces), with its user agent and default server (if
    /// its spec names one).
    pub fn new(vendor: &'static str, user_agent: impl Into<String>, default_base_url: Option<&str>) -> Self {
        Self {
            vendor,
            base_url: default_base_url.map(str::to_owned),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            overall_timeout: DEFAULT_OVERALL_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            allow_insecure_http: false,
            user_agent: user_agent.into(),
            validate_requests: false,
            format: Format::default(),
            credentials: Credentials::default(),
            idempotency_header: None,
            request_id_header: DEFAULT_REQUEST_ID_HEADER,
            http_client: None,
        }
    }

    /// The server to call, e.g. `https://api.example.com` (a path prefix is kept).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one attempt, response body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed for a whole call, retries and their waits included (default 120 s).
    pub fn overall_timeout(mut self, timeout: Duration) -> Self {
        self.overall_timeout = timeout;
        self
    }

    /// How calls are retried (default [`RetryPolicy::default`]; [`RetryPolicy::none`] turns
    /// retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body read (default 16 MiB); a larger one fails the call.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Allows a plain `http://` base URL on a host other than the loopback interface.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Replaces the `User-Agent` header (default `<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Checks every request body against its schema before sending (default off).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// The media type for request bodies, where the operation offers it (default JSON).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Sets the credential source for the security scheme `scheme`.
    pub fn credential(mut self, scheme: &'static str, source: impl CredentialSource) -> Self {
        self.credentials.set(scheme, Arc::new(source));
        self
    }

    /// The header the vendor reads an idempotency key from (`Idempotency-Key`).
    pub fn idempotency_header(mut self, header: &'static str) -> Self {
        self.idempotency_header = Some(header);
        self
    }

    /// The response header the vendor sends its request id in (default `x-request-id`).
    pub fn request_id_header(mut self, header: &'static str) -> Self {
        self.request_id_header = header;
        self
    }

    /// Uses a preconfigured `reqwest` client (proxies, custom roots, another TLS stack). The
    /// connect timeout is then the client's own; the other timeouts, the user agent and the
    /// response size cap still apply per call. Its redirect policy is its own too: a redirect
    /// it follows fails the call with [`RedirectFollowed`], after the redirected request was
    /// sent, so it should be built with `redirect(reqwest::redirect::Policy::none())`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the configuration and creates the client core.
    pub fn build(self) -> Result<ClientCore, ConfigError> {
        let raw_url = self.base_url.ok_or(ConfigError::MissingBaseUrl)?;
        let invalid = |reason: &str| ConfigError::InvalidBaseUrl { url: raw_url.clone(), reason: reason.to_owned() };
        let parsed = Url::parse(&raw_url).map_err(|error| invalid(&error.to_string()))?;
        if parsed.cannot_be_a_base() || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(invalid("expected scheme://host[/prefix] without query or fragment"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            // The URL shows in errors and Debug output; a password in it would leak there.
            let mut shown = parsed.clone();
            let _ = shown.set_username("");
            let _ = shown.set_password(None);
            return Err(ConfigError::InvalidBaseUrl {
                url: shown.into(),
                reason: "user information in the base URL is refused; pass credentials with the client's \
                         credential setters"
                    .to_owned(),
            });
        }
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_insecure_http || is_loopback(&parsed) => {}
            "http" => {
                return Err(invalid(
                    "plain http would send credentials and card data in clear; use https, a loopback host, or \
                     allow_insecure_http(true)",
                ));
            }
            _ => return Err(invalid("only https (or http on loopback) is supported")),
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(ConfigError::InvalidUserAgent)?;
        let http_timeout = if self.http_client.is_some() { None } else { Some(self.timeout) };
        let http = match self.http_client {
            Some(client) => client,
            None => with_tls(reqwest::Client::builder())?
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                // A redirected POST would be replayed as a GET elsewhere: report 3xx instead.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(ConfigError::Http)?,
        };
        Ok(ClientCore {
            vendor: self.vendor,
            http,
            http_timeout,
            base_url: parsed.as_str().trim_end_matches('/').to_owned(),
            credentials: self.credentials,
            timeout: self.timeout,
            overall_timeout: self.overall_timeout,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            user_agent,
            validate_requests: self.validate_requests,
            format: self.format,
            idempotency_header: self.idempotency_header,
            request_id_header: self.request_id_header,
        })
    }
}

/// Picks the TLS stack of the HTTP client the runtime builds, by the crate's features: the
/// first of `native-tls`, `rustls-ring`, `rustls-aws-lc` that is on. With none, `builder` is
/// left as it is (see "TLS" in the crate documentation).
fn with_tls(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, ConfigError> {
    #[cfg(feature = "native-tls")]
    let builder = builder.tls_backend_native();
    #[cfg(all(feature = "rustls-ring", not(feature = "native-tls")))]
    let builder = builder.tls_backend_preconfigured(ring_tls_config()?);
    #[cfg(all(feature = "rustls-aws-lc", not(any(feature = "native-tls", feature = "rustls-ring"))))]
    let builder = builder.tls_backend_rustls();
    Ok(builder)
}

/// rustls with ring for its cryptography, and the platform's certificate verifier: what
/// reqwest sets up itself with aws-lc-rs. Nothing is installed process-wide, so an
/// application's own rustls default stays its own.
#[cfg(feature = "rustls-ring")]
fn ring_tls_config() -> Result<rustls::ClientConfig, ConfigError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|error| ConfigError::Tls(error.to_string()))?;
    Ok(config.with_no_client_auth())
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(address)) => IpAddr::V4(address).is_loopback(),
        Some(url::Host::Ipv6(address)) => IpAddr::V6(address).is_loopback(),
        None => false,
    }
}

/// A configured client: cheap to share behind an `Arc`, safe to use from many tasks.
#[derive(Debug)]
pub struct ClientCore {
    vendor: &'static str,
    http: reqwest::Client,
    /// The per-attempt timeout `http` applies by itself: the client's `timeout` when the
    /// client built it, none known for a user-supplied one.
    http_timeout: Option<Duration>,
    base_url: String,
    credentials: Credentials,
    timeout: Duration,
    overall_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    user_agent: HeaderValue,
    validate_requests: bool,
    format: Format,
    idempotency_header: Option<&'static str>,
    request_id_header: &'static str,
}

/// A response read in full (any status).
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The credentials the attempt sent: an error made of this response hides them.
    pub(crate) sent: SentSecrets,
}

/// An attempt that got no complete response.
struct Failure {
    source: Box<dyn std::error::Error + Send + Sync>,
    /// The request may have reached the server.
    sent: bool,
    timed_out: bool,
    /// Another attempt would fail the same way (an oversized body).
    permanent: bool,
}

impl ClientCore {
    /// The base URL requests are sent to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The response header the vendor sends its request id in.
    pub(crate) fn request_id_header(&self) -> &'static str {
        self.request_id_header
    }

    /// Sends `request`, retrying as its operation and the call's key allow, and returns the
    /// 2xx response. One span per call: vendor, operation, method, path template, final
    /// status, attempts and duration. No secret and no body is recorded.
    pub(crate) async fn execute<E: ErrorModel>(&self, request: &Request<'_>) -> Result<RawResponse, Error<E>> {
        let operation = request.operation();
        let span = tracing::info_span!(
            "payintent.call",
            vendor = self.vendor,
            operation = operation.id,
            method = %operation.method,
            path = operation.path,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        // Without a subscriber the span records nothing, and entering it on every poll would
        // be pure cost.
        let (result, attempts) = if span.is_disabled() {
            self.attempts(request).await
        } else {
            self.attempts(request).instrument(span.clone()).await
        };
        span.record("attempts", attempts);
        span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
        match &result {
            Ok(response) => span.record("status", response.status.as_u16()),
            Err(error) => match error.status() {
                Some(status) => span.record("status", status),
                None => span.record("status", "none"),
            },
        };
        result
    }

    /// The attempt loop: sends, asks [`decide`] what to do with each answer, sleeps. Returns
    /// the result and the number of attempts made.
    async fn attempts<E: ErrorModel>(&self, request: &Request<'_>) -> (Result<RawResponse, Error<E>>, u32) {
        let operation = request.operation();
        let options = &request.options;
        let policy = options.retry.as_ref().unwrap_or(&self.retry);
        let per_attempt = options.timeout.unwrap_or(self.timeout);
        let deadline = Instant::now() + options.overall_timeout.unwrap_or(self.overall_timeout);
        let keyed =
            (operation.repeat == Repeat::DedupeKey && request.carries_dedupe_key) || options.idempotency_key.is_some();

        let chosen = match self.credentials_for(request) {
            Ok(chosen) => chosen,
            Err(error) => return (Err(Error::MissingCredential(Box::new(error))), 0),
        };
        if let Some(Body::Model(body)) = &request.body
            && self.validate_requests
            && let Err(errors) = body.validate_body()
        {
            return (Err(invalid(operation, InvalidReason::Validation(errors))), 0);
        }
        let prepared = match self.prepare(request) {
            Ok(prepared) => prepared,
            Err(reason) => return (Err(invalid(operation, reason)), 0),
        };

        let mut earlier_may_have_applied = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let remaining = deadline.saturating_duration_since(Instant::now());
            let (http_request, sent) = match self.assemble(operation, &prepared, &chosen, per_attempt.min(remaining)) {
                Ok(assembled) => assembled,
                Err(reason) => return (Err(invalid(operation, reason)), attempt - 1),
            };
            tracing::debug!(attempt, "sending");
            let answered = self.send(http_request).await.map(|response| RawResponse { sent, ..response });
            let (answer, result) = match answered {
                Ok(response) if response.status.is_success() => return (Ok(response), attempt),
                Ok(response) => {
                    let status = response.status.as_u16();
                    let retry_after = parse_retry_after(&response.headers, SystemTime::now());
                    (Answer::Status { status, retry_after }, Ok(response))
                }
                Err(failure) => (Answer::Failure { sent: failure.sent, permanent: failure.permanent }, Err(failure)),
            };
            let end = AttemptEnd {
                repeat: operation.repeat,
                keyed,
                attempt,
                answer,
                earlier_may_have_applied,
                backoff: policy.backoff(attempt),
                time_left: deadline.saturating_duration_since(Instant::now()),
            };
            match (decide(policy, &end), result) {
                (Decision::Retry { wait, may_have_applied }, result) => {
                    earlier_may_have_applied = may_have_applied;
                    let wait_ms = wait.as_millis() as u64;
                    match result {
                        Ok(response) => {
                            tracing::info!(attempt, status = response.status.as_u16(), wait_ms, "retrying after status")
                        }
                        Err(failure) => {
                            tracing::info!(attempt, error = %failure.source, wait_ms, "retrying after failure")
                        }
                    }
                    tokio::time::sleep(wait).await;
                }
                (Decision::Stop { outcome_unknown }, Ok(response)) => {
                    return (Err(api_error(operation, response, attempt, outcome_unknown)), attempt);
                }
                (Decision::Stop { outcome_unknown }, Err(failure)) => {
                    let repeatable = operation.repeat.repeatable(keyed);
                    return (Err(transport_error(operation, failure, attempt, repeatable, outcome_unknown)), attempt);
                }
            }
        }
    }

    /// One attempt: the response read in full, up to the size cap.
    async fn send(&self, request: reqwest::Request) -> Result<RawResponse, Failure> {
        let failure = |error: reqwest::Error| Failure {
            sent: !error.is_connect(),
            timed_out: error.is_timeout(),
            source: Box::new(error.without_url()),
            permanent: false,
        };
        let asked = request.url().clone();
        let mut response = self.http.execute(request).await.map_err(failure)?;
        let status = response.status();
        if response.url() != &asked {
            // Only a user-supplied client follows redirects: what answered is not the operation.
            let mut to = response.url().clone();
            to.set_query(None);
            to.set_fragment(None);
            return Err(Failure {
                source: Box::new(RedirectFollowed { to: to.into(), status: status.as_u16() }),
                sent: true,
                timed_out: false,
                permanent: true,
            });
        }
        let headers = std::mem::take(response.headers_mut());
        let too_large = || Failure {
            source: Box::new(ResponseTooLarge { limit: self.max_response_bytes, status: status.as_u16() }),
            sent: true,
            timed_out: false,
            permanent: true,
        };
        let declared = headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        let body = match declared {
            Some(length) if length > self.max_response_bytes as u64 => return Err(too_large()),
            // The HTTP layer holds a body to its declared length, so it is read whole, without
            // a copy when it arrived in one piece.
            Some(_) => response.bytes().await.map_err(failure)?,
            None => {
                let mut body = BytesMut::new();
                while let Some(chunk) = response.chunk().await.map_err(failure)? {
                    if body.len() + chunk.len() > self.max_response_bytes {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                body.freeze()
            }
        };
        Ok(RawResponse { status, headers, body, sent: SentSecrets::default() })
    }

    /// The credential sources the call sends: the first alternative of its operation that its
    /// narrowing allows and its credentials hold — the call's own when it has some, the client's
    /// otherwise, never a mix.
    fn credentials_for<'s>(&'s self, request: &'s Request<'_>) -> Result<Chosen<'s>, MissingCredential> {
        let operation = request.operation();
        let narrowing = request.narrowing.as_ref();
        let credentials = request.options.credentials.as_ref().unwrap_or(&self.credentials);
        credentials.select(operation.security, narrowing).ok_or_else(|| {
            let mut accepted: Vec<String> = allowed(operation.security, narrowing)
                .map(|alternative| alternative.iter().map(|scheme| scheme.name).collect::<Vec<_>>().join("+"))
                .collect();
            if accepted.is_empty()
                && let Some(narrowing) = narrowing
            {
                // A narrowing outside the operation's alternatives: name what the call asked for.
                accepted = narrowing.schemes.iter().map(|scheme| scheme.name.to_owned()).collect();
            }
            let reason = match (narrowing, &request.options.credentials) {
                (Some(narrowing), _) => Some(narrowing.reason),
                (None, Some(_)) => Some(OWN_CREDENTIALS),
                (None, None) => None,
            };
            MissingCredential { operation: operation.id, accepted, reason }
        })
    }

    /// What every attempt of a call sends alike — the URL without credentials, the body, the
    /// headers but the credentials' — worked out once, before the first attempt. Nothing is
    /// sent when this fails.
    fn prepare(&self, request: &Request<'_>) -> Result<Prepared, InvalidReason> {
        let operation = request.operation();
        let options = &request.options;
        if let Some(reason) = request.query.error() {
            return Err(InvalidReason::Encode(reason.to_owned()));
        }
        if !operation.path.starts_with('/') || operation.path.contains(['?', '#']) {
            // Only a hand-written request can get here: generated paths come from the spec.
            return Err(InvalidReason::PathParameter(PathParamError::Template(operation.path)));
        }
        let target = path::expand_after(&self.base_url, operation.path, &request.path_params)
            .map_err(InvalidReason::PathParameter)?;
        let mut url = Url::parse(&target).map_err(InvalidReason::Url)?;
        for (name, _) in &options.query {
            let reason = if request.query.pairs().any(|(taken, _)| taken == name) {
                Some("the request sets this parameter; an extra one never replaces it")
            } else if query_credential(operation, name) {
                Some("a credential goes in this parameter")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(InvalidReason::QueryParameter { name: name.clone(), reason });
            }
        }
        if !request.query.is_empty() || !options.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.pairs()).extend_pairs(&options.query);
        }

        let format = match (self.format, operation.xml_root) {
            #[cfg(feature = "xml")]
            (Format::Xml, Some(_)) => Format::Xml,
            _ => Format::Json,
        };
        // Accept, User-Agent, the idempotency key, Content-Type, and the call's own.
        let mut headers = HeaderMap::with_capacity(4 + options.headers.len());
        let accept = match format {
            Format::Json => {
                static_header_value(operation.accept).unwrap_or_else(|| HeaderValue::from_static("application/json"))
            }
            #[cfg(feature = "xml")]
            Format::Xml => HeaderValue::from_static("text/xml"),
        };
        headers.insert(ACCEPT, accept);
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(key) = &options.idempotency_key {
            headers.insert(self.idempotency_header_for(operation)?, idempotency_value(key)?);
        }
        let body = match &request.body {
            Some(body) => {
                let encoded = encode(body, format, operation.xml_root, &options.members)?;
                let content_type = match format {
                    Format::Json => "application/json",
                    #[cfg(feature = "xml")]
                    Format::Xml => "text/xml",
                };
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                Some(Bytes::from(encoded))
            }
            None => match options.members.keys().next() {
                Some(name) => {
                    let reason = "the call sends no body to add it to";
                    return Err(InvalidReason::BodyMember { name: name.clone(), reason });
                }
                None => None,
            },
        };
        for (name, value) in &options.headers {
            let refuse = |reason| InvalidReason::Header { name: name.clone(), reason };
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| refuse("not a valid header name"))?;
            if let Some(reason) = self.sets_header(operation, &header) {
                return Err(refuse(reason));
            }
            let mut value =
                HeaderValue::from_str(value).map_err(|_| refuse("the value cannot be written in a header"))?;
            // A caller's header may carry a secret of its own: it never shows in `Debug`.
            value.set_sensitive(true);
            headers.append(header, value);
        }
        let mut secrets = SentSecrets::default();
        if !operation.secret_members.is_empty() {
            let members = operation.secret_members;
            for (_, value) in url.query_pairs().filter(|(name, _)| members.contains(&name.as_ref())) {
                secrets.add(SecretString::from(value.into_owned()));
            }
            if let (Format::Json, Some(body)) = (format, &body) {
                secrets.in_body(body.clone(), members);
            }
        }
        Ok(Prepared { url, headers, body, secrets })
    }

    /// The header a call's idempotency key goes in. A read never carries one: repeating it is
    /// harmless, and a key there would only be mistaken for the one of a write.
    fn idempotency_header_for(&self, operation: &Operation) -> Result<HeaderName, InvalidReason> {
        let header =
            self.idempotency_header.ok_or(InvalidReason::IdempotencyKey("this API reads no idempotency key"))?;
        if operation.repeat == Repeat::ReadOnly || operation.method.is_safe() {
            return Err(InvalidReason::IdempotencyKey("a read is never sent with an idempotency key"));
        }
        header_name(header).ok_or(InvalidReason::IdempotencyKey("the vendor's header name is not valid"))
    }

    /// Why a call may not add `header` itself: the SDK writes it (a credential, the idempotency
    /// key, the body's framing and media types), or `None`.
    fn sets_header(&self, operation: &Operation, header: &HeaderName) -> Option<&'static str> {
        let named = |name: &str| name.eq_ignore_ascii_case(header.as_str());
        if SDK_HEADERS.contains(header) {
            Some("the SDK sets this header")
        } else if operation
            .security
            .iter()
            .flat_map(|alternative| alternative.iter())
            .any(|scheme| matches!(scheme.placement, Placement::Header(name) if named(name)))
        {
            Some("a credential goes in this header")
        } else if self.idempotency_header.is_some_and(named) {
            Some("the idempotency key goes in this header: set it with `idempotency_key(..)`")
        } else {
            None
        }
    }

    /// Builds the HTTP request of one attempt: what the call prepared, with the credentials
    /// computed afresh (CityPay's temporal key changes by the minute). Nothing is sent when
    /// this fails.
    fn assemble(
        &self,
        operation: &Operation,
        prepared: &Prepared,
        credentials: &Chosen<'_>,
        timeout: Duration,
    ) -> Result<(reqwest::Request, SentSecrets), InvalidReason> {
        let mut url = prepared.url.clone();
        // Sized for the credentials and the `Host` the HTTP layer adds: a cloned map is full,
        // and one more header would grow it.
        let mut headers = HeaderMap::with_capacity(prepared.headers.len() + credentials.len() + 1);
        headers.extend(prepared.headers.iter().map(|(name, value)| (name.clone(), value.clone())));
        let mut query_credentials = Vec::new();
        let mut sent = prepared.secrets.clone();
        for (scheme, source) in credentials.iter() {
            let secret = source
                .credential()
                .map_err(|error| InvalidReason::Credential { scheme: scheme.name, message: error.0 })?;
            match scheme.placement {
                Placement::Header(name) => {
                    let value = header_value(scheme, &secret).ok_or_else(|| InvalidReason::Credential {
                        scheme: scheme.name,
                        message: "the key contains characters a header cannot carry".into(),
                    })?;
                    let name = header_name(name).ok_or_else(|| InvalidReason::Credential {
                        scheme: scheme.name,
                        message: format!("`{name}` is not a valid header name"),
                    })?;
                    headers.insert(name, value);
                    sent.add(secret);
                }
                Placement::Query(name) => query_credentials.push((name, secret)),
            }
        }
        if !query_credentials.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, secret) in &query_credentials {
                pairs.append_pair(name, secret.expose_secret());
            }
        }
        for (_, secret) in query_credentials {
            sent.add(secret);
        }
        let mut http_request = reqwest::Request::new(operation.method.clone(), url);
        *http_request.body_mut() = prepared.body.clone().map(reqwest::Body::from);
        *http_request.headers_mut() = headers;
        // The HTTP client we built applies the client's timeout itself; a request carries its
        // own only when it differs (a call's `timeout`, a nearer overall deadline, or an HTTP
        // client the user supplied, whose settings we do not know).
        if self.http_timeout != Some(timeout) {
            *http_request.timeout_mut() = Some(timeout);
        }
        Ok((http_request, sent))
    }
}

/// The reason a call with credentials of its own fails without one that fits.
const OWN_CREDENTIALS: &str = "the call runs with its own credentials, and the client's never stand in for them";

/// Headers the SDK writes, or the HTTP layer under it: a call's extra header never replaces one.
const SDK_HEADERS: &[HeaderName] = &[
    ACCEPT,
    CONTENT_TYPE,
    CONTENT_ENCODING,
    CONTENT_LENGTH,
    USER_AGENT,
    HOST,
    CONNECTION,
    TE,
    TRAILER,
    TRANSFER_ENCODING,
    UPGRADE,
];

/// What every attempt of one call sends alike.
struct Prepared {
    /// The URL with the request's query, without credentials.
    url: Url,
    /// Every header but the credentials'.
    headers: HeaderMap,
    /// The encoded body, shared by the attempts.
    body: Option<Bytes>,
    /// The secrets in the query and the body, for errors to hide.
    secrets: SentSecrets,
}

/// Whether a credential of the operation goes in the query parameter `name`.
fn query_credential(operation: &Operation, name: &str) -> bool {
    operation
        .security
        .iter()
        .flat_map(|alternative| alternative.iter())
        .any(|scheme| matches!(scheme.placement, Placement::Query(parameter) if parameter == name))
}

fn idempotency_value(key: &str) -> Result<HeaderValue, InvalidReason> {
    HeaderValue::from_str(key).map_err(|_| InvalidReason::IdempotencyKey("the key cannot be written in a header"))
}

/// Encodes a body in `format`, with the call's extra members when it has some. Without them
/// the body is written once, as the model is; with them it goes through a JSON value, which
/// the members join after the model's own.
fn encode(
    body: &Body<'_>,
    format: Format,
    xml_root: Option<&'static str>,
    members: &serde_json::Map<String, Value>,
) -> Result<Vec<u8>, InvalidReason> {
    let Some(first) = members.keys().next() else {
        return match body {
            Body::Model(model) => model.encode(format, xml_root.unwrap_or_default()).map_err(InvalidReason::Encode),
            Body::Json(Ok(value)) => {
                serde_json::to_vec(value).map_err(|error| InvalidReason::Encode(error.to_string()))
            }
            Body::Json(Err(reason)) => Err(InvalidReason::Encode(reason.clone())),
        };
    };
    let refuse = |name: &String, reason| InvalidReason::BodyMember { name: name.clone(), reason };
    if format != Format::Json {
        return Err(refuse(first, "extra members go in JSON bodies only, and this call sends XML"));
    }
    let value = match body {
        Body::Model(model) => model.to_json().map_err(InvalidReason::Encode)?,
        Body::Json(Ok(value)) => value.clone(),
        Body::Json(Err(reason)) => return Err(InvalidReason::Encode(reason.clone())),
    };
    let Value::Object(mut object) = value else {
        return Err(refuse(first, "the body is not a JSON object"));
    };
    for (name, value) in members {
        if object.contains_key(name) {
            return Err(refuse(name, "the model sets this member; an extra one never replaces it"));
        }
        object.insert(name.clone(), value.clone());
    }
    serde_json::to_vec(&object).map_err(|error| InvalidReason::Encode(error.to_string()))
}

/// `text` as a header value without copying it, when a header can carry it.
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes())).ok()
}

fn header_name(name: &str) -> Option<HeaderName> {
    HeaderName::from_bytes(name.as_bytes()).ok()
}

fn invalid<E: ErrorModel>(operation: &Operation, reason: InvalidReason) -> Error<E> {
    crate::error::invalid_request(operation.id, reason)
}

fn api_error<E: ErrorModel>(
    operation: &Operation,
    response: RawResponse,
    attempts: u32,
    outcome_unknown: bool,
) -> Error<E> {
    let RawResponse { status, headers, body, sent } = response;
    // Gateways send their error body on statuses their specs never list (a 401 from an auth
    // layer, a connector's own status), so every status gets the attempt; a body that is not
    // the error model (an HTML page, an empty body) leaves `model` empty and stays raw.
    let model = codec::decode::<E>(&BodyKind::of(content_type(&headers), &body), &body).ok();
    Error::Api(Box::new(ApiError {
        operation: operation.id,
        status,
        headers,
        body,
        model,
        attempts,
        outcome_unknown,
        sent,
    }))
}

fn transport_error<E: ErrorModel>(
    operation: &Operation,
    failure: Failure,
    attempts: u32,
    repeatable: bool,
    outcome_unknown: bool,
) -> Error<E> {
    let error = Box::new(TransportError {
        operation: operation.id,
        method: operation.method.clone(),
        path: operation.path,
        attempts,
        outcome: match (outcome_unknown, failure.sent) {
            (true, _) => Outcome::Unknown,
            (false, true) => Outcome::Harmless,
            (false, false) => Outcome::NotSent,
        },
        repeatable,
        source: failure.source,
    });
    if failure.timed_out { Error::Timeout(error) } else { Error::Transport(error) }
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok())
}

/// Decodes a 2xx body by its `Content-Type`; a body that does not decode is an error that
/// keeps it whole.
pub(crate) fn decode_success<T: serde::de::DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
) -> Result<T, Error<E>> {
    let kind = BodyKind::of(content_type(&response.headers), &response.body);
    decode_as(operation, response, &kind, &response.body)
}

/// Decodes JSON `null` as the body of `response`: what a hand-written request reads an empty
/// body as.
pub(crate) fn decode_null<T: serde::de::DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
) -> Result<T, Error<E>> {
    decode_as(operation, response, &BodyKind::Json, b"null")
}

fn decode_as<T: serde::de::DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
    kind: &BodyKind,
    document: &[u8],
) -> Result<T, Error<E>> {
    codec::decode_or(kind, document, |failure| {
        Error::Decode(Box::new(DecodeError {
            operation: operation.id,
            status: response.status,
            headers: response.headers.clone(),
            path: failure.path,
            body: response.body.clone(),
            // A decoder quotes what it could not read: an echoed credential never stays in it.
            source: response.sent.scrub_error(failure.source),
            sent: response.sent.clone(),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(url: &str) -> ClientBuilder {
        ClientBuilder::new("test", "t/1", Some(url))
    }

    /// The ring build sets up TLS for its own client, and installs nothing process-wide: an
    /// application's rustls default stays its own choice.
    #[cfg(all(feature = "rustls-ring", not(feature = "native-tls")))]
    #[test]
    fn the_ring_client_starts_without_a_process_wide_provider() {
        builder("https://api.example.com").build().expect("the client with ring starts");
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    }

    #[test]
    fn base_urls_are_checked() {
        let build = |url: &str| builder(url).build().map(|core| core.base_url().to_owned());
        assert_eq!(build("https://api.example.com/").unwrap(), "https://api.example.com");
        assert_eq!(build("https://api.example.com/prefix/").unwrap(), "https://api.example.com/prefix");
        assert!(matches!(build("not a url"), Err(ConfigError::InvalidBaseUrl { .. })));
        assert!(matches!(build("https://x.test/?a=1"), Err(ConfigError::InvalidBaseUrl { .. })));
        assert!(matches!(ClientBuilder::new("test", "t/1", None).build(), Err(ConfigError::MissingBaseUrl)));
    }

    #[test]
    fn plain_http_only_on_loopback_or_when_allowed() {
        for url in ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9"] {
            assert!(builder(url).build().is_ok(), "{url}");
        }
        for url in ["http://api.example.com", "http://10.0.0.8", "ftp://example.com"] {
            assert!(matches!(builder(url).build(), Err(ConfigError::InvalidBaseUrl { .. })), "{url}");
        }
        assert!(builder("http://api.example.com").allow_insecure_http(true).build().is_ok());
    }

    #[test]
    fn user_information_in_the_base_url_is_refused_without_echoing_it() {
        let error = builder("https://merchant:hunter2@api.example.com").build().unwrap_err();
        let ConfigError::InvalidBaseUrl { url, .. } = &error else { panic!("{error:?}") };
        assert_eq!(url, "https://api.example.com/");
        assert!(!format!("{error:?}{error}").contains("hunter2"));
    }

    #[test]
    fn debug_never_shows_a_credential() {
        let core = builder("https://x.test")
            .credential("tokenAuth", secrecy::SecretString::from("s3cr3t-key".to_owned()))
            .build()
            .unwrap();
        let shown = format!("{core:?}");
        assert!(shown.contains("tokenAuth") && !shown.contains("s3cr3t-key"), "{shown}");
    }

    static DOMAIN_KEY: SecurityScheme = SecurityScheme::query("cp-domain-key", "cp-domain-key");
    static API_KEY: SecurityScheme = SecurityScheme::header("cp-api-key", "cp-api-key", "");
    static LOOKUP: Operation = Operation::new("Lookup", Method::GET, "/v6/lookup/{id}", Repeat::IdempotentMethod)
        .security(&[&[&API_KEY], &[&DOMAIN_KEY]]);
    static CREATE: Operation =
        Operation::new("Create", Method::POST, "/v6/create", Repeat::Write).security(&[&[&API_KEY]]);

    #[derive(serde::Serialize)]
    struct Intent {
        amount: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'static str>,
    }

    impl crate::validate::Validate for Intent {
        fn check(&self, _: &mut crate::validate::Validator) {}
    }

    const INTENT: Intent = Intent { amount: 1000, note: None };

    fn lookup() -> Request<'static> {
        let mut query = Query::new();
        query.push("expand", "all");
        Request::new(&LOOKUP).path_param("id", "a b").query(query)
    }

    fn core_with(credentials: &[(&'static str, &str)]) -> ClientCore {
        let mut builder = builder("https://x.test/base").idempotency_header("Idempotency-Key");
        for (scheme, key) in credentials {
            builder = builder.credential(scheme, secrecy::SecretString::from((*key).to_owned()));
        }
        builder.build().unwrap()
    }

    /// The HTTP request the first attempt of `request` sends, or why nothing is sent.
    fn first_attempt(core: &ClientCore, request: &Request<'_>) -> Result<reqwest::Request, String> {
        let chosen = core.credentials_for(request).map_err(|missing| missing.to_string())?;
        let prepared = core.prepare(request).map_err(|reason| reason.to_string())?;
        core.assemble(request.operation(), &prepared, &chosen, Duration::from_secs(7))
            .map(|(http_request, _)| http_request)
            .map_err(|reason| reason.to_string())
    }

    fn sent(core: &ClientCore, request: &Request<'_>) -> reqwest::Request {
        first_attempt(core, request).unwrap_or_else(|reason| panic!("nothing would be sent: {reason}"))
    }

    fn refused(core: &ClientCore, request: &Request<'_>) -> String {
        match first_attempt(core, request) {
            Ok(request) => panic!("sent {} {}", request.method(), request.url()),
            Err(reason) => reason,
        }
    }

    fn body(request: &reqwest::Request) -> &str {
        std::str::from_utf8(request.body().and_then(reqwest::Body::as_bytes).unwrap_or_default()).unwrap()
    }

    #[test]
    fn a_query_credential_follows_the_operations_parameters() {
        let core = core_with(&[("cp-domain-key", "dk&1")]);
        let request = sent(&core, &lookup());
        assert_eq!(request.url().as_str(), "https://x.test/base/v6/lookup/a%20b?expand=all&cp-domain-key=dk%261");
        assert!(request.headers().get("cp-api-key").is_none());
    }

    #[test]
    fn a_header_credential_is_marked_sensitive_and_preferred_in_declared_order() {
        let core = core_with(&[("cp-domain-key", "dk"), ("cp-api-key", "key")]);
        let request = sent(&core, &lookup());
        assert_eq!(request.url().query(), Some("expand=all"));
        let header = &request.headers()["cp-api-key"];
        assert_eq!(header, "key");
        assert!(header.is_sensitive());
        assert_eq!(request.headers()[USER_AGENT], "t/1");
        assert_eq!(request.headers()[ACCEPT], "application/json");
        assert!(request.headers().get("idempotency-key").is_none());
        assert_eq!(request.timeout(), Some(&Duration::from_secs(7)));
    }

    #[test]
    fn an_idempotency_key_goes_on_a_write_and_never_on_a_read() {
        let core = core_with(&[("cp-api-key", "key")]);
        let mut write = Request::new(&CREATE).body(&INTENT);
        write.options.idempotency_key = Some("order-7".into());
        assert_eq!(sent(&core, &write).headers()["idempotency-key"], "order-7");

        let mut read = lookup();
        read.options.idempotency_key = Some("order-7".into());
        assert_eq!(refused(&core, &read), "idempotency key: a read is never sent with an idempotency key");

        let without_header =
            builder("https://x.test").credential("cp-api-key", secrecy::SecretString::from("k".to_owned()));
        let without_header = without_header.build().unwrap();
        assert_eq!(refused(&without_header, &write), "idempotency key: this API reads no idempotency key");
        let mut unwritable = Request::new(&CREATE).body(&INTENT);
        unwritable.options.idempotency_key = Some("line\nbreak".into());
        assert_eq!(refused(&core, &unwritable), "idempotency key: the key cannot be written in a header");
    }

    #[test]
    fn a_narrowed_call_sends_only_the_credential_its_request_allows() {
        static DOMAIN_ONLY: CallSecurity = CallSecurity::new(&[&DOMAIN_KEY], "the request names a domain");
        let both = core_with(&[("cp-domain-key", "dk"), ("cp-api-key", "key")]);
        let request = Request::new(&LOOKUP).path_param("id", "1").narrow_security(&DOMAIN_ONLY);
        let sent = sent(&both, &request);
        assert_eq!(sent.url().query(), Some("cp-domain-key=dk"));
        assert!(sent.headers().get("cp-api-key").is_none(), "the preferred api key is not sent");

        let api_key_only = core_with(&[("cp-api-key", "key")]);
        let missing = api_key_only.credentials_for(&request).err().unwrap();
        assert_eq!(missing.accepted, ["cp-domain-key"], "the api key must not stand in for the domain key");

        static BEARER: SecurityScheme = SecurityScheme::header("bearer", "Authorization", "Bearer ");
        static BEARER_ONLY: CallSecurity = CallSecurity::new(&[&BEARER], "r");
        let outside = Request::new(&LOOKUP).path_param("id", "1").narrow_security(&BEARER_ONLY);
        let missing = both.credentials_for(&outside).err().unwrap();
        assert_eq!(missing.accepted, ["bearer"], "names what the call asked for");
    }

    #[test]
    fn a_call_with_credentials_of_its_own_never_uses_the_clients() {
        let core = core_with(&[("cp-api-key", "platform-key"), ("cp-domain-key", "platform-domain")]);
        let mut request = lookup();
        let mut own = Credentials::default();
        own.add(crate::auth::SchemeCredential::new(&DOMAIN_KEY, secrecy::SecretString::from("merchant-dk".to_owned())));
        request.options.credentials = Some(own);
        let sent = sent(&core, &request);
        assert_eq!(sent.url().query(), Some("expand=all&cp-domain-key=merchant-dk"));
        assert!(sent.headers().get("cp-api-key").is_none(), "the client's api key is not added");

        let mut create = Request::new(&CREATE).body(&INTENT);
        let mut own = Credentials::default();
        own.add(crate::auth::SchemeCredential::new(&DOMAIN_KEY, secrecy::SecretString::from("merchant-dk".to_owned())));
        create.options.credentials = Some(own);
        let missing = core.credentials_for(&create).err().unwrap();
        assert_eq!(missing.reason, Some(OWN_CREDENTIALS), "the client's api key does not stand in");
        assert!(!format!("{missing}{missing:?}{create:?}").contains("merchant-dk"));
    }

    #[test]
    fn extra_headers_are_added_and_never_replace_the_sdks() {
        let core = core_with(&[("cp-api-key", "key")]);
        let mut request = Request::new(&CREATE).body(&INTENT);
        request.options.headers = vec![("X-Request-Source".into(), "checkout".into()), ("x-tag".into(), "a".into())];
        let sent = sent(&core, &request);
        assert_eq!(sent.headers()["x-request-source"], "checkout");
        assert!(sent.headers()["x-request-source"].is_sensitive(), "a caller's header value stays out of Debug");
        assert_eq!(sent.headers()["cp-api-key"], "key");

        for (name, reason) in [
            ("CP-API-KEY", "a credential goes in this header"),
            ("content-type", "the SDK sets this header"),
            ("Accept", "the SDK sets this header"),
            ("user-agent", "the SDK sets this header"),
            ("content-length", "the SDK sets this header"),
            ("Idempotency-Key", "the idempotency key goes in this header: set it with `idempotency_key(..)`"),
            ("bad name", "not a valid header name"),
        ] {
            let mut request = Request::new(&CREATE).body(&INTENT);
            request.options.headers = vec![(name.into(), "s3cret-value".into())];
            let reason_given = refused(&core, &request);
            assert_eq!(reason_given, format!("extra header `{name}`: {reason}"));
        }
        let mut request = Request::new(&CREATE).body(&INTENT);
        request.options.headers = vec![("x-token".into(), "s3cret\nvalue".into())];
        let reason = refused(&core, &request);
        assert_eq!(reason, "extra header `x-token`: the value cannot be written in a header");
    }

    #[test]
    fn extra_members_join_the_models_and_never_replace_one() {
        let core = core_with(&[("cp-api-key", "key")]);
        let plain = Request::new(&CREATE).body(&INTENT);
        assert_eq!(body(&sent(&core, &plain)), r#"{"amount":1000}"#);

        let mut extra = Request::new(&CREATE).body(&INTENT);
        extra.options.members.insert("note".into(), "gift".into());
        extra.options.members.insert("legacy_flag".into(), true.into());
        assert_eq!(
            body(&sent(&core, &extra)),
            r#"{"amount":1000,"note":"gift","legacy_flag":true}"#,
            "a member the model leaves unset may be given"
        );

        let mut clash = Request::new(&CREATE).body(&INTENT);
        clash.options.members.insert("amount".into(), 1.into());
        assert_eq!(
            refused(&core, &clash),
            "extra body member `amount`: the model sets this member; an extra one never replaces it"
        );

        let mut no_body = lookup();
        no_body.options.members.insert("note".into(), "x".into());
        let reason = refused(&core_with(&[("cp-api-key", "key")]), &no_body);
        assert_eq!(reason, "extra body member `note`: the call sends no body to add it to");

        let list = serde_json::json!([1, 2]);
        let mut not_an_object = Request::new(&CREATE).body(&list);
        not_an_object.options.members.insert("note".into(), "x".into());
        assert_eq!(refused(&core, &not_an_object), "extra body member `note`: the body is not a JSON object");
    }

    #[cfg(feature = "xml")]
    #[test]
    fn extra_members_are_refused_on_an_xml_body() {
        static XML_CREATE: Operation = Operation::new("Create", Method::POST, "/v6/create", Repeat::Write)
            .security(&[&[&API_KEY]])
            .xml_root("Intent");
        let core = builder("https://x.test")
            .format(Format::Xml)
            .credential("cp-api-key", secrecy::SecretString::from("k".to_owned()))
            .build()
            .unwrap();
        assert_eq!(
            body(&sent(&core, &Request::new(&XML_CREATE).body(&INTENT))),
            "<Intent><amount>1000</amount></Intent>"
        );
        let mut request = Request::new(&XML_CREATE).body(&INTENT);
        request.options.members.insert("note".into(), "x".into());
        assert_eq!(
            refused(&core, &request),
            "extra body member `note`: extra members go in JSON bodies only, and this call sends XML"
        );
    }

    #[test]
    fn extra_query_parameters_follow_the_requests_and_never_replace_one() {
        let core = core_with(&[("cp-domain-key", "dk")]);
        let mut request = lookup();
        request.options.query = vec![("beta".into(), "on".into()), ("page size".into(), "10&more".into())];
        assert_eq!(
            sent(&core, &request).url().query(),
            Some("expand=all&beta=on&page+size=10%26more&cp-domain-key=dk")
        );

        for (name, reason) in [
            ("expand", "the request sets this parameter; an extra one never replaces it"),
            ("cp-domain-key", "a credential goes in this parameter"),
        ] {
            let mut request = lookup();
            request.options.query = vec![(name.into(), "x".into())];
            assert_eq!(refused(&core, &request), format!("extra query parameter `{name}`: {reason}"));
        }
    }

    #[test]
    fn a_custom_path_template_must_be_a_path() {
        static API_KEY_ALONE: &[&[&SecurityScheme]] = &[&[&API_KEY]];
        let core = core_with(&[("cp-api-key", "key")]);
        for template in ["refunds", "/refunds?limit=1", "/refunds#top"] {
            let operation = Operation::custom(Method::GET, template, API_KEY_ALONE, "application/json");
            let reason = refused(&core, &Request::of(Cow::Owned(operation)));
            assert_eq!(reason, format!("malformed path template `{template}`"));
        }
        let operation = Operation::custom(Method::DELETE, "/refunds/{id}", API_KEY_ALONE, "application/json");
        assert_eq!(operation.repeat, Repeat::IdempotentMethod, "DELETE may be repeated");
        let request = Request::of(Cow::Owned(operation)).path_param("id", String::from("re/1"));
        assert_eq!(sent(&core, &request).url().path(), "/base/refunds/re%2F1");
        let post = Operation::custom(Method::POST, "/refunds", API_KEY_ALONE, "application/json");
        assert_eq!(post.repeat, Repeat::Write, "a POST is repeated only with a key");
    }

    #[test]
    fn a_requests_debug_names_its_settings_and_shows_no_value() {
        let mut request = Request::new(&CREATE).body(&INTENT);
        request.options.headers = vec![("x-partner-token".into(), "partner-s3cret".into())];
        request.options.members.insert("card_number".into(), "4242424242424242".into());
        request.options.query = vec![("merchant".into(), "m-private".into())];
        let mut own = Credentials::default();
        own.add(crate::auth::SchemeCredential::new(&API_KEY, secrecy::SecretString::from("merchant-key".to_owned())));
        request.options.credentials = Some(own);
        let shown = format!("{request:?}");
        for name in ["Create", "x-partner-token", "card_number", "merchant", "cp-api-key"] {
            assert!(shown.contains(name), "{name}: {shown}");
        }
        for secret in ["partner-s3cret", "4242424242424242", "m-private", "merchant-key"] {
            assert!(!shown.contains(secret), "{secret}: {shown}");
        }
    }
}
