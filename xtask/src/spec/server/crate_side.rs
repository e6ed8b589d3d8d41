//! The crate's side of the comparison: its models by Rust name, as the generator's IR has them
//! (what the crate decodes and sends), and their JSON types.

use std::collections::BTreeMap;

use super::wire::Class;
use crate::generate::ir::model::{Field, Model, ModelKind, Ty};

/// The crate's side: every model by Rust name.
pub struct Crate<'a> {
    models: BTreeMap<&'a str, &'a Model>,
    /// The keyed variants of each externally tagged union as optional members: flattened into
    /// an object, `{"variant": payload}` is one member of it.
    variant_members: BTreeMap<String, Vec<Field>>,
}

impl<'a> Crate<'a> {
    /// Indexes `models`.
    pub fn new(models: impl IntoIterator<Item = &'a Model>) -> Self {
        let models: BTreeMap<&'a str, &'a Model> =
            models.into_iter().map(|model| (model.name.as_str(), model)).collect();
        let variant_members = models
            .values()
            .filter_map(|model| match &model.kind {
                ModelKind::ExternallyTagged(variants) => Some((
                    model.name.clone(),
                    variants
                        .iter()
                        .filter_map(|variant| {
                            let payload = variant.payload.clone()?;
                            Some(Field::plain(variant.wire.clone()?, variant.name.clone(), payload, false))
                        })
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        Self { models, variant_members }
    }

    /// The fields of the object `name` stands for (through aliases), or of the externally tagged
    /// union it names, seen as members.
    pub fn object_members(&self, name: &str, depth: usize) -> Option<(&[Field], bool)> {
        let model = self.model(name)?;
        match &model.kind {
            ModelKind::Struct(fields) => Some((fields, false)),
            ModelKind::ExternallyTagged(_) => self.variant_members.get(name).map(|fields| (fields.as_slice(), true)),
            ModelKind::Alias(ty) if depth < 8 => self.object_members(named(ty)?, depth + 1),
            _ => None,
        }
    }

    /// A model by Rust name.
    pub fn model(&self, name: &str) -> Option<&'a Model> {
        self.models.get(name).copied()
    }
}

/// The model a type names, through a `Box`.
pub fn named(ty: &Ty) -> Option<&String> {
    match ty {
        Ty::Named(name) => Some(name),
        Ty::Boxed(inner) => named(inner),
        _ => None,
    }
}

pub fn kind_class(kind: &ModelKind, krate: &Crate) -> Class {
    match kind {
        ModelKind::Struct(_) => Class::Object,
        ModelKind::Enum { .. } => Class::String,
        ModelKind::ExternallyTagged(_) | ModelKind::Tagged { .. } | ModelKind::Untagged(_) => Class::Union,
        ModelKind::Alias(ty) => ty_class(ty, krate),
    }
}

pub fn ty_class(ty: &Ty, krate: &Crate) -> Class {
    match ty {
        Ty::String => Class::String,
        Ty::Bool => Class::Boolean,
        Ty::I32 | Ty::I64 => Class::Integer,
        Ty::F64 => Class::Number,
        Ty::Json => Class::Any,
        Ty::JsonObject | Ty::Map(_) => Class::Object,
        Ty::Vec(_) => Class::Array,
        Ty::Boxed(inner) => ty_class(inner, krate),
        Ty::Named(name) => krate.model(name).map_or(Class::Any, |model| kind_class(&model.kind, krate)),
    }
}
