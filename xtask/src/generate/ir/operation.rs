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
    /// How the method takes it.
    pub taken: Taken,
}

/// How a method takes a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// An argument of its own: every path parameter, every required query parameter, and the
    /// optional ones of an operation `sdk.toml` gives `optional-query = "arguments"` (each an
    /// `Option`).
    Argument,
    /// An object in the query string, one `name=value` per property (`style: form`,
    /// `explode: true`, the OpenAPI default): the method takes the model itself.
    Object,
    /// A field of the operation's params struct: the other optional query parameters.
    ParamsField,
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
    /// Credential alternatives (scheme names); empty: none needed.
    pub security: Vec<Vec<String>>,
    /// `Accept` for JSON.
    pub accept: String,
    /// XML root element when the body may be sent as `text/xml`.
    pub xml_root: Option<String>,
    /// The method's arguments and what it returns, as both emitters print them.
    pub signature: Signature,
    /// Where the operation departs from the vendor's published spec (`x-deviation` reasons of
    /// its path, parameters, body and responses).
    pub deviations: Vec<String>,
    /// Whether the operation may be repeated once an attempt may have reached the server.
    pub repeat: Repeat,
    /// Which credential each call sends, when the request decides it (`[credential-by-member]`).
    pub credential_choice: Option<CredentialChoice>,
    /// The members of its query and body whose values are secret (card numbers, client
    /// secrets), wherever they sit: an error hides them if a gateway echoes them back.
    pub secret_members: Vec<String>,
    /// Which credential the call sends, in words: the method's documentation and the
    /// operation's page both print it. Written by `lower`'s last pass, once the settings apply.
    pub authentication: String,
    /// When the client may repeat the call, in words, from [`repeat`](Self::repeat). Written by
    /// `lower`'s last pass.
    pub retries: String,
    /// What the call value the method returns offers, in words. Written by `lower`'s last pass.
    pub call_options: String,
}

impl OperationIr {
    /// The struct holding the optional query parameters, when the method takes one.
    pub fn params_struct(&self) -> Option<&str> {
        self.signature.args.iter().find_map(|arg| match (&arg.role, &arg.ty) {
            (ArgRole::ParamsStruct, Ty::Named(name)) => Some(name.as_str()),
            _ => None,
        })
    }
}

/// A method's final signature: its arguments after `&self`, in order, and what it returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The arguments: path parameters, query objects, required query parameters, optional ones
    /// (as arguments, or the params struct), the body.
    pub args: Vec<Arg>,
    /// What the call value the method returns yields (inside `Result<_, Error>`).
    pub returns: Returns,
    /// The call value takes an idempotency key (`idempotency_key(..)`): the operation changes
    /// something and the vendor reads a key. Set with the `sdk.toml` settings.
    pub keyed: bool,
}

/// One argument of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Its Rust name.
    pub name: String,
    /// The value's type; for [`Passed::Slice`], the items' type.
    pub ty: Ty,
    /// How the caller passes it.
    pub passed: Passed,
    /// `Option<…>`: the caller may leave it out, and then nothing is sent.
    pub optional: bool,
    /// What it does on the wire.
    pub role: ArgRole,
}

/// How a caller passes an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passed {
    /// `&str`.
    Str,
    /// `T`, by value: `Copy` values, and path parameters that are not strings (the method
    /// writes them with `to_string`).
    Value,
    /// `&T`.
    Ref,
    /// `&[T]`.
    Slice,
}

/// What an argument does on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgRole {
    /// Fills `{wire}` in the path template.
    PathParam {
        /// The parameter's name in the template.
        wire: String,
    },
    /// An object whose properties are one query parameter each.
    QueryObject,
    /// One query parameter, `wire=value`.
    QueryParam {
        /// The parameter's name.
        wire: String,
    },
    /// A list: one query parameter `wire=item` per item.
    QueryList {
        /// The parameter's name.
        wire: String,
    },
    /// The operation's params struct ([`Taken::ParamsField`]): each field that is set is a
    /// query parameter. Its type names the struct.
    ParamsStruct,
    /// The request body.
    Body,
}

/// What a method returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Returns {
    /// `()`: the success response has no body.
    Nothing,
    /// `T`: the success response's body.
    Body(Ty),
    /// `Option<T>`: the success response's body, which may also be empty (`x-optional-body`).
    OptionalBody(Ty),
}

impl Returns {
    /// The body's type, when there is one.
    pub fn ty(&self) -> Option<&Ty> {
        match self {
            Returns::Nothing => None,
            Returns::Body(ty) | Returns::OptionalBody(ty) => Some(ty),
        }
    }
}

/// Whether an operation may be repeated once an attempt may have reached the server. Decided
/// once, in `lower` (from the method, then `sdk.toml`): the method passes it to the runtime
/// (`Operation::new`, which only reads it) and its "Retries" documentation is written from it.
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

impl Repeat {
    /// Repeating the operation changes nothing more than doing it once: it only reads, or its
    /// method is idempotent.
    pub fn changes_nothing(&self) -> bool {
        matches!(self, Repeat::ReadOnly | Repeat::IdempotentMethod)
    }
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
