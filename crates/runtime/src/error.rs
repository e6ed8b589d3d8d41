//! One error type for every call, generic over the vendor's error model `E`.
//!
//! Each variant answers one question a caller has when money is involved: was anything sent
//! (`Config`, `MissingCredential`, `InvalidRequest`: no), did the exchange fail (`Transport`,
//! `Timeout`), did the gateway say no (`Api`), or did it answer something unreadable
//! (`Decode`). The raw body is kept on every error that has one.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;

use crate::path::PathParamError;
use crate::validate::ValidationErrors;

/// A vendor's typed error body: what its server sends with a status outside 2xx. Every such
/// response is decoded as it, whatever the status.
pub trait ErrorModel: DeserializeOwned + fmt::Debug + Send + Sync + 'static {
    /// The gateway's error code, when the model carries one.
    fn code(&self) -> Option<&str> {
        None
    }
    /// The gateway's human-readable message, when the model carries one.
    fn message(&self) -> Option<&str> {
        None
    }
}

/// The error model of a vendor whose spec declares no error body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoErrorModel {}

impl<'de> serde::Deserialize<'de> for NoErrorModel {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("this API declares no error body"))
    }
}

impl ErrorModel for NoErrorModel {}

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E: ErrorModel = NoErrorModel> {
    /// The client could not be built. Nothing was sent.
    #[error(transparent)]
    Config(Box<ConfigError>),
    /// The operation needs a credential the client does not hold. Nothing was sent.
    #[error(transparent)]
    MissingCredential(Box<MissingCredential>),
    /// The request could not be formed (a bad path parameter, a failed validation, …).
    /// Nothing was sent.
    #[error(transparent)]
    InvalidRequest(Box<InvalidRequest>),
    /// The connection failed, or the response could not be read.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// The request or the response took longer than the configured timeout.
    #[error(transparent)]
    Timeout(Box<TransportError>),
    /// The gateway answered with a status outside 2xx.
    #[error(transparent)]
    Api(Box<ApiError<E>>),
    /// The gateway answered 2xx, but the body is not what the spec describes.
    #[error(transparent)]
    Decode(Box<DecodeError>),
}

impl<E: ErrorModel> Error<E> {
    /// The HTTP status of the response, when one was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(error) => Some(error.status.as_u16()),
            Self::Decode(error) => Some(error.status.as_u16()),
            _ => None,
        }
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Api(error) => Some(&error.headers),
            Self::Decode(error) => Some(&error.headers),
            _ => None,
        }
    }

    /// The response body exactly as received, when a response was received.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Self::Api(error) => Some(&error.body),
            Self::Decode(error) => Some(&error.body),
            _ => None,
        }
    }

    /// The vendor's typed error body, when the response body decodes as it, whatever the
    /// status. `None` when the vendor has no error model or the body is something else (an
    /// HTML page, an empty body); [`raw_body`](Self::raw_body) has it either way.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api(error) => error.model.as_ref(),
            _ => None,
        }
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    /// Whether the request certainly never left the client.
    pub fn is_unsent(&self) -> bool {
        match self {
            Self::Config(_) | Self::MissingCredential(_) | Self::InvalidRequest(_) => true,
            Self::Transport(error) | Self::Timeout(error) => error.outcome == Outcome::NotSent,
            _ => false,
        }
    }

    /// Whether the request may have taken effect although no answer says so: it may have
    /// reached the gateway and no response came back, or a gateway answered 502/503/504 to a
    /// request that was not safe to repeat. Look the payment up before trying again.
    pub fn is_outcome_unknown(&self) -> bool {
        match self {
            Self::Transport(error) | Self::Timeout(error) => error.outcome == Outcome::Unknown,
            Self::Api(error) => error.outcome_unknown,
            _ => false,
        }
    }

    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Transport(error) | Self::Timeout(error) => error.attempts,
            Self::Api(error) => error.attempts,
            Self::Decode(_) => 1,
            _ => 0,
        }
    }
}

impl<E: ErrorModel> From<ConfigError> for Error<E> {
    fn from(error: ConfigError) -> Self {
        Self::Config(Box::new(error))
    }
}

/// The client's configuration is unusable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No base URL was given and the vendor's spec names no server.
    #[error("no base URL: this API names no default server, so set one with `base_url(..)`")]
    MissingBaseUrl,
    /// The base URL does not parse, or cannot carry paths.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// The user agent is not a valid header value.
    #[error("invalid user agent: {0}")]
    InvalidUserAgent(#[source] http::header::InvalidHeaderValue),
    /// The HTTP client could not be created (TLS initialisation, say).
    #[error("could not create the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
    /// The TLS configuration could not be created (the platform's certificate verifier did
    /// not start, say).
    #[error("could not set up TLS: {0}")]
    Tls(String),
}

/// No configured credential satisfies the operation's security requirement, or the narrower
/// one of this call.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: {}", missing_text(.accepted, *.reason))]
#[non_exhaustive]
pub struct MissingCredential {
    /// The operation id.
    pub operation: &'static str,
    /// The alternatives this call accepts, each a `+`-joined list of scheme names.
    pub accepted: Vec<String>,
    /// Why this call accepts fewer credentials than its operation, when what the request
    /// carries narrowed them (a client secret that only goes with the publishable key).
    pub reason: Option<&'static str>,
}

fn missing_text(accepted: &[String], reason: Option<&str>) -> String {
    let accepted = accepted.join(" or ");
    match reason {
        None => format!("no credential configured; it accepts {accepted}"),
        Some(reason) => format!(
            "no credential configured for this call; it needs {accepted}, because {reason}. The call was not sent \
             with another credential in its place"
        ),
    }
}

/// A request that was refused before sending.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: {reason}")]
#[non_exhaustive]
pub struct InvalidRequest {
    /// The operation id.
    pub operation: &'static str,
    /// What is wrong.
    #[source]
    pub reason: InvalidReason,
}

/// Why a request was refused before sending.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidReason {
    /// The body breaks its schema's constraints (only with `validate_requests(true)`).
    #[error("the request body is invalid: {0}")]
    Validation(#[source] ValidationErrors),
    /// A path parameter would change the request path.
    #[error(transparent)]
    PathParameter(PathParamError),
    /// The body could not be encoded.
    #[error("the request body could not be encoded: {0}")]
    Encode(String),
    /// A credential source failed, or produced a value that cannot be sent in a header.
    /// The message never contains the secret.
    #[error("credential for `{scheme}`: {message}")]
    Credential {
        /// The scheme whose credential failed.
        scheme: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The full URL does not parse.
    #[error("the request URL is invalid: {0}")]
    Url(#[source] url::ParseError),
    /// An extra header of the call would replace one the SDK sets (a credential, the
    /// idempotency key, `Content-Type`, `Accept`, …), or is not a valid header. Its value is
    /// never shown.
    #[error("extra header `{name}`: {reason}")]
    Header {
        /// The header's name, as given.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// An extra body member of the call would replace one the model sets, or the body cannot
    /// carry it (no body, not a JSON object, an XML body). Its value is never shown.
    #[error("extra body member `{name}`: {reason}")]
    BodyMember {
        /// The member's name.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// An extra query parameter of the call would replace one the request sets (a parameter
    /// of the operation, or a credential). Its value is never shown.
    #[error("extra query parameter `{name}`: {reason}")]
    QueryParameter {
        /// The parameter's name.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The call's idempotency key cannot be sent: the request only reads, or the key cannot be
    /// written in a header.
    #[error("idempotency key: {0}")]
    IdempotencyKey(&'static str),
    /// A page stream cannot ask for its next page: the vendor's cursor cannot get past the
    /// page it has, so the request would repeat it. The items before were all yielded.
    #[error("the next page cannot be asked for: {0}")]
    NextPage(&'static str),
}

/// The error of a call that `operation` refused before sending anything, for `reason`: what
/// vendor code builds when it stops a call itself (a page stream that cannot go on, say).
pub fn invalid_request<E: ErrorModel>(operation: &'static str, reason: InvalidReason) -> Error<E> {
    Error::InvalidRequest(Box::new(InvalidRequest { operation, reason }))
}

/// Whether a request that got no response may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// It failed before anything was sent (connecting).
    NotSent,
    /// It may have reached the server: it may have taken effect.
    Unknown,
    /// It may have reached the server, but it changes nothing there (a read).
    Harmless,
}

/// The exchange failed below HTTP: connecting, sending, or reading the response.
#[derive(Debug, thiserror::Error)]
#[error("{operation} ({method} {path}), attempt {attempts}: {source}{}", outcome_text(*.outcome, *.repeatable))]
#[non_exhaustive]
pub struct TransportError {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template (never the filled path, which may carry identifiers).
    pub path: &'static str,
    /// Attempts made, this one included.
    pub attempts: u32,
    /// Whether the request may have taken effect.
    pub outcome: Outcome,
    /// Whether repeating the request is safe (a read, or a write with a de-duplication or
    /// idempotency key).
    pub repeatable: bool,
    /// The underlying failure (URLs removed, so no query credential can leak).
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

fn outcome_text(outcome: Outcome, repeatable: bool) -> &'static str {
    match (outcome, repeatable) {
        (Outcome::NotSent, _) => " (nothing was sent)",
        (Outcome::Harmless, _) => "",
        (Outcome::Unknown, true) => "; the outcome is unknown, and repeating the request is safe",
        (Outcome::Unknown, false) => {
            "; the outcome is unknown: the request may have reached the server, and it was not repeated because \
             repeating it could create a second payment"
        }
    }
}

/// A response body larger than the client's limit.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the body of the {status} response exceeds the {limit}-byte limit; it was not read")]
#[non_exhaustive]
pub struct ResponseTooLarge {
    /// The limit, in bytes.
    pub limit: usize,
    /// The status of the response that carried the body.
    pub status: u16,
}

/// The HTTP client followed a redirect: the response came from another URL than the one the
/// call asked. Only a client supplied with `http_client` can follow one (the runtime's own
/// reports a 3xx as [`ApiError`]), and its body is never decoded as the operation's answer.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "the HTTP client followed a redirect to {to}; its {status} response was not read (build the client with \
         `redirect(reqwest::redirect::Policy::none())`)"
)]
#[non_exhaustive]
pub struct RedirectFollowed {
    /// Where the redirect led: scheme, host and path (no query or fragment, which may carry
    /// a secret).
    pub to: String,
    /// The status of the response that came from there.
    pub status: u16,
}

/// The gateway answered with a status outside 2xx.
///
/// Its `Display` and `Debug` never show a credential the call sent, even when the gateway (a
/// proxy, a firewall page) echoes the request back in its body or headers; [`Self::body`] and
/// [`Error::raw_body`] stay exactly as received.
#[non_exhaustive]
pub struct ApiError<E> {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body exactly as received.
    pub body: Bytes,
    /// The body decoded as the vendor's error model, when it is one (any status).
    pub model: Option<E>,
    /// Attempts made, this one included.
    pub attempts: u32,
    /// A gateway answered 502/503/504 to a request that was not safe to repeat: it may
    /// still have taken effect.
    pub outcome_unknown: bool,
    /// The credentials the call sent, hidden wherever the error is shown.
    pub(crate) sent: SentSecrets,
}

impl<E: ErrorModel> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.describe(&mut text)?;
        f.write_str(&self.sent.scrub(&text))
    }
}

impl<E: ErrorModel> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &Scrubbed(&self.sent, format!("{:?}", self.headers)))
            .field("body", &Scrubbed(&self.sent, format!("{:?}", self.body)))
            .field("model", &Scrubbed(&self.sent, format!("{:?}", self.model)))
            .field("attempts", &self.attempts)
            .field("outcome_unknown", &self.outcome_unknown)
            .finish()
    }
}

impl<E: ErrorModel> ApiError<E> {
    fn describe(&self, f: &mut impl fmt::Write) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        // A model whose members are all optional may decode a body that names neither (a
        // proxy's `{"detail": ..}`): then the body itself is searched.
        let typed = self.model.as_ref().map(|model| (model.code(), model.message()));
        let (code, message) = match typed {
            Some((code, message)) if code.is_some() || message.is_some() => {
                (code.map(str::to_owned), message.map(str::to_owned))
            }
            _ => summarize_json(&self.body),
        };
        match (code, message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(text), None) | (None, Some(text)) => write!(f, ": {text}")?,
            (None, None) if self.body.is_empty() => f.write_str(" with an empty body")?,
            (None, None) => write!(f, " ({} byte body)", self.body.len())?,
        }
        if self.outcome_unknown {
            f.write_str(outcome_text(Outcome::Unknown, false))?;
        }
        Ok(())
    }
}

impl<E: ErrorModel> std::error::Error for ApiError<E> {}

/// The secrets a call sent (credentials, as written and as percent-encoded in a query; the
/// values of secret members of its query and JSON body), so an error can hide them in whatever a
/// gateway echoed back.
#[derive(Clone, Default)]
pub(crate) struct SentSecrets {
    /// The first secret, kept inline: a call usually sends one credential, and a list would
    /// cost an allocation per attempt.
    first: Option<SecretString>,
    /// Any others.
    more: Vec<SecretString>,
    /// The JSON body and the member names whose values are secret in it, read only when an
    /// error is shown: a call that succeeds never pays for it.
    body: Option<(Bytes, &'static [&'static str])>,
}

/// Stands in for a credential in an error's text.
const HIDDEN: &str = "<redacted>";

impl SentSecrets {
    /// Remembers `secret`; the other forms it may come back in are worked out only when an
    /// error is shown.
    pub(crate) fn add(&mut self, secret: SecretString) {
        match self.first {
            None => self.first = Some(secret),
            Some(_) => self.more.push(secret),
        }
    }

    /// The secrets remembered with `add`.
    fn values(&self) -> impl Iterator<Item = &SecretString> {
        self.first.iter().chain(&self.more)
    }

    /// Remembers that the values of `members` in the JSON `body` are secret.
    pub(crate) fn in_body(&mut self, body: Bytes, members: &'static [&'static str]) {
        self.body = Some((body, members));
    }

    /// Every secret, the body's included.
    fn all(&self) -> Vec<SecretString> {
        let mut values = Vec::with_capacity(self.values().count() * 2);
        for secret in self.values() {
            add_forms(&mut values, secret.expose_secret());
        }
        if let Some((body, members)) = &self.body
            && let Ok(document) = serde_json::from_slice::<serde_json::Value>(body)
        {
            let mut stack = vec![&document];
            while let Some(value) = stack.pop() {
                match value {
                    serde_json::Value::Object(object) => {
                        for (name, member) in object {
                            match member {
                                serde_json::Value::String(text) if members.contains(&name.as_str()) => {
                                    add_forms(&mut values, text)
                                }
                                serde_json::Value::Number(number) if members.contains(&name.as_str()) => {
                                    add_forms(&mut values, &number.to_string())
                                }
                                other => stack.push(other),
                            }
                        }
                    }
                    serde_json::Value::Array(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
        values
    }

    /// `error` itself, or a plain error of its message with the secrets hidden when the message
    /// quotes one.
    pub(crate) fn scrub_error(
        &self,
        error: Box<dyn std::error::Error + Send + Sync>,
    ) -> Box<dyn std::error::Error + Send + Sync> {
        let message = error.to_string();
        match self.scrub(&message) {
            Cow::Borrowed(_) => error,
            Cow::Owned(hidden) => hidden.into(),
        }
    }

    /// `text` with every remembered secret replaced, longest first (one may contain another).
    pub(crate) fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let all = self.all();
        let mut secrets: Vec<&str> = all.iter().map(ExposeSecret::expose_secret).collect();
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        let mut out = Cow::Borrowed(text);
        for secret in secrets {
            if out.contains(secret) {
                out = Cow::Owned(out.replace(secret, HIDDEN));
            }
        }
        out
    }
}

/// Adds `secret` and its percent-encoded form to `values`, once each.
fn add_forms(values: &mut Vec<SecretString>, secret: &str) {
    if secret.is_empty() {
        return;
    }
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    for form in [secret.to_owned(), encoded] {
        if !values.iter().any(|known| known.expose_secret() == form) {
            values.push(SecretString::from(form));
        }
    }
}

impl fmt::Debug for SentSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hidden", self.values().count())
    }
}

/// `Debug` text already formatted, shown with the call's secrets hidden.
struct Scrubbed<'s>(&'s SentSecrets, String);

impl fmt::Debug for Scrubbed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.scrub(&self.1))
    }
}

/// Picks a code and a message out of an untyped JSON error body, trying the members gateways
/// commonly use (`code`, `message`, `detail`, `title`, a nested `error` object).
fn summarize_json(body: &[u8]) -> (Option<String>, Option<String>) {
    fn text(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }
    fn pick(object: &serde_json::Map<String, serde_json::Value>, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| object.get(*key).and_then(text))
    }
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, None);
    };
    let source = match object.get("error") {
        Some(serde_json::Value::Object(inner)) => inner,
        Some(serde_json::Value::String(message)) => {
            return (pick(&object, &["code", "error_code"]), Some(message.clone()));
        }
        _ => &object,
    };
    (
        pick(source, &["code", "error_code"]),
        pick(source, &["message", "error_message", "detail", "title", "error_description"]),
    )
}

/// A 2xx response whose body does not decode as the spec describes.
///
/// Like [`ApiError`], its `Display` and `Debug` hide the credentials the call sent; the body
/// stays exactly as received.
#[non_exhaustive]
pub struct DecodeError {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The JSON (or XML) path where decoding stopped, e.g. `results[0].amount`; empty at the root.
    pub path: String,
    /// The response body exactly as received.
    pub body: Bytes,
    /// The decoder's error.
    pub source: Box<dyn std::error::Error + Send + Sync>,
    /// The credentials the call sent, hidden wherever the error is shown.
    pub(crate) sent: SentSecrets,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!(
            "{}: the HTTP {} response does not decode{}: {}",
            self.operation,
            self.status,
            at_path(&self.path),
            self.source
        );
        f.write_str(&self.sent.scrub(&text))
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &Scrubbed(&self.sent, format!("{:?}", self.headers)))
            .field("path", &self.path)
            .field("body", &Scrubbed(&self.sent, format!("{:?}", self.body)))
            .field("source", &Scrubbed(&self.sent, format!("{:?}", self.source)))
            .finish()
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

fn at_path(path: &str) -> String {
    if path.is_empty() || path == "." { String::new() } else { format!(" at `{path}`") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(status: u16, body: &'static str) -> Error {
        Error::Api(Box::new(ApiError {
            operation: "transaction_payment_intent_retrieve",
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::from_static(body.as_bytes()),
            model: None,
            attempts: 1,
            outcome_unknown: false,
            sent: SentSecrets::default(),
        }))
    }

    #[test]
    fn api_errors_show_status_and_the_gateways_words() {
        let cases = [
            (404, r#"{"detail":"Not found."}"#, "HTTP 404 Not Found: Not found."),
            (422, r#"{"code":"E01","message":"bad amount"}"#, "HTTP 422 Unprocessable Entity: E01: bad amount"),
            (400, r#"{"error":{"code":"IR_01","message":"missing"}}"#, "HTTP 400 Bad Request: IR_01: missing"),
            (500, "<html>oops</html>", "HTTP 500 Internal Server Error (17 byte body)"),
            (401, "", "HTTP 401 Unauthorized with an empty body"),
        ];
        for (status, body, expected) in cases {
            let error = api_error(status, body);
            assert_eq!(error.to_string(), format!("transaction_payment_intent_retrieve: {expected}"));
            assert_eq!(error.status(), Some(status));
            assert_eq!(error.raw_body(), Some(body.as_bytes()));
            assert!(error.api_error().is_none());
        }
    }

    #[test]
    fn unsent_errors_say_so() {
        let error: Error = Error::MissingCredential(Box::new(MissingCredential {
            operation: "op",
            accepted: vec!["tokenAuth".into(), "jwtAuth".into()],
            reason: None,
        }));
        assert!(error.is_unsent());
        assert_eq!(error.to_string(), "op: no credential configured; it accepts tokenAuth or jwtAuth");
        assert_eq!(error.status(), None);

        let narrowed: Error = Error::MissingCredential(Box::new(MissingCredential {
            operation: "op",
            accepted: vec!["jwtAuth".into()],
            reason: Some("the request carries `session`"),
        }));
        assert!(narrowed.is_unsent());
        assert_eq!(
            narrowed.to_string(),
            "op: no credential configured for this call; it needs jwtAuth, because the request carries `session`. \
             The call was not sent with another credential in its place"
        );
    }

    /// A model whose members are all optional decodes nearly any JSON object; the message then
    /// comes from the body, as for an untyped one.
    #[test]
    fn a_typed_body_without_code_or_message_is_summarized_from_the_raw_body() {
        #[derive(Debug, serde::Deserialize)]
        struct Loose {
            #[allow(dead_code)]
            code: Option<String>,
        }
        impl ErrorModel for Loose {}
        let error = ApiError::<Loose> {
            operation: "op",
            status: StatusCode::UNAUTHORIZED,
            headers: HeaderMap::new(),
            body: Bytes::from_static(br#"{"detail":"Invalid token."}"#),
            model: Some(Loose { code: None }),
            attempts: 1,
            outcome_unknown: false,
            sent: SentSecrets::default(),
        };
        assert_eq!(error.to_string(), "op: HTTP 401 Unauthorized: Invalid token.");
    }

    /// A gateway, proxy or firewall page that echoes the request: the credentials the call sent
    /// never show in the error's text or `Debug`, plain or percent-encoded; the body stays raw.
    #[test]
    fn credentials_echoed_back_are_hidden_from_display_and_debug() {
        let mut sent = SentSecrets::default();
        sent.add(SecretString::from("sk_live_S3cr3t&1".to_owned()));
        sent.add(SecretString::from("sk_live_S3cr3t".to_owned()));
        let body = r#"{"message":"bad key sk_live_S3cr3t&1 at /v1?key=sk_live_S3cr3t%261","code":"E1"}"#;
        let mut headers = HeaderMap::new();
        headers.insert("x-echo-authorization", http::HeaderValue::from_static("Bearer sk_live_S3cr3t"));
        let error = ApiError::<NoErrorModel> {
            operation: "op",
            status: StatusCode::UNAUTHORIZED,
            headers,
            body: Bytes::from_static(body.as_bytes()),
            model: None,
            attempts: 1,
            outcome_unknown: false,
            sent: sent.clone(),
        };
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("S3cr3t"), "{shown}");
        assert_eq!(error.to_string(), "op: HTTP 401 Unauthorized: E1: bad key <redacted> at /v1?key=<redacted>");
        assert_eq!(error.body, body.as_bytes(), "the body stays exactly as received");

        let decode = DecodeError {
            operation: "op",
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            path: "amount".into(),
            body: Bytes::from_static(br#"{"amount":"sk_live_S3cr3t"}"#),
            source: sent.scrub_error("invalid type: string \"sk_live_S3cr3t\", expected i64".into()),
            sent,
        };
        let shown = format!("{decode} {decode:?} {}", decode.source);
        assert!(!shown.contains("S3cr3t"), "{shown}");
        assert!(decode.to_string().ends_with("at `amount`: invalid type: string \"<redacted>\", expected i64"));
    }
}
