//! `generated/models/`: one file per schema, holding the schema's type and the inline types it
//! needs (an API class file holds the inline types of its parameters the same way).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{Imports, RUNTIME, doc, doc_or_allow, field_ty, ident, optional_setter, runtime, spec_text, ty};
use super::{decode, encode};
use crate::generate::ir::client::{ErrorAccess, ErrorSource};
use crate::generate::ir::model::{
    AlsoDecodes, EnumValue, Field, FieldRole, Init, Model, ModelKind, Presence, Rules, Ty, Variant,
};
use crate::generate::lower::naming::bare;

/// What models need to know about the rest of the crate.
pub struct ModelContext<'a> {
    /// The vendor's error model.
    pub error_model: Option<&'a ErrorAccess>,
    /// The module sibling models are imported from.
    pub models_path: &'a str,
    /// What every model of the vendor is on the wire (for choosing decoders).
    pub kinds: &'a std::collections::BTreeMap<String, decode::WireKind>,
    /// Whether the vendor speaks XML.
    pub xml: bool,
}

/// The items of one model file (or of the inline models of an API class file).
pub fn models(models: &[Model], context: &ModelContext, imports: &mut Imports) -> TokenStream {
    let local: BTreeSet<String> = models.iter().map(|model| model.name.clone()).collect();
    let items = models.iter().map(|model| {
        let mut emitter = Emitter { imports: &mut *imports, local: &local, context };
        emitter.model(model)
    });
    quote! { #(#items)* }
}

struct Emitter<'a, 'b> {
    imports: &'a mut Imports,
    local: &'a BTreeSet<String>,
    context: &'a ModelContext<'b>,
}

impl Emitter<'_, '_> {
    fn uses(&mut self, value: &Ty) {
        self.imports.add_models(self.context.models_path, value, self.local);
    }

    fn runtime(&mut self, item: &str) {
        self.imports.add(RUNTIME, item);
    }

    fn model(&mut self, model: &Model) -> TokenStream {
        let docs = model_doc(model);
        match &model.kind {
            ModelKind::Struct(fields) => self.structure(model, fields, docs),
            ModelKind::Enum { values, constant } => self.string_enum(model, values, *constant, docs),
            ModelKind::ExternallyTagged(variants) => self.externally_tagged(model, variants, docs),
            ModelKind::Tagged { tag, variants } => self.tagged(model, tag, variants, docs),
            ModelKind::Untagged(variants) => self.untagged(model, variants, docs),
            ModelKind::Alias(target) => {
                self.uses(target);
                let name = ident(&model.name);
                let target = ty(target);
                quote! { #docs pub type #name = #target; }
            }
        }
    }

    fn structure(&mut self, model: &Model, fields: &[Field], docs: TokenStream) -> TokenStream {
        let name = ident(&model.name);
        let redacted = fields.iter().any(|field| field.sensitive);
        let debug = if redacted { quote!() } else { quote!(Debug,) };
        let default = if constructor_args(fields).is_empty() { quote!(Default,) } else { quote!() };
        let written_out = decode::written_out(fields, self.context.kinds);
        let gate = decode::gate(model);
        if written_out.is_none() && gate.is_none() {
            self.imports.add("serde", "Deserialize");
        }
        // Both directions are written out when every member has a wire name; serde's derive
        // gathers the rest of the object for the others.
        let written_out_encoder = written_out == Some(decode::Rest::Skipped);
        if !written_out_encoder {
            self.imports.add("serde", "Serialize");
        }
        let members = fields.iter().map(|field| {
            self.uses(&field.ty);
            let field_name = ident(&field.rust);
            let mut text = field.doc.as_deref().map(spec_text).unwrap_or_default();
            if let Some(reason) = &field.deviation {
                text.push_str(&format!("\n\nDiffers from the published spec: {}", spec_text(reason)));
            }
            if let Some(also) = field.also_decodes {
                text.push_str(&format!("\n\n{}", also.doc()));
            }
            let field_docs = doc_or_allow(&text);
            let field_type = field_ty(&field.ty, field.presence);
            let serde = (!written_out_encoder).then(|| serde_field_attributes(field, written_out.is_none()));
            quote! { #field_docs #serde pub #field_name: #field_type, }
        });
        let derive_serialize = (!written_out_encoder).then(|| quote!(Serialize,));
        let (derive_deserialize, gated_derive) = match (written_out, &gate) {
            (Some(_), _) => (None, None),
            (None, None) => (Some(quote!(Deserialize)), None),
            (None, Some(_)) => (None, Some(decode::gated_derive())),
        };
        let mut out = quote! {
            #docs
            #[derive(Clone, #debug #default PartialEq, #derive_serialize #derive_deserialize)]
            #gated_derive
            #[non_exhaustive]
            pub struct #name { #(#members)* }
        };
        if written_out_encoder {
            out.extend(encode::struct_serialize(model, fields));
        }
        if let Some(rest) = written_out {
            out.extend(quote! { #gate });
            out.extend(decode::struct_deserialize(model, fields, rest, self.context.xml));
        }
        out.extend(self.constructor(model, fields));
        if redacted {
            out.extend(self.redacted_debug(model, fields));
        }
        if model.direction.request {
            out.extend(self.struct_validate(model, fields));
        }
        if let Some(access) = self.context.error_model
            && access.model == model.name
        {
            let code = error_accessor(&access.code);
            let message = error_accessor(&access.message);
            let runtime = runtime();
            out.extend(quote! {
                impl #runtime::ErrorModel for #name {
                    fn code(&self) -> Option<&str> { #code }
                    fn message(&self) -> Option<&str> { #message }
                }
            });
        }
        out
    }

    fn constructor(&mut self, model: &Model, fields: &[Field]) -> TokenStream {
        let name = ident(&model.name);
        let required = constructor_args(fields);
        let params = required.iter().map(|field| {
            let param = ident(&field.rust);
            let value = ty(&field.ty);
            if field.ty.is_copy() { quote!(#param: #value) } else { quote!(#param: impl Into<#value>) }
        });
        let inits = fields.iter().map(|field| {
            let member = ident(&field.rust);
            match field.init {
                Init::Default => quote!(#member: Default::default()),
                Init::Unset => quote!(#member: None),
                Init::Argument if field.ty.is_copy() => quote!(#member),
                Init::Argument => quote!(#member: #member.into()),
            }
        });
        let body = if required.is_empty() { quote!(Self::default()) } else { quote!(Self { #(#inits),* }) };
        let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let new_doc =
            doc(&format!("Creates a `{}` from its required properties; optional ones start as `None`.", model.name));
        let setters = model.direction.request.then(|| {
            let setters = fields
                .iter()
                .filter(|field| field.init == Init::Unset)
                .map(|field| optional_setter(&field.rust, member_json(field), &field.ty));
            quote! { #(#setters)* }
        });
        quote! {
            impl #name {
                #new_doc
                #too_many
                pub fn new(#(#params),*) -> Self {
                    #body
                }
                #setters
            }
        }
    }

    fn redacted_debug(&mut self, model: &Model, fields: &[Field]) -> TokenStream {
        self.runtime("Redacted");
        let name = ident(&model.name);
        let label = &model.name;
        let entries = fields.iter().map(|field| {
            let member = ident(&field.rust);
            let label = bare(&field.rust);
            if field.sensitive { quote!(.field(#label, &Redacted)) } else { quote!(.field(#label, &self.#member)) }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        }
    }

    fn struct_validate(&mut self, model: &Model, fields: &[Field]) -> TokenStream {
        let checks: Vec<TokenStream> = fields
            .iter()
            .filter(|field| field.role != FieldRole::Others)
            .filter_map(|field| self.field_check(field))
            .collect();
        self.validate_impl(&model.name, checks)
    }

    /// `impl Validate`: its checks are compiled only with the crate's `validate` feature;
    /// without it (or without checks) the trait's default checks nothing.
    fn validate_impl(&mut self, name: &str, checks: Vec<TokenStream>) -> TokenStream {
        self.runtime("Validate");
        let name = ident(name);
        if checks.is_empty() {
            return quote! { impl Validate for #name {} };
        }
        let runtime = runtime();
        quote! {
            impl Validate for #name {
                #[cfg(feature = "validate")]
                fn check(&self, validator: &mut #runtime::Validator) { #(#checks)* }
            }
        }
    }

    fn field_check(&mut self, field: &Field) -> Option<TokenStream> {
        let member = ident(&field.rust);
        let path = member_json(field);
        let rules = &field.rules;
        let mut checks = Vec::new();
        match &field.ty {
            Ty::String if rules.has_string_rules() => {
                let rules = string_rules(rules);
                checks.push(quote!(validator.string(#path, &self.#member, &#rules);));
            }
            Ty::I64 if rules.has_integer_rules() => {
                let rules = integer_rules(rules);
                checks.push(quote!(validator.integer(#path, &self.#member, &#rules);));
            }
            Ty::I32 if rules.has_integer_rules() => {
                let rules = integer_rules(rules);
                let value = if field.presence == Presence::Required {
                    quote!(Some(self.#member))
                } else {
                    quote!(self.#member)
                };
                checks.push(quote!(validator.integer32(#path, #value, &#rules);));
            }
            Ty::Vec(_) if rules.has_item_rules() => {
                let rules = item_rules(rules);
                checks.push(quote!(validator.items(#path, &self.#member, &#rules);));
            }
            _ => {}
        }
        let mut named = Vec::new();
        field.ty.named(&mut named);
        if !named.is_empty() {
            checks.push(quote!(validator.field(#path, &self.#member);));
        }
        (!checks.is_empty()).then(|| quote!(#(#checks)*))
    }

    fn string_enum(&mut self, model: &Model, values: &[EnumValue], constant: bool, docs: TokenStream) -> TokenStream {
        self.runtime("StringEnum");
        self.runtime("UnknownValue");
        let gate = decode::gate(model);
        let name = ident(&model.name);
        let variants: Vec<_> = values.iter().map(|value| ident(&value.variant)).collect();
        let wires: Vec<&str> = values.iter().map(|value| value.wire.as_str()).collect();
        let variant_docs = wires
            .iter()
            .map(|wire| doc(&if wire.is_empty() { "The empty string.".to_owned() } else { format!("`{wire}`") }));
        let runtime = runtime();
        let mut out = quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value the spec does not list, kept exactly as received.
                Unknown(UnknownValue),
            }

            impl #name {
                /// The value as written on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #wires, )*
                        Self::Unknown(value) => value.as_str(),
                    }
                }
            }

            impl StringEnum for #name {
                fn from_known(value: &str) -> Option<Self> {
                    Some(match value {
                        #( #wires => Self::#variants, )*
                        _ => return None,
                    })
                }

                fn from_unknown(value: UnknownValue) -> Self {
                    Self::Unknown(value)
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl std::str::FromStr for #name {
                type Err = std::convert::Infallible;

                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(#runtime::enums::parse(value))
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            #gate
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::enums::deserialize(deserializer)
                }
            }
        };
        if constant && let Some(first) = variants.first() {
            out.extend(quote! {
                /// The constant's only value.
                impl Default for #name {
                    fn default() -> Self {
                        Self::#first
                    }
                }
            });
        }
        if model.direction.request {
            let check = quote! {
                if let Self::Unknown(value) = self {
                    validator.unknown_enum_value(value);
                }
            };
            out.extend(self.validate_impl(&model.name, vec![check]));
        }
        out
    }

    fn variants(&mut self, variants: &[Variant], attributes: impl Fn(&Variant) -> TokenStream) -> Vec<TokenStream> {
        variants
            .iter()
            .map(|variant| {
                let name = ident(&variant.name);
                let attributes = attributes(variant);
                match &variant.payload {
                    Some(payload) => {
                        self.uses(payload);
                        let payload = ty(payload);
                        if variant.nullable {
                            quote! { #attributes #name(Option<#payload>), }
                        } else {
                            quote! { #attributes #name(#payload), }
                        }
                    }
                    None => quote! { #attributes #name, },
                }
            })
            .collect()
    }

    fn externally_tagged(&mut self, model: &Model, variants: &[Variant], docs: TokenStream) -> TokenStream {
        let gate = decode::gate(model);
        self.imports.add("serde", "Serialize");
        let name = ident(&model.name);
        let runtime = runtime();
        let items = self.variants(variants, |variant| {
            let wire = tag_of(variant);
            let text = match (&variant.payload, variant.nullable) {
                (Some(_), false) => format!("`{{\"{wire}\": …}}`"),
                (Some(_), true) => format!("`{{\"{wire}\": …}}`, or `{{\"{wire}\": null}}` as `None`"),
                (None, _) => format!("`\"{wire}\"`"),
            };
            let docs = doc(&text);
            quote! { #docs #[serde(rename = #wire)] }
        });
        let wires: Vec<&str> = variants.iter().map(tag_of).collect();
        let arms = variant_arms(variants);
        let mut out = quote! {
            #docs
            // Variant sizes follow the API's shapes; boxing them would only make matching clumsier.
            #[allow(clippy::large_enum_variant)]
            #[derive(Clone, Debug, PartialEq, Serialize)]
            #[non_exhaustive]
            pub enum #name {
                #(#items)*
                /// A variant the spec does not list, kept as received.
                #[serde(untagged)]
                Unknown(serde_json::Value),
            }

            #gate
            impl #runtime::tagged::ExternallyTagged for #name {
                const NAMES: &'static [&'static str] = &[#(#wires),*];

                fn variant<'de, P: #runtime::tagged::Payload<'de>>(name: &str, payload: P) -> Result<Self, P::Error> {
                    match name {
                        #(#arms)*
                        other => Err(payload.unlisted(other)),
                    }
                }

                fn unknown(value: serde_json::Value) -> Self {
                    Self::Unknown(value)
                }
            }

            #gate
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::tagged::deserialize_external(deserializer)
                }
            }
        };
        if model.direction.request {
            out.extend(self.union_validate(&model.name, variants));
        }
        out
    }

    fn tagged(&mut self, model: &Model, tag: &str, variants: &[Variant], docs: TokenStream) -> TokenStream {
        let gate = decode::gate(model);
        let name = ident(&model.name);
        let runtime = runtime();
        let items = self.variants(variants, |variant| doc(&format!("`{tag}: \"{}\"`", tag_of(variant))));
        let serialize_arms = variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let wire = tag_of(variant);
            match variant.payload {
                Some(_) => quote! { Self::#variant_name(value) => #runtime::tagged::serialize(serializer, #tag, #wire, value), },
                None => quote! { Self::#variant_name => #runtime::tagged::serialize_unit(serializer, #tag, #wire), },
            }
        });
        let wires: Vec<&str> = variants.iter().map(tag_of).collect();
        let deserialize_arms = variant_arms(variants);
        let mut out = quote! {
            #docs
            // Variant sizes follow the API's shapes; boxing them would only make matching clumsier.
            #[allow(clippy::large_enum_variant)]
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#items)*
                /// A variant the spec does not list (an unknown tag), kept whole.
                Unknown(serde_json::Value),
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                        Self::Unknown(value) => serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            #gate
            impl #runtime::tagged::Discriminated for #name {
                const TAG: &'static str = #tag;
                const TAGS: &'static [&'static str] = &[#(#wires),*];

                fn variant<'de, P: #runtime::tagged::Payload<'de>>(tag: &str, payload: P) -> Result<Self, P::Error> {
                    match tag {
                        #(#deserialize_arms)*
                        other => Err(payload.unlisted(other)),
                    }
                }

                fn unknown(value: serde_json::Value) -> Self {
                    Self::Unknown(value)
                }
            }

            #gate
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::tagged::deserialize_discriminated(deserializer)
                }
            }
        };
        if model.direction.request {
            out.extend(self.union_validate(&model.name, variants));
        }
        out
    }

    fn untagged(&mut self, model: &Model, variants: &[Variant], docs: TokenStream) -> TokenStream {
        let by_kind = decode::by_kind(variants, self.context.kinds);
        let gate = decode::gate(model);
        self.imports.add("serde", "Serialize");

        let name = ident(&model.name);
        let items = self.variants(variants, |variant| {
            // A variant named after its type says all a line naming the type would.
            let text = match &variant.payload {
                Some(Ty::Json) => "Any other JSON value, kept as received.",
                _ => "",
            };
            doc_or_allow(text)
        });
        let mut out = quote! {
            #docs
            // Variant sizes follow the API's shapes; boxing them would only make matching clumsier.
            #[allow(clippy::large_enum_variant)]
            #[derive(Clone, Debug, PartialEq, Serialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name { #(#items)* }
        };
        match &by_kind {
            Some(by_kind) => out.extend(decode::untagged_deserialize(model, by_kind, gate.as_ref())),
            None => out.extend(decode::untagged_in_order(model, variants, gate.as_ref())),
        }
        if model.direction.request {
            out.extend(self.union_validate(&model.name, variants));
        }
        out
    }

    fn union_validate(&mut self, name: &str, variants: &[Variant]) -> TokenStream {
        let arms: Vec<TokenStream> = variants
            .iter()
            .filter(|variant| variant.payload.as_ref().is_some_and(has_model))
            .map(|variant| {
                let variant_name = ident(&variant.name);
                quote! { Self::#variant_name(value) => value.check(validator), }
            })
            .collect();
        if arms.is_empty() {
            return self.validate_impl(name, Vec::new());
        }
        // Every union has a variant without a model payload (`Unknown`, `Other`), so `_` is reachable.
        let with_models: Vec<&Variant> =
            variants.iter().filter(|v| v.payload.as_ref().is_some_and(has_model)).collect();
        let check = match with_models.as_slice() {
            [only] => {
                let variant_name = ident(&only.name);
                quote! { if let Self::#variant_name(value) = self { value.check(validator); } }
            }
            _ => quote! { match self { #(#arms)* _ => {} } },
        };
        self.validate_impl(name, vec![check])
    }
}

/// The name of a variant of a tagged union on the wire (its key, or its tag value).
fn tag_of(variant: &Variant) -> &str {
    variant.wire.as_deref().unwrap_or_default()
}

/// Whether a type contains a model (and so something to validate).
fn has_model(ty: &Ty) -> bool {
    let mut named = Vec::new();
    ty.named(&mut named);
    !named.is_empty()
}

/// The fields `new` takes, in order.
fn constructor_args(fields: &[Field]) -> Vec<&Field> {
    fields.iter().filter(|field| field.init == Init::Argument).collect()
}

/// The model's doc comment; a model the spec gives no description has none (see [`doc_or_allow`]).
fn model_doc(model: &Model) -> TokenStream {
    doc_or_allow(&model.doc.as_deref().map(spec_text).unwrap_or_default())
}

/// The member's JSON name; for a field written flattened, its Rust name.
fn member_json(field: &Field) -> &str {
    field.json().unwrap_or_else(|| bare(&field.rust))
}

fn serde_field_attributes(field: &Field, derived_deserialize: bool) -> TokenStream {
    let mut parts = Vec::new();
    match field.json() {
        None => {
            parts.push(quote!(flatten));
            if field.presence != Presence::Required && derived_deserialize {
                let helper = format!("{RUNTIME}::tagged::flattened_option");
                parts.push(quote!(deserialize_with = #helper));
            }
        }
        Some(json) => {
            if json != bare(&field.rust) {
                parts.push(quote!(rename = #json));
            }
            if field.presence == Presence::Optional {
                parts.push(quote!(skip_serializing_if = "Option::is_none"));
            }
            if let Some(also) = field.also_decodes.filter(|_| derived_deserialize) {
                let optional = field.presence != Presence::Required;
                // With `deserialize_with`, serde no longer reads a missing `Option` as `None` by itself.
                if optional {
                    parts.push(quote!(default));
                }
                let helper = format!("{RUNTIME}::both_shapes::{}", both_shapes(also, optional));
                parts.push(quote!(deserialize_with = #helper));
            }
        }
    }
    if parts.is_empty() { quote!() } else { quote!(#[serde(#(#parts),*)]) }
}

/// The `both_shapes` function of the runtime that decodes a field that also takes `also`, for a
/// required field or an `Option`.
fn both_shapes(also: AlsoDecodes, optional: bool) -> &'static str {
    match (also, optional) {
        (AlsoDecodes::SingleItem, false) => "list_or_one",
        (AlsoDecodes::SingleItem, true) => "list_or_one_option",
        (AlsoDecodes::Number, false) => "decimal_or_number",
        (AlsoDecodes::Number, true) => "decimal_or_number_option",
    }
}

/// `Option<&str>` from the first candidate that is present.
fn error_accessor(sources: &[ErrorSource]) -> TokenStream {
    let candidates: Vec<(TokenStream, bool)> = sources
        .iter()
        .map(|source| match source {
            ErrorSource::Field { path, required } => {
                let members = path.iter().map(|field| ident(field));
                let access = if *required {
                    quote!(Some(self.#(#members).*.as_str()))
                } else {
                    quote!(self.#(#members).*.as_deref())
                };
                (access, true)
            }
            ErrorSource::Other { map, key, strings } => {
                let member = ident(map);
                let access = if *strings {
                    quote!(self.#member.get(#key).map(String::as_str))
                } else {
                    quote!(self.#member.get(#key).and_then(serde_json::Value::as_str))
                };
                (access, false)
            }
        })
        .collect();
    let Some(((first, _), rest)) = candidates.split_first() else { return quote!(None) };
    // A field access is cheap enough to evaluate eagerly; a map lookup only when needed.
    let rest =
        rest.iter().map(|(access, cheap)| if *cheap { quote!(.or(#access)) } else { quote!(.or_else(|| #access)) });
    quote!(#first #(#rest)*)
}

/// `StringRules::new()` and a setter per constraint the schema sets.
fn string_rules(rules: &Rules) -> TokenStream {
    let runtime = runtime();
    let min = rules.min_length.map(|min| {
        let min = usize_literal(min);
        quote!(.min_length(#min))
    });
    let max = rules.max_length.map(|max| {
        let max = usize_literal(max);
        quote!(.max_length(#max))
    });
    let pattern = rules.pattern.as_ref().map(|pattern| quote!(.pattern(#pattern)));
    quote!(#runtime::StringRules::new() #min #max #pattern)
}

/// `IntegerRules::new()` and a setter per bound the schema sets.
fn integer_rules(rules: &Rules) -> TokenStream {
    let runtime = runtime();
    let min = rules.minimum.map(|min| {
        let min = i64_literal(min);
        quote!(.minimum(#min))
    });
    let max = rules.maximum.map(|max| {
        let max = i64_literal(max);
        quote!(.maximum(#max))
    });
    quote!(#runtime::IntegerRules::new() #min #max)
}

/// `ItemRules::new()` and a setter per bound the schema sets.
fn item_rules(rules: &Rules) -> TokenStream {
    let runtime = runtime();
    let min = rules.min_items.map(|min| {
        let min = usize_literal(min);
        quote!(.min_items(#min))
    });
    let max = rules.max_items.map(|max| {
        let max = usize_literal(max);
        quote!(.max_items(#max))
    });
    quote!(#runtime::ItemRules::new() #min #max)
}

fn usize_literal(value: usize) -> TokenStream {
    let literal = proc_macro2::Literal::usize_unsuffixed(value);
    quote!(#literal)
}

fn i64_literal(value: i64) -> TokenStream {
    let literal = proc_macro2::Literal::i64_unsuffixed(value);
    quote!(#literal)
}

/// The match arms of a tagged union's `variant`: each listed name reads its variant's data, or
/// reads past it when the variant carries none.
fn variant_arms(variants: &[Variant]) -> Vec<TokenStream> {
    variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.name);
            let wire = tag_of(variant);
            match variant.payload {
                Some(_) => quote! { #wire => payload.decode().map(Self::#variant_name), },
                None => quote! { #wire => payload.nothing().map(|()| Self::#variant_name), },
            }
        })
        .collect()
}
