//! What the client is built from: the security schemes, the named servers, and how the
//! vendor's error model gives its code and message.

/// A security scheme and how the builder sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    /// The spec's scheme name.
    pub name: String,
    /// The Rust `static` holding its description.
    pub static_name: String,
    /// Header name, or query parameter name.
    pub location: SchemeLocation,
    /// Written before the secret.
    pub prefix: String,
    /// The builder method, and the constructor of the crate's `Credential` for one call.
    pub setter: String,
    /// Its variant of the crate's `Scheme` enum (the setter in UpperCamelCase).
    pub variant: String,
    /// What the credential is (setter documentation).
    pub doc: String,
}

/// Where a scheme's secret goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeLocation {
    /// A header.
    Header(String),
    /// A query parameter.
    Query(String),
}

impl Scheme {
    /// How the credential looks on the wire, e.g. `Authorization: Token <key>`.
    pub fn wire_example(&self) -> String {
        match &self.location {
            SchemeLocation::Header(header) => format!("{header}: {}<key>", self.prefix),
            SchemeLocation::Query(name) => format!("?{name}=<key>"),
        }
    }
}

/// A server the client can be pointed at by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// Variant name.
    pub name: String,
    /// Base URL.
    pub url: String,
    /// What it is for.
    pub description: String,
}

/// A call's credential narrowed by what its request carries (`[credential-by-member]`): the
/// client defines one `static` per narrowing a method can pick.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrowing {
    /// The Rust `static` holding it (`WITH_CLIENT_SECRET`).
    pub static_name: String,
    /// The scheme such a call sends.
    pub scheme: String,
    /// The `static` of that scheme.
    pub scheme_static: String,
    /// The JSON name of the member that decides.
    pub member: String,
    /// Whether the request carries the member.
    pub carried: bool,
    /// Why such a call needs its scheme, as its missing-credential error says.
    pub reason: String,
}

/// The vendor's error model, and where its code and message come from (first present wins).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorAccess {
    /// The model's type name.
    pub model: String,
    /// Candidates for the code.
    pub code: Vec<ErrorSource>,
    /// Candidates for the message.
    pub message: Vec<ErrorSource>,
}

/// Where the error model's code or message is read from.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorSource {
    /// A string property, reached through the required object properties before it.
    Field {
        /// The Rust field names, outermost first.
        path: Vec<String>,
        /// The last field is required (`String`, not `Option<String>`).
        required: bool,
    },
    /// A member the schema does not name, looked up in the model's map of other members.
    Other {
        /// The map's Rust field name.
        map: String,
        /// The member's JSON name.
        key: String,
        /// The map holds strings (`BTreeMap<String, String>`), not JSON values.
        strings: bool,
    },
}
