//! The settings of `sdk.toml` that `lower` applies once the models and operations are mapped:
//! when an operation may be repeated (`read-only`, `dedupe-key`), which calls take an
//! idempotency key (`idempotency-header`), which credential a call sends
//! (`[credential-by-member]`), where the error model's code and message are, the request id's
//! header (`request-id-header`), the named servers, and the names of shared inline schemas
//! (`inline-names`); which request members an error must hide (`sensitive`); and the models
//! the vendor sends on its own (`events`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToUpperCamelCase};
use openapiv3::OpenAPI;

use super::naming;
use crate::generate::config::VendorConfig;
use crate::generate::diag::Diagnostics;
use crate::generate::ir::client::{ErrorAccess, ErrorSource, Narrowing, Scheme, Server};
use crate::generate::ir::model::{Field, FieldRole, Model, ModelFile, ModelKind, Presence, Ty};
use crate::generate::ir::operation::{ApiClass, Carrier, CredentialChoice, Dedupe, Repeat, Taken};

/// Applies the `[operations.<id>]` settings: `read-only`, and the body member each `dedupe-key`
/// names; both decide the operation's [`Repeat`].
pub fn apply_operation_settings(
    config: &VendorConfig,
    files: &[ModelFile],
    classes: &mut [ApiClass],
    diagnostics: &mut Diagnostics,
) {
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        let Some(settings) = config.operations.get(&operation.id) else { continue };
        if settings.read_only {
            operation.repeat = Repeat::ReadOnly;
        }
        let Some(key) = &settings.dedupe_key else { continue };
        let pointer = format!("sdk.toml operations.{} dedupe-key `{key}`", operation.id);
        let fields = match operation.body.as_ref().map(|body| &body.ty) {
            Some(Ty::Named(name)) => find_struct(files, name),
            _ => None,
        };
        match fields.and_then(|fields| fields.iter().find(|field| field.json() == Some(key.as_str()))) {
            Some(_) if operation.repeat != Repeat::Write => diagnostics.report(
                pointer,
                "changes nothing: the operation is already safe to repeat (read-only, or an idempotent method)",
            ),
            Some(field) => {
                operation.repeat = Repeat::DedupeKey(Dedupe {
                    json: key.clone(),
                    rust: field.rust.clone(),
                    always: field.presence == Presence::Required,
                })
            }
            None => diagnostics.report(pointer, "names no member of the operation's body"),
        }
    }
    for id in config.operations.keys() {
        if !classes.iter().flat_map(|class| &class.operations).any(|operation| &operation.id == id) {
            diagnostics.report(format!("sdk.toml operations.{id}"), "names no operation");
        }
    }
}

/// `events`: the model of each schema the vendor sends on its own (a webhook body), for
/// [`analysis`](super::analysis) to count among the received ones.
pub fn event_models(config: &VendorConfig, files: &[ModelFile], diagnostics: &mut Diagnostics) -> Vec<String> {
    let mut models = Vec::new();
    for schema in &config.events {
        match files.iter().find(|file| file.schema == *schema).and_then(|file| file.models.first()) {
            Some(model) => models.push(model.name.clone()),
            None => diagnostics.report(format!("sdk.toml events `{schema}`"), "names no schema"),
        }
    }
    models
}

/// Applies `idempotency-header`: the call of every operation that changes something takes a
/// key. A read never does: repeating it is harmless already. Runs after
/// [`apply_operation_settings`], whose `read-only` makes an operation a read.
pub fn apply_idempotency_header(config: &VendorConfig, classes: &mut [ApiClass], diagnostics: &mut Diagnostics) {
    let Some(header) = &config.idempotency_header else { return };
    if !is_header_name(header) {
        diagnostics.report("sdk.toml idempotency-header", format!("`{header}` is not a header name"));
    }
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        operation.signature.keyed = !operation.repeat.changes_nothing();
    }
}

/// `request-id-header`: the response header the vendor sends its request id in.
pub fn request_id_header(config: &VendorConfig, diagnostics: &mut Diagnostics) -> Option<String> {
    let header = config.request_id_header.as_ref()?;
    if !is_header_name(header) {
        diagnostics.report("sdk.toml request-id-header", format!("`{header}` is not a header name"));
    }
    Some(header.clone())
}

/// Whether `name` is an HTTP header name (RFC 9110 `token`).
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// The `Accept` header of a request written by hand: the one every operation sends when they
/// agree (PAY.JP's lists `application/problem+json` too), JSON's otherwise.
pub fn custom_accept(classes: &[ApiClass]) -> String {
    let mut accepts = classes.iter().flat_map(|class| &class.operations).map(|operation| &operation.accept);
    match accepts.next() {
        Some(first) if accepts.all(|accept| accept == first) => first.clone(),
        _ => "application/json".to_owned(),
    }
}

/// Applies `[credential-by-member]`: every operation that accepts either scheme, alone, and
/// whose body or query object has the member gets the choice; the others keep their declared
/// alternatives. The member is looked up in the models, so an operation whose request model
/// gains it later gets the choice with no other change. Returns the narrowings the client
/// defines: one for a call whose request carries the member, and one for a call whose request
/// does not when some method can make one.
pub fn apply_credential_rule(
    config: &VendorConfig,
    files: &[ModelFile],
    schemes: &[Scheme],
    classes: &mut [ApiClass],
    diagnostics: &mut Diagnostics,
) -> Vec<Narrowing> {
    let Some(rule) = &config.credential_by_member else { return Vec::new() };
    let pointer = "sdk.toml credential-by-member";
    let narrowing = |carried: bool, diagnostics: &mut Diagnostics| {
        let scheme = if carried { &rule.present } else { &rule.absent };
        let scheme_static = schemes.iter().find(|candidate| &candidate.name == scheme).map(|s| s.static_name.clone());
        if !config.security.contains_key(scheme) {
            diagnostics.report(pointer, format!("`{scheme}` names no [security.<scheme>] entry"));
        } else if scheme_static.is_none() {
            diagnostics.report(pointer, format!("`{scheme}` names no security scheme of the spec"));
        }
        let member = rule.member.to_shouty_snake_case();
        let carries = if carried { "carries" } else { "carries no" };
        Narrowing {
            static_name: if carried { format!("WITH_{member}") } else { format!("WITHOUT_{member}") },
            scheme: scheme.clone(),
            scheme_static: scheme_static.unwrap_or_default(),
            member: rule.member.clone(),
            carried,
            reason: format!("the request {carries} `{}`: {}", rule.member, rule.reason),
        }
    };
    let (with, without) = (narrowing(true, diagnostics), narrowing(false, diagnostics));
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        let offers = |scheme: &String| {
            operation.security.iter().any(|alternative| alternative.as_slice() == std::slice::from_ref(scheme))
        };
        if !(offers(&rule.present) && offers(&rule.absent)) {
            continue;
        }
        let body = operation.body.iter().map(|body| (&body.ty, &body.rust, body.required));
        let query = operation.query_params.iter().filter(|param| param.taken == Taken::Object);
        let carriers: Vec<Carrier> = body
            .chain(query.map(|param| (&param.ty, &param.rust, param.required)))
            .filter_map(|(ty, arg, arg_required)| {
                let Ty::Named(model) = ty else { return None };
                let field =
                    find_struct(files, model)?.iter().find(|field| field.json() == Some(rule.member.as_str()))?;
                Some(Carrier {
                    arg: arg.clone(),
                    member: field.rust.clone(),
                    arg_required,
                    member_required: field.presence == Presence::Required,
                })
            })
            .collect();
        if !carriers.is_empty() {
            operation.credential_choice = Some(CredentialChoice {
                with: with.clone(),
                without: without.clone(),
                why: rule.reason.clone(),
                carriers,
            });
        }
    }
    let choices: Vec<&CredentialChoice> =
        classes.iter().flat_map(|class| &class.operations).filter_map(|op| op.credential_choice.as_ref()).collect();
    if choices.is_empty() {
        diagnostics.report(
            pointer,
            format!(
                "applies to no operation: none accepts both `{}` and `{}` and has `{}` in its body or query object",
                rule.present, rule.absent, rule.member
            ),
        );
        return Vec::new();
    }
    let without_needed = choices.iter().any(|choice| !choice.always_carried());
    [Some(with), without_needed.then_some(without)].into_iter().flatten().collect()
}

/// The schemas `inline-names` points at, each with its name.
pub fn shared_inline_schemas(
    openapi: &OpenAPI,
    config: &VendorConfig,
) -> anyhow::Result<Vec<(String, String, openapiv3::Schema)>> {
    if config.inline_names.is_empty() {
        return Ok(Vec::new());
    }
    let document = serde_json::to_value(openapi)?;
    config
        .inline_names
        .iter()
        .map(|(name, pointer)| {
            let value = document
                .pointer(pointer.trim_start_matches('#'))
                .ok_or_else(|| anyhow::anyhow!("sdk.toml inline-names `{name}`: nothing at {pointer}"))?;
            let schema = serde_json::from_value(value.clone()).map_err(|error| {
                anyhow::anyhow!("sdk.toml inline-names `{name}`: {pointer} is not a schema: {error}")
            })?;
            Ok((name.clone(), pointer.clone(), schema))
        })
        .collect()
}

/// `[error-model]`: the vendor's error model, and where its code and message are read from. A
/// member that cannot be found is a diagnostic.
pub fn error_model(config: &VendorConfig, files: &[ModelFile], diagnostics: &mut Diagnostics) -> Option<ErrorAccess> {
    let settings = config.error_model.as_ref()?;
    let model = naming::type_name(&settings.schema);
    let pointer = format!("sdk.toml error-model `{}`", settings.schema);
    let Some(fields) = find_struct(files, &model) else {
        diagnostics.report(pointer, "names no object schema");
        return None;
    };
    let mut sources = |members: &[String]| -> Vec<ErrorSource> {
        let found = members.iter().map(|member| (member, error_source(files, fields, member)));
        found
            .filter_map(|(member, source)| {
                if source.is_none() {
                    diagnostics.report(
                        pointer.clone(),
                        format!("has no string property `{member}` and no map of other members to find it in"),
                    );
                }
                source
            })
            .collect()
    };
    let code = sources(&settings.code);
    let message = sources(&settings.message);
    Some(ErrorAccess { model, code, message })
}

/// Where the error model's code or message `member` is read from.
/// `error.code` walks through the required object property `error`.
fn error_source(files: &[ModelFile], fields: &[Field], member: &str) -> Option<ErrorSource> {
    if let Some((head, rest)) = member.split_once('.') {
        let field = fields.iter().find(|field| field.json() == Some(head) && field.presence == Presence::Required)?;
        let Ty::Named(inner) = &field.ty else { return None };
        return match error_source(files, find_struct(files, inner)?, rest)? {
            ErrorSource::Field { mut path, required } => {
                path.insert(0, field.rust.clone());
                Some(ErrorSource::Field { path, required })
            }
            ErrorSource::Other { .. } => None,
        };
    }
    if let Some(field) = fields.iter().find(|field| field.json() == Some(member) && field.ty == Ty::String) {
        return Some(ErrorSource::Field {
            path: vec![field.rust.clone()],
            required: field.presence == Presence::Required,
        });
    }
    let map_of = |field: &Field| match &field.ty {
        Ty::Map(value) if field.role == FieldRole::Others && matches!(**value, Ty::Json | Ty::String) => {
            Some(**value == Ty::String)
        }
        _ => None,
    };
    fields.iter().find_map(|field| {
        let strings = map_of(field)?;
        Some(ErrorSource::Other { map: field.rust.clone(), key: member.to_owned(), strings })
    })
}

/// Each operation's secret members: the JSON names of the sensitive fields (the same decision
/// that keeps them out of `Debug`) of every model its body and query reach.
pub fn secret_members(files: &[ModelFile], classes: &mut [ApiClass]) {
    let models: BTreeMap<&str, &Model> =
        files.iter().flat_map(|file| &file.models).map(|model| (model.name.as_str(), model)).collect();
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        let mut queue = Vec::new();
        for ty in operation.body.iter().map(|body| &body.ty).chain(operation.query_params.iter().map(|param| &param.ty))
        {
            ty.named(&mut queue);
        }
        let mut seen = BTreeSet::new();
        let mut secret = BTreeSet::new();
        while let Some(name) = queue.pop() {
            let Some(model) = models.get(name.as_str()).copied().filter(|_| seen.insert(name.clone())) else {
                continue;
            };
            match &model.kind {
                ModelKind::Struct(fields) => {
                    for field in fields {
                        if let (true, Some(json)) = (field.sensitive, field.json()) {
                            secret.insert(json.to_owned());
                        }
                        field.ty.named(&mut queue);
                    }
                }
                ModelKind::ExternallyTagged(variants)
                | ModelKind::Untagged(variants)
                | ModelKind::Tagged { variants, .. } => {
                    for variant in variants {
                        if let Some(payload) = &variant.payload {
                            payload.named(&mut queue);
                        }
                    }
                }
                ModelKind::Alias(ty) => ty.named(&mut queue),
                ModelKind::Enum { .. } => {}
            }
        }
        operation.secret_members = secret.into_iter().collect();
    }
}

fn find_struct<'a>(files: &'a [ModelFile], name: &str) -> Option<&'a [Field]> {
    files.iter().flat_map(|file| &file.models).find(|model| model.name == name).and_then(|model| match &model.kind {
        ModelKind::Struct(fields) => Some(fields.as_slice()),
        _ => None,
    })
}

/// The named servers: `[[servers]]` of `sdk.toml`, else the spec's, each named by the first word
/// of its description.
pub fn servers(openapi: &OpenAPI, config: &VendorConfig) -> Vec<Server> {
    if !config.servers.is_empty() {
        return config
            .servers
            .iter()
            .map(|server| Server {
                name: server.name.clone(),
                url: server.url.clone(),
                description: server.description.clone(),
            })
            .collect();
    }
    let descriptions: Vec<String> =
        openapi.servers.iter().map(|server| server.description.clone().unwrap_or_default()).collect();
    let words: Vec<String> = descriptions
        .iter()
        .map(|text| text.split_whitespace().next().unwrap_or("Server").to_upper_camel_case())
        .collect();
    let names = naming::variant_names(words.iter().map(String::as_str));
    openapi
        .servers
        .iter()
        .zip(names)
        .zip(descriptions)
        .map(|((server, name), description)| Server { name, url: server.url.clone(), description })
        .collect()
}
