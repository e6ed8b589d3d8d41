//! A JSON sample of every model, built from the IR: each property set (optional ones too, to a
//! depth that stops recursion), the first value of each enum, the first variant of each union.
//! The generated round-trip tests ([`round_trips`](super::round_trips)) decode these and check
//! they encode back unchanged.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::generate::ir::model::{FieldRole, Model, ModelKind, Presence, Ty};

/// How deep optional properties are filled; required ones always are.
const MAX_DEPTH: usize = 6;

/// Builds samples of the models of one vendor.
pub struct Samples<'a> {
    models: BTreeMap<&'a str, &'a Model>,
}

impl<'a> Samples<'a> {
    /// Samples of `models`.
    pub fn new(models: impl IntoIterator<Item = &'a Model>) -> Self {
        Self { models: models.into_iter().map(|model| (model.name.as_str(), model)).collect() }
    }

    /// A sample of the model `name`.
    pub fn model(&self, name: &str) -> Value {
        self.named(name, 0)
    }

    fn named(&self, name: &str, depth: usize) -> Value {
        // Required properties are always filled; a type that requires itself cannot exist, but
        // a bound keeps a malformed spec from recursing forever.
        let Some(model) = self.models.get(name).filter(|_| depth < 4 * MAX_DEPTH) else { return Value::Null };
        match &model.kind {
            ModelKind::Struct(fields) => {
                let mut object = Map::new();
                for field in fields {
                    if field.presence != Presence::Required && depth >= MAX_DEPTH {
                        // Too deep to fill: left out, or `null` where the model writes `None` so.
                        if let (Presence::Nullable, Some(json)) = (field.presence, field.json()) {
                            object.insert(json.to_owned(), Value::Null);
                        }
                        continue;
                    }
                    if field.role == FieldRole::Others {
                        object.insert("x_extension".into(), json!("kept"));
                        continue;
                    }
                    let value = self.value(&field.ty, depth + 1, field.json().unwrap_or_default());
                    match field.json() {
                        Some(json) => {
                            object.insert(json.to_owned(), value);
                        }
                        None => {
                            if let Value::Object(members) = value {
                                object.extend(members);
                            } else if let Value::String(unit) = value {
                                // A unit variant flattened into its parent is written as a key.
                                object.insert(unit, Value::Null);
                            }
                        }
                    }
                }
                Value::Object(object)
            }
            ModelKind::Enum { values, .. } => values.first().map_or(json!("value"), |value| json!(value.wire)),
            ModelKind::ExternallyTagged(variants) => match variants.first() {
                Some(variant) => {
                    let wire = variant.wire.clone().unwrap_or_default();
                    match &variant.payload {
                        Some(payload) => json!({ wire.clone(): self.value(payload, depth + 1, &wire) }),
                        None => json!(wire),
                    }
                }
                None => json!({}),
            },
            ModelKind::Tagged { tag, variants } => match variants.first() {
                Some(variant) => {
                    let mut object = match &variant.payload {
                        Some(payload) => match self.value(payload, depth + 1, tag) {
                            Value::Object(members) => members,
                            _ => Map::new(),
                        },
                        None => Map::new(),
                    };
                    object.insert(tag.clone(), json!(variant.wire.as_deref().unwrap_or_default()));
                    Value::Object(object)
                }
                None => json!({}),
            },
            ModelKind::Untagged(variants) => variants
                .first()
                .and_then(|variant| variant.payload.as_ref())
                .map_or(Value::Null, |payload| self.value(payload, depth + 1, "")),
            ModelKind::Alias(target) => self.value(target, depth, name),
        }
    }

    fn value(&self, ty: &Ty, depth: usize, name: &str) -> Value {
        match ty {
            Ty::String => json!(format!("{name} example").trim()),
            Ty::Bool => json!(true),
            Ty::I32 | Ty::I64 => json!(42),
            Ty::F64 => json!(1.5),
            Ty::Json | Ty::JsonObject => json!({"note": "free-form"}),
            Ty::Named(model) => self.named(model, depth),
            Ty::Boxed(inner) => self.value(inner, depth, name),
            Ty::Vec(inner) => json!([self.value(inner, depth, name)]),
            Ty::Map(inner) => json!({"key": self.value(inner, depth, name)}),
        }
    }
}
