//! Operations as the emitters need them: API classes, one per tag, each operation with its
//! parameters, body, responses, credentials and retry rule.

use super::client::Narrowing;
use super::model::{Model, Rules, Ty};

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Wire name.
    pub name: String,
    /// Rust name.
    pub rust: String,
    /// Value type.
    pub ty: Ty,
    /// Required by the spec.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// Constraints.
    pub rules: Rules,
    /// An object in the query string, one `name=value` per property (`style: form`,
    /// `explode: true`, the OpenAPI default): the method takes the model itself.
    pub exploded: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Its model.
    pub ty: Ty,
    /// Method parameter name (the model's name in snake_case, as the seeds spell it).
    pub rust: String,
    /// Whether the operation requires it (otherwise the method takes an `Option`).
    pub required: bool,
    /// Media types the spec lists.
    pub media: Vec<String>,
}

/// One declared response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `201`, `4XX`, `default`.
    pub status: String,
    /// The spec's description.
    pub description: String,
    /// The body's type, when it has one.
    pub ty: Option<Ty>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationIr {
    /// The `operationId`.
    pub id: String,
    /// The Rust method.
    pub method_name: String,
    /// `GET`, `POST`, …
    pub http_method: String,
    /// Path template.
    pub path: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Path parameters, in template order.
    pub path_params: Vec<Param>,
    /// Query parameters, in declaration order.
    pub query_params: Vec<Param>,
    /// The body.
    pub body: Option<Body>,
    /// Every declared response.
    pub responses: Vec<Response>,
    /// The 2xx body type (`None`: no body).
    pub success: Option<Ty>,
    /// The 2xx body may also be empty (`x-optional-body`): the method returns `Option<T>`.
    pub success_optional: bool,
    /// Credential alternatives (scheme names); empty: none needed.
    pub security: Vec<Vec<String>>,
    /// `Accept` for JSON.
    pub accept: String,
    /// XML root element when the body may be sent as `text/xml`.
    pub xml_root: Option<String>,
    /// The struct holding optional query parameters, when there are any and the operation
    /// takes them as a struct.
    pub params_struct: Option<String>,
    /// Optional query parameters are `Option` arguments of the method.
    pub optional_query_args: bool,
    /// Where the operation departs from the vendor's published spec (`x-deviation` reasons of
    /// its path, parameters, body and responses).
    pub deviations: Vec<String>,
    /// Whether the operation may be repeated once an attempt may have reached the server.
    pub repeat: Repeat,
    /// Which credential each call sends, when the request decides it (`[credential-by-member]`).
    pub credential_choice: Option<CredentialChoice>,
    /// Which credential the call sends, in words: the method's documentation and the
    /// operation's page both print it. Written by `lower`'s last pass, once the settings apply.
    pub authentication: String,
    /// When the client may repeat the call, in words, from [`repeat`](Self::repeat). Written by
    /// `lower`'s last pass.
    pub retries: String,
}

/// Whether an operation may be repeated once an attempt may have reached the server. Decided
/// here, once: the method passes it to the runtime (`Operation::new`, which only reads it) and
/// its "Retries" documentation is written from it.
#[derive(Debug, Clone, PartialEq)]
pub enum Repeat {
    /// Declared `read-only` in `sdk.toml`: only reads, whatever its method.
    ReadOnly,
    /// `GET`, `HEAD`, `OPTIONS`, `PUT` or `DELETE`: repeating changes nothing more.
    IdempotentMethod,
    /// A write the vendor recognises a repeat of by a body member (`dedupe-key` in `sdk.toml`).
    DedupeKey(Dedupe),
    /// Any other write: only an idempotency key makes it safe to repeat.
    Write,
}

/// An operation whose request decides its credential: the narrowings it picks from, and the
/// arguments that may carry the deciding member.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialChoice {
    /// For a call whose request carries the member.
    pub with: Narrowing,
    /// For a call whose request does not.
    pub without: Narrowing,
    /// Why the vendor tells its keys apart by the member, in one clause.
    pub why: String,
    /// The body or query object arguments whose model has the member.
    pub carriers: Vec<Carrier>,
}

impl CredentialChoice {
    /// Every call carries the member (a required member of a required argument), so the
    /// method never needs the narrowing for a call without it.
    pub fn always_carried(&self) -> bool {
        self.carriers.iter().any(|carrier| carrier.arg_required && carrier.member_required)
    }
}

/// A method argument whose model has the member that decides the credential.
#[derive(Debug, Clone, PartialEq)]
pub struct Carrier {
    /// The argument's Rust name.
    pub arg: String,
    /// The member's Rust field name.
    pub member: String,
    /// The argument is always given (not an `Option`).
    pub arg_required: bool,
    /// The member is always present (required by its schema).
    pub member_required: bool,
}

/// A body member that makes a repeated call harmless.
#[derive(Debug, Clone, PartialEq)]
pub struct Dedupe {
    /// The member's JSON name.
    pub json: String,
    /// Its Rust field name.
    pub rust: String,
    /// Required by the schema (always present) rather than `Option`.
    pub always: bool,
}

/// One API class.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiClass {
    /// `TransactionApi`.
    pub name: String,
    /// The tag it groups.
    pub tag: String,
    /// The client method returning it (`transaction_api`).
    pub accessor: String,
    /// Its operations, sorted by method name.
    pub operations: Vec<OperationIr>,
    /// Types its parameters need (inline enums).
    pub models: Vec<Model>,
}
