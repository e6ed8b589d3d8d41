//! The models: types, structs and their fields, enums, unions and aliases, with every decision
//! about shapes, names, presence and constructors already made.

/// A Rust type as a field, parameter or variant uses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// `String` — also every `format` that must keep its exact wire text (decimal, date-time, …).
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64` (never money: amounts are integers or decimal strings in these APIs).
    F64,
    /// `serde_json::Value`: a free-form value.
    Json,
    /// `serde_json::Map<String, serde_json::Value>`: a free-form object.
    JsonObject,
    /// A generated model.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Box<T>`: breaks a recursive type.
    Boxed(Box<Ty>),
}

impl Ty {
    /// Every model name this type mentions.
    pub fn named(&self, out: &mut Vec<String>) {
        match self {
            Ty::Named(name) => out.push(name.clone()),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => inner.named(out),
            _ => {}
        }
    }

    /// Whether values of the type are `Copy` primitives: methods and constructors take them by
    /// value rather than by reference or through `Into`.
    pub fn is_copy(&self) -> bool {
        matches!(self, Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64)
    }

    /// How the type reads in documentation.
    pub fn display(&self) -> String {
        match self {
            Ty::String => "String".into(),
            Ty::Bool => "bool".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F64 => "f64".into(),
            Ty::Json => "serde_json::Value".into(),
            Ty::JsonObject => "serde_json::Map<String, serde_json::Value>".into(),
            Ty::Named(name) => name.clone(),
            Ty::Vec(inner) => format!("Vec<{}>", inner.display()),
            Ty::Map(inner) => format!("BTreeMap<String, {}>", inner.display()),
            Ty::Boxed(inner) => format!("Box<{}>", inner.display()),
        }
    }
}

/// How a property's field is typed and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// `Option<T>`, `None` written as `null`: required and nullable, or nullable in a model that
    /// is only received (the gateways write `null` rather than omit, so round trips stay exact).
    Nullable,
    /// `Option<T>`, `None` omitted.
    Optional,
}

/// Constraints a request model is validated against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `minimum` (integers).
    pub minimum: Option<i64>,
    /// `maximum` (integers).
    pub maximum: Option<i64>,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
}

impl Rules {
    /// Whether any string rule is set.
    pub fn has_string_rules(&self) -> bool {
        self.min_length.is_some() || self.max_length.is_some() || self.pattern.is_some()
    }

    /// Whether any integer rule is set.
    pub fn has_integer_rules(&self) -> bool {
        self.minimum.is_some() || self.maximum.is_some()
    }

    /// Whether any array rule is set.
    pub fn has_item_rules(&self) -> bool {
        self.min_items.is_some() || self.max_items.is_some()
    }
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// How it stands in its JSON object: one member (and which), or written flattened.
    pub role: FieldRole,
    /// The Rust field name, as written in source (`r#type`).
    pub rust: String,
    /// The value type (without the `Option` that presence adds).
    pub ty: Ty,
    /// How the field is typed and written (decided from `required`, `nullable`, a read-only
    /// role and the model's direction).
    pub presence: Presence,
    /// The schema lists it in `required`.
    pub required: bool,
    /// The schema allows `null`.
    pub nullable: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// Constraints of the value (string, integer or array rules).
    pub rules: Rules,
    /// Never shown in `Debug`.
    pub sensitive: bool,
    /// Why this property departs from the vendor's published spec (its `x-deviation` note).
    pub deviation: Option<String>,
    /// A second shape decoding accepts (the vendor's published spec has it, its API page the
    /// field's own); encoding always writes the field's own.
    pub also_decodes: Option<AlsoDecodes>,
    /// How `new` sets it (settled with the presence).
    pub init: Init,
}

/// How a field stands in its JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldRole {
    /// One member, by its JSON name exactly.
    Member(String),
    /// One member the spec marks read-only: the server's to fill, so a model that is sent
    /// never requires it.
    ReadOnly(String),
    /// One member whose value is a constant, the single wire value it always has: `new` fills
    /// it. (A constant the spec also marks read-only is a constant.)
    Constant(String),
    /// A union written flattened into the object (an `allOf` member that is not an object).
    Flattened,
    /// The members the schema does not name (`additionalProperties` beside `properties`),
    /// written flattened; starts empty.
    Others,
}

/// How a struct's `new` sets a field. The fields `new` takes are the [`Init::Argument`] ones,
/// in field order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    /// An argument of `new`.
    Argument,
    /// `None`: an optional field; in a model that is sent, a `with_<field>` setter sets it.
    Unset,
    /// `Default::default()`: a constant's only value, or an empty map of other members.
    Default,
}

/// The published spec's shape of a property, accepted on decode beside the shape the fragment
/// gives it (`decodes-reference` on its `x-deviation` note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlsoDecodes {
    /// One object where a list is expected: a list of one.
    SingleItem,
    /// A JSON number where a decimal string is expected: the number's decimal text.
    Number,
}

impl AlsoDecodes {
    /// What decoding accepts and encoding writes, for the field's documentation.
    pub fn doc(self) -> &'static str {
        match self {
            AlsoDecodes::SingleItem => {
                "Decoding also accepts a single object (the published spec's shape) as a list of one; a list is \
                 always sent."
            }
            AlsoDecodes::Number => {
                "Decoding also accepts a JSON number (the published spec's shape) as its decimal text, `17.5` \
                 becoming `\"17.5\"`; a string is always sent."
            }
        }
    }
}

impl Field {
    /// A member with no constraints or docs, never `null`: required, or optional and omitted
    /// when unset.
    pub fn plain(json: impl Into<String>, rust: impl Into<String>, ty: Ty, required: bool) -> Self {
        Field {
            role: FieldRole::Member(json.into()),
            rust: rust.into(),
            ty,
            presence: if required { Presence::Required } else { Presence::Optional },
            required,
            nullable: false,
            doc: None,
            rules: Rules::default(),
            sensitive: false,
            deviation: None,
            also_decodes: None,
            init: if required { Init::Argument } else { Init::Unset },
        }
    }

    /// The JSON name of the member the field is; `None` for a field written flattened.
    pub fn json(&self) -> Option<&str> {
        match &self.role {
            FieldRole::Member(json) | FieldRole::ReadOnly(json) | FieldRole::Constant(json) => Some(json),
            FieldRole::Flattened | FieldRole::Others => None,
        }
    }
}

/// One wire value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire: String,
    /// The Rust variant.
    pub variant: String,
}

/// A union variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// The key (externally tagged) or tag value (discriminated) that names the variant on the
    /// wire; `None` in an untagged union, whose variants have no name on the wire.
    pub wire: Option<String>,
    /// The payload, or `None` for a unit variant.
    pub payload: Option<Ty>,
    /// The payload may be `null`: the variant holds `Option<payload>`, and `None` is written
    /// as `null` under its key. Set only for externally tagged variants, whose key names the
    /// variant even when its value is `null`.
    pub nullable: bool,
}

/// What a model is.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// An object.
    Struct(Vec<Field>),
    /// A string enum (or a constant) with an `Unknown` variant that keeps unlisted values.
    Enum {
        /// The listed values.
        values: Vec<EnumValue>,
        /// Generated from `const`: the single value is also the `Default`.
        constant: bool,
    },
    /// `oneOf` of single-property objects and single-value strings: serde's own enum form.
    ExternallyTagged(Vec<Variant>),
    /// `oneOf`/`anyOf` with a discriminator: the named member carries the variant's tag.
    Tagged {
        /// The discriminator property.
        tag: String,
        /// The variants.
        variants: Vec<Variant>,
    },
    /// Any other `oneOf`/`anyOf`: tried in order, most specific first, raw JSON last.
    Untagged(Vec<Variant>),
    /// A named primitive, list or map.
    Alias(Ty),
}

/// Which way a model travels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Direction {
    /// Reachable from a request body: gets a constructor's setters and `Validate`.
    pub request: bool,
    /// Reachable from a response, or from an event the vendor sends unasked (`events` in
    /// `sdk.toml`): always decodes.
    pub response: bool,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The Rust type name.
    pub name: String,
    /// The schema it comes from (for inline types, the enclosing schema).
    pub schema: String,
    /// JSON pointer of its schema.
    pub pointer: String,
    /// Documentation.
    pub doc: Option<String>,
    /// What it is.
    pub kind: ModelKind,
    /// Which way it travels.
    pub direction: Direction,
}

/// A schema's generated types: the schema's own model first, then the inline types it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    /// The schema's name (also the model's name).
    pub schema: String,
    /// The models of this file.
    pub models: Vec<Model>,
}
