//! `openapi/<vendor>/sdk.toml`: what the spec does not say but the crate needs — crate and
//! class names, credential setters and which one a call sends, the error model, secret fields,
//! server defaults.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The generator settings of one vendor.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VendorConfig {
    /// Package name of the generated crate; also its folder under `crates/`.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// The vendor's name as prose uses it (`Paytree`, `PAY.JP`).
    pub title: String,
    /// Servers to offer besides (or instead of) the spec's `servers`; the first is the default.
    #[serde(default)]
    pub servers: Vec<ServerConfig>,
    /// API class names by tag, where the default `<Tag>Api` is not the documented one.
    #[serde(default)]
    pub classes: BTreeMap<String, String>,
    /// One entry per security scheme: the builder method that sets it.
    #[serde(default)]
    pub security: BTreeMap<String, SchemeConfig>,
    /// The schema of the vendor's error bodies, and which members hold its code and message.
    pub error_model: Option<ErrorModelConfig>,
    /// Properties whose values never appear in `Debug` (`Schema.property`, or `*.property` in
    /// every schema), besides the names redacted everywhere (`client_secret`, `cvc`, …).
    #[serde(default)]
    pub sensitive: Vec<String>,
    /// Names for inline schemas, by JSON pointer. Every inline schema equal to the one at the
    /// pointer shares the named type (`MetadataValue` rather than one type per property).
    #[serde(default)]
    pub inline_names: BTreeMap<String, String>,
    /// Per-operation settings, by `operationId`.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationConfig>,
    /// The header the vendor reads an idempotency key from, when it accepts one: the calls of
    /// its writes then offer `idempotency_key(..)`, which also makes the call safe to retry.
    pub idempotency_header: Option<String>,
    /// The response header the vendor sends its id of each request in, when its server or
    /// documentation names one: `Response::request_id` reads it (`x-request-id` otherwise).
    pub request_id_header: Option<String>,
    /// A request member whose presence decides which of two schemes a call sends, where the
    /// operation accepts both.
    pub credential_by_member: Option<CredentialByMember>,
    /// Schemas the vendor sends on its own rather than in answer to a call (a webhook body),
    /// by schema name. Each is received like a response body, with every model it contains:
    /// it always decodes, without the crate's `deserialize-requests` feature.
    #[serde(default)]
    pub events: Vec<String>,
}

/// `[credential-by-member]`: the vendor tells its keys apart by what the request carries (a
/// Hyperswitch publishable key goes only with the payment's `client_secret`, the secret key only
/// without it). It applies to every operation that accepts both schemes and whose body or query
/// object has the member, and to no other.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CredentialByMember {
    /// The member's JSON name.
    pub member: String,
    /// The scheme a call whose request carries the member sends.
    pub present: String,
    /// The scheme any other call sends.
    pub absent: String,
    /// Why, in one clause, for the method docs and the error of a call whose key is missing.
    pub reason: String,
}

/// Settings of one operation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OperationConfig {
    /// How the method takes optional query parameters: a params struct (the default), or one
    /// `Option` argument each (when the vendor's documented signature does).
    pub optional_query: Option<QueryStyle>,
    /// The body member the vendor de-duplicates on (CityPay's `identifier`): when it is set,
    /// repeating the call cannot create a second payment, so it may be retried.
    pub dedupe_key: Option<String>,
    /// The operation only reads, whatever its method (CityPay's retrieve is a POST): repeating
    /// it is harmless, so it is retried like a GET.
    #[serde(default)]
    pub read_only: bool,
}

/// How a method takes optional query parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueryStyle {
    /// One struct with `Default` (`<Operation>Params`).
    Struct,
    /// One `Option` argument per parameter.
    Arguments,
}

/// A named server.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Variant name of the generated `Server` enum.
    pub name: String,
    /// Base URL.
    pub url: String,
    /// What the server is for.
    pub description: String,
}

/// How a builder sets one security scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeConfig {
    /// The `ClientBuilder` method name.
    pub setter: String,
    /// Written before the secret (`"Token "`); defaults to `"Bearer "` for HTTP bearer schemes.
    pub prefix: Option<String>,
    /// One line for the setter's documentation: what the credential is.
    pub doc: String,
}

/// The vendor's error body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorModelConfig {
    /// Schema name.
    pub schema: String,
    /// Members holding the gateway's error code, the first present wins. A member the schema
    /// does not name is looked up among the model's other members (`additional_properties`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub code: Vec<String>,
    /// Members holding the human-readable message, the first present wins.
    #[serde(default, deserialize_with = "one_or_many")]
    pub message: Vec<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Names {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Names::deserialize(deserializer)? {
        Names::One(name) => vec![name],
        Names::Many(names) => names,
    })
}

/// Property names whose values are secrets for every vendor.
pub const ALWAYS_SENSITIVE: &[&str] = &["client_secret", "cvc", "card_cvc", "card_number", "password", "api_key"];

impl VendorConfig {
    /// Whether `schema.property` must be redacted in `Debug`.
    pub fn is_sensitive(&self, schema: &str, property: &str) -> bool {
        ALWAYS_SENSITIVE.contains(&property)
            || self.sensitive.iter().any(|entry| match entry.split_once('.') {
                Some(("*", name)) => name == property,
                Some((owner, name)) => owner == schema && name == property,
                None => false,
            })
    }
}
