//! What every Rust emitter builds with: identifiers, doc attributes, types, the runtime's path,
//! and the `use` lines a file needs ([`Imports`]).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::generate::ir::model::{Presence, Ty};
use crate::generate::lower::naming;

/// The one runtime module generated code names (`#[doc(hidden)]` in the runtime): it lists
/// every runtime item generated code uses, so no other path of the runtime appears here.
pub const RUNTIME: &str = "payintent_runtime::__generated";

/// [`RUNTIME`] as a path.
pub fn runtime() -> TokenStream {
    let segments = RUNTIME.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// The runtime crate's public root, named only where a vendor crate re-exports runtime types
/// to its users (its documentation shows the path).
pub fn runtime_root() -> Ident {
    ident(RUNTIME.split("::").next().unwrap_or(RUNTIME))
}

/// An identifier from a name produced by [`naming`] (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "…"]` attributes, one per line. `text` is markdown the generator wrote, or spec
/// prose passed through [`spec_text`].
pub fn doc(text: &str) -> TokenStream {
    let mut lines: Vec<String> =
        text.trim().lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    quote! { #( #[doc = #lines] )* }
}

/// `text` as doc attributes; when it is blank, no doc line at all and `missing_docs` allowed on
/// the item instead. A sentence made up from a name ("The `x` property.") would satisfy the lint
/// and tell the reader nothing; `xtask/tests/placeholder_docs.rs` keeps such sentences out.
pub fn doc_or_allow(text: &str) -> TokenStream {
    if text.trim().is_empty() {
        quote! { #[allow(missing_docs)] }
    } else {
        doc(text)
    }
}

/// Spec prose made safe for rustdoc: no accidental code blocks or doctests (indentation is
/// dropped, bare fences are marked `text`), and brackets, angle brackets and bare URLs cannot
/// become broken links or HTML.
pub fn spec_text(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for raw in text.trim().lines() {
        let line = raw.trim();
        if line.starts_with("```") {
            out.push(if !in_fence && line == "```" { "```text".into() } else { line.to_owned() });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.to_owned());
        } else {
            out.push(escape_markdown(line));
        }
    }
    if in_fence {
        out.push("```".into());
    }
    out.join("\n")
}

fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest.find(|c: char| c.is_whitespace() || c == ')' || c == '"').unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        if !in_code && matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The tokens of a type.
pub fn ty(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Json => quote!(serde_json::Value),
        Ty::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        Ty::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Ty::Vec(inner) => {
            let inner = self::ty(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = self::ty(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Boxed(inner) => {
            let inner = self::ty(inner);
            quote!(Box<#inner>)
        }
    }
}

/// The field type with its presence (`T` or `Option<T>`).
pub fn field_ty(value: &Ty, presence: Presence) -> TokenStream {
    let inner = ty(value);
    match presence {
        Presence::Required => inner,
        Presence::Nullable | Presence::Optional => quote!(Option<#inner>),
    }
}

/// `with_<field>(value)`: sets an optional field, builder style (`Copy` primitives by value,
/// everything else through `Into`).
pub fn optional_setter(rust_name: &str, wire_name: &str, value: &Ty) -> TokenStream {
    let member = ident(rust_name);
    let setter = quote::format_ident!("with_{}", naming::bare(rust_name));
    let value_ty = ty(value);
    let setter_doc = doc(&format!("Sets `{wire_name}`."));
    let (param, assigned) = if value.is_copy() {
        (quote!(value: #value_ty), quote!(value))
    } else {
        (quote!(value: impl Into<#value_ty>), quote!(value.into()))
    };
    quote! {
        #setter_doc
        #[must_use]
        pub fn #setter(mut self, #param) -> Self {
            self.#member = Some(#assigned);
            self
        }
    }
}

/// `use` lines a generated file needs, collected while emitting.
#[derive(Default)]
pub struct Imports(BTreeMap<String, BTreeSet<String>>);

impl Imports {
    /// Records `path::item`.
    pub fn add(&mut self, path: &str, item: &str) {
        self.0.entry(path.to_owned()).or_default().insert(item.to_owned());
    }

    /// Records every model `ty` mentions, from `path`, except those in `local`.
    pub fn add_models(&mut self, path: &str, ty: &Ty, local: &BTreeSet<String>) {
        let mut names = Vec::new();
        ty.named(&mut names);
        for name in names.into_iter().filter(|name| !local.contains(name)) {
            self.add(path, &name);
        }
    }

    /// The `use` items.
    pub fn tokens(&self) -> TokenStream {
        let uses = self.0.iter().map(|(path, items)| {
            let path: syn::Path = syn::parse_str(path).unwrap_or_else(|_| syn::parse_quote!(crate));
            let items = items.iter().map(|item| ident(item));
            quote! { use #path::{ #(#items),* }; }
        });
        quote! { #(#uses)* }
    }
}
