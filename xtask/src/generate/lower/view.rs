//! A view of the spec for the rules: references followed to their schema ([`Spec`]), and the
//! parts of a schema the rules read whichever `openapiv3` variant carries them (`View`).

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use crate::generate::ir::model::Rules;

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

/// Where the component schemas are, as every `$ref` to one starts.
pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

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
pub(super) struct View<'a>(pub(super) &'a Schema);

impl<'a> View<'a> {
    pub(super) fn type_name(&self) -> Option<&'a str> {
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

    pub(super) fn format(&self) -> Option<&'a str> {
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

    pub(super) fn properties(&self) -> Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => Some(&object.properties),
            SchemaKind::Any(any) if !any.properties.is_empty() => Some(&any.properties),
            _ => None,
        }
    }

    pub(super) fn required(&self) -> &'a [String] {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.required,
            SchemaKind::Any(any) => &any.required,
            _ => &[],
        }
    }

    pub(super) fn additional(&self) -> Option<&'a AdditionalProperties> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
            SchemaKind::Any(any) => any.additional_properties.as_ref(),
            _ => None,
        }
    }

    pub(super) fn items(&self) -> Option<&'a ReferenceOr<Box<Schema>>> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Array(array)) => array.items.as_ref(),
            SchemaKind::Any(any) => any.items.as_ref(),
            _ => None,
        }
    }

    /// String enum values (a `null` entry, meaning "nullable", is skipped); `None` when the
    /// schema lists no values; `Err` when it lists non-strings.
    pub(super) fn string_enum(&self) -> Result<Option<Vec<String>>, ()> {
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

    pub(super) fn is_const(&self) -> bool {
        self.0.schema_data.extensions.get("x-const").is_some_and(|value| value == true)
    }

    pub(super) fn rules(&self) -> Rules {
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

    pub(super) fn members(&self) -> Option<(&'a [ReferenceOr<Schema>], bool)> {
        match &self.0.schema_kind {
            SchemaKind::OneOf { one_of } => Some((one_of, false)),
            SchemaKind::AnyOf { any_of } => Some((any_of, true)),
            _ => None,
        }
    }

    /// The `reference` of the `x-deviation` note that asks for the reference's shape to be
    /// decoded as well (`"decodes-reference": true`).
    pub(super) fn decoded_reference(&self) -> Option<&'a serde_json::Value> {
        deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .find(|note| note.get("decodes-reference") == Some(&serde_json::Value::Bool(true)))
            .map(|note| note.get("reference").unwrap_or(&serde_json::Value::Null))
    }

    /// The reason of an `x-deviation` note: where the fragment departs from the vendor's spec.
    pub(super) fn deviation(&self) -> Option<String> {
        let reasons: Vec<&str> = deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .filter(|note| note.get("keyword").is_none())
            .filter_map(|note| note.get("reason").and_then(serde_json::Value::as_str))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join(" "))
    }

    /// The reason of the `x-deviation` note about one keyword of this schema, when the note
    /// names that keyword (`"keyword": "additionalProperties"`).
    pub(super) fn deviation_of(&self, keyword: &str) -> Option<String> {
        deviation_notes(self.0.schema_data.extensions.get("x-deviation")?)
            .find(|note| note.get("keyword").and_then(serde_json::Value::as_str) == Some(keyword))
            .and_then(|note| note.get("reason").and_then(serde_json::Value::as_str).map(str::to_owned))
    }

    pub(super) fn doc(&self) -> Option<String> {
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
