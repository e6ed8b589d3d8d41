//! The lowering of every shape: [`Mapper`] turns each schema into the model its
//! [`Rule`] promises. Nothing falls back to an untyped value except the free-form rules, and a
//! construct no rule covers becomes a diagnostic naming its JSON pointer.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};

use super::analysis;
use super::classify::{External, classify, external_variant, is_object_like};
use super::naming;
use super::rules::Rule;
use super::view::{Node, SCHEMA_PREFIX, Spec, View};
use crate::generate::config::VendorConfig;
use crate::generate::diag::{Diagnostics, token};
use crate::generate::ir::model::{
    AlsoDecodes, Direction, EnumValue, Field, FieldRole, Init, Model, ModelFile, ModelKind, Presence, Rules, Ty,
    Variant,
};

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
            fields.push(with_init(Field {
                role: FieldRole::Others,
                rust: "additional_properties".into(),
                ty: Ty::Map(Box::new(value)),
                presence: Presence::Required,
                required: false,
                nullable: false,
                doc: Some("Members the schema does not name, kept as received.".into()),
                rules: Rules::default(),
                sensitive: false,
                deviation: view.deviation_of("additionalProperties"),
                also_decodes: None,
                init: Init::Unset,
            }));
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
                let read_only = inline.as_ref().is_some_and(|view| view.0.schema_data.read_only);
                let role = if is_required && self.is_constant(node) {
                    FieldRole::Constant((*json).clone())
                } else if read_only {
                    FieldRole::ReadOnly((*json).clone())
                } else {
                    FieldRole::Member((*json).clone())
                };
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
                with_init(Field {
                    role,
                    rust,
                    ty: lowered.ty,
                    presence,
                    required: is_required,
                    nullable: lowered.nullable,
                    doc: inline.as_ref().and_then(View::doc),
                    rules: inline.as_ref().map(View::rules).unwrap_or_default(),
                    sensitive: self.config.is_sensitive(&schema, json) || self.config.is_sensitive(owner, json),
                    deviation: inline.as_ref().and_then(View::deviation),
                    also_decodes,
                    init: Init::Unset,
                })
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
                    fields.push(with_init(Field {
                        role: FieldRole::Flattened,
                        rust: name,
                        ty: lowered.ty,
                        presence: if nullable || lowered.nullable { Presence::Optional } else { Presence::Required },
                        required: !(nullable || lowered.nullable),
                        nullable: nullable || lowered.nullable,
                        doc: None,
                        rules: Rules::default(),
                        sensitive: false,
                        deviation: None,
                        also_decodes: None,
                        init: Init::Unset,
                    }));
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
            .map(|((wire, payload), name)| Variant { name, wire: Some(wire), payload, nullable: false })
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
                .map(|((wire, payload, nullable), name)| Variant { name, wire: Some(wire), payload, nullable })
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
                .map(|((_, _, _, ty), name)| Variant { name, wire: None, payload: Some(ty), nullable: false })
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

/// A field with how `new` sets it at the presence it has so far; [`analysis`] settles both once
/// the direction of its model is known.
fn with_init(mut field: Field) -> Field {
    field.init = analysis::init(&field);
    field
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
mod tests;
