//! The IR (what the crate decodes and sends) against the server's wire facts (what the server
//! writes and reads), model by model from the schemas the operations reach.
//!
//! A difference is recorded where the crate and the server disagree in a way that matters on
//! the wire, in the direction the model travels:
//!
//! - in a response, anything the server may write that the crate cannot read or drops (a
//!   member the spec lacks, an omitted or `null` member the crate requires, another type, an
//!   enum value or variant the spec does not list);
//! - in a request, anything the crate may send that the server refuses or ignores, and
//!   anything the server needs or accepts that the crate cannot send or forces (required on one
//!   side only, a member or value on one side only, `null` the server refuses).
//!
//! Where the spec allows more than the server does (an optional member the server always
//! writes, a value it never sends) nothing breaks: those facts are counted as looser, not as
//! differences.

use std::collections::BTreeSet;
use std::fmt;

use super::crate_side::{Crate, kind_class, named, ty_class};
use super::server_side::{Expanded, Resolved, Server, is_untagged, payload_ty, substitute, variants_as_members};
use super::wire::{Class, Definition, Location, Member, Payload, Read, Shape, Tagging, WireTy, Written, compatible};
use crate::generate::ir::model::{Direction, Field, FieldRole, Model, ModelKind, Presence, Ty, Variant};
use crate::generate::ir::operation::{OperationIr, Taken};

/// What kind of disagreement a difference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The spec schema has no server type.
    NoServerType,
    /// The check cannot read the server's form (a foreign or hand-serialized type with no
    /// `[types]` entry, a custom serde function with no `[with]` entry).
    Unreadable,
    /// Another JSON type (string vs object, integer vs string, …).
    Type,
    /// The server writes or reads a member the spec lacks.
    MemberMissingInSpec,
    /// The spec has a member the server neither reads nor writes.
    MemberMissingOnServer,
    /// Response: the server may omit a member the crate requires.
    MayBeAbsent,
    /// Response: the server may write `null` where the crate requires a value.
    MayBeNull,
    /// Request: the server requires a member the crate may leave out.
    RequiredOnServer,
    /// Request: the crate requires a member the server does not.
    OptionalOnServer,
    /// Request: the crate may send `null` where the server refuses it.
    NullRefused,
    /// An enum value the server writes or reads that the spec lacks.
    ValueMissingInSpec,
    /// Request: an enum value the crate may send that the server does not read.
    ValueRefused,
    /// A variant the server writes or reads that the spec lacks.
    VariantMissingInSpec,
    /// Request: a variant the crate may send that the server does not read.
    VariantRefused,
    /// Another union form (externally vs internally tagged, another tag member, …).
    Tagging,
}

impl Kind {
    /// The name used in reports and in the allowlist.
    pub fn name(self) -> &'static str {
        match self {
            Kind::NoServerType => "no-server-type",
            Kind::Unreadable => "unreadable",
            Kind::Type => "type",
            Kind::MemberMissingInSpec => "member-missing-in-spec",
            Kind::MemberMissingOnServer => "member-missing-on-server",
            Kind::MayBeAbsent => "may-be-absent",
            Kind::MayBeNull => "may-be-null",
            Kind::RequiredOnServer => "required-on-server",
            Kind::OptionalOnServer => "optional-on-server",
            Kind::NullRefused => "null-refused",
            Kind::ValueMissingInSpec => "value-missing-in-spec",
            Kind::ValueRefused => "value-refused",
            Kind::VariantMissingInSpec => "variant-missing-in-spec",
            Kind::VariantRefused => "variant-refused",
            Kind::Tagging => "tagging",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The direction a difference matters in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Way {
    /// What the server writes and the crate reads.
    Response,
    /// What the crate writes and the server reads.
    Request,
}

impl fmt::Display for Way {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Way::Response => "response",
            Way::Request => "request",
        })
    }
}

/// One disagreement between the crate and the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The crate's model (Rust name).
    pub model: String,
    /// Where the model's schema sits in the fragments (empty for an operation).
    pub pointer: String,
    /// Member, `variant:<name>`, `value:<name>`, or empty for the model itself.
    pub member: String,
    /// What kind.
    pub kind: Kind,
    /// Which way.
    pub way: Way,
    /// What the spec (the crate) says.
    pub spec: String,
    /// What the server does.
    pub server: String,
    /// Where the server says it.
    pub location: Option<Location>,
}

impl Difference {
    /// Identifies the difference across runs (the spec and the server texts aside).
    pub fn key(&self) -> (String, String, Kind, Way) {
        (self.model.clone(), self.member.clone(), self.kind, self.way)
    }
}

/// The outcome of one comparison.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Every difference, in the order found.
    pub differences: Vec<Difference>,
    /// Component schemas compared.
    pub schemas: usize,
    /// Operations compared.
    pub operations: usize,
    /// Models compared (component and inline).
    pub models: usize,
    /// Facts compared: a member's presence, null and type per direction, an enum value, a
    /// variant, a union's form.
    pub facts: usize,
    /// Facts where the spec allows more than the server does (not differences).
    pub looser: usize,
}

/// Walks the crate's models against the server's types.
pub struct Walker<'a> {
    krate: &'a Crate<'a>,
    server: &'a Server<'a>,
    seen: BTreeSet<(String, String)>,
    /// Models compared so far.
    compared: BTreeSet<String>,
    /// The result so far.
    pub comparison: Comparison,
}

impl<'a> Walker<'a> {
    /// A walker over one crate and one server.
    pub fn new(krate: &'a Crate<'a>, server: &'a Server<'a>) -> Self {
        Self { krate, server, seen: BTreeSet::new(), compared: BTreeSet::new(), comparison: Comparison::default() }
    }

    /// Compares what an operation's handler reads and answers with the operation's models.
    pub fn operation(&mut self, operation: &OperationIr, query_model: Option<&'a Model>) {
        let Some(types) = self.server.config.operations.get(&operation.id) else {
            self.unmapped(&operation.id, "no [operations] entry");
            return;
        };
        let object_query = operation.query_params.iter().find_map(|param| match &param.ty {
            Ty::Named(name) if param.taken == Taken::Object => self.krate.model(name),
            _ => None,
        });
        let body = operation.body.as_ref().and_then(|body| named(&body.ty)).and_then(|name| self.krate.model(name));
        let success = operation.signature.returns.ty().and_then(named).and_then(|name| self.krate.model(name));
        let sides = [
            (body, &types.request, "request"),
            (object_query.or(query_model), &types.query, "query"),
            (success, &types.response, "response"),
        ];
        for (model, server, side) in sides {
            match (model, server) {
                (Some(model), Some(server)) => match self.server.find(server) {
                    Some(definition) => self.model(model, &WireTy::Named(definition.key(), Vec::new())),
                    None => {
                        self.unmapped(&operation.id, &format!("[operations] {side} `{server}` is not a server type"))
                    }
                },
                (Some(_), None) => {
                    self.unmapped(&operation.id, &format!("the spec has a {side}; [operations] names none"))
                }
                (None, Some(server)) => self
                    .unmapped(&operation.id, &format!("[operations] names a {side} (`{server}`); the spec has none")),
                (None, None) => {}
            }
        }
    }

    /// Compares a model `[models]` names with its server type.
    pub fn mapped(&mut self, model: &'a Model, server: &str) {
        match self.server.find(server) {
            Some(definition) => self.model(model, &WireTy::Named(definition.key(), Vec::new())),
            None => self.unmapped(&model.name, &format!("[models] `{server}` is not a server type")),
        }
    }

    /// Compares a component schema no operation led to with the type of its name.
    pub fn unreached(&mut self, model: &'a Model) {
        if !(model.direction.request || model.direction.response) || self.compared.contains(&model.name) {
            return;
        }
        match self.server.definition_for(&model.name, &model.schema) {
            Some(definition) => self.model(model, &WireTy::Named(definition.key(), Vec::new())),
            None => self.record(
                model,
                "",
                Kind::NoServerType,
                ways(model.direction),
                "a schema",
                "no type of that name",
                None,
            ),
        }
    }

    /// Records that `subject` (an operation or a model) has no server type to compare with.
    pub fn unmapped(&mut self, subject: &str, why: &str) {
        let difference = Difference {
            model: subject.to_owned(),
            pointer: String::new(),
            member: String::new(),
            kind: Kind::NoServerType,
            way: Way::Request,
            spec: "an operation".into(),
            server: why.to_owned(),
            location: None,
        };
        if !self.comparison.differences.iter().any(|known| known.key() == difference.key()) {
            self.comparison.differences.push(difference);
        }
    }

    /// Counts the component schemas compared.
    pub fn count_schemas<'m>(&mut self, schemas: impl IntoIterator<Item = &'m Model>) {
        self.comparison.schemas = schemas.into_iter().filter(|model| self.compared.contains(&model.name)).count();
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        model: &Model,
        member: &str,
        kind: Kind,
        way: impl IntoIterator<Item = Way>,
        spec: impl Into<String>,
        server: impl Into<String>,
        location: Option<&Location>,
    ) {
        let (spec, server) = (spec.into(), server.into());
        for way in way {
            let difference = Difference {
                model: model.name.clone(),
                pointer: model.pointer.clone(),
                member: member.to_owned(),
                kind,
                way,
                spec: spec.clone(),
                server: server.clone(),
                location: location.cloned(),
            };
            if !self.comparison.differences.iter().any(|known| known.key() == difference.key()) {
                self.comparison.differences.push(difference);
            }
        }
    }

    /// Compares a model with the server type `ty`.
    fn model(&mut self, model: &'a Model, ty: &WireTy) {
        let (resolved, _) = self.server.resolve(ty);
        let key = match &resolved {
            Resolved::Definition(definition, _) => definition.key(),
            other => format!("{other:?}"),
        };
        if !self.seen.insert((model.name.clone(), key)) {
            return;
        }
        self.compared.insert(model.name.clone());
        self.comparison.models += 1;
        let ways = ways(model.direction);
        let is_union =
            matches!(model.kind, ModelKind::ExternallyTagged(_) | ModelKind::Untagged(_) | ModelKind::Tagged { .. });
        match (&model.kind, resolved) {
            (_, Resolved::Unreadable(why)) => {
                self.record(model, "", Kind::Unreadable, ways, describe_model(model), why, None)
            }
            (ModelKind::Alias(inner), resolved) => self.alias(model, inner, resolved, ty),
            // The server writes one of several forms: each must decode; the crate sends one the
            // server reads.
            (_, Resolved::OneOf(alternatives)) if !is_union => self.one_of(model, &alternatives, &ways),
            (_, Resolved::Definition(definition, args)) if !is_union && is_untagged(definition) => {
                let Shape::Enum { variants, .. } = &definition.shape else { return };
                let alternatives: Vec<WireTy> =
                    variants.iter().filter_map(|variant| payload_ty(&variant.payload, definition, &args)).collect();
                self.one_of(model, &alternatives, &ways);
            }
            (ModelKind::Struct(fields), Resolved::Members(members)) => {
                let mut expanded = Expanded { deny_unknown: false, ..Expanded::default() };
                self.server.expand_into(&members, &[], &[], false, &mut expanded, 0);
                self.structure(
                    model,
                    fields,
                    &expanded,
                    &members.first().map(|member| member.location.clone()).unwrap_or_default(),
                );
            }
            (ModelKind::Struct(fields), Resolved::Definition(definition, args)) => match &definition.shape {
                Shape::Struct { .. } => {
                    let expanded = self.server.expand(definition, &args);
                    self.structure(model, fields, &expanded, &definition.location);
                }
                // `{"Stripe": …}`: an externally tagged enum whose variants all carry data reads
                // and writes like an object with one member per variant.
                Shape::Enum { tagging: Tagging::External, variants }
                    if variants
                        .iter()
                        .all(|variant| matches!(variant.payload, Payload::Newtype(_) | Payload::Struct(_))) =>
                {
                    let expanded = variants_as_members(definition, variants, &args);
                    self.structure(model, fields, &expanded, &definition.location);
                }
                _ => self.mismatch(model, "", ways, describe_model(model), definition),
            },
            (ModelKind::Struct(_), Resolved::Map(_) | Resolved::Any) => self.comparison.looser += 1,
            (ModelKind::Enum { values, .. }, Resolved::Definition(definition, _)) => match &definition.shape {
                Shape::Enum { tagging: Tagging::External, variants }
                    if variants.iter().all(|variant| variant.payload == Payload::Unit) =>
                {
                    let listed: Vec<&str> = values.iter().map(|value| value.wire.as_str()).collect();
                    self.values(model, &listed, variants);
                }
                _ => self.mismatch(model, "", ways, "a string enum", definition),
            },
            (ModelKind::Enum { .. }, Resolved::Scalar(Class::String)) => self.comparison.looser += 1,
            (
                ModelKind::ExternallyTagged(variants)
                | ModelKind::Untagged(variants)
                | ModelKind::Tagged { variants, .. },
                Resolved::Definition(definition, args),
            ) => self.union(model, variants, definition, &args),
            (ModelKind::Untagged(variants), resolved) => {
                // A scalar the server writes must fit one of the union's typed variants.
                let class = resolved.class();
                self.comparison.facts += 1;
                let fits = variants.iter().any(|variant| {
                    variant
                        .payload
                        .as_ref()
                        .is_some_and(|ty| *ty != Ty::Json && compatible(ty_class(ty, self.krate), class))
                });
                if !fits {
                    self.record(
                        model,
                        "",
                        Kind::VariantMissingInSpec,
                        ways,
                        "no variant of that type",
                        class.to_string(),
                        None,
                    );
                }
            }
            (kind, resolved) => {
                let class = resolved.class();
                let spec = kind_class(kind, self.krate);
                if !compatible(spec, class) {
                    self.record(model, "", Kind::Type, ways, spec.to_string(), class.to_string(), None);
                }
            }
        }
    }

    /// A model the server writes as any of `alternatives` (and reads as any of them): in a
    /// response each must fit the model, in a request the model must fit one.
    fn one_of(&mut self, model: &'a Model, alternatives: &[WireTy], ways: &[Way]) {
        let spec = kind_class(&model.kind, self.krate);
        for way in ways {
            let fitting: Vec<&WireTy> = alternatives
                .iter()
                .filter(|alternative| compatible(spec, self.server.resolve(alternative).0.class()))
                .collect();
            self.comparison.facts += 1;
            match way {
                Way::Response => {
                    for alternative in alternatives.iter().filter(|alternative| !fitting.contains(alternative)) {
                        let class = self.server.resolve(alternative).0.class();
                        self.record(
                            model,
                            "",
                            Kind::Type,
                            [Way::Response],
                            describe_model(model),
                            format!("also {class} ({alternative})"),
                            None,
                        );
                    }
                }
                Way::Request if fitting.is_empty() => {
                    self.record(
                        model,
                        "",
                        Kind::Type,
                        [Way::Request],
                        describe_model(model),
                        format!("reads {}", WireTy::OneOf(alternatives.to_vec())),
                        None,
                    );
                }
                Way::Request => {}
            }
            for alternative in fitting {
                self.model(model, alternative);
            }
        }
    }

    fn alias(&mut self, model: &'a Model, inner: &'a Ty, resolved: Resolved<'a>, ty: &WireTy) {
        self.comparison.facts += 1;
        let ways = ways(model.direction);
        match (inner, &resolved) {
            (inner, _) if named(inner).is_some() => {
                if let Some(target) = named(inner).and_then(|name| self.krate.model(name)) {
                    self.model(target, ty);
                }
            }
            (Ty::Vec(item), Resolved::Array(server_item)) => {
                let server_item = server_item.clone();
                self.ty(model, "", item, &server_item, ways, None);
            }
            _ => {
                let spec = ty_class(inner, self.krate);
                let class = resolved.class();
                if !compatible(spec, class) {
                    self.record(model, "", Kind::Type, ways, spec.to_string(), class.to_string(), None);
                }
            }
        }
    }

    fn mismatch(
        &mut self,
        model: &Model,
        member: &str,
        ways: Vec<Way>,
        spec: impl Into<String>,
        definition: &Definition,
    ) {
        let server = match &definition.shape {
            Shape::Struct { .. } => "an object".to_owned(),
            Shape::Enum { tagging, variants }
                if variants.iter().all(|variant| variant.payload == Payload::Unit) && *tagging == Tagging::External =>
            {
                "a string enum".to_owned()
            }
            Shape::Enum { tagging, .. } => format!("a union ({tagging:?})"),
            Shape::Alias(ty) => format!("{ty}"),
            Shape::Opaque(why) => why.clone(),
        };
        self.record(
            model,
            member,
            Kind::Type,
            ways,
            spec,
            format!("{server} ({})", definition.ident),
            Some(&definition.location),
        );
    }

    /// A struct's members, each way the model travels.
    /// A server member's wire type; a custom function `server.toml` does not describe is
    /// recorded as unreadable.
    fn member_ty(&mut self, model: &Model, member: &Member, field: &Field, way: Way) -> Option<WireTy> {
        match self.server.member_ty(member) {
            Ok(ty) => Some(ty),
            Err(why) => {
                self.record(
                    model,
                    &member.name,
                    Kind::Unreadable,
                    [way],
                    field.ty.display(),
                    why,
                    Some(&member.location),
                );
                None
            }
        }
    }

    /// The crate's members of an object: its fields, with the fields of flattened objects in
    /// place (each with whether the crate requires it), and its flattened unions apart.
    fn crate_members(
        &self,
        fields: &'a [Field],
        optional: bool,
        depth: usize,
    ) -> (Vec<(&'a Field, bool)>, Vec<&'a Field>) {
        let mut members = Vec::new();
        let mut unions = Vec::new();
        for field in fields.iter().filter(|field| field.role != FieldRole::Others) {
            if field.json().is_some() {
                members.push((field, !optional && field.presence == Presence::Required));
                continue;
            }
            let object = named(&field.ty).filter(|_| depth < 8).and_then(|name| self.krate.object_members(name, 0));
            match object {
                Some((inner_fields, union)) => {
                    let optional = optional || union || field.presence != Presence::Required;
                    let (inner_members, inner_unions) = self.crate_members(inner_fields, optional, depth + 1);
                    members.extend(inner_members);
                    unions.extend(inner_unions);
                }
                None => unions.push(field),
            }
        }
        (members, unions)
    }

    fn structure(&mut self, model: &'a Model, fields: &'a [Field], server: &Expanded, at: &Location) {
        let (members, flattened) = self.crate_members(fields, false, 0);
        let named: Vec<&Field> = members.iter().map(|(field, _)| *field).collect();
        let requires =
            |field: &Field| members.iter().any(|(member, required)| std::ptr::eq(*member, field) && *required);
        let keeps_unknown = fields.iter().any(|field| field.role == FieldRole::Others);
        if model.direction.response {
            for member in server.members.iter().filter(|member| member.written != Written::Never) {
                self.comparison.facts += 1;
                let Some(field) = named.iter().find(|field| json(field) == member.name) else {
                    if keeps_unknown {
                        self.comparison.looser += 1;
                    } else {
                        self.record(
                            model,
                            &member.name,
                            Kind::MemberMissingInSpec,
                            [Way::Response],
                            "absent",
                            format!("written as {}", member.ty),
                            Some(&member.location),
                        );
                    }
                    continue;
                };
                let Some(ty) = self.member_ty(model, member, field, Way::Response) else { continue };
                let (_, nullable) = self.server.resolve(&ty);
                let writes_null = nullable && member.written == Written::Always;
                let crate_requires = requires(field);
                self.comparison.facts += 2;
                if member.written == Written::Sometimes && crate_requires {
                    self.record(
                        model,
                        &member.name,
                        Kind::MayBeAbsent,
                        [Way::Response],
                        "required",
                        "omitted when empty",
                        Some(&member.location),
                    );
                } else if member.written == Written::Always && !crate_requires {
                    self.comparison.looser += 1;
                }
                if writes_null && crate_requires && field.ty != Ty::Json {
                    self.record(
                        model,
                        &member.name,
                        Kind::MayBeNull,
                        [Way::Response],
                        "never null",
                        format!("{}", member.ty),
                        Some(&member.location),
                    );
                }
                self.ty(model, &member.name, &field.ty, &ty, vec![Way::Response], Some(&member.location));
            }
            for field in &named {
                let written =
                    server.members.iter().any(|member| member.written != Written::Never && member.name == json(field));
                if !written {
                    self.comparison.facts += 1;
                    if requires(field) && !server.open {
                        self.record(
                            model,
                            json(field),
                            Kind::MayBeAbsent,
                            [Way::Response],
                            "required",
                            "never written",
                            Some(at),
                        );
                    } else {
                        self.comparison.looser += 1;
                    }
                }
            }
        }
        if model.direction.request {
            for member in server.members.iter().filter(|member| member.read != Read::Ignored) {
                self.comparison.facts += 1;
                let Some(field) = named.iter().find(|field| accepts(member, field)) else {
                    let kind =
                        if member.read == Read::Required { Kind::RequiredOnServer } else { Kind::MemberMissingInSpec };
                    self.record(
                        model,
                        &member.name,
                        kind,
                        [Way::Request],
                        "absent",
                        format!("read as {}", member.ty),
                        Some(&member.location),
                    );
                    continue;
                };
                let Some(ty) = self.member_ty(model, member, field, Way::Request) else { continue };
                let (_, nullable) = self.server.resolve(&ty);
                self.comparison.facts += 2;
                let crate_requires = requires(field);
                match (member.read, crate_requires) {
                    (Read::Required, false) => self.record(
                        model,
                        json(field),
                        Kind::RequiredOnServer,
                        [Way::Request],
                        "optional",
                        "required",
                        Some(&member.location),
                    ),
                    (Read::Optional, true) if !matches!(field.role, FieldRole::Constant(_)) => self.record(
                        model,
                        json(field),
                        Kind::OptionalOnServer,
                        [Way::Request],
                        "required",
                        "optional",
                        Some(&member.location),
                    ),
                    _ => {}
                }
                if field.presence == Presence::Nullable && !nullable {
                    self.record(
                        model,
                        json(field),
                        Kind::NullRefused,
                        [Way::Request],
                        "sends null when unset",
                        format!("{}", member.ty),
                        Some(&member.location),
                    );
                }
                self.ty(model, json(field), &field.ty, &ty, vec![Way::Request], Some(&member.location));
            }
            for field in &named {
                if !server.members.iter().any(|member| member.read != Read::Ignored && accepts(member, field)) {
                    self.comparison.facts += 1;
                    if !server.open {
                        let what = if server.deny_unknown { "refused (deny_unknown_fields)" } else { "ignored" };
                        self.record(
                            model,
                            json(field),
                            Kind::MemberMissingOnServer,
                            [Way::Request],
                            "sent",
                            what,
                            Some(at),
                        );
                    }
                }
            }
        }
        // A union flattened into the object on one side must be flattened on the other.
        for (member, _optional) in &server.unions {
            self.comparison.facts += 1;
            let ty = self.server.member_ty(member).unwrap_or_else(|_| member.ty.clone());
            match flattened.iter().find(|field| self.flattened_match(&field.ty, &ty)) {
                Some(field) => {
                    self.ty(model, &member.name, &field.ty, &ty, ways(model.direction), Some(&member.location))
                }
                None => self.record(
                    model,
                    &member.name,
                    Kind::MemberMissingInSpec,
                    ways(model.direction),
                    "absent",
                    format!("flattened {}", member.ty),
                    Some(&member.location),
                ),
            }
        }
    }

    fn flattened_match(&self, ir: &Ty, server: &WireTy) -> bool {
        let (resolved, _) = self.server.resolve(server);
        compatible(ty_class(ir, self.krate), resolved.class())
    }

    /// An enum's values against a unit-only enum's variants.
    fn values(&mut self, model: &'a Model, listed: &[&str], variants: &[super::wire::Variant]) {
        let reads_any = variants.iter().any(|variant| variant.other);
        if model.direction.response {
            for variant in variants {
                self.comparison.facts += 1;
                if !listed.contains(&variant.name.as_str()) {
                    let member = format!("value:{}", variant.name);
                    self.record(
                        model,
                        &member,
                        Kind::ValueMissingInSpec,
                        [Way::Response],
                        "not listed",
                        "written",
                        Some(&variant.location),
                    );
                }
            }
        }
        if model.direction.request {
            for value in listed {
                self.comparison.facts += 1;
                if !reads_any && !variants.iter().any(|variant| variant.accepted.iter().any(|name| name == value)) {
                    let member = format!("value:{value}");
                    self.record(
                        model,
                        &member,
                        Kind::ValueRefused,
                        [Way::Request],
                        "listed",
                        "not read",
                        variants.first().map(|variant| &variant.location),
                    );
                }
            }
            for variant in variants.iter().filter(|variant| !variant.other) {
                if !model.direction.response && !listed.contains(&variant.accepted[0].as_str()) {
                    self.comparison.facts += 1;
                    let member = format!("value:{}", variant.accepted[0]);
                    self.record(
                        model,
                        &member,
                        Kind::ValueMissingInSpec,
                        [Way::Request],
                        "not listed",
                        "read",
                        Some(&variant.location),
                    );
                }
            }
        }
    }

    /// A union's form and variants.
    fn union(&mut self, model: &'a Model, variants: &'a [Variant], definition: &'a Definition, args: &[WireTy]) {
        let ways = ways(model.direction);
        let Shape::Enum { tagging, variants: server_variants } = &definition.shape else {
            // The server writes one object where the spec has an untagged union (an object or
            // a string, say): the variant of that object carries the comparison.
            self.comparison.facts += 1;
            let object = variants.iter().filter(|_| matches!(model.kind, ModelKind::Untagged(_))).find(|variant| {
                variant.payload.as_ref().and_then(named).is_some_and(|name| {
                    self.krate
                        .model(name)
                        .is_some_and(|target| target.name == definition.ident || target.schema == definition.ident)
                })
            });
            match object.and_then(|variant| variant.payload.as_ref()) {
                Some(ty) => self.ty(
                    model,
                    "",
                    ty,
                    &WireTy::Named(definition.key(), args.to_vec()),
                    ways,
                    Some(&definition.location),
                ),
                None => self.record(
                    model,
                    "",
                    Kind::Tagging,
                    ways,
                    describe_model(model),
                    format!("an object ({})", definition.ident),
                    Some(&definition.location),
                ),
            }
            return;
        };
        self.comparison.facts += 1;
        let spec_form = match &model.kind {
            ModelKind::ExternallyTagged(_) => Tagging::External,
            ModelKind::Tagged { tag, .. } => Tagging::Internal(tag.clone()),
            _ => Tagging::Untagged,
        };
        // `{"type": …, "data": …}` is adjacent tagging to serde and, to the spec, an internally
        // tagged union whose variants each hold one `data` member.
        let content = match (&spec_form, tagging) {
            (Tagging::Internal(spec_tag), Tagging::Adjacent(tag, content)) if spec_tag == tag => Some(content.clone()),
            _ => None,
        };
        let all_unit = server_variants.iter().all(|variant| variant.payload == Payload::Unit);
        if spec_form != *tagging && content.is_none() && !(spec_form == Tagging::External && all_unit) {
            self.record(
                model,
                "",
                Kind::Tagging,
                ways.clone(),
                format!("{spec_form:?}"),
                format!("{tagging:?}"),
                Some(&definition.location),
            );
            return;
        }
        if *tagging == Tagging::Untagged {
            self.untagged(model, variants, definition, args);
            return;
        }
        for server_variant in server_variants {
            self.comparison.facts += 1;
            let found = variants.iter().find(|variant| {
                tag_of(variant) == server_variant.name
                    || server_variant.accepted.iter().any(|name| name == tag_of(variant))
            });
            let member = format!("variant:{}", server_variant.name);
            let Some(variant) = found else {
                let ways: Vec<Way> =
                    ways.iter().copied().filter(|way| *way == Way::Response || !server_variant.other).collect();
                self.record(
                    model,
                    &member,
                    Kind::VariantMissingInSpec,
                    ways,
                    "not listed",
                    describe_payload(&server_variant.payload),
                    Some(&server_variant.location),
                );
                continue;
            };
            let payload = match (&content, payload_ty(&server_variant.payload, definition, args)) {
                (Some(content), Some(ty)) => Payload::Struct(vec![Member {
                    rust: content.clone(),
                    name: content.clone(),
                    accepted: vec![content.clone()],
                    ty,
                    written: Written::Always,
                    read: Read::Required,
                    flatten: false,
                    custom: None,
                    location: server_variant.location.clone(),
                }]),
                _ => server_variant.payload.clone(),
            };
            self.payload(model, &member, variant, &payload, args, definition, &server_variant.location);
        }
        if model.direction.request {
            for variant in variants {
                if !server_variants
                    .iter()
                    .any(|server| server.accepted.iter().any(|name| name == tag_of(variant)) || server.other)
                {
                    self.comparison.facts += 1;
                    let member = format!("variant:{}", tag_of(variant));
                    self.record(
                        model,
                        &member,
                        Kind::VariantRefused,
                        [Way::Request],
                        "listed",
                        "not read",
                        Some(&definition.location),
                    );
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn payload(
        &mut self,
        model: &'a Model,
        member: &str,
        variant: &'a Variant,
        server: &Payload,
        args: &[WireTy],
        definition: &'a Definition,
        at: &Location,
    ) {
        let ways = ways(model.direction);
        match (&variant.payload, server) {
            (None, Payload::Unit) => {}
            (Some(ty), Payload::Newtype(server_ty)) => {
                let server_ty = substitute(server_ty, &definition.generics, args);
                // A variant's value is decoded as its type: `null` fits only a free-form one.
                let (_, nullable) = self.server.resolve(&server_ty);
                if nullable && model.direction.response && *ty != Ty::Json && !variant.nullable {
                    self.record(
                        model,
                        member,
                        Kind::MayBeNull,
                        [Way::Response],
                        "never null",
                        format!("{server_ty}"),
                        Some(at),
                    );
                }
                self.ty(model, member, ty, &server_ty, ways, Some(at));
            }
            (Some(Ty::JsonObject | Ty::Json | Ty::Map(_)), Payload::Struct(_)) => self.comparison.looser += 1,
            (Some(ty), Payload::Struct(_)) => {
                if let Some(server_ty) = payload_ty(server, definition, args) {
                    self.ty(model, member, ty, &server_ty, ways, Some(at));
                }
            }
            (None, payload) => {
                self.record(model, member, Kind::Type, ways, "no data", describe_payload(payload), Some(at))
            }
            (Some(ty), Payload::Unit) => {
                self.record(model, member, Kind::Type, ways, ty.display(), "no data", Some(at))
            }
            (Some(ty), Payload::Tuple(_)) => {
                self.record(model, member, Kind::Type, ways, ty.display(), "a tuple", Some(at))
            }
        }
    }

    /// Untagged unions: every server variant must have a variant of its JSON type in the crate.
    fn untagged(&mut self, model: &'a Model, variants: &'a [Variant], definition: &'a Definition, args: &[WireTy]) {
        let ways = ways(model.direction);
        let Shape::Enum { variants: server_variants, .. } = &definition.shape else { return };
        for server_variant in server_variants {
            self.comparison.facts += 1;
            let member = format!("variant:{}", server_variant.rust);
            // A unit variant is written as `null`, which any free-form variant holds.
            let server_ty = payload_ty(&server_variant.payload, definition, args).unwrap_or(WireTy::Any);
            let (resolved, _) = self.server.resolve(&server_ty);
            let class = resolved.class();
            let typed: Vec<&Variant> = variants
                .iter()
                .filter(|variant| variant.payload.as_ref().is_some_and(|ty| *ty != Ty::Json))
                .filter(|variant| {
                    variant.payload.as_ref().is_some_and(|ty| compatible(ty_class(ty, self.krate), class))
                })
                .collect();
            // Of the variants of the right JSON type, the one named like the server's type.
            let server_name = match &resolved {
                Resolved::Definition(definition, _) => Some(definition.ident.as_str()),
                _ => None,
            };
            let same_name = typed.iter().copied().find(|variant| {
                let name = variant.payload.as_ref().and_then(named).and_then(|name| self.krate.model(name));
                server_name.is_some()
                    && name.is_some_and(|model| {
                        Some(model.name.as_str()) == server_name || Some(model.schema.as_str()) == server_name
                    })
            });
            let typed = same_name.or(typed.first().copied());
            match typed {
                Some(variant) => {
                    if let Some(ty) = &variant.payload {
                        self.ty(model, &member, ty, &server_ty, ways.clone(), Some(&server_variant.location));
                    }
                }
                None => self.record(
                    model,
                    &member,
                    Kind::VariantMissingInSpec,
                    ways.clone(),
                    "no variant of that type",
                    format!("{class}"),
                    Some(&server_variant.location),
                ),
            }
        }
    }

    /// A member's type: the JSON types must agree; models are compared in turn.
    fn ty(
        &mut self,
        model: &'a Model,
        member: &str,
        ir: &'a Ty,
        server: &WireTy,
        ways: Vec<Way>,
        at: Option<&Location>,
    ) {
        let (resolved, _) = self.server.resolve(server);
        if let Resolved::Unreadable(why) = &resolved {
            self.record(model, member, Kind::Unreadable, ways, ir.display(), why.clone(), at);
            return;
        }
        if let Resolved::OneOf(alternatives) = &resolved {
            let spec = ty_class(ir, self.krate);
            for way in ways {
                if way == Way::Request {
                    // The crate sends one form: the server must read it.
                    let read = alternatives
                        .iter()
                        .find(|alternative| compatible(spec, self.server.resolve(alternative).0.class()));
                    match read {
                        Some(alternative) => self.ty(model, member, ir, alternative, vec![way], at),
                        None => {
                            self.record(model, member, Kind::Type, [way], ir.display(), format!("reads {server}"), at)
                        }
                    }
                } else {
                    for alternative in alternatives {
                        self.ty(model, member, ir, alternative, vec![way], at);
                    }
                }
            }
            return;
        }
        // Two models: the model's own comparison judges the forms (an object may stand for a
        // one-variant enum, a union for an object).
        if let (Some(target), Resolved::Definition(..) | Resolved::Members(_)) =
            (named(ir).and_then(|name| self.krate.model(name)), &resolved)
        {
            self.model(target, server);
            return;
        }
        let spec = ty_class(ir, self.krate);
        let class = resolved.class();
        if !compatible(spec, class) {
            let shown = match &resolved {
                Resolved::Definition(definition, _) => format!("{class} ({})", definition.ident),
                _ => class.to_string(),
            };
            self.record(model, member, Kind::Type, ways, format!("{spec} ({})", ir.display()), shown, at);
            return;
        }
        match (ir, &resolved) {
            (Ty::Boxed(inner), _) => self.ty(model, member, inner, server, ways, at),
            (Ty::Named(name), _) => {
                if let Some(target) = self.krate.model(name) {
                    self.model(target, server);
                }
            }
            (Ty::Vec(item), Resolved::Array(server_item)) | (Ty::Map(item), Resolved::Map(server_item)) => {
                let server_item = server_item.clone();
                self.ty(model, member, item, &server_item, ways, at);
            }
            _ => {}
        }
    }
}

/// The JSON name of a field that is one member (the crate's members are those).
fn json(field: &Field) -> &str {
    field.json().unwrap_or_default()
}

/// The name of a variant of a tagged union on the wire (its key, or its tag value).
fn tag_of(variant: &Variant) -> &str {
    variant.wire.as_deref().unwrap_or_default()
}

/// Whether the server reads `field` under one of the names it accepts for `member`.
fn accepts(member: &Member, field: &Field) -> bool {
    member.accepted.iter().any(|name| name == json(field))
}

fn ways(direction: Direction) -> Vec<Way> {
    let mut out = Vec::new();
    if direction.response {
        out.push(Way::Response);
    }
    if direction.request {
        out.push(Way::Request);
    }
    out
}

fn describe_model(model: &Model) -> String {
    match &model.kind {
        ModelKind::Struct(_) => "an object".into(),
        ModelKind::Enum { .. } => "a string enum".into(),
        ModelKind::ExternallyTagged(_) => "an externally tagged union".into(),
        ModelKind::Tagged { tag, .. } => format!("a union tagged by `{tag}`"),
        ModelKind::Untagged(_) => "an untagged union".into(),
        ModelKind::Alias(ty) => ty.display(),
    }
}

fn describe_payload(payload: &Payload) -> String {
    match payload {
        Payload::Unit => "no data".into(),
        Payload::Newtype(ty) => format!("{ty}"),
        Payload::Tuple(types) => format!("a tuple of {}", types.len()),
        Payload::Struct(members) => format!("an object of {} members", members.len()),
    }
}
