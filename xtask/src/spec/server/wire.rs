//! What a server's types put on the wire, read from their serde attributes: member names, which
//! members are always written, which may be omitted or `null`, which a request must carry, and
//! how an enum is tagged. Built by [`super::source`], compared with the IR by [`super::compare`].

use std::collections::BTreeMap;
use std::fmt;

/// A place in the server's source: the file (relative to the source folder) and the line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// `crates/api_models/src/payments.rs`.
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A value's type as JSON sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum WireTy {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number that may have a fraction.
    Number,
    /// `true` / `false`.
    Boolean,
    /// Any JSON value (`serde_json::Value`).
    Any,
    /// A JSON array of the item type.
    Array(Box<WireTy>),
    /// A JSON object of arbitrary keys.
    Map(Box<WireTy>),
    /// `Option<T>`: `null` is written (unless skipped) and read.
    Option(Box<WireTy>),
    /// A type defined in the server's source, by its key in [`Definitions`], with its type
    /// arguments.
    Named(String, Vec<WireTy>),
    /// A type the reader cannot see into (a macro's output, an external crate's type).
    /// `server.toml`'s `[types]` names the wire form of those it meets.
    Foreign(Foreign),
    /// Written as any one of these, by a custom serde function (`"reward"` or an object).
    OneOf(Vec<WireTy>),
    /// An object with these members that is no type of its own (a struct variant's payload).
    Members(Vec<Member>),
}

/// A type outside the crates read, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreign {
    /// The last path segment (`Secret`).
    pub name: String,
    /// The whole path as written (`masking::Secret`).
    pub path: String,
    /// Its type arguments.
    pub args: Vec<WireTy>,
}

impl WireTy {
    /// Without an outer `Option`.
    pub fn strip_option(&self) -> &WireTy {
        match self {
            WireTy::Option(inner) => inner.strip_option(),
            other => other,
        }
    }

    /// Whether the value may be JSON `null`.
    pub fn admits_null(&self) -> bool {
        matches!(self, WireTy::Option(_) | WireTy::Any)
    }
}

impl fmt::Display for WireTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireTy::String => f.write_str("string"),
            WireTy::Integer => f.write_str("integer"),
            WireTy::Number => f.write_str("number"),
            WireTy::Boolean => f.write_str("boolean"),
            WireTy::Any => f.write_str("any"),
            WireTy::Array(item) => write!(f, "array<{item}>"),
            WireTy::Map(value) => write!(f, "map<{value}>"),
            WireTy::Option(inner) => write!(f, "option<{inner}>"),
            WireTy::Named(key, _) => f.write_str(key.rsplit("::").next().unwrap_or(key)),
            WireTy::Foreign(foreign) => write!(f, "`{}`", foreign.path),
            WireTy::Members(members) => write!(f, "an object of {} members", members.len()),
            WireTy::OneOf(types) => {
                let shown: Vec<String> = types.iter().map(ToString::to_string).collect();
                write!(f, "one of {}", shown.join(" | "))
            }
        }
    }
}

/// Whether the server writes a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Always (as `null` when an `Option` is `None`).
    Always,
    /// Only when a predicate allows (`skip_serializing_if`): it may be absent.
    Sometimes,
    /// Never (`skip` / `skip_serializing`).
    Never,
}

/// Whether the server needs a member in what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Missing is an error.
    Required,
    /// Missing is allowed (`Option`, `default`).
    Optional,
    /// Never read (`skip` / `skip_deserializing`).
    Ignored,
}

/// A member of a struct (or of a struct variant), as the wire sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The Rust field name.
    pub rust: String,
    /// The name written.
    pub name: String,
    /// Every name read: the name read (`rename(deserialize = …)`) and each `alias`.
    pub accepted: Vec<String>,
    /// The value's type.
    pub ty: WireTy,
    /// Whether it is written.
    pub written: Written,
    /// Whether it is needed when read.
    pub read: Read,
    /// `#[serde(flatten)]`: the type's members sit in the parent object.
    pub flatten: bool,
    /// A custom `with` / `serialize_with` / `deserialize_with` function, as written.
    pub custom: Option<String>,
    /// Where the field is declared.
    pub location: Location,
}

/// How an enum with data names its variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tagging {
    /// `{"variant": payload}`, or `"variant"` for a unit variant (serde's default).
    External,
    /// `{"<tag>": "variant", …payload's members}`.
    Internal(String),
    /// `{"<tag>": "variant", "<content>": payload}`.
    Adjacent(String, String),
    /// The payload alone; the reader tries each variant.
    Untagged,
}

/// What a variant carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Nothing.
    Unit,
    /// One value.
    Newtype(WireTy),
    /// Several values (a JSON array).
    Tuple(Vec<WireTy>),
    /// Named members.
    Struct(Vec<Member>),
}

/// One variant of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name.
    pub rust: String,
    /// The name written.
    pub name: String,
    /// Every name read.
    pub accepted: Vec<String>,
    /// What it carries.
    pub payload: Payload,
    /// `#[serde(other)]`: read for any name no other variant has.
    pub other: bool,
    /// Where it is declared.
    pub location: Location,
}

/// What a definition is on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An object with named members.
    Struct {
        /// Its members, flattened ones included as declared.
        members: Vec<Member>,
        /// `#[serde(deny_unknown_fields)]`: a member it does not know fails the request.
        deny_unknown: bool,
    },
    /// An enum.
    Enum {
        /// How variants are named.
        tagging: Tagging,
        /// Its variants.
        variants: Vec<Variant>,
    },
    /// Written as another type: a newtype, `#[serde(transparent)]`, or `type X = Y`.
    Alias(WireTy),
    /// Written by hand-made serde code or through a conversion (`from`, `try_from`): the reader
    /// cannot tell its form. `server.toml`'s `[types]` names it.
    Opaque(String),
}

/// A type defined in the server's source.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The type's name.
    pub ident: String,
    /// Its module, `api_models::payments`.
    pub module: String,
    /// Its wire form.
    pub shape: Shape,
    /// Where it is declared.
    pub location: Location,
    /// Type parameters, in order (a generic member's type is substituted when used).
    pub generics: Vec<String>,
    /// It derives utoipa's `ToSchema`: the server's docs describe it.
    pub documented: bool,
    /// Schemas the server's docs generate from this struct, besides its own name
    /// (`generate_schemas(…)`), each with the members those docs drop (`remove_in`).
    pub doc_schemas: BTreeMap<String, Vec<String>>,
}

impl Definition {
    /// `module::Ident`: the key in [`Definitions`].
    pub fn key(&self) -> String {
        format!("{}::{}", self.module, self.ident)
    }
}

/// Every definition read, by key.
#[derive(Debug, Default)]
pub struct Definitions {
    /// `module::Ident` → definition.
    pub by_key: BTreeMap<String, Definition>,
}

impl Definitions {
    /// The definitions named `ident`, in key order.
    pub fn named(&self, ident: &str) -> Vec<&Definition> {
        self.by_key.values().filter(|definition| definition.ident == ident).collect()
    }
}

/// A JSON type, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A string (an enum's values too).
    String,
    /// An integer.
    Integer,
    /// A number that may have a fraction.
    Number,
    /// `true` / `false`.
    Boolean,
    /// An object (a struct or a map).
    Object,
    /// An array.
    Array,
    /// One of several forms (a union).
    Union,
    /// Any value.
    Any,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::String => "string",
            Class::Integer => "integer",
            Class::Number => "number",
            Class::Boolean => "boolean",
            Class::Object => "object",
            Class::Array => "array",
            Class::Union => "union",
            Class::Any => "any",
        })
    }
}

/// Whether a value of the server's class decodes as (or is accepted as) the crate's.
pub fn compatible(spec: Class, server: Class) -> bool {
    spec == server
        || spec == Class::Any
        || server == Class::Any
        || (spec == Class::Number && server == Class::Integer)
        // A union may be written by a tagged or untagged enum, and either may hold objects or
        // strings: its variants are compared one by one.
        || (spec == Class::Union && matches!(server, Class::Union | Class::Object | Class::String))
}
