//! The type-mapping rules as one table: every [`Rule`], the OpenAPI shape it covers and the Rust
//! it becomes. [`classify`](super::classify::classify) picks a schema's rule;
//! [`shapes`](super::shapes) lowers it; `docs/type-mapping.md` prints this table.

/// Every mapping rule, in the order [`classify`](super::classify::classify) tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `type: array` of objects marked `decodes-reference`: one object also decodes, as a list of one.
    ListOrOne,
    /// `type: string` marked `decodes-reference` over a number: a JSON number also decodes, as its text.
    DecimalOrNumber,
    /// `allOf` with one member.
    AllOfOne,
    /// `allOf` whose members are all objects.
    AllOfMerge,
    /// `allOf` mixing objects with a union (or another non-object).
    AllOfWithUnion,
    /// `oneOf`/`anyOf` with a `discriminator`.
    TaggedUnion,
    /// `oneOf`/`anyOf` with one member.
    UnionOfOne,
    /// `oneOf`/`anyOf` of single-property objects and single-value string enums.
    ExternallyTagged,
    /// Any other `oneOf`/`anyOf`.
    UntaggedUnion,
    /// `type: object` with `properties`.
    Object,
    /// `type: object` with `additionalProperties` only.
    Map,
    /// `type: object` with neither.
    FreeFormObject,
    /// `type: string` with `enum`.
    StringEnum,
    /// `const` (a one-value `enum` marked `x-const` by the loader).
    Constant,
    /// `type: string`, any `format`.
    String,
    /// `type: integer, format: int32`.
    Int32,
    /// `type: integer`, `int64` or no format.
    Int64,
    /// `type: number`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// `type: array`.
    Array,
    /// `{}`, a schema without `type`, or `nullable` alone.
    FreeForm,
    /// Not mappable (`not`, non-string enums, mixed keywords): a diagnostic.
    Unsupported(&'static str),
}

/// The rule table as documentation: (rule, OpenAPI shape, Rust). A `$ref` is not a rule of
/// its own: it always maps to the model named after the schema it points at.
pub const RULES: &[(Rule, &str, &str)] = &[
    (
        Rule::Object,
        "`type: object` with `properties`",
        "struct with pub fields, `#[non_exhaustive]`, `new(required…)`; with `additionalProperties` as well, a \
         flattened `additional_properties` map keeps the members the schema does not name",
    ),
    (Rule::Map, "`type: object` with `additionalProperties` only", "`BTreeMap<String, T>`"),
    (Rule::FreeFormObject, "`type: object` with no properties", "`serde_json::Map<String, Value>` (free-form)"),
    (Rule::StringEnum, "`type: string` + `enum`", "enum + `Unknown(UnknownValue)` that keeps unlisted values"),
    (Rule::Constant, "`const`", "one-variant enum + `Unknown`; `Default` is the constant; `new` fills it"),
    (Rule::String, "`type: string` (date, date-time, uuid, uri, decimal, long, …)", "`String` (exact wire text)"),
    (Rule::Int32, "`type: integer, format: int32`", "`i32`"),
    (Rule::Int64, "`type: integer`, `int64` or no format", "`i64`"),
    (Rule::Number, "`type: number`", "`f64`"),
    (Rule::Boolean, "`type: boolean`", "`bool`"),
    (Rule::Array, "`type: array`", "`Vec<T>` (`Vec<Value>` without `items`)"),
    (
        Rule::ListOrOne,
        "`type: array` of objects, as a property whose `x-deviation` note has `\"decodes-reference\": true` and \
         its `items` as `reference`",
        "`Vec<T>`, always sent as a list; decoding also takes a single object as a list of one \
         (`deserialize_with = \"payintent_runtime::__generated::both_shapes::list_or_one\"`). In XML, where the two look the \
         same, repeated elements are the items",
    ),
    (
        Rule::DecimalOrNumber,
        "`type: string`, as a property whose `x-deviation` note has `\"decodes-reference\": true` and a \
         `type: number` (or `integer`) `reference`",
        "`String`, always sent as a string; decoding also takes a JSON number as the decimal a person would write \
         (`17.5` → `\"17.5\"`, `1e2` → `\"100\"`; `both_shapes::decimal_or_number`)",
    ),
    (Rule::AllOfOne, "`allOf` of one member", "that member's type"),
    (Rule::AllOfMerge, "`allOf` of objects", "one struct with every member's fields"),
    (
        Rule::AllOfWithUnion,
        "`allOf` of objects and a union",
        "one struct: the objects' fields plus the union as a `#[serde(flatten)]` field",
    ),
    (Rule::TaggedUnion, "`oneOf`/`anyOf` + `discriminator`", "internally tagged enum; unlisted tag → `Unknown(Value)`"),
    (Rule::UnionOfOne, "`oneOf`/`anyOf` of one member", "that member's type"),
    (
        Rule::ExternallyTagged,
        "`oneOf` of single-property objects and single-value string enums",
        "externally tagged enum (unit variants as strings); a key whose schema is `nullable` holds `Option<T>`, \
         `{\"key\": null}` ↔ `None`; unlisted → `Unknown(Value)`",
    ),
    (
        Rule::UntaggedUnion,
        "any other `oneOf`/`anyOf`",
        "untagged enum, most specific variant first, final `Other(Value)`",
    ),
    (Rule::FreeForm, "`{}`, no `type`, `nullable` alone", "`serde_json::Value` (free-form)"),
    (Rule::Unsupported("…"), "`not`, non-string `enum`, mixed keywords", "a diagnostic naming the JSON pointer"),
];

/// Presence, across every rule (the direction a model travels is known after every operation
/// is mapped, see [`analysis`](super::analysis)).
pub const PRESENCE_RULES: &[(&str, &str)] = &[
    ("required", "`T`"),
    ("optional", "`Option<T>`, omitted when `None`"),
    ("required + `nullable`", "`Option<T>`, `None` written as `null`"),
    ("optional + `nullable`, in a model that is sent", "`Option<T>`, omitted when `None`"),
    (
        "optional + `nullable`, in a model only received",
        "`Option<T>`, `None` written as `null` (the gateways send explicit nulls; round trips stay exact)",
    ),
    ("`readOnly` + required, in a model that is sent", "`Option<T>`, omitted when `None`"),
    ("`nullable` without `type` (`allOf: [X]`)", "`Option<X>`"),
];

/// Direction, across every rule: which way a model travels decides what is generated beside its
/// type (settled by [`analysis`](super::analysis) once every operation is mapped).
pub const DIRECTION_RULES: &[(&str, &str)] = &[
    (
        "reached from a request body or parameter only",
        "sent: `new` plus a setter per optional field, validation (the `validate` feature); decodes only with the \
         `deserialize-requests` feature",
    ),
    ("reached from a response", "received: always decodes; `new` takes the required fields"),
    (
        "named by `events` in `sdk.toml` (a body the vendor sends unasked, such as a webhook), or reached from one",
        "received, as from a response: always decodes, so every model inside an event does too",
    ),
    ("reached from both", "sent and received: setters, validation, and always decodes"),
    ("reached from neither", "always decodes; `new` takes the required fields"),
];
