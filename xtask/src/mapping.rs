//! The type-mapping rules: one table, one classifier, one lowering per rule.
//!
//! [`classify`] decides which [`Rule`] a schema falls under; [`Mapper`] lowers it to the IR.
//! Nothing falls back to an untyped value except the free-form rules, and a construct no rule
//! covers becomes a diagnostic naming its JSON pointer.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use crate::config::VendorConfig;
use crate::diag::{Diagnostics, token};
use crate::ir::{AlsoDecodes, Direction, EnumValue, Field, Model, ModelFile, ModelKind, Presence, Rules, Ty, Variant};
use crate::naming;

/// Every mapping rule, in the order [`classify`] tries them.
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
/// is mapped, see `analysis`).
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

/// A schema or a reference to one.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    /// `$ref`.
    Ref(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> Node<'a> {
    /// From a `ReferenceOr<Schema>`.
    pub fn of(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }

    /// From a `ReferenceOr<Box<Schema>>`.
    pub fn boxed(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }
}

/// The component schemas, for resolving references.
#[derive(Clone, Copy)]
pub struct Spec<'a> {
    /// `components.schemas`.
    pub schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

impl<'a> Spec<'a> {
    /// The schema name a `$ref` points at.
    pub fn ref_name(reference: &str) -> Option<&str> {
        reference.strip_prefix(SCHEMA_PREFIX)
    }

    /// Follows a node to its schema (through reference chains).
    pub fn resolve(&self, node: Node<'a>) -> Option<&'a Schema> {
        let mut node = node;
        for _ in 0..16 {
            match node {
                Node::Inline(schema) => return Some(schema),
                Node::Ref(reference) => node = Node::of(self.schemas.get(Self::ref_name(reference)?)?),
            }
        }
        None
    }
}

/// A uniform view of the parts of a schema the rules read, whichever `openapiv3` variant
/// (typed or "any") carries them.
struct View<'a>(&'a Schema);

impl<'a> View<'a> {
    fn type_name(&self) -> Option<&'a str> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(_)) => Some("string"),
            SchemaKind::Type(Type::Integer(_)) => Some("integer"),
            SchemaKind::Type(Type::Number(_)) => Some("number"),
            SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
            SchemaKind::Type(Type::Object(_)) => Some("object"),
            SchemaKind::Type(Type::Array(_)) => Some("array"),
            SchemaKind::Any(any) => any.typ.as_deref(),
            _ => None,
        }
    }

    fn format(&self) -> Option<&'a str> {
        fn known<T: std::fmt::Debug>(format: &'_ VariantOrUnknownOrEmpty<T>) -> Option<String> {
            match format {
                VariantOrUnknownOrEmpty::Item(item) => Some(format!("{item:?}").to_ascii_lowercase()),
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
                VariantOrUnknownOrEmpty::Empty => None,
            }
        }
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => Some("int32"),
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => Some("int64"),
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                VariantOrUnknownOrEmpty::Empty => None,
            },
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                format => known(format).map(|_| "known"),
            },
            SchemaKind::Any(any) => any.format.as_deref(),
            _ => None,
        }
    }

    fn properties(&self) -> Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => Some(&object.properties),
            SchemaKind::Any(any) if !any.properties.is_empty() => Some(&any.properties),
            _ => None,
        }
    }

    fn required(&self) -> &'a [String] {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.required,
            SchemaKind::Any(any) => &any.required,
            _ => &[],
        }
    }

    fn additional(&self) -> Option<&'a AdditionalProperties> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
            SchemaKind::Any(any) => any.additional_properties.as_ref(),
            _ => None,
        }
    }

    fn items(&self) -> Option<&'a ReferenceOr<Box<Schema>>> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Array(array)) => array.items.as_ref(),
            SchemaKind::Any(any) => any.items.as_ref(),
            _ => None,
        }
    }

    /// String enum values (a `null` entry, meaning "nullable", is skipped); `None` when the
    /// schema lists no values; `Err` when it lists non-strings.
    fn string_enum(&self) -> Result<Option<Vec<String>>, ()> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                Ok(Some(string.enumeration.iter().flatten().cloned().collect()))
            }
            SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => Err(()),
            SchemaKind::Type(Type::Number(number)) if !number.enumeration.is_empty() => Err(()),
            SchemaKind::Type(Type::Boolean(boolean)) if !boolean.enumeration.is_empty() => Err(()),
            SchemaKind::Any(any) if !any.enumeration.is_empty() => {
                let values: Option<Vec<String>> = any
                    .enumeration
                    .iter()
                    .filter(|value| !value.is_null())
                    .map(|value| value.as_str().map(str::to_owned))
                    .collect();
                values.map(Some).ok_or(())
            }
            _ => Ok(None),
        }
    }

    fn is_const(&self) -> bool {
        self.0.schema_data.extensions.get("x-const").is_some_and(|value| value == true)
    }

    fn rules(&self) -> Rules {
        let mut rules = Rules::default();
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                rules.min_length = string.min_length;
                rules.max_length = string.max_length;
                rules.pattern = string.pattern.clone();
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                rules.minimum = integer.minimum.map(|min| if integer.exclusive_minimum { min + 1 } else { min });
                rules.maximum = integer.maximum.map(|max| if integer.exclusive_maximum { max - 1 } else { max });
            }
            SchemaKind::Type(Type::Array(array)) => {
                rules.min_items = array.min_items;
                rules.max_items = array.max_items;
            }
            SchemaKind::Any(any) => {
                rules.min_length = any.min_length;
                rules.max_length = any.max_length;
                rules.pattern = any.pattern.clone();
                rules.min_items = any.min_items;
                rules.max_items = any.max_items;
                if any.typ.as_deref() == Some("integer") {
                    rules.minimum = any.minimum.map(|min| min.ceil() as i64);
                    rules.maximum = any.maximum.map(|max| max.floor() as i64);
                }
            }
            _ => {}
        }
        rules
    }

    fn members(&self) -> Option<(&'a [ReferenceOr<Schema>], bool)> {
        match &self.0.schema_kind {
            SchemaKind::OneOf { one_of } => Some((one_of, false)),
            SchemaKind::AnyOf { any_of } => Some((any_of, true)),
            _ => None,
        }
    }

    /// The `reference` of the `x-deviation` note that asks for the reference's shape to be
    /// decoded as well (`"decodes-reference": true`).
    fn decoded_reference(&self) -> Option<&'a serde_json::Value> {
        deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .find(|note| note.get("decodes-reference") == Some(&serde_json::Value::Bool(true)))
            .map(|note| note.get("reference").unwrap_or(&serde_json::Value::Null))
    }

    /// The reason of an `x-deviation` note: where the fragment departs from the vendor's spec.
    fn deviation(&self) -> Option<String> {
        let reasons: Vec<&str> = deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .filter(|note| note.get("keyword").is_none())
            .filter_map(|note| note.get("reason").and_then(serde_json::Value::as_str))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join(" "))
    }

    /// The reason of the `x-deviation` note about one keyword of this schema, when the note
    /// names that keyword (`"keyword": "additionalProperties"`).
    fn deviation_of(&self, keyword: &str) -> Option<String> {
        deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .find(|note| note.get("keyword").and_then(serde_json::Value::as_str) == Some(keyword))
            .and_then(|note| note.get("reason").and_then(serde_json::Value::as_str).map(str::to_owned))
    }

    fn doc(&self) -> Option<String> {
        let data = &self.0.schema_data;
        data.description.clone().or_else(|| data.title.clone()).filter(|doc| !doc.trim().is_empty())
    }
}

/// The validation constraints a schema declares.
pub fn rules_of(schema: &Schema) -> Rules {
    View(schema).rules()
}

/// The notes of an `x-deviation`: one object, or a list of them.
pub fn deviation_notes(value: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    let notes: &[serde_json::Value] = match value {
        serde_json::Value::Array(notes) => notes,
        single => std::slice::from_ref(single),
    };
    notes.iter()
}

/// Decides which rule maps an inline schema (references are resolved by the caller).
pub fn classify(spec: &Spec, schema: &Schema) -> Rule {
    let view = View(schema);
    if let Some(reference) = view.decoded_reference() {
        return decoding_reference_too(spec, &view, reference);
    }
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => match all_of.len() {
            0 => Rule::FreeForm,
            1 => Rule::AllOfOne,
            _ if all_of.iter().all(|member| is_object_like(spec, Node::of(member))) => Rule::AllOfMerge,
            _ => Rule::AllOfWithUnion,
        },
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            if schema.schema_data.discriminator.is_some() {
                Rule::TaggedUnion
            } else if members.len() == 1 {
                Rule::UnionOfOne
            } else if members.iter().all(|member| external_variant(spec, Node::of(member)).is_some()) {
                Rule::ExternallyTagged
            } else {
                Rule::UntaggedUnion
            }
        }
        SchemaKind::Not { .. } => Rule::Unsupported("`not` has no Rust equivalent"),
        SchemaKind::Any(any) if !(any.one_of.is_empty() && any.all_of.is_empty() && any.any_of.is_empty()) => {
            Rule::Unsupported("`oneOf`/`anyOf`/`allOf` mixed with other keywords")
        }
        _ => match view.string_enum() {
            Err(()) => Rule::Unsupported("only string enums are supported"),
            Ok(Some(_)) if view.is_const() => Rule::Constant,
            Ok(Some(_)) => Rule::StringEnum,
            Ok(None) => match view.type_name() {
                Some("string") => Rule::String,
                Some("integer") if view.format() == Some("int32") => Rule::Int32,
                Some("integer") => Rule::Int64,
                Some("number") => Rule::Number,
                Some("boolean") => Rule::Boolean,
                Some("array") => Rule::Array,
                Some("object") | None if view.properties().is_some() => Rule::Object,
                Some("object") => match view.additional() {
                    Some(AdditionalProperties::Schema(_)) | Some(AdditionalProperties::Any(true)) => Rule::Map,
                    _ => Rule::FreeFormObject,
                },
                None if view.items().is_some() => Rule::Array,
                None => Rule::FreeForm,
                Some(_) => Rule::Unsupported("unknown `type`"),
            },
        },
    }
}

/// The rule of a schema whose reference shape is decoded as well: a list whose reference is its
/// item, an object; or a string whose reference is a number. Nothing else has a decoder.
fn decoding_reference_too(spec: &Spec, view: &View, reference: &serde_json::Value) -> Rule {
    let reference_type = reference.get("type").and_then(serde_json::Value::as_str);
    match view.type_name() {
        Some("array") if view.items().is_some_and(|items| is_single_object_item(spec, items, reference)) => {
            Rule::ListOrOne
        }
        Some("string") if view.string_enum() == Ok(None) && matches!(reference_type, Some("number" | "integer")) => {
            Rule::DecimalOrNumber
        }
        _ => Rule::Unsupported(
            "`decodes-reference` needs a list of objects whose reference is its `items`, or a string whose \
             reference is a number",
        ),
    }
}

/// Whether `reference` is the list's own item schema, and that item an object.
fn is_single_object_item(spec: &Spec, items: &ReferenceOr<Box<Schema>>, reference: &serde_json::Value) -> bool {
    let Ok(reference) = serde_json::from_value::<ReferenceOr<Schema>>(reference.clone()) else { return false };
    let same = match (items, &reference) {
        (ReferenceOr::Reference { reference: ours }, ReferenceOr::Reference { reference: theirs }) => ours == theirs,
        (ReferenceOr::Item(ours), ReferenceOr::Item(theirs)) => **ours == *theirs,
        _ => false,
    };
    same && spec.resolve(Node::boxed(items)).is_some_and(|item| {
        matches!(
            classify(spec, item),
            Rule::Object | Rule::AllOfMerge | Rule::AllOfWithUnion | Rule::Map | Rule::FreeFormObject
        )
    })
}

/// Whether a member of an `allOf` contributes fields (an object, or an `allOf` of objects).
fn is_object_like(spec: &Spec, node: Node) -> bool {
    let Some(schema) = spec.resolve(node) else { return false };
    match classify(spec, schema) {
        Rule::Object | Rule::AllOfMerge | Rule::FreeFormObject => true,
        Rule::AllOfOne => match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => is_object_like(spec, Node::of(&all_of[0])) && !schema.schema_data.nullable,
            _ => false,
        },
        _ => false,
    }
}

/// An externally tagged variant: a single required property (its key and schema) or a
/// single-value string enum (its value).
enum External<'a> {
    Keyed(&'a str, Node<'a>),
    Unit(String),
}

fn external_variant<'a>(spec: &Spec<'a>, node: Node<'a>) -> Option<External<'a>> {
    let schema = spec.resolve(node)?;
    let view = View(schema);
    if let Ok(Some(values)) = view.string_enum() {
        return (values.len() == 1 && view.type_name() == Some("string")).then(|| External::Unit(values[0].clone()));
    }
    let properties = view.properties()?;
    let (key, property) = properties.iter().next()?;
    let single = properties.len() == 1 && view.required() == [key.clone()];
    let closed =
        !matches!(view.additional(), Some(AdditionalProperties::Schema(_)) | Some(AdditionalProperties::Any(true)));
    (single && closed).then(|| External::Keyed(key.as_str(), Node::boxed(property)))
}

/// One contribution of an `allOf` member: a property, or a whole non-object member.
enum Part<'a> {
    Property(&'a String, Node<'a>, String),
    Flattened(Node<'a>, String, bool),
}

/// A lowered type and whether `null` is allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Lowered {
    /// The type.
    pub ty: Ty,
    /// Whether the schema (or the one it references) is nullable.
    pub nullable: bool,
}

/// Lowers one vendor's schemas into model files.
pub struct Mapper<'a> {
    spec: Spec<'a>,
    config: &'a VendorConfig,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    taken: BTreeSet<String>,
    inline: Vec<Model>,
    current_schema: String,
    /// Named inline schemas (`inline-names`: name, pointer, schema): every equal inline
    /// schema shares the type.
    shared: Vec<(String, String, Schema)>,
    shared_emitted: BTreeSet<String>,
}

impl<'a> Mapper<'a> {
    /// A mapper over `schemas`.
    pub fn new(schemas: &'a IndexMap<String, ReferenceOr<Schema>>, config: &'a VendorConfig) -> Self {
        let taken = schemas.keys().map(|name| naming::type_name(name)).collect();
        Self {
            spec: Spec { schemas },
            config,
            diagnostics: Diagnostics::default(),
            taken,
            inline: Vec::new(),
            current_schema: String::new(),
            shared: Vec::new(),
            shared_emitted: BTreeSet::new(),
        }
    }

    /// Gives the inline schemas equal to each of `shared` the type name it is paired with.
    pub fn with_shared(mut self, shared: Vec<(String, String, Schema)>) -> Self {
        for (name, ..) in &shared {
            self.taken.insert(name.clone());
        }
        self.shared = shared;
        self
    }

    /// The spec being mapped.
    pub fn spec(&self) -> Spec<'a> {
        self.spec
    }

    /// Takes the inline models lowered since the last call, for the file that needs them.
    pub fn take_inline(&mut self, owner: &str) -> Vec<Model> {
        let mut models = std::mem::take(&mut self.inline);
        for model in &mut models {
            model.schema = owner.to_owned();
        }
        models
    }

    /// Maps every component schema to its file of models.
    pub fn map_all(&mut self) -> Vec<ModelFile> {
        let names: Vec<&'a String> = self.spec.schemas.keys().collect();
        names.into_iter().map(|name| self.map_schema(name)).collect()
    }

    /// Maps one component schema: its model first, then the inline types it needs.
    pub fn map_schema(&mut self, schema_name: &str) -> ModelFile {
        let name = naming::type_name(schema_name);
        let pointer = format!("{SCHEMA_PREFIX}{}", token(schema_name));
        self.current_schema = schema_name.to_owned();
        let (kind, doc) = match self.spec.schemas.get(schema_name) {
            Some(ReferenceOr::Item(schema)) => (self.model_kind(&name, schema, &pointer), View(schema).doc()),
            Some(ReferenceOr::Reference { reference }) => {
                (ModelKind::Alias(self.lower(&name, Node::Ref(reference), &pointer).ty), None)
            }
            None => (ModelKind::Alias(Ty::Json), None),
        };
        let model = Model { name, schema: schema_name.to_owned(), pointer, doc, kind, direction: Direction::default() };
        let mut models = vec![model];
        models.append(&mut self.inline);
        ModelFile { schema: schema_name.to_owned(), models }
    }

    /// The model a schema becomes when it is named (a component or an inline type).
    fn model_kind(&mut self, name: &str, schema: &'a Schema, pointer: &str) -> ModelKind {
        let view = View(schema);
        match classify(&self.spec, schema) {
            Rule::Object => ModelKind::Struct(self.object_fields(name, schema, pointer)),
            Rule::AllOfMerge | Rule::AllOfWithUnion => ModelKind::Struct(self.all_of_fields(name, schema, pointer)),
            rule @ (Rule::StringEnum | Rule::Constant) => {
                let values = view.string_enum().ok().flatten().unwrap_or_default();
                let variants = naming::variant_names(values.iter().map(String::as_str));
                ModelKind::Enum {
                    values: values
                        .into_iter()
                        .zip(variants)
                        .map(|(wire, variant)| EnumValue { wire, variant })
                        .collect(),
                    constant: rule == Rule::Constant,
                }
            }
            Rule::TaggedUnion => self.tagged(name, schema, pointer),
            Rule::ExternallyTagged => self.externally_tagged(name, schema, pointer),
            Rule::UntaggedUnion => self.untagged(name, schema, pointer),
            _ => ModelKind::Alias(self.lower(name, Node::Inline(schema), pointer).ty),
        }
    }

    /// Lowers a schema used in place (a property, an item, a variant); shapes that need a
    /// type of their own become inline models named after `hint`.
    pub fn lower(&mut self, hint: &str, node: Node<'a>, pointer: &str) -> Lowered {
        let schema = match node {
            Node::Ref(reference) => {
                let Some(name) = Spec::ref_name(reference).filter(|name| self.spec.schemas.contains_key(*name)) else {
                    self.diagnostics.report(pointer, format!("`$ref: {reference}` does not name a component schema"));
                    return Lowered { ty: Ty::Json, nullable: false };
                };
                let nullable = self.spec.resolve(node).is_some_and(|schema| schema.schema_data.nullable);
                return Lowered { ty: Ty::Named(naming::type_name(name)), nullable };
            }
            Node::Inline(schema) => schema,
        };
        let view = View(schema);
        let nullable = schema.schema_data.nullable;
        let ty = match classify(&self.spec, schema) {
            Rule::String | Rule::DecimalOrNumber => Ty::String,
            Rule::Int32 => Ty::I32,
            Rule::Int64 => Ty::I64,
            Rule::Number => Ty::F64,
            Rule::Boolean => Ty::Bool,
            // A free-form value admits `null` whether or not the schema says `nullable`.
            Rule::FreeForm => return Lowered { ty: Ty::Json, nullable: true },
            Rule::FreeFormObject => Ty::JsonObject,
            Rule::Array | Rule::ListOrOne => match view.items() {
                Some(items) => Ty::Vec(Box::new(
                    self.lower(&format!("{hint}Item"), Node::boxed(items), &format!("{pointer}/items")).ty,
                )),
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            Rule::Map => match view.additional() {
                Some(AdditionalProperties::Schema(value)) => Ty::Map(Box::new(
                    self.lower(&format!("{hint}Value"), Node::of(value), &format!("{pointer}/additionalProperties")).ty,
                )),
                _ => Ty::Map(Box::new(Ty::Json)),
            },
            Rule::AllOfOne | Rule::UnionOfOne => {
                let (members, key) = match &schema.schema_kind {
                    SchemaKind::AllOf { all_of } => (all_of, "allOf"),
                    SchemaKind::OneOf { one_of } => (one_of, "oneOf"),
                    SchemaKind::AnyOf { any_of } => (any_of, "anyOf"),
                    _ => return Lowered { ty: Ty::Json, nullable },
                };
                let inner = self.lower(hint, Node::of(&members[0]), &format!("{pointer}/{key}/0"));
                return Lowered { ty: inner.ty, nullable: nullable || inner.nullable };
            }
            Rule::Unsupported(why) => {
                self.diagnostics.report(pointer, why);
                Ty::Json
            }
            Rule::Object
            | Rule::AllOfMerge
            | Rule::AllOfWithUnion
            | Rule::StringEnum
            | Rule::Constant
            | Rule::TaggedUnion
            | Rule::ExternallyTagged
            | Rule::UntaggedUnion => {
                let shared = self
                    .shared
                    .iter()
                    .find(|(.., shared)| shared == schema)
                    .map(|(name, at, _)| (name.clone(), at.clone()));
                if let Some((name, _)) = &shared
                    && !self.shared_emitted.insert(name.clone())
                {
                    return Lowered { ty: Ty::Named(name.clone()), nullable };
                }
                let (name, pointer) = shared.unwrap_or_else(|| (self.allocate(hint), pointer.to_owned()));
                let pointer = pointer.as_str();
                let kind = self.model_kind(&name, schema, pointer);
                self.inline.push(Model {
                    name: name.clone(),
                    schema: self.current_schema.clone(),
                    pointer: pointer.to_owned(),
                    doc: view.doc(),
                    kind,
                    direction: Direction::default(),
                });
                Ty::Named(name)
            }
        };
        Lowered { ty, nullable }
    }

    /// A type name for an inline model, unique in the crate.
    fn allocate(&mut self, hint: &str) -> String {
        let base = naming::type_name(hint);
        let mut candidate = base.clone();
        let mut suffix = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{base}{suffix}");
            suffix += 1;
        }
        candidate
    }

    fn object_fields(&mut self, owner: &str, schema: &'a Schema, pointer: &str) -> Vec<Field> {
        let view = View(schema);
        let properties: Vec<(&'a String, Node<'a>, String)> = view
            .properties()
            .into_iter()
            .flatten()
            .map(|(json, node)| (json, Node::boxed(node), format!("{pointer}/properties/{}", token(json))))
            .collect();
        let mut fields = self.fields(owner, &properties, view.required());
        let extra = match view.additional() {
            Some(AdditionalProperties::Schema(value)) => Some(
                self.lower(
                    &format!("{owner}AdditionalProperty"),
                    Node::of(value),
                    &format!("{pointer}/additionalProperties"),
                )
                .ty,
            ),
            Some(AdditionalProperties::Any(true)) => Some(Ty::Json),
            _ => None,
        };
        if let Some(value) = extra {
            fields.push(Field {
                json: String::new(),
                rust: "additional_properties".into(),
                ty: Ty::Map(Box::new(value)),
                presence: Presence::Required,
                required: false,
                nullable: false,
                doc: Some("Members the schema does not name, kept as received.".into()),
                rules: Rules::default(),
                sensitive: false,
                constant: false,
                flatten: true,
                read_only: false,
                deviation: view.deviation_of("additionalProperties"),
                extra: true,
                also_decodes: None,
            });
        }
        fields
    }

    fn fields(
        &mut self,
        owner: &str,
        properties: &[(&'a String, Node<'a>, String)],
        required: &[String],
    ) -> Vec<Field> {
        let mut used = BTreeSet::new();
        let schema = self.current_schema.clone();
        properties
            .iter()
            .map(|(json, node, pointer)| {
                let lowered = self.lower(&format!("{owner}{}", json.to_upper_camel_case()), *node, pointer);
                let inline = match node {
                    Node::Inline(schema) => Some(View(schema)),
                    Node::Ref(_) => None,
                };
                let is_required = required.contains(json);
                let presence = match (is_required, lowered.nullable) {
                    (true, false) => Presence::Required,
                    (true, true) => Presence::Nullable,
                    (false, _) => Presence::Optional,
                };
                let constant = is_required && self.is_constant(node);
                // Read from the property's own schema, or the component it names.
                let also_decodes = self.spec.resolve(*node).and_then(|schema| match classify(&self.spec, schema) {
                    Rule::ListOrOne => Some(AlsoDecodes::SingleItem),
                    Rule::DecimalOrNumber => Some(AlsoDecodes::Number),
                    _ => None,
                });
                let mut rust = naming::member_name(json);
                let mut suffix = 2;
                while !used.insert(rust.clone()) {
                    rust = format!("{}_{suffix}", naming::bare(&naming::member_name(json)));
                    suffix += 1;
                }
                Field {
                    json: (*json).clone(),
                    rust,
                    ty: lowered.ty,
                    presence,
                    required: is_required,
                    nullable: lowered.nullable,
                    doc: inline.as_ref().and_then(View::doc),
                    rules: inline.as_ref().map(View::rules).unwrap_or_default(),
                    sensitive: self.config.is_sensitive(&schema, json) || self.config.is_sensitive(owner, json),
                    constant,
                    flatten: false,
                    read_only: inline.as_ref().is_some_and(|view| view.0.schema_data.read_only),
                    deviation: inline.as_ref().and_then(View::deviation),
                    extra: false,
                    also_decodes,
                }
            })
            .collect()
    }

    fn is_constant(&self, node: &Node<'a>) -> bool {
        self.spec.resolve(*node).is_some_and(|schema| classify(&self.spec, schema) == Rule::Constant)
    }

    /// `allOf`: the fields of every object member, in member order; a member that is not an
    /// object (a union) becomes one flattened field where it stands.
    fn all_of_fields(&mut self, owner: &str, schema: &'a Schema, pointer: &str) -> Vec<Field> {
        let mut entries: Vec<Part<'a>> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        self.collect_all_of(schema, pointer, false, &mut entries, &mut required);

        let mut seen: BTreeMap<&String, Node<'a>> = BTreeMap::new();
        entries.retain(|entry| {
            let Part::Property(json, node, pointer) = entry else { return true };
            match seen.get(json) {
                None => {
                    seen.insert(json, *node);
                    true
                }
                Some(first) => {
                    if !same_node(first, node) {
                        self.diagnostics
                            .report(pointer.clone(), format!("`allOf` members define `{json}` differently"));
                    }
                    false
                }
            }
        });
        let properties: Vec<(&'a String, Node<'a>, String)> = entries
            .iter()
            .filter_map(|entry| match entry {
                Part::Property(json, node, pointer) => Some((*json, *node, pointer.clone())),
                Part::Flattened(..) => None,
            })
            .collect();
        let mut property_fields = self.fields(owner, &properties, &required).into_iter();
        let mut fields = Vec::with_capacity(entries.len());
        for entry in entries {
            match entry {
                Part::Property(..) => fields.extend(property_fields.next()),
                Part::Flattened(node, member_pointer, nullable) => {
                    let lowered = self.lower(&format!("{owner}Data"), node, &member_pointer);
                    let name = match &lowered.ty {
                        Ty::Named(name) => naming::member_name(name),
                        _ => "data".to_owned(),
                    };
                    fields.push(Field {
                        json: String::new(),
                        rust: name,
                        ty: lowered.ty,
                        presence: if nullable || lowered.nullable { Presence::Optional } else { Presence::Required },
                        required: !(nullable || lowered.nullable),
                        nullable: nullable || lowered.nullable,
                        doc: None,
                        rules: Rules::default(),
                        sensitive: false,
                        constant: false,
                        flatten: true,
                        read_only: false,
                        deviation: None,
                        extra: false,
                        also_decodes: None,
                    });
                }
            }
        }
        fields
    }

    fn collect_all_of(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        nullable: bool,
        entries: &mut Vec<Part<'a>>,
        required: &mut Vec<String>,
    ) {
        let SchemaKind::AllOf { all_of } = &schema.schema_kind else { return };
        for (index, member) in all_of.iter().enumerate() {
            let member_pointer = format!("{pointer}/allOf/{index}");
            let node = Node::of(member);
            let Some(resolved) = self.spec.resolve(node) else {
                self.diagnostics.report(member_pointer, "unresolvable `allOf` member");
                continue;
            };
            let resolved_pointer = match node {
                Node::Ref(reference) => reference.to_owned(),
                Node::Inline(_) => member_pointer.clone(),
            };
            let nullable = nullable || resolved.schema_data.nullable;
            match classify(&self.spec, resolved) {
                Rule::Object => {
                    let view = View(resolved);
                    for (json, property) in view.properties().into_iter().flatten() {
                        let at = format!("{resolved_pointer}/properties/{}", token(json));
                        entries.push(Part::Property(json, Node::boxed(property), at));
                    }
                    required.extend(view.required().iter().cloned());
                }
                Rule::FreeFormObject => {}
                Rule::AllOfMerge | Rule::AllOfWithUnion => {
                    self.collect_all_of(resolved, &resolved_pointer, nullable, entries, required)
                }
                Rule::AllOfOne if is_object_like(&self.spec, node) => {
                    self.collect_all_of(resolved, &resolved_pointer, nullable, entries, required)
                }
                Rule::AllOfOne => {
                    let SchemaKind::AllOf { all_of } = &resolved.schema_kind else { continue };
                    entries.push(Part::Flattened(
                        Node::of(&all_of[0]),
                        format!("{resolved_pointer}/allOf/0"),
                        nullable,
                    ));
                }
                _ => entries.push(Part::Flattened(node, member_pointer, nullable)),
            }
        }
    }

    fn tagged(&mut self, owner: &str, schema: &'a Schema, pointer: &str) -> ModelKind {
        let Some(discriminator) = &schema.schema_data.discriminator else { return ModelKind::Alias(Ty::Json) };
        let tag = discriminator.property_name.clone();
        let (members, key) = match View(schema).members() {
            Some((members, true)) => (members, "anyOf"),
            Some((members, false)) => (members, "oneOf"),
            None => return ModelKind::Alias(Ty::Json),
        };
        let mut found: Vec<(String, Option<Ty>)> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{key}/{index}");
            let node = Node::of(member);
            match node {
                Node::Ref(reference) => {
                    let Some(target) = Spec::ref_name(reference) else { continue };
                    let mut values: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, to)| Spec::ref_name(to) == Some(target))
                        .map(|(value, _)| value.clone())
                        .collect();
                    if values.is_empty() {
                        values.push(self.tag_value(node, &tag).unwrap_or_else(|| target.to_owned()));
                    }
                    let ty = self.lower(owner, node, &member_pointer).ty;
                    found.extend(values.into_iter().map(|value| (value, Some(ty.clone()))));
                }
                Node::Inline(inline) => {
                    let Some(value) = self.tag_value(node, &tag) else {
                        self.diagnostics.report(
                            member_pointer,
                            format!("cannot tell the `{tag}` value of this variant (no single-value enum, no mapping)"),
                        );
                        continue;
                    };
                    let payload = self.tagged_payload(owner, &value, inline, &tag, &member_pointer);
                    found.push((value, payload));
                }
            }
        }
        let names = naming::variant_names(found.iter().map(|(value, _)| value.as_str()));
        let variants = found
            .into_iter()
            .zip(names)
            .map(|((wire, payload), name)| Variant { name, wire, payload, nullable: false })
            .collect();
        ModelKind::Tagged { tag, variants }
    }

    /// The single value a variant gives its discriminator property.
    fn tag_value(&self, node: Node<'a>, tag: &str) -> Option<String> {
        let schema = self.spec.resolve(node)?;
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            return all_of.iter().find_map(|member| self.tag_value(Node::of(member), tag));
        }
        let property = View(schema).properties()?.get(tag)?;
        let values = View(self.spec.resolve(Node::boxed(property))?).string_enum().ok()??;
        (values.len() == 1).then(|| values[0].clone())
    }

    /// The payload of an inline variant: its fields without the tag. None left → unit
    /// variant; a lone `$ref` beside the tag → that model; otherwise an inline struct.
    fn tagged_payload(&mut self, owner: &str, value: &str, schema: &'a Schema, tag: &str, pointer: &str) -> Option<Ty> {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        let mut refs = Vec::new();
        let parts: Vec<(Node<'a>, String)> = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of
                .iter()
                .enumerate()
                .map(|(i, member)| (Node::of(member), format!("{pointer}/allOf/{i}")))
                .collect(),
            _ => vec![(Node::Inline(schema), pointer.to_owned())],
        };
        for (node, part_pointer) in parts {
            match node {
                Node::Ref(_) => refs.push((node, part_pointer)),
                Node::Inline(part) => {
                    let view = View(part);
                    for (json, property) in view.properties().into_iter().flatten() {
                        if json != tag {
                            let at = format!("{part_pointer}/properties/{}", token(json));
                            properties.push((json, Node::boxed(property), at));
                        }
                    }
                    required.extend(view.required().iter().filter(|name| *name != tag).cloned());
                }
            }
        }
        match (properties.is_empty(), refs.as_slice()) {
            (true, []) => None,
            (true, [(node, part_pointer)]) => Some(self.lower(owner, *node, part_pointer).ty),
            _ => {
                for (node, _) in &refs {
                    let Some(resolved) = self.spec.resolve(*node) else { continue };
                    let view = View(resolved);
                    let base = node_pointer(*node);
                    for (json, property) in view.properties().into_iter().flatten() {
                        if json != tag {
                            let at = format!("{base}/properties/{}", token(json));
                            properties.insert(0, (json, Node::boxed(property), at));
                        }
                    }
                    required.extend(view.required().iter().filter(|name| *name != tag).cloned());
                }
                let name = self.allocate(&format!("{owner}{}", value.to_upper_camel_case()));
                let fields = self.fields(&name, &properties, &required);
                self.inline.push(Model {
                    name: name.clone(),
                    schema: self.current_schema.clone(),
                    pointer: pointer.to_owned(),
                    doc: View(schema).doc(),
                    kind: ModelKind::Struct(fields),
                    direction: Direction::default(),
                });
                Some(Ty::Named(name))
            }
        }
    }

    fn externally_tagged(&mut self, owner: &str, schema: &'a Schema, pointer: &str) -> ModelKind {
        let Some((members, any_of)) = View(schema).members() else { return ModelKind::Alias(Ty::Json) };
        let key = if any_of { "anyOf" } else { "oneOf" };
        let mut found = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{key}/{index}");
            match external_variant(&self.spec, Node::of(member)) {
                Some(External::Unit(value)) => found.push((value, None, false)),
                Some(External::Keyed(wire, node)) => {
                    let at = format!("{member_pointer}/properties/{}", token(wire));
                    let payload = self.lower(&format!("{owner}{}", wire.to_upper_camel_case()), node, &at);
                    // The key names the variant even when its value is `null`, so a nullable
                    // payload is an `Option`; a free-form payload keeps `null` as a value itself.
                    let nullable = payload.nullable && payload.ty != Ty::Json;
                    found.push((wire.to_owned(), Some(payload.ty), nullable));
                }
                None => self.diagnostics.report(member_pointer, "not a single-property object or single-value enum"),
            }
        }
        let names = naming::variant_names(found.iter().map(|(wire, ..)| wire.as_str()));
        ModelKind::ExternallyTagged(
            found
                .into_iter()
                .zip(names)
                .map(|((wire, payload, nullable), name)| Variant { name, wire, payload, nullable })
                .collect(),
        )
    }

    fn untagged(&mut self, owner: &str, schema: &'a Schema, pointer: &str) -> ModelKind {
        let Some((members, any_of)) = View(schema).members() else { return ModelKind::Alias(Ty::Json) };
        let key = if any_of { "anyOf" } else { "oneOf" };
        let mut found: Vec<(u32, usize, String, Ty)> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let node = Node::of(member);
            let title = self.spec.resolve(node).and_then(|schema| schema.schema_data.title.clone());
            let hint = format!("{owner}{}", title.unwrap_or_else(|| format!("Variant{index}")).to_upper_camel_case());
            let ty = self.lower(&hint, node, &format!("{pointer}/{key}/{index}")).ty;
            let rank = self.specificity(node, &ty);
            found.push((rank, index, untagged_variant_name(&ty), ty));
        }
        // Most specific first: serde tries untagged variants in order and keeps the first fit.
        found.sort_by_key(|(rank, index, _, _)| (*rank, *index));
        if !found.iter().any(|(_, _, _, ty)| *ty == Ty::Json) {
            found.push((u32::MAX, usize::MAX, "Other".into(), Ty::Json));
        }
        let names = naming::variant_names(found.iter().map(|(_, _, name, _)| name.as_str()));
        ModelKind::Untagged(
            found
                .into_iter()
                .zip(names)
                .map(|((_, _, _, ty), name)| Variant { name, wire: String::new(), payload: Some(ty), nullable: false })
                .collect(),
        )
    }

    /// Lower ranks are tried first: objects with more required members, then lists, then
    /// the primitives from narrowest to widest, free-form last.
    fn specificity(&self, node: Node<'a>, ty: &Ty) -> u32 {
        match ty {
            Ty::Bool => 2000,
            Ty::I32 => 2001,
            Ty::I64 => 2002,
            Ty::F64 => 2003,
            Ty::String => 2005,
            Ty::Vec(_) => 1500,
            Ty::Map(_) | Ty::JsonObject => 1900,
            Ty::Json => 3000,
            Ty::Boxed(_) | Ty::Named(_) => {
                let Some(schema) = self.spec.resolve(node) else { return 2500 };
                match classify(&self.spec, schema) {
                    Rule::StringEnum | Rule::Constant => 2004,
                    Rule::Object => 1000 - View(schema).required().len().min(999) as u32,
                    Rule::AllOfMerge | Rule::AllOfWithUnion => 1000,
                    _ => 1200,
                }
            }
        }
    }
}

fn untagged_variant_name(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Bool => "Boolean".into(),
        Ty::I32 | Ty::I64 => "Integer".into(),
        Ty::F64 => "Number".into(),
        Ty::Json => "Value".into(),
        Ty::JsonObject | Ty::Map(_) => "Object".into(),
        Ty::Vec(inner) => format!("{}List", untagged_variant_name(inner)),
        Ty::Named(name) => name.clone(),
        Ty::Boxed(inner) => untagged_variant_name(inner),
    }
}

fn node_pointer(node: Node) -> String {
    match node {
        Node::Ref(reference) => reference.trim_start_matches('#').to_owned(),
        Node::Inline(_) => String::new(),
    }
}

fn same_node(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Ref(a), Node::Ref(b)) => a == b,
        (Node::Inline(a), Node::Inline(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    //! One test per rule of the table: the shape is classified under its rule and lowered to
    //! the Rust the table promises.

    use serde_json::json;

    use super::*;

    fn schemas(value: serde_json::Value) -> IndexMap<String, ReferenceOr<Schema>> {
        let mut document = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}});
        document["components"] = json!({ "schemas": value });
        crate::load::lower_const(&mut document);
        crate::load::parse(document).unwrap().components.unwrap().schemas
    }

    fn config() -> VendorConfig {
        toml::from_str("crate = \"t\"\ntitle = \"T\"").unwrap()
    }

    fn inline(mut value: serde_json::Value) -> Schema {
        crate::load::lower_const(&mut value);
        serde_json::from_value(value).unwrap()
    }

    /// Classifies and lowers `value` as a property of `Owner`, beside the component `extra`.
    fn lowered(value: serde_json::Value, extra: serde_json::Value) -> (Rule, Lowered, Vec<Model>) {
        let schemas = schemas(extra);
        let config = config();
        let schema = inline(value);
        let mut mapper = Mapper::new(&schemas, &config);
        let rule = classify(&mapper.spec(), &schema);
        let lowered = mapper.lower("OwnerField", Node::Inline(&schema), "#/test");
        assert!(
            mapper.diagnostics.all().is_empty() || matches!(rule, Rule::Unsupported(_)),
            "{:?}",
            mapper.diagnostics
        );
        (rule, lowered, mapper.take_inline("Owner"))
    }

    fn model(name: &str, components: serde_json::Value) -> ModelFile {
        let schemas = schemas(components);
        let config = config();
        let mut mapper = Mapper::new(&schemas, &config);
        let file = mapper.map_schema(name);
        assert!(mapper.diagnostics.all().is_empty(), "{:?}", mapper.diagnostics);
        file
    }

    fn named(name: &str) -> Ty {
        Ty::Named(name.into())
    }

    #[test]
    fn every_rule_is_in_the_table() {
        let documented: Vec<String> = RULES.iter().map(|(rule, ..)| format!("{rule:?}")).collect();
        for rule in [
            Rule::ListOrOne,
            Rule::DecimalOrNumber,
            Rule::AllOfOne,
            Rule::AllOfMerge,
            Rule::AllOfWithUnion,
            Rule::TaggedUnion,
            Rule::UnionOfOne,
            Rule::ExternallyTagged,
            Rule::UntaggedUnion,
            Rule::Object,
            Rule::Map,
            Rule::FreeFormObject,
            Rule::StringEnum,
            Rule::Constant,
            Rule::String,
            Rule::Int32,
            Rule::Int64,
            Rule::Number,
            Rule::Boolean,
            Rule::Array,
            Rule::FreeForm,
        ] {
            assert!(documented.contains(&format!("{rule:?}")), "{rule:?} missing from RULES");
        }
    }

    #[test]
    fn primitives() {
        let cases = [
            (json!({"type": "string"}), Rule::String, Ty::String),
            (json!({"type": "string", "format": "long"}), Rule::String, Ty::String),
            (json!({"type": "string", "format": "decimal"}), Rule::String, Ty::String),
            (json!({"type": "string", "format": "date-time"}), Rule::String, Ty::String),
            (json!({"type": "string", "format": "uuid"}), Rule::String, Ty::String),
            (json!({"type": "integer", "format": "int32"}), Rule::Int32, Ty::I32),
            (json!({"type": "integer", "format": "int64"}), Rule::Int64, Ty::I64),
            (json!({"type": "integer"}), Rule::Int64, Ty::I64),
            (json!({"type": "number", "format": "double"}), Rule::Number, Ty::F64),
            (json!({"type": "boolean"}), Rule::Boolean, Ty::Bool),
        ];
        for (schema, rule, ty) in cases {
            let (found, lowered, inline) = lowered(schema.clone(), json!({}));
            assert_eq!((found, lowered.ty), (rule, ty), "{schema}");
            assert!(inline.is_empty());
        }
    }

    #[test]
    fn reference_maps_to_the_named_model_and_carries_its_nullability() {
        let schemas = schemas(json!({"A": {"type": "string", "nullable": true}}));
        let config = config();
        let mut mapper = Mapper::new(&schemas, &config);
        let lowered = mapper.lower("X", Node::Ref("#/components/schemas/A"), "#/x");
        assert_eq!(lowered, Lowered { ty: named("A"), nullable: true });
        mapper.lower("X", Node::Ref("#/components/schemas/Missing"), "#/y");
        assert_eq!(mapper.diagnostics.all()[0].pointer, "#/y");
    }

    #[test]
    fn object_becomes_a_struct_with_presence_names_and_rules() {
        let file = model(
            "Thing",
            json!({"Thing": {
                "type": "object",
                "required": ["external-ref", "type", "maybe"],
                "properties": {
                    "external-ref": {"type": "string", "maxLength": 10},
                    "type": {"type": "string"},
                    "maybe": {"type": "string", "nullable": true},
                    "note": {"type": "string"},
                    "count": {"type": "integer", "minimum": 1, "maximum": 9}
                }
            }}),
        );
        let ModelKind::Struct(fields) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
        let summary: Vec<(&str, &str, Presence)> =
            fields.iter().map(|f| (f.json.as_str(), f.rust.as_str(), f.presence)).collect();
        assert_eq!(
            summary,
            [
                ("external-ref", "external_ref", Presence::Required),
                ("type", "r#type", Presence::Required),
                ("maybe", "maybe", Presence::Nullable),
                ("note", "note", Presence::Optional),
                ("count", "count", Presence::Optional),
            ]
        );
        assert_eq!(fields[0].rules.max_length, Some(10));
        assert_eq!((fields[4].rules.minimum, fields[4].rules.maximum), (Some(1), Some(9)));
    }

    #[test]
    fn map_and_free_form() {
        let (rule, lowered_map, _) =
            lowered(json!({"type": "object", "additionalProperties": {"type": "string"}}), json!({}));
        assert_eq!((rule, lowered_map.ty), (Rule::Map, Ty::Map(Box::new(Ty::String))));
        let (rule, lowered_any, _) = lowered(json!({"type": "object", "additionalProperties": true}), json!({}));
        assert_eq!((rule, lowered_any.ty), (Rule::Map, Ty::Map(Box::new(Ty::Json))));
        let (rule, object, _) = lowered(json!({"type": "object"}), json!({}));
        assert_eq!((rule, object.ty), (Rule::FreeFormObject, Ty::JsonObject));
        for schema in [json!({}), json!({"description": "anything"}), json!({"nullable": true})] {
            let (rule, value, _) = lowered(schema.clone(), json!({}));
            assert_eq!((rule, value.ty, value.nullable), (Rule::FreeForm, Ty::Json, true), "{schema}");
        }
    }

    #[test]
    fn string_enum_and_constant() {
        let (rule, lowered_enum, inline) =
            lowered(json!({"type": "string", "enum": ["open", "Open", "closed"]}), json!({}));
        assert_eq!((rule, lowered_enum.ty), (Rule::StringEnum, named("OwnerField")));
        let ModelKind::Enum { values, constant: false } = &inline[0].kind else { panic!("{:?}", inline[0].kind) };
        let variants: Vec<&str> = values.iter().map(|v| v.variant.as_str()).collect();
        assert_eq!(variants, ["Open", "Open2", "Closed"]);

        let (rule, _, inline) = lowered(json!({"type": "string", "const": "list"}), json!({}));
        assert_eq!(rule, Rule::Constant);
        assert!(matches!(&inline[0].kind, ModelKind::Enum { constant: true, values } if values[0].wire == "list"));
    }

    #[test]
    fn array() {
        let (rule, items, _) =
            lowered(json!({"type": "array", "items": {"type": "integer", "format": "int32"}}), json!({}));
        assert_eq!((rule, items.ty), (Rule::Array, Ty::Vec(Box::new(Ty::I32))));
        let (_, untyped, _) = lowered(json!({"type": "array"}), json!({}));
        assert_eq!(untyped.ty, Ty::Vec(Box::new(Ty::Json)));
    }

    fn decoding_note(reference: serde_json::Value) -> serde_json::Value {
        json!({"reference": reference, "decodes-reference": true, "reason": "the sources disagree"})
    }

    #[test]
    fn decodes_reference_keeps_the_type_and_marks_the_field() {
        let item = json!({"$ref": "#/components/schemas/Item"});
        let file = model(
            "Owner",
            json!({
                "Item": {"type": "object", "properties": {"id": {"type": "integer"}}},
                "Owner": {"type": "object", "required": ["items"], "properties": {
                    "items": {"type": "array", "items": item, "x-deviation": decoding_note(item.clone())},
                    "rate": {"type": "string", "format": "decimal", "x-deviation": decoding_note(json!({"type": "number"}))},
                    "count": {"type": "string", "x-deviation": decoding_note(json!({"type": "integer"}))},
                    "plain": {"type": "array", "items": item, "x-deviation": {"reference": item.clone(), "reason": "list"}}
                }}
            }),
        );
        let ModelKind::Struct(fields) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
        let summary: Vec<(&str, &Ty, Presence, Option<AlsoDecodes>)> =
            fields.iter().map(|f| (f.json.as_str(), &f.ty, f.presence, f.also_decodes)).collect();
        let list = Ty::Vec(Box::new(named("Item")));
        assert_eq!(
            summary,
            [
                ("items", &list, Presence::Required, Some(AlsoDecodes::SingleItem)),
                ("rate", &Ty::String, Presence::Optional, Some(AlsoDecodes::Number)),
                ("count", &Ty::String, Presence::Optional, Some(AlsoDecodes::Number)),
                ("plain", &list, Presence::Optional, None),
            ]
        );
        let schemas = schemas(json!({"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}));
        let spec = Spec { schemas: &schemas };
        let list_schema = inline(json!({"type": "array", "items": item, "x-deviation": decoding_note(item.clone())}));
        assert_eq!(classify(&spec, &list_schema), Rule::ListOrOne);
        let inline_item = json!({"type": "object", "properties": {"id": {"type": "integer"}}});
        let inline_list =
            inline(json!({"type": "array", "items": inline_item, "x-deviation": decoding_note(inline_item.clone())}));
        assert_eq!(classify(&spec, &inline_list), Rule::ListOrOne);
    }

    #[test]
    fn decodes_reference_without_a_decoder_for_it_is_unsupported() {
        let schemas = schemas(json!({"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}));
        let spec = Spec { schemas: &schemas };
        let item = json!({"$ref": "#/components/schemas/Item"});
        for schema in [
            // The reference is not the list's item.
            json!({"type": "array", "items": item, "x-deviation": decoding_note(json!({"type": "object"}))}),
            // A lone string where a list of strings is expected has no decoder.
            json!({"type": "array", "items": {"type": "string"}, "x-deviation": decoding_note(json!({"type": "string"}))}),
            // Only numbers become decimal strings.
            json!({"type": "string", "x-deviation": decoding_note(json!({"type": "boolean"}))}),
            json!({"type": "string", "enum": ["a"], "x-deviation": decoding_note(json!({"type": "number"}))}),
            json!({"type": "integer", "x-deviation": decoding_note(json!({"type": "string"}))}),
            // A note that names a keyword has no schema to decode.
            json!({"type": "string", "x-deviation": {"keyword": "type", "reference": "number", "decodes-reference": true, "reason": "r"}}),
        ] {
            assert!(matches!(classify(&spec, &inline(schema.clone())), Rule::Unsupported(_)), "{schema}");
        }
        let unmarked = json!({"type": "string", "x-deviation": {"reference": {"type": "number"}, "decodes-reference": false, "reason": "r"}});
        assert_eq!(classify(&spec, &inline(unmarked)), Rule::String);
    }

    #[test]
    fn all_of_one_is_its_member_and_nullable_without_type_is_an_option() {
        let (rule, lowered, inline) = lowered(
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}),
            json!({"A": {"type": "object", "properties": {"x": {"type": "string"}}}}),
        );
        assert_eq!((rule, lowered), (Rule::AllOfOne, Lowered { ty: named("A"), nullable: true }));
        assert!(inline.is_empty());
    }

    #[test]
    fn all_of_objects_merge_into_one_struct() {
        let file = model(
            "Both",
            json!({
                "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                "Both": {"allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "properties": {"note": {"type": "string"}}}
                ]}
            }),
        );
        let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
        let names: Vec<(&str, Presence)> = fields.iter().map(|f| (f.json.as_str(), f.presence)).collect();
        assert_eq!(names, [("id", Presence::Required), ("note", Presence::Optional)]);
    }

    #[test]
    fn all_of_with_a_union_flattens_the_union_where_it_stands() {
        let file = model(
            "Request",
            json!({
                "Data": {"oneOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["b"]}]},
                "Request": {"allOf": [
                    {"allOf": [{"$ref": "#/components/schemas/Data"}], "nullable": true},
                    {"type": "object", "properties": {"billing": {"type": "string"}}}
                ]}
            }),
        );
        let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
        assert!(fields[0].flatten && fields[0].ty == named("Data") && fields[0].presence == Presence::Optional);
        assert_eq!(fields[1].json, "billing");
    }

    #[test]
    fn externally_tagged_union() {
        let file = model(
            "Voucher",
            json!({
                "Boleto": {"type": "object", "properties": {"ssn": {"type": "string"}}},
                "Voucher": {"oneOf": [
                    {"type": "object", "required": ["boleto"], "properties": {"boleto": {"$ref": "#/components/schemas/Boleto"}}},
                    {"type": "string", "enum": ["efecty"]}
                ]}
            }),
        );
        let ModelKind::ExternallyTagged(variants) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
        assert_eq!(
            variants[0],
            Variant { name: "Boleto".into(), wire: "boleto".into(), payload: Some(named("Boleto")), nullable: false }
        );
        assert_eq!(
            variants[1],
            Variant { name: "Efecty".into(), wire: "efecty".into(), payload: None, nullable: false }
        );
    }

    #[test]
    fn externally_tagged_variant_with_a_nullable_payload_holds_an_option() {
        let amount = json!({"$ref": "#/components/schemas/Amount"});
        let keyed = |key: &str, schema: serde_json::Value| json!({"type": "object", "required": [key], "properties": {key: schema}});
        let file = model(
            "Mandate",
            json!({
                "Amount": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}}},
                "NullableAmount": {"type": "object", "nullable": true, "properties": {"value": {"type": "integer"}}},
                "Mandate": {"oneOf": [
                    keyed("single_use", amount.clone()),
                    keyed("multi_use", json!({"allOf": [amount], "nullable": true})),
                    keyed("open", json!({"$ref": "#/components/schemas/NullableAmount"})),
                    keyed("note", json!({"type": "string", "nullable": true})),
                    keyed("extra", json!({})),
                    {"type": "string", "enum": ["none"]}
                ]}
            }),
        );
        let ModelKind::ExternallyTagged(variants) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
        let summary: Vec<(&str, Option<&Ty>, bool)> =
            variants.iter().map(|v| (v.wire.as_str(), v.payload.as_ref(), v.nullable)).collect();
        assert_eq!(
            summary,
            [
                ("single_use", Some(&named("Amount")), false),
                ("multi_use", Some(&named("Amount")), true),
                ("open", Some(&named("NullableAmount")), true),
                ("note", Some(&Ty::String), true),
                // `serde_json::Value` holds `null` itself: no `Option` around it.
                ("extra", Some(&Ty::Json), false),
                ("none", None, false),
            ]
        );

        // The other unions never make a variant nullable.
        let untagged = model(
            "Either",
            json!({
                "Amount": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}}},
                "Either": {"anyOf": [{"allOf": [{"$ref": "#/components/schemas/Amount"}], "nullable": true}, {"type": "string"}]}
            }),
        );
        let ModelKind::Untagged(variants) = &untagged.models[0].kind else { panic!("{:?}", untagged.models[0].kind) };
        assert!(variants.iter().all(|variant| !variant.nullable), "{variants:?}");
    }

    #[test]
    fn discriminated_union_strips_the_tag_from_inline_variants() {
        let file = model(
            "Action",
            json!({"Action": {
                "oneOf": [
                    {"type": "object", "required": ["type", "url"], "properties": {"type": {"type": "string", "enum": ["redirect"]}, "url": {"type": "string"}}},
                    {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["wait"]}}}
                ],
                "discriminator": {"propertyName": "type"}
            }}),
        );
        let ModelKind::Tagged { tag, variants } = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
        assert_eq!(tag, "type");
        assert_eq!(variants[0].payload, Some(named("ActionRedirect")));
        assert_eq!(variants[1], Variant { name: "Wait".into(), wire: "wait".into(), payload: None, nullable: false });
        let ModelKind::Struct(fields) = &file.models[1].kind else { panic!() };
        assert_eq!(fields.len(), 1, "the tag is written by the union, not the variant");
    }

    #[test]
    fn object_with_additional_properties_keeps_the_other_members() {
        let file = model(
            "Problem",
            json!({"Problem": {
                "type": "object",
                "required": ["title"],
                "properties": {"title": {"type": "string"}},
                "additionalProperties": true
            }}),
        );
        let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
        let extra = &fields[1];
        assert!(extra.extra && extra.flatten, "{extra:?}");
        assert_eq!((extra.rust.as_str(), &extra.ty), ("additional_properties", &Ty::Map(Box::new(Ty::Json))));
    }

    #[test]
    fn named_inline_schemas_are_shared() {
        let value = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        let components = json!({
            "A": {"type": "object", "properties": {"m": {"type": "object", "additionalProperties": value}}},
            "B": {"type": "object", "properties": {"m": {"type": "object", "additionalProperties": value}}}
        });
        let schemas = schemas(components);
        let config = config();
        let shared = vec![("MetadataValue".to_owned(), "#/x".to_owned(), inline(value.clone()))];
        let mut mapper = Mapper::new(&schemas, &config).with_shared(shared);
        let files = mapper.map_all();
        let field_type = |file: &ModelFile| match &file.models[0].kind {
            ModelKind::Struct(fields) => fields[0].ty.clone(),
            other => panic!("{other:?}"),
        };
        let expected = Ty::Map(Box::new(named("MetadataValue")));
        assert_eq!((field_type(&files[0]), field_type(&files[1])), (expected.clone(), expected));
        let defined: Vec<&str> = files.iter().flat_map(|file| &file.models).map(|model| model.name.as_str()).collect();
        assert_eq!(defined, ["A", "MetadataValue", "B"], "defined once, beside its first use");
    }

    #[test]
    fn union_of_one_is_its_member() {
        let (rule, lowered, _) = lowered(json!({"oneOf": [{"type": "string"}]}), json!({}));
        assert_eq!((rule, lowered.ty), (Rule::UnionOfOne, Ty::String));
    }

    #[test]
    fn untagged_union_orders_the_most_specific_first_and_keeps_raw_json_last() {
        let (rule, lowered, inline) = lowered(
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"$ref": "#/components/schemas/M"}]}),
            json!({"M": {"type": "object", "required": ["v"], "properties": {"v": {"type": "integer"}}}}),
        );
        assert_eq!((rule, lowered.ty), (Rule::UntaggedUnion, named("OwnerField")));
        let ModelKind::Untagged(variants) = &inline[0].kind else { panic!() };
        let order: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(order, ["M", "Boolean", "Integer", "String", "Other"]);
    }

    #[test]
    fn unsupported_shapes_are_diagnostics_with_pointers() {
        let unsupported =
            [inline(json!({"not": {"type": "string"}})), inline(json!({"type": "integer", "enum": [1, 2]}))];
        let schemas = schemas(json!({}));
        let config = config();
        let mut mapper = Mapper::new(&schemas, &config);
        for schema in &unsupported {
            assert!(matches!(classify(&mapper.spec(), schema), Rule::Unsupported(_)));
            assert_eq!(mapper.lower("X", Node::Inline(schema), "#/components/schemas/X").ty, Ty::Json);
        }
        assert_eq!(mapper.diagnostics.all().len(), 2);
        assert!(mapper.diagnostics.all().iter().all(|d| d.pointer == "#/components/schemas/X"));
    }
}
