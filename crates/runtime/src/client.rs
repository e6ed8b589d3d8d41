//! The HTTP core every vendor client wraps: configuration, request assembly, the attempt loop
//! (retries, deadlines, size caps, tracing) and response decoding. Generated API classes
//! describe each operation as a static [`Operation`] and call [`ClientCore::call`].

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use crate::auth::{CallSecurity, CredentialSource, Credentials, Placement, SecurityScheme, allowed, header_value};
use crate::codec::{self, BodyKind, Format, RequestBody};
use crate::error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, InvalidRequest, MissingCredential, Outcome,
    ResponseTooLarge, TransportError,
};
use crate::path;
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

/// One operation of a vendor API, as its spec declares it.
///
/// Generated code builds each one as a `static` with [`Operation::new`] and the `const`
/// setters below. The fields stay private, so a runtime release that adds one does not break
/// a published vendor crate.
#[derive(Debug)]
pub struct Operation {
    id: &'static str,
    method: Method,
    path: &'static str,
    repeat: Repeat,
    security: &'static [&'static [&'static SecurityScheme]],
    accept: &'static str,
    xml_root: Option<&'static str>,
}

impl Operation {
    /// The operation `id` (the spec's `operationId`): `method` on the path template `path`
    /// (e.g. `/v1/transaction/payment_intent/{id}/`), repeated only as `repeat` allows.
    /// Until the setters say otherwise it needs no credential, accepts `application/json` and
    /// sends its body as JSON only.
    pub const fn new(id: &'static str, method: Method, path: &'static str, repeat: Repeat) -> Self {
        Self { id, method, path, repeat, security: &[], accept: "application/json", xml_root: None }
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
}

/// Settings of one call that override the client's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Sent in the vendor's idempotency header; makes the call safe to repeat.
    pub idempotency_key: Option<String>,
    /// Time allowed for each attempt.
    pub timeout: Option<Duration>,
    /// How the call is retried.
    pub retry: Option<RetryPolicy>,
}

/// One call: an operation plus its arguments.
pub struct Request<'a> {
    operation: &'static Operation,
    path_params: Vec<(&'static str, &'a str)>,
    query: Query,
    body: Option<&'a dyn RequestBody>,
    carries_dedupe_key: bool,
    options: Option<&'a RequestOptions>,
    narrowing: Option<&'static CallSecurity>,
}

impl<'a> Request<'a> {
    /// A call of `operation` with no arguments yet.
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Query::new(),
            body: None,
            carries_dedupe_key: false,
            options: None,
            narrowing: None,
        }
    }

    /// Supplies the path parameter `name`.
    pub fn path_param(mut self, name: &'static str, value: &'a str) -> Self {
        self.path_params.push((name, value));
        self
    }

    /// Supplies the query string.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Supplies the request body.
    pub fn body(mut self, body: &'a dyn RequestBody) -> Self {
        self.body = Some(body);
        self
    }

    /// Says whether this call's body carries the member the vendor recognises a repeat by, for
    /// an operation whose [`Repeat`] is [`Repeat::DedupeKey`]: such a call may be repeated.
    /// Other operations ignore it.
    pub fn carries_dedupe_key(mut self, carried: bool) -> Self {
        self.carries_dedupe_key = carried;
        self
    }

    /// Applies per-call settings.
    pub fn options(mut self, options: &'a RequestOptions) -> Self {
        self.options = Some(options);
        self
    }

    /// Restricts this call to the operation's credential alternatives that `security` allows,
    /// because of what the request carries. When none of them is configured the call fails
    /// before sending, naming `security`'s reason; it never falls back to another credential.
    pub fn narrow_security(mut self, security: &'static CallSecurity) -> Self {
        self.narrowing = Some(security);
        self
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

    /// Uses a preconfigured `reqwest` client (proxies, custom roots). The connect timeout is
    /// then the client's own; the other timeouts and the user agent still apply per call.
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
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                // A redirected POST would be replayed as a GET elsewhere: report 3xx instead.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(ConfigError::Http)?,
        };
        Ok(ClientCore {
            vendor: self.vendor,
            http,
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
        })
    }
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
}

/// A response read in full (any status).
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
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

    /// Sends `request` and decodes the 2xx body as `T`.
    pub async fn call<T: DeserializeOwned, E: ErrorModel>(&self, request: Request<'_>) -> Result<T, Error<E>> {
        let operation = request.operation;
        let response = self.dispatch(request).await?;
        decode_success(operation, response)
    }

    /// Like [`call`](Self::call), but an empty 2xx body is `None`.
    pub async fn call_optional<T: DeserializeOwned, E: ErrorModel>(
        &self,
        request: Request<'_>,
    ) -> Result<Option<T>, Error<E>> {
        let operation = request.operation;
        let response = self.dispatch(request).await?;
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        decode_success(operation, response).map(Some)
    }

    /// Sends `request`; the 2xx body, if any, is ignored.
    pub async fn call_empty<E: ErrorModel>(&self, request: Request<'_>) -> Result<(), Error<E>> {
        self.dispatch(request).await.map(drop)
    }

    /// One span per call: vendor, operation, method, path template, final status, attempts
    /// and duration. No secret and no body is recorded.
    async fn dispatch<E: ErrorModel>(&self, request: Request<'_>) -> Result<RawResponse, Error<E>> {
        let operation = request.operation;
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
        let (result, attempts) = self.attempts(request).instrument(span.clone()).await;
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
    async fn attempts<E: ErrorModel>(&self, request: Request<'_>) -> (Result<RawResponse, Error<E>>, u32) {
        let operation = request.operation;
        let options = request.options.cloned().unwrap_or_default();
        let policy = options.retry.as_ref().unwrap_or(&self.retry);
        let per_attempt = options.timeout.unwrap_or(self.timeout);
        let deadline = Instant::now() + self.overall_timeout;
        let idempotency_key = options.idempotency_key.as_deref().filter(|_| self.idempotency_header.is_some());
        let keyed = (operation.repeat == Repeat::DedupeKey && request.carries_dedupe_key) || idempotency_key.is_some();

        if let Some(body) = request.body
            && self.validate_requests
            && let Err(errors) = body.validate_body()
        {
            return (Err(invalid(operation, InvalidReason::Validation(errors))), 0);
        }

        let mut earlier_may_have_applied = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let remaining = deadline.saturating_duration_since(Instant::now());
            let http_request = match self.assemble(&request, per_attempt.min(remaining), idempotency_key) {
                Ok(http_request) => http_request,
                Err(Assembly::Missing(accepted)) => {
                    let reason = request.narrowing.map(|security| security.reason);
                    let error = MissingCredential { operation: operation.id, accepted, reason };
                    return (Err(Error::MissingCredential(Box::new(error))), attempt - 1);
                }
                Err(Assembly::Invalid(reason)) => return (Err(invalid(operation, reason)), attempt - 1),
            };
            tracing::debug!(attempt, "sending");
            let (answer, result) = match self.send(http_request).await {
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
        let mut response = self.http.execute(request).await.map_err(failure)?;
        let status = response.status();
        let headers = response.headers().clone();
        let too_large = || Failure {
            source: Box::new(ResponseTooLarge { limit: self.max_response_bytes, status: status.as_u16() }),
            sent: true,
            timed_out: false,
            permanent: true,
        };
        let declared = headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > self.max_response_bytes as u64) {
            return Err(too_large());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(failure)? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse { status, headers, body: body.freeze() })
    }

    /// Builds the HTTP request of one attempt (credentials are computed afresh for each);
    /// nothing is sent when this fails.
    fn assemble(
        &self,
        request: &Request<'_>,
        timeout: Duration,
        idempotency_key: Option<&str>,
    ) -> Result<reqwest::Request, Assembly> {
        let operation = request.operation;
        let chosen = self.credentials.select(operation.security, request.narrowing).ok_or_else(|| {
            let mut accepted: Vec<String> = allowed(operation.security, request.narrowing)
                .map(|alternative| alternative.iter().map(|scheme| scheme.name).collect::<Vec<_>>().join("+"))
                .collect();
            if accepted.is_empty()
                && let Some(narrowing) = request.narrowing
            {
                // A narrowing outside the operation's alternatives: name what the call asked for.
                accepted = narrowing.schemes.iter().map(|scheme| scheme.name.to_owned()).collect();
            }
            Assembly::Missing(accepted)
        })?;
        if let Some(reason) = request.query.error() {
            return Err(Assembly::Invalid(InvalidReason::Encode(reason.to_owned())));
        }
        let path = path::expand(operation.path, &request.path_params)
            .map_err(|error| Assembly::Invalid(InvalidReason::PathParameter(error)))?;
        let mut url = Url::parse(&format!("{}{path}", self.base_url))
            .map_err(|error| Assembly::Invalid(InvalidReason::Url(error)))?;
        let mut headers = HeaderMap::new();
        let mut query_credentials = Vec::new();
        for (scheme, source) in chosen {
            let secret = source.credential().map_err(|error| {
                Assembly::Invalid(InvalidReason::Credential { scheme: scheme.name, message: error.0 })
            })?;
            match scheme.placement {
                Placement::Header(name) => {
                    let value = header_value(scheme, &secret).ok_or_else(|| {
                        Assembly::Invalid(InvalidReason::Credential {
                            scheme: scheme.name,
                            message: "the key contains characters a header cannot carry".into(),
                        })
                    })?;
                    let name = header_name(name).ok_or_else(|| {
                        Assembly::Invalid(InvalidReason::Credential {
                            scheme: scheme.name,
                            message: format!("`{name}` is not a valid header name"),
                        })
                    })?;
                    headers.insert(name, value);
                }
                Placement::Query(name) => query_credentials.push((name, secret)),
            }
        }
        if !request.query.is_empty() || !query_credentials.is_empty() {
            let mut pairs = url.query_pairs_mut();
            pairs.extend_pairs(request.query.pairs());
            for (name, secret) in &query_credentials {
                pairs.append_pair(name, secret.expose_secret());
            }
        }
        if let (Some(header), Some(key)) = (self.idempotency_header, idempotency_key) {
            let invalid = || Assembly::Invalid(InvalidReason::Encode(format!("`{key}` cannot be sent in {header}")));
            headers
                .insert(header_name(header).ok_or_else(invalid)?, HeaderValue::from_str(key).map_err(|_| invalid())?);
        }

        let format = match (self.format, operation.xml_root) {
            #[cfg(feature = "xml")]
            (Format::Xml, Some(_)) => Format::Xml,
            _ => Format::Json,
        };
        let accept = match format {
            Format::Json => {
                HeaderValue::from_str(operation.accept).unwrap_or(HeaderValue::from_static("application/json"))
            }
            #[cfg(feature = "xml")]
            Format::Xml => HeaderValue::from_static("text/xml"),
        };
        headers.insert(ACCEPT, accept);
        headers.insert(USER_AGENT, self.user_agent.clone());

        let mut http_request = reqwest::Request::new(operation.method.clone(), url);
        if let Some(body) = request.body {
            let encoded = body
                .encode(format, operation.xml_root.unwrap_or_default())
                .map_err(|error| Assembly::Invalid(InvalidReason::Encode(error)))?;
            let content_type = match format {
                Format::Json => "application/json",
                #[cfg(feature = "xml")]
                Format::Xml => "text/xml",
            };
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
            *http_request.body_mut() = Some(encoded.into());
        }
        *http_request.headers_mut() = headers;
        *http_request.timeout_mut() = Some(timeout);
        Ok(http_request)
    }
}

fn header_name(name: &str) -> Option<HeaderName> {
    HeaderName::from_bytes(name.as_bytes()).ok()
}

enum Assembly {
    Missing(Vec<String>),
    Invalid(InvalidReason),
}

fn invalid<E: ErrorModel>(operation: &'static Operation, reason: InvalidReason) -> Error<E> {
    Error::InvalidRequest(Box::new(InvalidRequest { operation: operation.id, reason }))
}

fn api_error<E: ErrorModel>(
    operation: &'static Operation,
    response: RawResponse,
    attempts: u32,
    outcome_unknown: bool,
) -> Error<E> {
    let RawResponse { status, headers, body } = response;
    // Gateways send their error body on statuses their specs never list (a 401 from an auth
    // layer, a connector's own status), so every status gets the attempt; a body that is not
    // the error model (an HTML page, an empty body) leaves `model` empty and stays raw.
    let model = codec::decode::<E>(&BodyKind::of(content_type(&headers), &body), &body).ok();
    Error::Api(Box::new(ApiError { operation: operation.id, status, headers, body, model, attempts, outcome_unknown }))
}

fn transport_error<E: ErrorModel>(
    operation: &'static Operation,
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

fn decode_success<T: DeserializeOwned, E: ErrorModel>(
    operation: &'static Operation,
    response: RawResponse,
) -> Result<T, Error<E>> {
    let kind = BodyKind::of(content_type(&response.headers), &response.body);
    codec::decode(&kind, &response.body).map_err(|failure| {
        Error::Decode(Box::new(DecodeError {
            operation: operation.id,
            status: response.status,
            headers: response.headers,
            path: failure.path,
            body: response.body,
            source: failure.source,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(url: &str) -> ClientBuilder {
        ClientBuilder::new("test", "t/1", Some(url))
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

    fn assembled(core: &ClientCore, idempotency_key: Option<&str>) -> reqwest::Request {
        let mut query = Query::new();
        query.push("expand", "all");
        let request = Request::new(&LOOKUP).path_param("id", "a b").query(query);
        match core.assemble(&request, Duration::from_secs(7), idempotency_key) {
            Ok(request) => request,
            Err(_) => panic!("request did not assemble"),
        }
    }

    #[test]
    fn a_query_credential_follows_the_operations_parameters() {
        let core = builder("https://x.test/base")
            .credential("cp-domain-key", secrecy::SecretString::from("dk&1".to_owned()))
            .build()
            .unwrap();
        let request = assembled(&core, None);
        assert_eq!(request.url().as_str(), "https://x.test/base/v6/lookup/a%20b?expand=all&cp-domain-key=dk%261");
        assert!(request.headers().get("cp-api-key").is_none());
    }

    #[test]
    fn a_header_credential_is_marked_sensitive_and_preferred_in_declared_order() {
        let core = builder("https://x.test")
            .credential("cp-domain-key", secrecy::SecretString::from("dk".to_owned()))
            .credential("cp-api-key", secrecy::SecretString::from("key".to_owned()))
            .idempotency_header("Idempotency-Key")
            .build()
            .unwrap();
        let request = assembled(&core, Some("order-7"));
        assert_eq!(request.url().query(), Some("expand=all"));
        let header = &request.headers()["cp-api-key"];
        assert_eq!(header, "key");
        assert!(header.is_sensitive());
        assert_eq!(request.headers()[USER_AGENT], "t/1");
        assert_eq!(request.headers()[ACCEPT], "application/json");
        assert_eq!(request.headers()["idempotency-key"], "order-7");
        assert_eq!(request.timeout(), Some(&Duration::from_secs(7)));
    }

    #[test]
    fn a_narrowed_call_sends_only_the_credential_its_request_allows() {
        static DOMAIN_ONLY: CallSecurity = CallSecurity::new(&[&DOMAIN_KEY], "the request names a domain");
        let both = builder("https://x.test")
            .credential("cp-domain-key", secrecy::SecretString::from("dk".to_owned()))
            .credential("cp-api-key", secrecy::SecretString::from("key".to_owned()))
            .build()
            .unwrap();
        let request = Request::new(&LOOKUP).path_param("id", "1").narrow_security(&DOMAIN_ONLY);
        let Ok(sent) = both.assemble(&request, Duration::from_secs(1), None) else { panic!("did not assemble") };
        assert_eq!(sent.url().query(), Some("cp-domain-key=dk"));
        assert!(sent.headers().get("cp-api-key").is_none(), "the preferred api key is not sent");

        let api_key_only = builder("https://x.test")
            .credential("cp-api-key", secrecy::SecretString::from("key".to_owned()))
            .build()
            .unwrap();
        match api_key_only.assemble(&request, Duration::from_secs(1), None) {
            Err(Assembly::Missing(accepted)) => assert_eq!(accepted, ["cp-domain-key"]),
            _ => panic!("the api key must not stand in for the domain key"),
        }

        static BEARER: SecurityScheme = SecurityScheme::header("bearer", "Authorization", "Bearer ");
        static BEARER_ONLY: CallSecurity = CallSecurity::new(&[&BEARER], "r");
        let outside = Request::new(&LOOKUP).path_param("id", "1").narrow_security(&BEARER_ONLY);
        match both.assemble(&outside, Duration::from_secs(1), None) {
            Err(Assembly::Missing(accepted)) => assert_eq!(accepted, ["bearer"], "names what the call asked for"),
            _ => panic!("a narrowing outside the operation's alternatives leaves nothing to send"),
        }
    }
}
