//! The server's side of the comparison: a type as far as the check can see it — aliases,
//! `Option`s and generics followed, the forms `server.toml` gives to types and custom serde
//! functions the reader cannot see into applied, flattened members put in place.

use super::config::{Form, ServerConfig};
use super::wire::{Class, Definition, Definitions, Member, Payload, Read, Shape, Tagging, Variant, WireTy, Written};

/// The server's side: its definitions and what `server.toml` says of the rest.
pub struct Server<'a> {
    /// Every definition read.
    pub definitions: &'a Definitions,
    /// The settings.
    pub config: &'a ServerConfig,
}

/// A server type, resolved as far as the check can see.
#[derive(Debug, Clone)]
pub enum Resolved<'a> {
    Scalar(Class),
    Array(WireTy),
    Map(WireTy),
    Any,
    Definition(&'a Definition, Vec<WireTy>),
    /// Written as any of these (a custom serde function, an untagged enum).
    OneOf(Vec<WireTy>),
    /// An object of these members (a struct variant's payload).
    Members(Vec<Member>),
    Unreadable(String),
}

impl Resolved<'_> {
    /// Its JSON type.
    pub fn class(&self) -> Class {
        match self {
            Resolved::Scalar(class) => *class,
            Resolved::Array(_) => Class::Array,
            Resolved::Map(_) | Resolved::Members(_) => Class::Object,
            Resolved::Any | Resolved::Unreadable(_) => Class::Any,
            Resolved::OneOf(_) => Class::Union,
            Resolved::Definition(definition, _) => match &definition.shape {
                Shape::Struct { .. } => Class::Object,
                Shape::Enum { tagging: Tagging::External, variants }
                    if variants.iter().all(|variant| variant.payload == Payload::Unit) =>
                {
                    Class::String
                }
                Shape::Enum { .. } => Class::Union,
                Shape::Alias(_) | Shape::Opaque(_) => Class::Any,
            },
        }
    }
}

impl<'a> Server<'a> {
    /// The definition a component schema stands for when no operation leads to it: the type
    /// `[models]` names, else the struct whose docs macro generates the schema, else the
    /// documented type of the same name.
    pub fn definition_for(&self, model: &str, schema: &str) -> Option<&'a Definition> {
        if let Some(source) = self.config.models.get(model) {
            return self.find(&source.rust);
        }
        if let Some(definition) =
            self.definitions.by_key.values().find(|definition| definition.doc_schemas.contains_key(schema))
        {
            return Some(definition);
        }
        let candidates = self.definitions.named(schema);
        candidates.iter().find(|definition| definition.documented).or(candidates.first()).copied()
    }

    /// A definition by name, or by `module::Name`.
    pub fn find(&self, name: &str) -> Option<&'a Definition> {
        if let Some(definition) = self.definitions.by_key.get(name) {
            return Some(definition);
        }
        let (module, ident) = name.rsplit_once("::").map_or((None, name), |(module, ident)| (Some(module), ident));
        let candidates = self.definitions.named(ident);
        match module {
            Some(module) => candidates.into_iter().find(|definition| definition.module.ends_with(module)),
            None => candidates.iter().find(|definition| definition.documented).or(candidates.first()).copied(),
        }
    }

    /// Follows aliases, options, `[types]` and `[with]`: the form, and whether `null` is allowed.
    pub fn resolve(&self, ty: &WireTy) -> (Resolved<'a>, bool) {
        let mut nullable = false;
        let mut current = ty.clone();
        for _ in 0..32 {
            match current {
                WireTy::String => return (Resolved::Scalar(Class::String), nullable),
                WireTy::Integer => return (Resolved::Scalar(Class::Integer), nullable),
                WireTy::Number => return (Resolved::Scalar(Class::Number), nullable),
                WireTy::Boolean => return (Resolved::Scalar(Class::Boolean), nullable),
                WireTy::Any => return (Resolved::Any, true),
                WireTy::Array(item) => return (Resolved::Array(*item), nullable),
                WireTy::Map(value) => return (Resolved::Map(*value), nullable),
                WireTy::Option(inner) => {
                    nullable = true;
                    current = *inner;
                }
                WireTy::OneOf(types) => return (Resolved::OneOf(types), nullable),
                WireTy::Members(members) => return (Resolved::Members(members), nullable),
                WireTy::Named(key, args) => {
                    let Some(definition) = self.definitions.by_key.get(&key) else {
                        return (Resolved::Unreadable(format!("`{key}` is not defined")), nullable);
                    };
                    match &definition.shape {
                        Shape::Alias(inner) => current = substitute(inner, &definition.generics, &args),
                        Shape::Opaque(why) => match self.known_type(&definition.ident, &definition.key()) {
                            Some(form) => match self.apply(form, &args) {
                                Some(next) => current = next,
                                None => return (Resolved::Unreadable(format!("`{key}`: bad [types] form")), nullable),
                            },
                            None => {
                                return (
                                    Resolved::Unreadable(format!(
                                        "`{}` ({why}, {}) has no [types] entry",
                                        definition.ident, definition.location
                                    )),
                                    nullable,
                                );
                            }
                        },
                        _ => return (Resolved::Definition(definition, args), nullable),
                    }
                }
                WireTy::Foreign(foreign) => match self.known_type(&foreign.name, &foreign.path) {
                    Some(form) => match self.apply(form, &foreign.args) {
                        Some(next) => current = next,
                        None => {
                            return (Resolved::Unreadable(format!("`{}`: bad [types] form", foreign.path)), nullable);
                        }
                    },
                    None => {
                        return (
                            Resolved::Unreadable(format!(
                                "`{}` is outside the crates read and has no [types] entry",
                                foreign.path
                            )),
                            nullable,
                        );
                    }
                },
            }
        }
        (Resolved::Unreadable("alias chain too long".into()), nullable)
    }

    fn known_type(&self, name: &str, path: &str) -> Option<Form> {
        let types = &self.config.types;
        types
            .iter()
            .filter(|(key, _)| {
                path.ends_with(key.as_str()) && (key.as_str() == name || key.ends_with(&format!("::{name}")))
            })
            .max_by_key(|(key, _)| key.len())
            .or_else(|| types.get_key_value(name))
            .and_then(|(_, form)| form.form().ok())
    }

    /// The type a form stands for; `declared` is the declared type where there is one.
    fn apply(&self, form: Form, args: &[WireTy]) -> Option<WireTy> {
        self.apply_declared(form, args, None)
    }

    fn apply_declared(&self, form: Form, args: &[WireTy], declared: Option<&WireTy>) -> Option<WireTy> {
        match form {
            Form::Fixed(ty) => Some(ty),
            Form::Inner => args.first().cloned(),
            Form::Type(name) => self.find(&name).map(|definition| WireTy::Named(definition.key(), Vec::new())),
            Form::Declared => declared.cloned(),
            Form::OneOf(forms) => forms
                .into_iter()
                .map(|form| self.apply_declared(form, args, declared))
                .collect::<Option<Vec<_>>>()
                .map(WireTy::OneOf),
        }
    }

    /// The member's wire type once its custom serde function (if any) is taken into account;
    /// `Err` when the function has no `[with]` entry.
    pub fn member_ty(&self, member: &Member) -> Result<WireTy, String> {
        let Some(function) = &member.custom else { return Ok(member.ty.clone()) };
        let entry = self
            .config
            .with
            .iter()
            .filter(|(suffix, _)| {
                function == *suffix || function.ends_with(&format!("::{suffix}")) || function.ends_with(suffix.as_str())
            })
            .max_by_key(|(suffix, _)| suffix.len());
        let Some((_, known)) = entry else {
            return Err(format!("custom serde function `{function}` has no [with] entry"));
        };
        let form = known.form().map_err(|error| error.to_string())?;
        self.apply_declared(form, &[], Some(&member.ty)).ok_or_else(|| format!("`{function}`: bad [with] form"))
    }

    /// A struct's members with flattened structs expanded in place; flattened unions and maps
    /// are returned apart.
    pub fn expand(&self, definition: &'a Definition, args: &[WireTy]) -> Expanded {
        let mut out = Expanded::default();
        let Shape::Struct { members, deny_unknown } = &definition.shape else { return out };
        out.deny_unknown = *deny_unknown;
        self.expand_into(members, &definition.generics, args, false, &mut out, 0);
        out
    }

    pub fn expand_into(
        &self,
        members: &[Member],
        generics: &[String],
        args: &[WireTy],
        optional: bool,
        out: &mut Expanded,
        depth: usize,
    ) {
        for member in members {
            let mut member = member.clone();
            member.ty = substitute(&member.ty, generics, args);
            if !member.flatten {
                if optional {
                    member.read = if member.read == Read::Ignored { Read::Ignored } else { Read::Optional };
                    if member.written == Written::Always {
                        member.written = Written::Sometimes;
                    }
                }
                out.members.push(member);
                continue;
            }
            let (resolved, nullable) = self.resolve(&member.ty);
            match resolved {
                Resolved::Definition(inner, inner_args) if depth < 8 => match &inner.shape {
                    Shape::Struct { members, .. } => {
                        self.expand_into(members, &inner.generics, &inner_args, optional || nullable, out, depth + 1)
                    }
                    // A flattened externally tagged enum writes `"variant": payload` into the parent.
                    // (Unit variants cannot sit in an object: they are left out on both sides.)
                    Shape::Enum { tagging: Tagging::External, variants }
                        if variants
                            .iter()
                            .any(|variant| matches!(variant.payload, Payload::Newtype(_) | Payload::Struct(_))) =>
                    {
                        let as_members = variants_as_members(inner, variants, &inner_args).members;
                        self.expand_into(&as_members, &[], &[], optional || nullable, out, depth + 1)
                    }
                    _ => out.unions.push((member, optional || nullable)),
                },
                Resolved::Map(_) | Resolved::Any => out.open = true,
                _ => out.unions.push((member, optional || nullable)),
            }
        }
    }
}

/// Replaces type parameters by their arguments.
pub fn substitute(ty: &WireTy, generics: &[String], args: &[WireTy]) -> WireTy {
    if generics.is_empty() {
        return ty.clone();
    }
    match ty {
        WireTy::Foreign(foreign) if foreign.args.is_empty() => generics
            .iter()
            .position(|name| *name == foreign.name && foreign.path == foreign.name)
            .and_then(|index| args.get(index).cloned())
            .unwrap_or_else(|| ty.clone()),
        WireTy::Array(inner) => WireTy::Array(Box::new(substitute(inner, generics, args))),
        WireTy::Map(inner) => WireTy::Map(Box::new(substitute(inner, generics, args))),
        WireTy::Option(inner) => WireTy::Option(Box::new(substitute(inner, generics, args))),
        WireTy::Named(key, inner) => {
            WireTy::Named(key.clone(), inner.iter().map(|ty| substitute(ty, generics, args)).collect())
        }
        other => other.clone(),
    }
}

/// A struct's members after flattening.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Its members, flattened structs' members in place.
    pub members: Vec<Member>,
    /// Flattened members that are not structs (unions), and whether they may be absent.
    pub unions: Vec<(Member, bool)>,
    /// A flattened map keeps every member it does not name.
    pub open: bool,
    /// A member it does not know fails a request.
    pub deny_unknown: bool,
}

/// A variant's payload as a type: its value, or an object of its members.
pub fn payload_ty(payload: &Payload, definition: &Definition, args: &[WireTy]) -> Option<WireTy> {
    match payload {
        Payload::Newtype(ty) => Some(substitute(ty, &definition.generics, args)),
        Payload::Struct(members) => Some(WireTy::Members(
            members
                .iter()
                .map(|member| Member { ty: substitute(&member.ty, &definition.generics, args), ..member.clone() })
                .collect(),
        )),
        Payload::Unit | Payload::Tuple(_) => None,
    }
}

/// Whether a definition is an untagged enum (written as whichever variant it holds).
pub fn is_untagged(definition: &Definition) -> bool {
    matches!(&definition.shape, Shape::Enum { tagging: Tagging::Untagged, .. })
}

/// An externally tagged enum's variants as the members of an object: one member per variant,
/// always there when the enum has a single variant.
pub fn variants_as_members(definition: &Definition, variants: &[Variant], args: &[WireTy]) -> Expanded {
    let single = variants.len() == 1;
    let members = variants
        .iter()
        .filter_map(|variant| {
            let ty = payload_ty(&variant.payload, definition, args)?;
            Some(Member {
                rust: variant.rust.clone(),
                name: variant.name.clone(),
                accepted: variant.accepted.clone(),
                ty,
                written: if single { Written::Always } else { Written::Sometimes },
                read: if single { Read::Required } else { Read::Optional },
                flatten: false,
                custom: None,
                location: variant.location.clone(),
            })
        })
        .collect();
    Expanded { members, unions: Vec::new(), open: false, deny_unknown: true }
}
