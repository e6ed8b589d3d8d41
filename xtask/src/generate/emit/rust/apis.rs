//! `generated/apis/`: one file per API class (tag), one async method per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::models::{ModelContext, models};
use super::tokens::{Imports, RUNTIME, doc, doc_or_allow, ident, optional_setter, spec_text, ty};
use crate::generate::emit::usage::Usage;
use crate::generate::ir::VendorIr;
use crate::generate::ir::client::Narrowing;
use crate::generate::ir::model::Ty;
use crate::generate::ir::operation::{
    ApiClass, Arg, ArgRole, CredentialChoice, OperationIr, Param, Passed, Repeat, Returns, Taken,
};
use crate::generate::lower::naming::bare;

/// The file of one API class.
pub fn api_file(
    ir: &VendorIr,
    class: &ApiClass,
    usage: &Usage,
    context: &ModelContext,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&class.name);
    imports.add("crate", "Client");
    let class_doc = doc(&format!(
        "The `{}` operations (tag `{}`). Obtain it with [`Client::{}`]. It owns a clone of the client (one \
         `Arc`), so it can be kept in application state or moved into a task.\n\nEach method returns a \
         [`Call`](crate::Call): await it for the result, or first set options for that call alone.",
        class.name,
        class.tag,
        bare(&class.accessor)
    ));
    let methods: Vec<TokenStream> =
        class.operations.iter().map(|operation| method(ir, class, operation, usage, imports)).collect();
    let params: Vec<TokenStream> =
        class.operations.iter().filter_map(|operation| params_struct(class, operation, imports)).collect();
    let inline = models(&class.models, context, imports);
    quote! {
        #class_doc
        #[derive(Debug, Clone)]
        pub struct #name {
            client: Client,
        }

        impl #name {
            pub(crate) fn new(client: Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#params)*
        #inline
    }
}

fn method(
    ir: &VendorIr,
    class: &ApiClass,
    operation: &OperationIr,
    usage: &Usage,
    imports: &mut Imports,
) -> TokenStream {
    let schemes = &ir.schemes;
    imports.add(RUNTIME, "Operation");
    imports.add(RUNTIME, "Request");
    imports.add(RUNTIME, "Method");
    imports.add(RUNTIME, "Repeat");
    imports.add("crate", "Call");
    let method_name = ident(&operation.method_name);

    let mut args = Vec::new();
    let mut pushes = Vec::new();
    let mut request = quote!(Request::new(&OPERATION));
    let (mut body, mut optional_body) = (None, None);
    for arg in &operation.signature.args {
        let name = ident(&arg.name);
        let arg_type = arg_type(arg);
        args.push(quote!(#name: #arg_type));
        if arg.role != ArgRole::ParamsStruct {
            imports.add_models("crate::models", &arg.ty, &Default::default());
        }
        match (&arg.role, arg.optional) {
            (ArgRole::PathParam { wire }, _) if arg.passed == Passed::Str => {
                request.extend(quote!(.path_param(#wire, #name)));
            }
            (ArgRole::PathParam { wire }, _) => request.extend(quote!(.path_param(#wire, #name.to_string()))),
            (ArgRole::QueryObject, false) => pushes.push(quote!(query.push_object(#name);)),
            (ArgRole::QueryObject, true) => pushes.push(quote! {
                if let Some(#name) = #name {
                    query.push_object(#name);
                }
            }),
            (ArgRole::QueryParam { wire }, false) => pushes.push(quote!(query.push(#wire, #name);)),
            (ArgRole::QueryParam { wire }, true) => pushes.push(quote!(query.push_opt(#wire, #name);)),
            (ArgRole::QueryList { wire }, false) => pushes.push(quote!(query.push_each(#wire, #name);)),
            (ArgRole::QueryList { wire }, true) => pushes.push(quote! {
                if let Some(values) = #name {
                    query.push_each(#wire, values);
                }
            }),
            (ArgRole::ParamsStruct, _) => {
                for param in operation.query_params.iter().filter(|param| param.taken == Taken::ParamsField) {
                    let member = ident(&param.rust);
                    let wire = &param.name;
                    pushes.push(match param.ty {
                        Ty::Vec(_) => quote! {
                            if let Some(values) = &#name.#member {
                                query.push_each(#wire, values);
                            }
                        },
                        _ => quote!(query.push_opt(#wire, #name.#member.as_ref());),
                    });
                }
            }
            (ArgRole::Body, false) => body = Some(quote!(.body(#name))),
            (ArgRole::Body, true) => {
                optional_body = Some(quote! {
                    if let Some(body) = #name {
                        request = request.body(body);
                    }
                })
            }
        }
    }
    let mut prelude = None;
    if !pushes.is_empty() {
        imports.add(RUNTIME, "Query");
        prelude = Some(quote! {
            let mut query = Query::new();
            #(#pushes)*
        });
        request.extend(quote!(.query(query)));
    }
    if let (Repeat::DedupeKey(dedupe), Some(body)) = (&operation.repeat, &operation.body) {
        let arg = ident(&body.rust);
        let member = ident(&dedupe.rust);
        request.extend(match (dedupe.always, body.required) {
            (true, true) => quote!(.carries_dedupe_key(true)),
            (false, true) => quote!(.carries_dedupe_key(#arg.#member.is_some())),
            (true, false) => quote!(.carries_dedupe_key(#arg.is_some())),
            (false, false) => quote!(.carries_dedupe_key(#arg.is_some_and(|body| body.#member.is_some()))),
        });
    }
    if let Some(choice) = &operation.credential_choice {
        request.extend(narrowing(choice, imports));
    }
    request.extend(body);

    if let Some(success) = operation.signature.returns.ty() {
        imports.add_models("crate::models", success, &Default::default());
    }
    let (output, constructor) = match &operation.signature.returns {
        Returns::Nothing => (quote!(()), quote!(empty)),
        Returns::Body(success) => (ty(success), quote!(new)),
        Returns::OptionalBody(success) => {
            let success = ty(success);
            (quote!(Option<#success>), quote!(optional))
        }
    };
    let call = if operation.signature.keyed {
        imports.add(RUNTIME, "Keyed");
        quote!(Call<'a, #output, Keyed>)
    } else {
        quote!(Call<'a, #output>)
    };
    let id = &operation.id;
    let http_method = format_ident!("{}", operation.http_method);
    let path = &operation.path;
    let repeat = format_ident!("{}", runtime_repeat(&operation.repeat));
    let mut operation_static = quote!(Operation::new(#id, Method::#http_method, #path, Repeat::#repeat));
    if !operation.security.is_empty() {
        let security = operation.security.iter().map(|alternative| {
            let statics = alternative.iter().filter_map(|name| schemes.iter().find(|scheme| &scheme.name == name)).map(
                |scheme| {
                    let static_name = ident(&scheme.static_name);
                    imports.add("crate::generated::client", &scheme.static_name);
                    quote!(&#static_name)
                },
            );
            quote!(&[#(#statics),*])
        });
        operation_static.extend(quote!(.security(&[#(#security),*])));
    }
    let accept = &operation.accept;
    operation_static.extend(quote!(.accept(#accept)));
    if let Some(root) = &operation.xml_root {
        operation_static.extend(quote!(.xml_root(#root)));
    }
    if !operation.secret_members.is_empty() {
        let members = &operation.secret_members;
        operation_static.extend(quote!(.secret_members(&[#(#members),*])));
    }
    let binding = if optional_body.is_some() { quote!(let mut request) } else { quote!(let request) };
    let too_many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let mut text = method_doc(ir, operation);
    // Compiled, not run: it needs a server.
    text.push_str(&format!("\n\n# Example\n\n```no_run\n{}```", usage.snippet(class, operation)));
    let docs = doc(&text);
    quote! {
        #docs
        #too_many
        pub fn #method_name<'a>(&self, #(#args),*) -> #call {
            static OPERATION: Operation = #operation_static;
            #prelude
            #binding = #request;
            #optional_body
            Call::#constructor(self.client.core(), request)
        }
    }
}

/// An argument's type: `&str`, `T`, `&T` or `&[T]`, in an `Option` when it may be left out.
/// What it borrows lives as long as the call value (`'a`).
fn arg_type(arg: &Arg) -> TokenStream {
    let value = ty(&arg.ty);
    let passed = match arg.passed {
        Passed::Str => quote!(&'a str),
        Passed::Value => value,
        Passed::Ref => quote!(&'a #value),
        Passed::Slice => quote!(&'a [#value]),
    };
    if arg.optional { quote!(Option<#passed>) } else { passed }
}

/// `.narrow_security(..)`: the call sends the scheme its request calls for, picked at run time
/// from whether an argument carries the deciding member.
fn narrowing(choice: &CredentialChoice, imports: &mut Imports) -> TokenStream {
    let mut narrowing = |narrowing: &Narrowing| {
        imports.add("crate::generated::client", &narrowing.static_name);
        ident(&narrowing.static_name)
    };
    let with = narrowing(&choice.with);
    if choice.always_carried() {
        return quote!(.narrow_security(&#with));
    }
    let without = narrowing(&choice.without);
    let checks = choice.carriers.iter().map(|carrier| {
        let arg = ident(&carrier.arg);
        let member = ident(&carrier.member);
        match (carrier.arg_required, carrier.member_required) {
            (true, false) => quote!(#arg.#member.is_some()),
            (false, true) => quote!(#arg.is_some()),
            // (false, false); a (true, true) carrier returned above.
            _ => quote!(#arg.is_some_and(|value| value.#member.is_some())),
        }
    });
    quote!(.narrow_security(if #(#checks)||* { &#with } else { &#without }))
}

fn method_doc(ir: &VendorIr, operation: &OperationIr) -> String {
    let mut text = String::new();
    text.push_str(&spec_text(operation.summary.as_deref().unwrap_or(&operation.id)));
    text.push_str("\n\n");
    if let Some(description) = &operation.description {
        text.push_str(&spec_text(description));
        text.push_str("\n\n");
    }
    text.push_str(&format!("`{} {}` (operation `{}`).\n\n", operation.http_method, operation.path, operation.id));
    text.push_str(&format!("Authentication: {}.\n\n", operation.authentication));
    if !operation.deviations.is_empty() {
        text.push_str("Differs from the published spec, to match the server:\n\n");
        for reason in &operation.deviations {
            text.push_str(&format!("- {}\n", spec_text(reason).replace('\n', " ")));
        }
        text.push('\n');
    }
    text.push_str("| Status | Meaning |\n|---|---|\n");
    for response in &operation.responses {
        let body = response.ty.as_ref().map(|ty| format!(" (`{}`)", ty.display())).unwrap_or_default();
        let description = spec_text(&response.description).replace('\n', " ").replace('|', "\\|");
        text.push_str(&format!("| {} | {}{} |\n", response.status, description.trim(), body));
    }
    text.push_str(&format!("\n# Retries\n\n{}\n", operation.retries));
    text.push_str(&format!("\n# Options of the call\n\n{}\n", operation.call_options));
    let typed = ir.error_model.as_ref().map(|access| &access.model).map(|model| {
        format!(
            ", and `api_error()` is that body as [`{model}`](crate::models::{model}) whenever it decodes as one, \
             whatever the status"
        )
    });
    text.push_str(&format!(
        "\n# Errors\n\nAwaiting the call gives any [`Error`](crate::Error): a status outside 2xx is `Error::Api` \
         with the status, headers and raw body of the response{}; the call fails before sending \
         (`Error::MissingCredential`) when no credential fits.",
        typed.unwrap_or_default(),
    ));
    text
}

fn params_struct(class: &ApiClass, operation: &OperationIr, imports: &mut Imports) -> Option<TokenStream> {
    let name = ident(operation.params_struct()?);
    let optional: Vec<&Param> =
        operation.query_params.iter().filter(|param| param.taken == Taken::ParamsField).collect();
    let docs = doc(&format!(
        "Optional query parameters of [`{}::{}`]. Unset parameters are not sent, so the server's defaults apply.",
        class.name,
        bare(&operation.method_name)
    ));
    let fields = optional.iter().map(|param| {
        imports.add_models("crate::models", &param.ty, &Default::default());
        let member = ident(&param.rust);
        let value = ty(&param.ty);
        let field_doc = doc_or_allow(&param.doc.as_deref().map(spec_text).unwrap_or_default());
        quote! { #field_doc pub #member: Option<#value>, }
    });
    let setters = optional.iter().map(|param| optional_setter(&param.rust, &param.name, &param.ty));
    Some(quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* }

        impl #name {
            /// No parameter set.
            pub fn new() -> Self {
                Self::default()
            }

            #(#setters)*
        }
    })
}

/// The runtime's `Repeat` variant of the operation's rule.
fn runtime_repeat(repeat: &Repeat) -> &'static str {
    match repeat {
        Repeat::ReadOnly => "ReadOnly",
        Repeat::IdempotentMethod => "IdempotentMethod",
        Repeat::DedupeKey(_) => "DedupeKey",
        Repeat::Write => "Write",
    }
}
