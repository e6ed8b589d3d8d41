//! The call value: what every generated method and a client's `request` return. It holds one
//! request and the options its caller sets on it alone, and runs when awaited:
//!
//! ```ignore
//! let intent = api
//!     .create_payment_intent(&request)
//!     .idempotency_key("order-1042-create") // this call and its retries, never another call
//!     .timeout(Duration::from_secs(20))
//!     .header("x-request-source", "checkout")
//!     .await?;
//! ```
//!
//! Its type parameters say what the compiler checks: `T` is what it yields, `V` the vendor
//! crate's `Client` (its error model, its credentials), and `K` whether the call takes an
//! idempotency key ([`Keyed`]), takes none ([`Unkeyed`]), or is a request written by hand
//! ([`Custom`]), which takes one where the vendor reads keys.

use std::borrow::Cow;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::auth::{CallSecurity, SchemeCredential, SecurityScheme};
use crate::client::{ClientCore, Operation, RawResponse, Request, decode_null, decode_success};
use crate::error::{Error, ErrorModel};
use crate::retry::RetryPolicy;

/// What a vendor crate tells the calls of its client. Generated code implements it for the
/// crate's `Client`, once.
pub trait Vendor: Send + Sync + 'static {
    /// The vendor's typed error body ([`NoErrorModel`](crate::NoErrorModel) when its spec
    /// declares none).
    type ErrorModel: ErrorModel;
    /// A credential one call runs with in place of the client's: the crate's `Credential`.
    type Credential: Send;
    /// The name of one of the vendor's credentials, for a request written by hand to pick
    /// among those the client holds: the crate's `Scheme`.
    type Scheme: Send;
    /// Every security scheme of the vendor, each an alternative of its own, in declared order:
    /// a request written by hand sends the first the client holds.
    const SECURITY: &'static [&'static [&'static SecurityScheme]];
    /// The `Accept` header of a request written by hand: what the vendor's operations send.
    const ACCEPT: &'static str;

    /// The runtime's form of a `Credential`.
    fn credential(credential: Self::Credential) -> SchemeCredential;

    /// The alternative of [`SECURITY`](Self::SECURITY) that `scheme` names.
    fn scheme(scheme: Self::Scheme) -> &'static [&'static SecurityScheme];
}

/// A vendor that reads an idempotency key (PAY.JP's `Idempotency-Key`): its writes, and the
/// requests its client writes by hand, take one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` reads no idempotency key",
    label = "this vendor's calls offer no `idempotency_key`"
)]
pub trait ReadsIdempotencyKeys: Vendor {}

/// A call of an operation that takes no idempotency key: the vendor reads none, or the
/// operation only reads.
#[derive(Debug)]
pub enum Unkeyed {}

/// A call of a write whose vendor reads an idempotency key: it offers `idempotency_key`.
#[derive(Debug)]
pub enum Keyed {}

/// A request written by hand with a client's `request`: its path, body and query are the
/// caller's; it takes an idempotency key where the vendor reads one, and refuses it on a read.
#[derive(Debug)]
pub enum Custom {}

/// The kinds of call that offer `idempotency_key` for vendor `V`.
#[diagnostic::on_unimplemented(
    message = "this call takes no idempotency key",
    label = "`idempotency_key` is offered on the writes of a vendor that reads one",
    note = "a read never carries a key, and a vendor without an idempotency header would ignore it"
)]
pub trait TakesIdempotencyKey<V> {}

impl<V: Vendor> TakesIdempotencyKey<V> for Keyed {}
impl<V: ReadsIdempotencyKeys> TakesIdempotencyKey<V> for Custom {}

/// The future a call runs as.
pub type CallFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How a call reads the body of a 2xx response.
type Decode<T, E> = fn(&Operation, &RawResponse) -> Result<T, Error<E>>;

/// One call, not sent yet: set its options, then `.await` it (or `.with_response().await`).
///
/// Every option belongs to this call and to every retry of it; the API value it came from is
/// left as it was, so the next call through it starts with the client's settings again. The
/// call holds the client (one `Arc`) and borrows only its arguments (`'a`), so it can be
/// kept in a variable and awaited later.
#[must_use = "a call is sent only when it is awaited"]
pub struct Call<'a, T, V: Vendor, K = Unkeyed> {
    core: Arc<ClientCore>,
    request: Request<'a>,
    decode: Decode<T, V::ErrorModel>,
    kind: PhantomData<fn() -> (V, K)>,
}

impl<'a, T: DeserializeOwned, V: Vendor, K> Call<'a, T, V, K> {
    /// A call of `request` through `core` whose 2xx body is a `T`. For generated code.
    // Only vendor code has a `ClientCore` to pass: hidden with the rest of `__generated`.
    #[doc(hidden)]
    pub fn new(core: Arc<ClientCore>, request: Request<'a>) -> Self {
        Self::decoding(core, request, decode_body)
    }
}

impl<'a, T: DeserializeOwned, V: Vendor, K> Call<'a, Option<T>, V, K> {
    /// A call whose 2xx body is a `T` or nothing at all (`None`). For generated code.
    // Only vendor code has a `ClientCore` to pass: hidden with the rest of `__generated`.
    #[doc(hidden)]
    pub fn optional(core: Arc<ClientCore>, request: Request<'a>) -> Self {
        Self::decoding(core, request, decode_optional_body)
    }
}

impl<'a, V: Vendor, K> Call<'a, (), V, K> {
    /// A call whose 2xx body, if any, is not read. For generated code.
    // Only vendor code has a `ClientCore` to pass: hidden with the rest of `__generated`.
    #[doc(hidden)]
    pub fn empty(core: Arc<ClientCore>, request: Request<'a>) -> Self {
        Self::decoding(core, request, |_, _| Ok(()))
    }
}

impl<'a, V: Vendor> Call<'a, Value, V, Custom> {
    /// A request written by hand: `method` on the path template `path` (`/refunds`,
    /// `/refunds/{refund_id}`), sent with the client's credentials, retries, timeouts and size
    /// cap. It yields the 2xx body as JSON (`null` when empty) until
    /// [`returning`](Self::returning) names a type.
    // Only vendor code has a `ClientCore` to pass: hidden with the rest of `__generated`.
    #[doc(hidden)]
    pub fn custom(core: Arc<ClientCore>, method: Method, path: &'static str) -> Self {
        let operation = Operation::custom(method, path, V::SECURITY, V::ACCEPT);
        Self::decoding(core, Request::of(Cow::Owned(operation)), decode_body_or_null)
    }
}

impl<'a, T, V: Vendor, K> Call<'a, T, V, K> {
    fn decoding(core: Arc<ClientCore>, request: Request<'a>, decode: Decode<T, V::ErrorModel>) -> Self {
        Self { core, request, decode, kind: PhantomData }
    }

    /// Time allowed for each attempt of this call, its body included, in place of the
    /// client's `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request.options.timeout = Some(timeout);
        self
    }

    /// Time allowed for this call, every attempt and wait included, in place of the client's
    /// `overall_timeout`.
    pub fn overall_timeout(mut self, timeout: Duration) -> Self {
        self.request.options.overall_timeout = Some(timeout);
        self
    }

    /// How this call is retried, in place of the client's policy (`RetryPolicy::none()` sends
    /// it once). A request that may have reached the gateway is still repeated only when
    /// repeating it cannot create a second payment.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.request.options.retry = Some(policy);
        self
    }

    /// Sends the header `name: value` too. A header the SDK sets — a credential, the
    /// idempotency key, `Content-Type`, `Accept`, `User-Agent`, the body's framing — is never
    /// replaced: such a call fails before sending with `Error::InvalidRequest`
    /// ([`InvalidReason::Header`](crate::InvalidReason::Header)), as does a name or value
    /// a header cannot carry. The value never shows in `Debug` output or errors.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.request.options.headers.push((name.into(), value.into()));
        self
    }

    /// Adds the member `name` to the JSON body: one the model does not have (a field the
    /// vendor added since, a deprecated one its server still reads). A member the model sets
    /// is never replaced: such a call fails before sending with `Error::InvalidRequest`
    /// ([`InvalidReason::BodyMember`](crate::InvalidReason::BodyMember)), as does a call
    /// without a body or with an XML one. Without extra members the body is written exactly as
    /// the model is.
    pub fn member(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.request.options.members.insert(name.into(), value.into());
        self
    }

    /// Adds `name=value` to the query string, after the request's own parameters. A parameter
    /// the request sets, or a credential's, is never replaced: such a call fails before
    /// sending ([`InvalidReason::QueryParameter`](crate::InvalidReason::QueryParameter)).
    pub fn query_param(mut self, name: impl Into<String>, value: impl fmt::Display) -> Self {
        self.request.options.query.push((name.into(), value.to_string()));
        self
    }

    /// Runs this call with `credential` in place of the client's (one client, many
    /// merchants). Give several to offer several schemes. The client's credentials are then not
    /// used for this call at all: when none of the call's fits, it fails before sending with
    /// `Error::MissingCredential`. The secret never shows in `Debug` output or errors.
    pub fn credential(mut self, credential: V::Credential) -> Self {
        self.request.options.credentials.get_or_insert_default().add(V::credential(credential));
        self
    }

    /// The response as well as its body: status, headers and the vendor's request id.
    pub fn with_response(self) -> CallFuture<'a, Result<Response<T>, Error<V::ErrorModel>>>
    where
        T: Send + 'a,
    {
        Box::pin(async move {
            let response = self.core.execute(&self.request).await?;
            let body = (self.decode)(self.request.operation(), &response)?;
            let RawResponse { status, headers, .. } = response;
            Ok(Response { status, headers, body, request_id_header: self.core.request_id_header() })
        })
    }
}

impl<T, V: Vendor, K: TakesIdempotencyKey<V>> Call<'_, T, V, K> {
    /// Sends `key` in the vendor's idempotency header, on this call and every retry of it:
    /// the gateway answers a repeat with the first result, so a timeout or a 5xx is retried
    /// too. Use one key per operation you mean to happen once (an order id and the step).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.request.options.idempotency_key = Some(key.into());
        self
    }
}

impl<'a, T, V: Vendor> Call<'a, T, V, Custom> {
    /// Fills `{name}` in the path template with `value`, percent-encoded as one segment, as
    /// generated paths are (`a/b` can never change the path; an empty value, `.` or `..` is
    /// refused before sending).
    pub fn path_param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.request = self.request.path_param(name, value.into());
        self
    }

    /// Sends `body` as the JSON body. Written now: a value that cannot be written as JSON
    /// fails the call before sending.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.request.json_body(serde_json::to_value(body).map_err(|error| error.to_string()));
        self
    }

    /// Adds one query parameter per member of `parameters` that is set (lists repeat their
    /// name, `None` is left out), as generated query objects are.
    pub fn query<Q: Serialize>(mut self, parameters: &Q) -> Self {
        self.request.query_mut().push_object(parameters);
        self
    }

    /// Sends the credential the client holds for `scheme`, rather than the first one it holds.
    /// When the client holds none for it, the call fails before sending; another is never sent
    /// in its place.
    pub fn scheme(mut self, scheme: V::Scheme) -> Self {
        let security = CallSecurity::new(V::scheme(scheme), "the request asked for it with `scheme(..)`");
        self.request.set_narrowing(security);
        self
    }

    /// Decodes the 2xx body as a `U` (an empty body as JSON `null`, so `Option<U>` and `()`
    /// read it too).
    pub fn returning<U: DeserializeOwned>(self) -> Call<'a, U, V, Custom> {
        Call::decoding(self.core, self.request, decode_body_or_null)
    }
}

impl<'a, T: Send + 'a, V: Vendor, K> IntoFuture for Call<'a, T, V, K> {
    type Output = Result<T, Error<V::ErrorModel>>;
    type IntoFuture = CallFuture<'a, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let response = self.core.execute(&self.request).await?;
            (self.decode)(self.request.operation(), &response)
        })
    }
}

impl<T, V: Vendor, K> fmt::Debug for Call<'_, T, V, K> {
    /// The request's names and settings: no value that may carry an identifier or a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("request", &self.request).finish_non_exhaustive()
    }
}

fn decode_body<T: DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
) -> Result<T, Error<E>> {
    decode_success(operation, response)
}

/// An empty body (or one of whitespace) is `None`.
fn decode_optional_body<T: DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
) -> Result<Option<T>, Error<E>> {
    if is_empty(response) {
        return Ok(None);
    }
    decode_success(operation, response).map(Some)
}

/// An empty body (or one of whitespace) reads as JSON `null`: a hand-written request does not
/// know whether its endpoint answers with a body.
fn decode_body_or_null<T: DeserializeOwned, E: ErrorModel>(
    operation: &Operation,
    response: &RawResponse,
) -> Result<T, Error<E>> {
    if is_empty(response) { decode_null(operation, response) } else { decode_success(operation, response) }
}

fn is_empty(response: &RawResponse) -> bool {
    response.body.iter().all(u8::is_ascii_whitespace)
}

/// A response to a call that succeeded: its status, headers and the vendor's request id, and
/// the decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    request_id_header: &'static str,
}

impl<T> Response<T> {
    /// The HTTP status (a 2xx).
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The vendor's id of this request, from the header it sends it in (Hyperswitch's
    /// `x-request-id`; `x-request-id` too for a vendor that names none), when the response
    /// carries one: what the vendor's support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get(self.request_id_header).and_then(|value| value.to_str().ok())
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, by value.
    pub fn into_body(self) -> T {
        self.body
    }
}
