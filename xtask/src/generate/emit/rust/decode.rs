//! A struct's `Deserialize`, written out rather than derived.
//!
//! It does what serde's derive does for an object, and no more: one `visit_map` reading members
//! by name, missing optional members `None`, unknown members skipped. What the derive adds and
//! no gateway sends (a struct written as a JSON array, member names as integers or bytes) is
//! left out, which halves the code every model costs to compile. A member name is looked up by
//! a plain function, compiled once whatever the document's format.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, runtime};
use crate::generate::ir::model::{AlsoDecodes, Field, Model, Presence};
use crate::generate::lower::naming::bare;

/// Whether a struct gets the written-out `Deserialize`: every member is read by name. A struct
/// that flattens a union or keeps unlisted members derives it (serde gathers the rest for it).
pub fn written_out(fields: &[Field]) -> bool {
    fields.iter().all(|field| field.json().is_some())
}

/// The `Deserialize` impl of a struct whose members all have a wire name.
pub fn struct_deserialize(model: &Model, fields: &[Field]) -> TokenStream {
    let runtime = runtime();
    let name = ident(&model.name);
    let type_name = &model.name;
    let wire: Vec<&str> = fields.iter().filter_map(Field::json).collect();
    let indices = (0..fields.len()).map(|index| u16::try_from(index).expect("a struct has fewer than 65536 members"));
    let lookup = wire.iter().zip(indices.clone()).map(|(wire, index)| quote! { #wire => Some(#index), });
    let slots: Vec<TokenStream> = fields.iter().map(slot).collect();
    let reads = fields.iter().zip(indices).map(|(field, index)| {
        let slot = slot(field);
        let value = read_value(field);
        quote! { Some(#index) => #slot = #value, }
    });
    let builds = fields.iter().map(|field| {
        let member = ident(&field.rust);
        let slot = slot(field);
        match (field.presence, field.json()) {
            (Presence::Required, Some(wire)) => {
                quote! { #member: #slot.ok_or_else(|| serde::de::Error::missing_field(#wire))?, }
            }
            _ => quote! { #member: #slot, },
        }
    });
    quote! {
        const _: () = {
            const MEMBERS: &[&str] = &[#(#wire),*];

            fn member(name: &str) -> Option<u16> {
                match name {
                    #(#lookup)*
                    _ => None,
                }
            }

            struct Visitor;

            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = #name;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(concat!("a `", #type_name, "` object"))
                }

                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<#name, A::Error> {
                    Err(#runtime::members::list_refused(#type_name))
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                    #(let mut #slots = None;)*
                    while let Some(found) = map.next_key_seed(#runtime::members::Member(member))? {
                        match found {
                            #(#reads)*
                            _ => {
                                map.next_value::<serde::de::IgnoredAny>()?;
                            }
                        }
                    }
                    Ok(#name { #(#builds)* })
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_struct(#type_name, MEMBERS, Visitor)
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

/// How one member's value is read into its slot: a required member's slot holds `Some` once
/// read; an optional member's slot is the `Option` the value decodes to (`null` is `None`).
fn read_value(field: &Field) -> TokenStream {
    let runtime = runtime();
    let required = field.presence == Presence::Required;
    match (field.also_decodes, required) {
        (None, true) => quote!(Some(map.next_value()?)),
        (None, false) => quote!(map.next_value()?),
        (Some(AlsoDecodes::SingleItem), true) => {
            quote!(Some(map.next_value::<#runtime::both_shapes::ListOrOne<_>>()?.0))
        }
        (Some(AlsoDecodes::SingleItem), false) => {
            quote!(map.next_value::<Option<#runtime::both_shapes::ListOrOne<_>>>()?.map(|list| list.0))
        }
        (Some(AlsoDecodes::Number), true) => {
            quote!(Some(map.next_value::<#runtime::both_shapes::DecimalOrNumber>()?.0))
        }
        (Some(AlsoDecodes::Number), false) => {
            quote!(map.next_value::<Option<#runtime::both_shapes::DecimalOrNumber>>()?.map(|decimal| decimal.0))
        }
    }
}
