//! A struct's `Serialize`, written out rather than derived, for the structs whose decoder is
//! written out too (every member has a wire name): one call per member, an optional member
//! left out when it is `None`, a nullable one written as `null`. The same bytes serde's derive
//! writes, from a third of the code.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::generate::ir::model::{Field, Model, Presence};

/// The `Serialize` impl of a struct whose members all have a wire name.
pub fn struct_serialize(model: &Model, fields: &[Field]) -> TokenStream {
    let name = ident(&model.name);
    let type_name = &model.name;
    let count = fields.len();
    let writes = fields.iter().filter_map(|field| {
        let wire = field.json()?;
        let member = ident(&field.rust);
        Some(match field.presence {
            Presence::Optional => quote! {
                if let Some(value) = &self.#member {
                    object.serialize_field(#wire, value)?;
                }
            },
            Presence::Required | Presence::Nullable => quote! { object.serialize_field(#wire, &self.#member)?; },
        })
    });
    let object = if count == 0 { quote!(object) } else { quote!(mut object) };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let #object = serializer.serialize_struct(#type_name, #count)?;
                #(#writes)*
                object.end()
            }
        }
    }
}
