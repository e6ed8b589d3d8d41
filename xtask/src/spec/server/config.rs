//! `openapi/<vendor>/import/server.toml`: how to read a vendor's server source and what a review
//! accepted — the crates and features of the server's build, the spec schemas whose server type
//! has another name, the wire form of types the reader cannot see into, and the allowlist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use super::wire::WireTy;

/// The server check's settings for one vendor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// The server commit the vendor's spec was generated from (shown in the report).
    pub commit: String,
    /// Crate folders to read, relative to the server source.
    pub crates: Vec<String>,
    /// The cargo features the server is built with (its default build); all others are off.
    pub features: BTreeSet<String>,
    /// Each operation's server types: what its handler reads and answers. The comparison starts
    /// there and follows the types' members.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationTypes>,
    /// Model (Rust name, inline models included) → the server type it stands for, where the
    /// names differ or the operations do not lead to it.
    #[serde(default)]
    pub models: BTreeMap<String, SchemaSource>,
    /// Wire forms of types the reader cannot see into, by type name (or `module::Name`).
    #[serde(default)]
    pub types: BTreeMap<String, KnownForm>,
    /// Wire forms of custom `with` / `serialize_with` / `deserialize_with` functions, by the end
    /// of their path (`custom_serde::iso8601`).
    #[serde(default)]
    pub with: BTreeMap<String, KnownForm>,
    /// Differences a review accepted.
    #[serde(default)]
    pub allow: Vec<Allowed>,
}

/// The types an operation's handler reads and answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationTypes {
    /// The JSON body it reads.
    pub request: Option<String>,
    /// The query string it reads.
    pub query: Option<String>,
    /// What a success answers.
    pub response: Option<String>,
    /// Where the route says so.
    pub reason: String,
}

/// The server type behind a model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSource {
    /// The type's name (`PaymentsRequest`) or `module::Name` when the name is not unique.
    #[serde(rename = "type")]
    pub rust: String,
    /// Why the spec names it otherwise (its docs macro, a docs-only schema, …).
    pub reason: String,
}

/// The wire form of a type or function, and how we know it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownForm {
    /// `string`, `integer`, `number`, `boolean`, `any`, `inner` (its first type argument),
    /// `declared` (the field's declared type), `array<…>`, `map<…>`, `option<…>`,
    /// `type:<Name>` (the form of another server type), or `one_of<…, …>` (any of several).
    pub wire: String,
    /// Where the server shows it (file and line).
    pub reason: String,
}

/// One accepted difference.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowed {
    /// The model (its Rust name in the crate, which is the schema's for component schemas).
    pub model: String,
    /// The member, variant (`variant:<name>`) or value (`value:<name>`); empty for the model.
    #[serde(default)]
    pub member: String,
    /// The kind of difference ([`super::compare::Kind`]'s name).
    pub kind: String,
    /// Why it stays, with the server file and line.
    pub reason: String,
}

/// A parsed `wire` value.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A fixed form.
    Fixed(WireTy),
    /// The first type argument of the type as written.
    Inner,
    /// The declared type of the field the function is used on.
    Declared,
    /// The form of another server type, by name.
    Type(String),
    /// Any one of several forms.
    OneOf(Vec<Form>),
}

impl KnownForm {
    /// The parsed form.
    pub fn form(&self) -> anyhow::Result<Form> {
        parse_form(self.wire.trim())
    }
}

fn parse_form(text: &str) -> anyhow::Result<Form> {
    let wrapped = |inner: &str, wrap: fn(Box<WireTy>) -> WireTy| -> anyhow::Result<Form> {
        match parse_form(inner)? {
            Form::Fixed(ty) => Ok(Form::Fixed(wrap(Box::new(ty)))),
            _ => bail!("`{text}`: only fixed forms nest"),
        }
    };
    Ok(match text {
        "string" => Form::Fixed(WireTy::String),
        "integer" => Form::Fixed(WireTy::Integer),
        "number" => Form::Fixed(WireTy::Number),
        "boolean" => Form::Fixed(WireTy::Boolean),
        "any" => Form::Fixed(WireTy::Any),
        "inner" => Form::Inner,
        "declared" => Form::Declared,
        other => {
            if let Some(name) = other.strip_prefix("type:") {
                Form::Type(name.to_owned())
            } else if let Some(inner) = other.strip_prefix("array<").and_then(|rest| rest.strip_suffix('>')) {
                wrapped(inner, WireTy::Array)?
            } else if let Some(inner) = other.strip_prefix("map<").and_then(|rest| rest.strip_suffix('>')) {
                wrapped(inner, WireTy::Map)?
            } else if let Some(inner) = other.strip_prefix("option<").and_then(|rest| rest.strip_suffix('>')) {
                wrapped(inner, WireTy::Option)?
            } else if let Some(inner) = other.strip_prefix("one_of<").and_then(|rest| rest.strip_suffix('>')) {
                Form::OneOf(top_level_items(inner).into_iter().map(parse_form).collect::<anyhow::Result<_>>()?)
            } else {
                bail!("unknown wire form `{other}`")
            }
        }
    })
}

/// `a, b<c, d>` → [`a`, `b<c, d>`].
fn top_level_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (index, ch) in text.char_indices() {
        match ch {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(text[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(text[start..].trim());
    items
}

/// Where the settings of `vendor` live.
pub fn path(openapi_dir: &Path, vendor: &str) -> PathBuf {
    openapi_dir.join(vendor).join("import").join("server.toml")
}

/// Reads the settings of `vendor`.
pub fn load(openapi_dir: &Path, vendor: &str) -> anyhow::Result<ServerConfig> {
    let file = path(openapi_dir, vendor);
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let config: ServerConfig = toml::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    for (name, form) in config.types.iter().chain(&config.with) {
        form.form().with_context(|| format!("{}: `{name}`", file.display()))?;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_parse_and_nest() {
        assert_eq!(parse_form("string").unwrap(), Form::Fixed(WireTy::String));
        assert_eq!(
            parse_form("option<array<integer>>").unwrap(),
            Form::Fixed(WireTy::Option(Box::new(WireTy::Array(Box::new(WireTy::Integer)))))
        );
        assert_eq!(parse_form("type:Currency").unwrap(), Form::Type("Currency".into()));
        assert_eq!(
            parse_form("one_of<string, map<array<integer>>>").unwrap(),
            Form::OneOf(vec![
                Form::Fixed(WireTy::String),
                Form::Fixed(WireTy::Map(Box::new(WireTy::Array(Box::new(WireTy::Integer))))),
            ])
        );
        assert!(parse_form("option<inner>").is_err());
        assert!(parse_form("strnig").is_err());
    }
}
