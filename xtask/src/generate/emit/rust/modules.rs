//! The `mod.rs` files that tie the generated modules together: `generated/mod.rs` (and what the
//! crate root re-exports), `models/mod.rs`, `apis/mod.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident, runtime, runtime_root};
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::ModelFile;
use crate::generate::ir::operation::ApiClass;
use crate::generate::lower::naming;

/// The runtime items every vendor crate re-exports to its users: what its errors carry, the
/// retry policy its builder and calls take, what a call yields (`Response`) and the kinds its
/// type names, the `Method` of a hand-written request, the `reqwest` its `http_client` takes,
/// and validation. They are named by the runtime's public paths, which the crate's
/// documentation shows.
const RUNTIME_SURFACE: &[&str] = &[
    "ApiError",
    "BodyError",
    "ConfigError",
    "Constraint",
    "Custom",
    "DecodeError",
    "InvalidReason",
    "InvalidRequest",
    "Method",
    "MissingCredential",
    "Outcome",
    "PathParamError",
    "RedirectFollowed",
    "Response",
    "ResponseTooLarge",
    "RetryPolicy",
    "TransportError",
    "UnknownValue",
    "Unkeyed",
    "Validate",
    "ValidationErrors",
    "Violation",
    "decode_body",
    "reqwest",
];

/// `generated/mod.rs`: the generated modules, and everything public the crate root re-exports
/// (`pub use generated::*`).
pub fn generated_mod(ir: &VendorIr) -> TokenStream {
    let (vendor, error_model) = (&ir.vendor, ir.error_model.as_ref().map(|access| access.model.as_str()));
    let (runtime, root) = (runtime(), runtime_root());
    let error_type = match error_model {
        Some(name) => {
            let name = ident(name);
            quote!(models::#name)
        }
        None => quote!(#runtime::NoErrorModel),
    };
    let server = (!ir.servers.is_empty()).then(|| quote!(, Server));
    let mut surface: Vec<&str> = RUNTIME_SURFACE.to_vec();
    if ir.idempotency_header.is_some() {
        // Only a vendor that reads idempotency keys has calls that take one.
        surface.push("Keyed");
        surface.sort_unstable();
    }
    let xml = ir.xml.then(|| {
        surface.push("Format");
        let xml_doc = doc(&format!(
            "Encode or decode {} models as XML yourself (stored or forwarded bodies), exactly as the\nclient does on \
             the wire.",
            ir.title
        ));
        quote! {
            #xml_doc
            pub use #root::xml;
        }
    });
    let surface = surface.into_iter().map(ident);
    let module_doc = format!(
        " Generated from `openapi/{vendor}`; regenerate with `cargo xtask gen`. The crate root re-exports everything \
         public here."
    );
    let error_doc = doc(&match error_model {
        Some(name) => format!(
            "The error of every {} call. `Error::Api` carries the raw body, and the typed body ([`models::{name}`]) \
             whenever the body decodes as it, whatever the status.",
            ir.title
        ),
        None => format!(
            "The error of every {} call. The spec declares no error body, so `Error::Api` carries the raw body.",
            ir.title
        ),
    });
    quote! {
        #![doc = #module_doc]

        pub mod apis;
        pub(crate) mod client;
        pub mod models;

        pub use client::{Call, Client, ClientBuilder, Credential, Scheme #server};
        pub use #root::{ #(#surface),* };
        #xml

        #error_doc
        pub type Error = #runtime::Error<#error_type>;
    }
}

/// `generated/models/mod.rs`.
pub fn models_mod(files: &[ModelFile]) -> TokenStream {
    let items = files.iter().map(|file| {
        let module = ident(&naming::escape_keyword(naming::file_stem(&naming::type_name(&file.schema))));
        let names = file.models.iter().map(|model| ident(&model.name));
        quote! {
            mod #module;
            pub use #module::{ #(#names),* };
        }
    });
    quote! {
        //! The models: one per schema of the spec, with the inline types a schema needs beside it.
        #(#items)*
    }
}

/// `generated/apis/mod.rs`.
pub fn apis_mod(classes: &[ApiClass]) -> TokenStream {
    let items = classes.iter().map(|class| {
        let module = ident(&naming::escape_keyword(naming::file_stem(&class.name)));
        let mut names = vec![ident(&class.name)];
        names.extend(class.operations.iter().filter_map(|op| op.params_struct()).map(ident));
        names.extend(class.models.iter().map(|model| ident(&model.name)));
        quote! {
            mod #module;
            pub use #module::{ #(#names),* };
        }
    });
    quote! {
        //! The API classes: one per tag of the spec, one method per operation.
        #(#items)*
    }
}
