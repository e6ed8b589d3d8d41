//! Which [`Rule`] a schema falls under.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};

use super::rules::Rule;
use super::view::{Node, Spec, View};

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
pub(super) fn is_object_like(spec: &Spec, node: Node) -> bool {
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
pub(super) enum External<'a> {
    Keyed(&'a str, Node<'a>),
    Unit(String),
}

pub(super) fn external_variant<'a>(spec: &Spec<'a>, node: Node<'a>) -> Option<External<'a>> {
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
