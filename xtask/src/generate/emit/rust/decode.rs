//! A struct's `Deserialize`, written out rather than derived.
//!
//! It does what serde's derive does for an object, and no more: one `visit_map` reading members
//! by name, missing optional members `None`, unknown members skipped, a member written twice
//! refused. What the derive adds and no gateway sends (a struct written as a JSON array, member
//! names as integers or bytes) is left out, which halves the code every model costs to compile.
//! A member name is looked up by a plain function, compiled once whatever the document's
//! format.
//!
//! The slots keep the derive's shape, `Option` of the field (so `Option<Option<T>>` for an
//! optional one), checked before each write: measured, that shape lets the optimiser keep them
//! in place across the loop, where bare `Option<T>` slots made a large model decode 2× slower.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, runtime, ty};
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::{AlsoDecodes, Field, FieldRole, Model, ModelKind, Presence, Ty, Variant};
use crate::generate::lower::naming::bare;

/// What a generated model is on the wire, as far as choosing its decoder needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireKind {
    /// Always an object: a struct or a discriminated union.
    Object,
    /// An externally tagged union: a variant name, or an object keyed by one.
    ExternalUnion,
    /// Anything else (a string enum, an untagged union).
    Other,
}

/// The wire kind of every model of a vendor, aliases resolved.
pub fn wire_kinds(ir: &VendorIr) -> BTreeMap<String, WireKind> {
    let models: BTreeMap<&str, &Model> = ir
        .files
        .iter()
        .flat_map(|file| &file.models)
        .chain(ir.classes.iter().flat_map(|class| &class.models))
        .map(|model| (model.name.as_str(), model))
        .collect();
    let kind_of = |name: &str| {
        let mut model = models.get(name)?;
        // An alias chain ends in a model or a plain type; a cycle is cut off.
        for _ in 0..models.len() {
            match &model.kind {
                ModelKind::Struct(_) | ModelKind::Tagged { .. } => return Some(WireKind::Object),
                ModelKind::ExternallyTagged(_) => return Some(WireKind::ExternalUnion),
                ModelKind::Alias(Ty::Named(target)) => model = models.get(target.as_str())?,
                _ => return Some(WireKind::Other),
            }
        }
        None
    };
    models.keys().filter_map(|name| Some(((*name).to_owned(), kind_of(name)?))).collect()
}

/// The feature a model's decoder is compiled under, or `None` when it is always compiled. Only
/// requests are sent, never received, so a model only requests use decodes with the crate's
/// `deserialize-requests` feature (for a caller who stores requests as JSON); every model a
/// response can carry decodes always.
pub fn gate(model: &Model) -> Option<TokenStream> {
    (model.direction.request && !model.direction.response).then(|| quote! { #[cfg(feature = "deserialize-requests")] })
}

/// A derived `Deserialize` under the gate of [`gate`].
pub fn gated_derive() -> TokenStream {
    quote! { #[cfg_attr(feature = "deserialize-requests", derive(serde::Deserialize))] }
}

/// What a written-out struct decoder does with members its model does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rest {
    /// Skips them.
    Skipped,
    /// Offers them to the externally tagged union flattened into this field.
    FlattenedUnion(usize),
    /// Keeps them in this field (a map of the members the model does not list).
    Kept(usize),
}

/// How a struct's `Deserialize` is written out, or `None` when serde's derive must gather the
/// rest of the object itself (a flattened member of another kind).
pub fn written_out(fields: &[Field], kinds: &BTreeMap<String, WireKind>) -> Option<Rest> {
    let mut rest = Rest::Skipped;
    for (index, field) in fields.iter().enumerate() {
        let next = match (&field.role, &field.ty) {
            (FieldRole::Flattened, Ty::Named(name)) if kinds.get(name) == Some(&WireKind::ExternalUnion) => {
                Rest::FlattenedUnion(index)
            }
            (FieldRole::Others, Ty::Map(value)) if **value == Ty::Json => Rest::Kept(index),
            (FieldRole::Flattened | FieldRole::Others, _) => return None,
            _ => continue,
        };
        if rest != Rest::Skipped {
            return None;
        }
        rest = next;
    }
    Some(rest)
}

/// The `Deserialize` impl of a struct, reading its members by name and the rest as `rest` says.
///
/// A JSON-only vendor asks for a map: serde_json's map reader is a fraction of its struct reader
/// (which also takes an array), and it is compiled once per model. A vendor that speaks XML asks
/// for a struct, which quick-xml reads by the member names it is given.
pub fn struct_deserialize(model: &Model, fields: &[Field], rest: Rest, xml: bool) -> TokenStream {
    let runtime = runtime();
    let name = ident(&model.name);
    let type_name = &model.name;
    let members: Vec<(u16, &Field, &str)> = fields
        .iter()
        .filter_map(|field| field.json().map(|wire| (field, wire)))
        .enumerate()
        .map(|(index, (field, wire))| {
            (u16::try_from(index).expect("a struct has fewer than 65536 members"), field, wire)
        })
        .collect();
    let wire = members.iter().map(|(_, _, wire)| wire);
    let lookup = members.iter().map(|(index, _, wire)| quote! { #wire => Some(#index), });
    let member_fn = if members.is_empty() {
        quote! { fn member(_: &str) -> Option<u16> { None } }
    } else {
        quote! { fn member(name: &str) -> Option<u16> { match name { #(#lookup)* _ => None } } }
    };
    let slots = members.iter().map(|(_, field, _)| {
        let slot = slot(field);
        let read_as = read_as(field);
        quote! { let mut #slot: Option<#read_as> = None; }
    });
    let reads: Vec<TokenStream> = members
        .iter()
        .map(|(index, field, wire)| {
            let slot = slot(field);
            let pattern = match rest {
                Rest::Skipped => quote!(Some(#index)),
                _ => quote!(#runtime::members::Found::Member(#index)),
            };
            quote! { #pattern => #runtime::members::read(&mut map, &mut #slot, #wire)?, }
        })
        .collect();
    let read_loop = match rest {
        Rest::Skipped => quote! {
            while let Some(found) = map.next_key_seed(#runtime::members::Member(member))? {
                match found {
                    #(#reads)*
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
        },
        // The rest is offered to the flattened union first (its variant names), then kept.
        Rest::FlattenedUnion(_) | Rest::Kept(_) => {
            let (start, union_arm) = match rest {
                Rest::FlattenedUnion(index) => {
                    let union = ty(&fields[index].ty);
                    let start = quote! {
                        let mut read_union = None;
                        let mut others = serde_json::Map::new();
                    };
                    let arm = quote! {
                        #runtime::members::Found::Other(name)
                            if read_union.is_none()
                                && <#union as #runtime::tagged::ExternallyTagged>::NAMES.contains(&name.as_str()) =>
                        {
                            read_union = Some(#runtime::tagged::flattened_variant::<_, #union>(&name, &mut map)?);
                        }
                    };
                    (start, Some(arm))
                }
                _ => (quote! { let mut others = std::collections::BTreeMap::new(); }, None),
            };
            quote! {
                #start
                while let Some(found) = map.next_key_seed(#runtime::members::MemberOrName(member))? {
                    match found {
                        #(#reads)*
                        #union_arm
                        #runtime::members::Found::Other(name) => {
                            others.insert(name, map.next_value()?);
                        }
                        #runtime::members::Found::Member(_) => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
            }
        }
    };
    let builds = fields.iter().map(|field| {
        let member = ident(&field.rust);
        let slot = slot(field);
        // A member read in two shapes is read as the runtime's reader, which holds the value.
        let two_shapes = field.also_decodes.is_some();
        match (field.presence, field.json(), &field.role) {
            (Presence::Required, Some(wire), _) if two_shapes => {
                quote! { #member: #runtime::members::required(#slot, #wire)?.0, }
            }
            (Presence::Required, Some(wire), _) => quote! { #member: #runtime::members::required(#slot, #wire)?, },
            (_, Some(_), _) if two_shapes => quote! { #member: #slot.flatten().map(|read| read.0), },
            (_, Some(_), _) => quote! { #member: #slot.flatten(), },
            (_, None, FieldRole::Others) => quote! { #member: others, },
            // A flattened union takes what no member took: nothing left is `None` when it is
            // optional, and an `Unknown` of nothing when it is required.
            (Presence::Required, None, _) => {
                let union = ty(&field.ty);
                quote! {
                    #member: read_union.unwrap_or_else(|| {
                        <#union as #runtime::tagged::ExternallyTagged>::unknown(serde_json::Value::Object(others))
                    }),
                }
            }
            (_, None, _) => {
                let union = ty(&field.ty);
                quote! {
                    #member: read_union.or_else(|| {
                        (!others.is_empty()).then(|| {
                            <#union as #runtime::tagged::ExternallyTagged>::unknown(serde_json::Value::Object(others))
                        })
                    }),
                }
            }
        }
    });
    let (members_const, ask, refuse_list) = if xml {
        (
            quote! { const MEMBERS: &[&str] = &[#(#wire),*]; },
            quote! { deserializer.deserialize_struct(#type_name, MEMBERS, Visitor) },
            quote! {
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<#name, A::Error> {
                    Err(#runtime::members::list_refused(#type_name))
                }
            },
        )
    } else {
        (quote!(), quote! { deserializer.deserialize_map(Visitor) }, quote!())
    };
    quote! {
        const _: () = {
            #members_const

            #member_fn

            struct Visitor;

            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = #name;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(concat!("a `", #type_name, "` object"))
                }

                #refuse_list

                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                    #(#slots)*
                    #read_loop
                    Ok(#name { #(#builds)* })
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #ask
                }
            }
        };
    }
}

/// The local holding a member's value while the object is read (prefixed, so no member name
/// can shadow the visitor's own locals).
fn slot(field: &Field) -> TokenStream {
    let name = quote::format_ident!("read_{}", bare(&field.rust));
    quote!(#name)
}

/// The type a member's value is read as (its slot holds `Some` of it once read, so a member
/// written twice is caught): the field's own type, `Option` for an optional member (`null`
/// being `None`), through the runtime's two-shape readers for a member that takes two shapes.
fn read_as(field: &Field) -> TokenStream {
    let runtime = runtime();
    let value = match (field.also_decodes, &field.ty) {
        (Some(AlsoDecodes::SingleItem), Ty::Vec(item)) => {
            let item = ty(item);
            quote!(#runtime::both_shapes::ListOrOne<#item>)
        }
        (Some(AlsoDecodes::Number), _) => quote!(#runtime::both_shapes::DecimalOrNumber),
        _ => ty(&field.ty),
    };
    if field.presence == Presence::Required { value } else { quote!(Option<#value>) }
}

/// The variant of an untagged union that each JSON type selects, when each type selects at
/// most one and `Other` takes the rest ([`untagged_deserialize`] then reads it by kind).
pub struct ByKind<'a> {
    object: Option<(&'a Variant, &'a Ty)>,
    string: Option<&'a Variant>,
    boolean: Option<&'a Variant>,
    integer: Option<&'a Variant>,
    other: &'a Variant,
}

/// An untagged union read by JSON type, or `None` when two variants share a type (serde's
/// untagged decoding then tries each in turn).
pub fn by_kind<'a>(variants: &'a [Variant], kinds: &BTreeMap<String, WireKind>) -> Option<ByKind<'a>> {
    let (mut object, mut string, mut boolean, mut integer, mut other) = (None, None, None, None, None);
    for variant in variants {
        let payload = variant.payload.as_ref()?;
        let slot = match payload {
            Ty::Named(name) if kinds.get(name) == Some(&WireKind::Object) => {
                if object.replace((variant, payload)).is_some() {
                    return None;
                }
                continue;
            }
            Ty::String => &mut string,
            Ty::Bool => &mut boolean,
            Ty::I64 => &mut integer,
            Ty::Json => &mut other,
            _ => return None,
        };
        if slot.replace(variant).is_some() {
            return None;
        }
    }
    Some(ByKind { object, string, boolean, integer, other: other? })
}

/// `ByKind` and `Deserialize` for an untagged union read by JSON type.
pub fn untagged_deserialize(model: &Model, union: &ByKind, gate: Option<&TokenStream>) -> TokenStream {
    let runtime = runtime();
    let name = ident(&model.name);
    let object = union.object.map(|(variant, payload)| {
        let variant = ident(&variant.name);
        let payload = ty(payload);
        quote! {
            fn object<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                <#payload as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Self::#variant)
            }
        }
    });
    let scalar = |variant: Option<&Variant>, method: &str, value: TokenStream| {
        variant.map(|variant| {
            let variant = ident(&variant.name);
            let method = ident(method);
            quote! { fn #method(value: #value) -> Self { Self::#variant(value) } }
        })
    };
    let string = scalar(union.string, "string", quote!(String));
    let boolean = scalar(union.boolean, "boolean", quote!(bool));
    let integer = scalar(union.integer, "integer", quote!(i64));
    let other = ident(&union.other.name);
    quote! {
        #gate
        impl #runtime::untagged::ByKind for #name {
            #object
            #string
            #boolean
            #integer
            fn other(value: serde_json::Value) -> Self { Self::#other(value) }
        }

        #gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #runtime::untagged::deserialize_by_kind(deserializer)
            }
        }
    }
}

/// `Deserialize` for an untagged union whose variants share a JSON type: the value is read
/// whole and each variant tried on its text in order (`Other`, holding any value, last).
pub fn untagged_in_order(model: &Model, variants: &[Variant], gate: Option<&TokenStream>) -> TokenStream {
    let runtime = runtime();
    let name = ident(&model.name);
    let type_name = &model.name;
    let mut attempts = Vec::new();
    let mut fallback = quote! { Err(#runtime::untagged::no_variant(#type_name)) };
    for variant in variants {
        let variant_name = ident(&variant.name);
        match &variant.payload {
            Some(Ty::Json) => {
                fallback = quote! { Ok(Self::#variant_name(value)) };
                break;
            }
            Some(payload) => {
                let payload = ty(payload);
                attempts.push(quote! {
                    if let Some(read) = #runtime::untagged::attempt::<#payload>(&text) {
                        return Ok(Self::#variant_name(read));
                    }
                });
            }
            None => {}
        }
    }
    quote! {
        #gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let text = #runtime::untagged::text(&value)?;
                #(#attempts)*
                #fallback
            }
        }
    }
}
