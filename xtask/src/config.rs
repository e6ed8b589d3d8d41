//! `openapi/<vendor>/sdk.toml`: what the spec does not say but the crate needs — crate and
//! class names, credential setters, the error model, secret fields, server defaults.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The generator settings of one vendor.
#[derive(Debug, Clone, Deserialize)]
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
    /// Properties whose values never appear in `Debug` (`Schema.property`), besides the
    /// names redacted everywhere (`client_secret`, `cvc`, …).
    #[serde(default)]
    pub sensitive: Vec<String>,
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
    /// Property holding the gateway's error code.
    pub code: Option<String>,
    /// Property holding the human-readable message.
    pub message: Option<String>,
}

/// Property names whose values are secrets for every vendor.
pub const ALWAYS_SENSITIVE: &[&str] = &["client_secret", "cvc", "card_cvc", "card_number", "password", "api_key"];

impl VendorConfig {
    /// Whether `schema.property` must be redacted in `Debug`.
    pub fn is_sensitive(&self, schema: &str, property: &str) -> bool {
        ALWAYS_SENSITIVE.contains(&property)
            || self.sensitive.iter().any(|entry| entry.split_once('.') == Some((schema, property)))
    }
}
