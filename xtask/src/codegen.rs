//! `cargo xtask gen`: for every vendor folder in `openapi/`, spec → IR → Rust and markdown.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use heck::ToUpperCamelCase;
use openapiv3::OpenAPI;

use crate::analysis;
use crate::config::VendorConfig;
use crate::diag::Diagnostics;
use crate::docs::{self, DocSpec};
use crate::emit::client::{ClientSpec, Server, apis_mod, client_file, generated_mod, models_mod};
use crate::emit::models::{ErrorAccess, ErrorSource, ModelContext, models};
use crate::emit::{Imports, apis::api_file};
use crate::files::Output;
use crate::format;
use crate::ir::{Field, ModelFile, ModelKind, Presence, Ty};
use crate::load::{self, VendorSpec};
use crate::mapping::Mapper;
use crate::naming;
use crate::operations::{self, ApiClass, Scheme};

/// One vendor, mapped.
pub struct VendorIr {
    /// Its settings.
    pub config: VendorConfig,
    /// One entry per schema.
    pub files: Vec<ModelFile>,
    /// One entry per tag.
    pub classes: Vec<ApiClass>,
    /// Security schemes.
    pub schemes: Vec<Scheme>,
    /// Named servers.
    pub servers: Vec<Server>,
    /// Whether any operation can send XML.
    pub xml: bool,
}

/// Everything `cargo xtask gen` writes, formatted.
pub fn generate(root: &Path) -> anyhow::Result<Output> {
    let mut output = Output::default();
    let mut rust: Vec<(PathBuf, String)> = Vec::new();
    for dir in load::vendor_dirs(&root.join("openapi"))? {
        let spec = load::load_vendor(&dir)?;
        let ir = map_vendor(&spec.openapi, &spec.config)
            .map_err(|error| anyhow::anyhow!("openapi/{}: {error}", spec.vendor))?;
        let generated_dir = PathBuf::from("crates").join(&ir.config.crate_name).join("src/generated");
        for (path, source) in rust_files(&spec, &ir)? {
            rust.push((generated_dir.join(path), source));
        }
        let docs_dir = PathBuf::from("docs").join(&spec.vendor);
        for (path, page) in doc_files(&spec, &ir) {
            output.files.insert(docs_dir.join(path), page);
        }
        output.owned_dirs.push(generated_dir);
        output.owned_dirs.push(docs_dir);
        rust.push((
            PathBuf::from("tests/generated").join(format!("{}_round_trips.rs", spec.vendor)),
            round_trip_tests(&spec, &ir)?,
        ));
    }
    output.owned_dirs.push(PathBuf::from("tests/generated"));
    output.files.extend(rust);
    output.files.insert(
        PathBuf::from("docs/type-mapping.md"),
        format!("{}{}", docs::header("xtask/src/mapping.rs"), docs::type_mapping_page()),
    );
    Ok(output)
}

/// The models and API classes of a parsed spec, with what could not be mapped.
pub struct Mapped {
    /// One entry per schema.
    pub files: Vec<ModelFile>,
    /// One entry per tag.
    pub classes: Vec<ApiClass>,
    /// Security schemes.
    pub schemes: Vec<Scheme>,
    /// Every construct that could not be mapped.
    pub diagnostics: Diagnostics,
}

/// Maps the models and operations of a parsed spec, directions included; problems are
/// collected, not raised.
pub fn map_models(openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<Mapped> {
    let empty = Default::default();
    let schemas = openapi.components.as_ref().map(|components| &components.schemas).unwrap_or(&empty);
    let shared = shared_inline_schemas(openapi, config)?;
    let mut mapper = Mapper::new(schemas, config).with_shared(shared);
    let mut files = mapper.map_all();
    let schemes = operations::schemes(openapi, config, &mut mapper.diagnostics);
    let mut classes = operations::classes(openapi, config, &mut mapper);
    analysis::analyze(&mut files, &mut classes);
    Ok(Mapped { files, classes, schemes, diagnostics: std::mem::take(&mut mapper.diagnostics) })
}

/// Maps a parsed spec; every construct that cannot be mapped is listed in the error.
pub fn map_vendor(openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<VendorIr> {
    let Mapped { files, mut classes, schemes, mut diagnostics } = map_models(openapi, config)?;
    apply_operation_settings(config, &files, &mut classes, &mut diagnostics);
    apply_credential_rule(config, &files, &mut classes, &mut diagnostics);
    check_error_model(config, &files, &mut diagnostics);
    diagnostics.into_result("the spec")?;
    let xml = classes.iter().flat_map(|class| &class.operations).any(|operation| operation.xml_root.is_some());
    Ok(VendorIr { config: config.clone(), servers: servers(openapi, config), files, classes, schemes, xml })
}

/// Applies the `[operations.<id>]` settings: `read-only`, and the body member each `dedupe-key`
/// names; both decide the operation's [`Repeat`](operations::Repeat).
fn apply_operation_settings(
    config: &VendorConfig,
    files: &[ModelFile],
    classes: &mut [ApiClass],
    diagnostics: &mut Diagnostics,
) {
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        let Some(settings) = config.operations.get(&operation.id) else { continue };
        if settings.read_only {
            operation.repeat = operations::Repeat::ReadOnly;
        }
        let Some(key) = &settings.dedupe_key else { continue };
        let pointer = format!("sdk.toml operations.{} dedupe-key `{key}`", operation.id);
        let fields = match operation.body.as_ref().map(|body| &body.ty) {
            Some(Ty::Named(name)) => find_struct(files, name),
            _ => None,
        };
        match fields.and_then(|fields| fields.iter().find(|field| &field.json == key)) {
            Some(_) if operation.repeat != operations::Repeat::Write => diagnostics.report(
                pointer,
                "changes nothing: the operation is already safe to repeat (read-only, or an idempotent method)",
            ),
            Some(field) => {
                operation.repeat = operations::Repeat::DedupeKey(operations::Dedupe {
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

/// Applies `[credential-by-member]`: every operation that accepts either scheme, alone, and
/// whose body or query object has the member gets the choice; the others keep their declared
/// alternatives. The member is looked up in the models, so an operation whose request model
/// gains it later gets the choice with no other change.
fn apply_credential_rule(
    config: &VendorConfig,
    files: &[ModelFile],
    classes: &mut [ApiClass],
    diagnostics: &mut Diagnostics,
) {
    let Some(rule) = &config.credential_by_member else { return };
    let pointer = "sdk.toml credential-by-member";
    for scheme in [&rule.present, &rule.absent] {
        if !config.security.contains_key(scheme) {
            diagnostics.report(pointer, format!("`{scheme}` names no [security.<scheme>] entry"));
        }
    }
    let mut applied = false;
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        let offers = |scheme: &String| {
            operation.security.iter().any(|alternative| alternative.as_slice() == std::slice::from_ref(scheme))
        };
        if !(offers(&rule.present) && offers(&rule.absent)) {
            continue;
        }
        let body = operation.body.iter().map(|body| (&body.ty, &body.rust, body.required));
        let query = operation.query_params.iter().filter(|param| param.exploded);
        let carriers: Vec<operations::Carrier> = body
            .chain(query.map(|param| (&param.ty, &param.rust, param.required)))
            .filter_map(|(ty, arg, arg_required)| {
                let Ty::Named(model) = ty else { return None };
                let field = find_struct(files, model)?.iter().find(|field| field.json == rule.member)?;
                Some(operations::Carrier {
                    arg: arg.clone(),
                    member: field.rust.clone(),
                    arg_required,
                    member_required: field.presence == Presence::Required,
                })
            })
            .collect();
        if !carriers.is_empty() {
            operation.credential_choice = Some(operations::CredentialChoice { rule: rule.clone(), carriers });
            applied = true;
        }
    }
    if !applied {
        diagnostics.report(
            pointer,
            format!(
                "applies to no operation: none accepts both `{}` and `{}` and has `{}` in its body or query object",
                rule.present, rule.absent, rule.member
            ),
        );
    }
}

/// The schemas `inline-names` points at, each with its name.
fn shared_inline_schemas(
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

fn check_error_model(config: &VendorConfig, files: &[ModelFile], diagnostics: &mut Diagnostics) {
    let Some(settings) = &config.error_model else { return };
    let pointer = format!("sdk.toml error-model `{}`", settings.schema);
    let Some(fields) = find_struct(files, &naming::type_name(&settings.schema)) else {
        diagnostics.report(pointer, "names no object schema");
        return;
    };
    for member in settings.code.iter().chain(&settings.message) {
        if error_source(files, fields, member).is_none() {
            diagnostics.report(
                pointer.clone(),
                format!("has no string property `{member}` and no map of other members to find it in"),
            );
        }
    }
}

/// Where the error model's code or message `member` is read from.
/// `error.code` walks through the required object property `error`.
fn error_source<'a>(files: &'a [ModelFile], fields: &'a [Field], member: &'a str) -> Option<ErrorSource<'a>> {
    if let Some((head, rest)) = member.split_once('.') {
        let field = fields.iter().find(|field| field.json == head && field.presence == Presence::Required)?;
        let Ty::Named(inner) = &field.ty else { return None };
        return match error_source(files, find_struct(files, inner)?, rest)? {
            ErrorSource::Field(mut path) => {
                path.insert(0, field);
                Some(ErrorSource::Field(path))
            }
            ErrorSource::Extra(..) => None,
        };
    }
    if let Some(field) = fields.iter().find(|field| field.json == member && field.ty == Ty::String) {
        return Some(ErrorSource::Field(vec![field]));
    }
    fields
        .iter()
        .find(|field| field.extra && matches!(&field.ty, Ty::Map(value) if matches!(**value, Ty::Json | Ty::String)))
        .map(|extra| ErrorSource::Extra(extra, member))
}

fn find_struct<'a>(files: &'a [ModelFile], name: &str) -> Option<&'a [Field]> {
    files.iter().flat_map(|file| &file.models).find(|model| model.name == name).and_then(|model| match &model.kind {
        ModelKind::Struct(fields) => Some(fields.as_slice()),
        _ => None,
    })
}

fn servers(openapi: &OpenAPI, config: &VendorConfig) -> Vec<Server> {
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

/// Every Rust file generated for `openapi`, relative to the crate's `src/` (`generated/…`), as
/// `cargo xtask gen` would write it (for golden tests of the generator).
pub fn preview(openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let ir = map_vendor(openapi, config)?;
    let spec =
        VendorSpec { vendor: "golden".into(), config: config.clone(), fragments: Vec::new(), openapi: openapi.clone() };
    Ok(rust_files(&spec, &ir)?.into_iter().map(|(path, source)| (Path::new("generated").join(path), source)).collect())
}

/// The Rust sources of one vendor, header included, relative to the crate's `src/generated/`.
pub fn rust_files(spec: &VendorSpec, ir: &VendorIr) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let source = format!("openapi/{}", spec.vendor);
    let header = format::header(&source);
    let error_model_name = ir.config.error_model.as_ref().map(|model| naming::type_name(&model.schema));
    let error_fields = error_model_name.as_deref().and_then(|name| find_struct(&ir.files, name)).unwrap_or_default();
    let error_model = match (&error_model_name, &ir.config.error_model) {
        (Some(name), Some(settings)) => Some(ErrorAccess {
            model: name.as_str(),
            code: settings.code.iter().filter_map(|member| error_source(&ir.files, error_fields, member)).collect(),
            message: settings
                .message
                .iter()
                .filter_map(|member| error_source(&ir.files, error_fields, member))
                .collect(),
        }),
        _ => None,
    };
    let context = ModelContext { error_model, models_path: "super" };
    let api_context = ModelContext { error_model: None, models_path: "crate::models" };
    let client_spec = ClientSpec {
        config: &ir.config,
        schemes: &ir.schemes,
        classes: &ir.classes,
        servers: &ir.servers,
        xml: ir.xml,
    };
    let mut out = Vec::new();
    let mut render = |path: PathBuf, tokens: proc_macro2::TokenStream, imports: Imports| -> anyhow::Result<()> {
        let mut body = imports.tokens();
        body.extend(tokens);
        let text = format::unparse(body, &path.display().to_string())?;
        out.push((path, format!("{header}\n{text}")));
        Ok(())
    };
    for file in &ir.files {
        let mut imports = Imports::default();
        let tokens = models(&file.models, &context, &mut imports);
        let stem = naming::file_stem(&naming::type_name(&file.schema));
        render(PathBuf::from("models").join(format!("{stem}.rs")), tokens, imports)?;
    }
    render(PathBuf::from("models/mod.rs"), models_mod(&ir.files), Imports::default())?;
    let docs = doc_spec(ir);
    for class in &ir.classes {
        let mut imports = Imports::default();
        let tokens = api_file(class, &docs, &api_context, &mut imports);
        render(PathBuf::from("apis").join(format!("{}.rs", naming::file_stem(&class.name))), tokens, imports)?;
    }
    render(PathBuf::from("apis/mod.rs"), apis_mod(&ir.classes), Imports::default())?;
    let mut imports = Imports::default();
    let tokens = client_file(&client_spec, &mut imports);
    render(PathBuf::from("client.rs"), tokens, imports)?;
    render(
        PathBuf::from("mod.rs"),
        generated_mod(&client_spec, &spec.vendor, error_model_name.as_deref()),
        Imports::default(),
    )?;
    Ok(out)
}

/// `tests/generated/<vendor>_round_trips.rs`: every model decodes an example built from its
/// schema and encodes it back unchanged.
pub fn round_trip_tests(spec: &VendorSpec, ir: &VendorIr) -> anyhow::Result<String> {
    use quote::quote;

    let models: Vec<&crate::ir::Model> = ir
        .files
        .iter()
        .flat_map(|file| &file.models)
        .chain(ir.classes.iter().flat_map(|class| &class.models))
        .collect();
    let examples = crate::examples::Examples::new(models.iter().copied());
    let krate = crate::emit::ident(&ir.config.crate_name.replace('-', "_"));
    let mut used_names = std::collections::BTreeSet::new();
    let mut tests = Vec::new();
    for model in &models {
        let json = serde_json::to_string(&examples.model(&model.name))?;
        let literal: proc_macro2::TokenStream = format!("r##\"{json}\"##")
            .parse()
            .map_err(|error| anyhow::anyhow!("example of {}: {error}", model.name))?;
        let mut test_name = naming::bare(&naming::member_name(&model.name)).to_owned();
        while !used_names.insert(test_name.clone()) {
            test_name.push('_');
        }
        let test_name = crate::emit::ident(&test_name);
        let model_name = crate::emit::ident(&model.name);
        tests.push(quote! {
            #[test]
            fn #test_name() {
                assert_round_trip::<#model_name>(#literal);
            }
        });
    }
    let doc = format!(
        " Every `{}` model decodes an example built from its schema and encodes it back unchanged.",
        ir.config.crate_name
    );
    let tokens = quote! {
        #![doc = #doc]

        use #krate::models::*;
        use payintent_tests::assert_round_trip;

        #(#tests)*
    };
    let text = format::unparse(tokens, "round-trip tests")?;
    Ok(format!("{}\n{text}", format::header(&format!("openapi/{}", spec.vendor))))
}

/// What the docs (pages and the methods' examples) need of one vendor.
pub fn doc_spec(ir: &VendorIr) -> DocSpec<'_> {
    let models: BTreeMap<&str, &crate::ir::Model> = ir
        .files
        .iter()
        .flat_map(|file| &file.models)
        .chain(ir.classes.iter().flat_map(|class| &class.models))
        .map(|model| (model.name.as_str(), model))
        .collect();
    DocSpec {
        crate_name: &ir.config.crate_name,
        title: &ir.config.title,
        classes: &ir.classes,
        models,
        schemes: &ir.schemes,
        servers: &ir.servers,
        idempotency_header: ir.config.idempotency_header.as_deref(),
        error_model: ir.config.error_model.as_ref().map(|model| naming::type_name(&model.schema)),
    }
}

/// The markdown pages of one vendor, relative to `docs/<vendor>/`.
pub fn doc_files(spec: &VendorSpec, ir: &VendorIr) -> Vec<(PathBuf, String)> {
    let doc_spec = doc_spec(ir);
    let header = docs::header(&format!("openapi/{}", spec.vendor));
    docs::vendor_pages(&doc_spec)
        .into_iter()
        .map(|(path, page)| (PathBuf::from(path), format!("{header}{page}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::emit::apis::retry_note;

    fn spec() -> OpenAPI {
        let body = |schema: &str| json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Intent"}}}}});
        crate::load::parse(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {
                "/intents": {"post": {"operationId": "Create", "tags": ["Intents"], "requestBody": body("Create"), "responses": ok}},
                "/intents/find": {"post": {"operationId": "Find", "tags": ["Intents"], "requestBody": body("Find"), "responses": ok}},
                "/intents/{id}": {
                    "get": {"operationId": "Get", "tags": ["Intents"], "responses": ok,
                            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]},
                    "post": {"operationId": "Update", "tags": ["Intents"], "responses": ok,
                             "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]}
                }
            },
            "components": {"schemas": {
                "Create": {"type": "object", "properties": {"amount": {"type": "integer"}, "order_ref": {"type": "string"}}},
                "Find": {"type": "object", "properties": {"id": {"type": "string"}}},
                "Intent": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}
        }))
        .unwrap()
    }

    fn notes(settings: &str) -> Result<BTreeMap<String, String>, String> {
        let config: VendorConfig = toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{settings}")).unwrap();
        let ir = map_vendor(&spec(), &config).map_err(|error| format!("{error:#}"))?;
        let idempotency_header = config.idempotency_header.as_deref();
        Ok(ir
            .classes
            .iter()
            .flat_map(|class| &class.operations)
            .map(|operation| (operation.id.clone(), retry_note(operation, idempotency_header)))
            .collect())
    }

    /// The generated code of `settings`, without whitespace and trailing commas (the layout is
    /// the formatter's business).
    fn generated_code(settings: &str) -> String {
        let config: VendorConfig = toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{settings}")).unwrap();
        let ir = map_vendor(&spec(), &config).unwrap();
        let spec = VendorSpec { vendor: "t".into(), config, fragments: Vec::new(), openapi: spec() };
        let sources = rust_files(&spec, &ir).unwrap();
        sources.iter().flat_map(|(_, source)| source.split_whitespace()).collect::<String>().replace(",)", ")")
    }

    #[test]
    fn operation_settings_decide_when_a_call_may_be_repeated() {
        let settings = "[operations.Create]\ndedupe-key = \"order_ref\"\n[operations.Find]\nread-only = true\n";
        let notes = notes(settings).unwrap();
        assert!(notes["Get"].starts_with("Safe to repeat (the method is idempotent)"), "{notes:?}");
        assert!(notes["Find"].starts_with("Safe to repeat (the operation only reads)"), "{notes:?}");
        assert!(notes["Create"].contains("when the body sets `order_ref`"), "{notes:?}");
        assert!(notes["Update"].starts_with("Only a failure that proves nothing was processed"), "{notes:?}");
        // The runtime is told the same decision the documentation states.
        let code = generated_code(settings);
        for told in [
            r#"Operation::new("Create",Method::POST,"/intents",Repeat::DedupeKey)"#,
            r#"Operation::new("Find",Method::POST,"/intents/find",Repeat::ReadOnly)"#,
            r#"Operation::new("Get",Method::GET,"/intents/{id}",Repeat::IdempotentMethod)"#,
            r#"Operation::new("Update",Method::POST,"/intents/{id}",Repeat::Write)"#,
        ] {
            assert!(code.contains(told), "{told} not in {code}");
        }
        assert!(code.contains(".carries_dedupe_key(create.order_ref.is_some())"), "{code}");
    }

    #[test]
    fn a_dedupe_key_on_an_operation_already_safe_to_repeat_is_refused() {
        let error = notes("[operations.Find]\nread-only = true\ndedupe-key = \"id\"\n").unwrap_err();
        assert!(error.contains("sdk.toml operations.Find dedupe-key `id`: changes nothing"), "{error}");
    }

    #[test]
    fn an_idempotency_header_makes_every_write_repeatable_with_a_key() {
        let notes = notes("idempotency-header = \"Idempotency-Key\"\n").unwrap();
        for id in ["Create", "Find", "Update"] {
            assert!(notes[id].contains("`with_idempotency_key`, sent as `Idempotency-Key`"), "{id}: {}", notes[id]);
        }
    }

    /// Two keys, and a request member that says which one a call sends.
    fn keyed_spec(update_has_secret: bool) -> OpenAPI {
        let body = |schema: &str| json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        let ok = json!({"200": {"description": "ok"}});
        let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
        let either = json!([{"secret": []}, {"public": []}]);
        let mut update = json!({"type": "object", "properties": {"amount": {"type": "integer"}}});
        if update_has_secret {
            update["properties"]["client_secret"] = json!({"type": "string"});
        }
        crate::load::parse(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {
                "/intents/{id}/confirm": {"post": {"operationId": "Confirm", "tags": ["Intents"], "security": either,
                    "parameters": [id], "requestBody": body("Confirm"), "responses": ok}},
                "/intents/{id}": {
                    "get": {"operationId": "Retrieve", "tags": ["Intents"], "security": either, "responses": ok,
                        "parameters": [id, {"name": "options", "in": "query", "required": true,
                                            "schema": {"$ref": "#/components/schemas/Options"}}]},
                    "post": {"operationId": "Update", "tags": ["Intents"], "security": either,
                        "parameters": [id], "requestBody": body("Update"), "responses": ok}
                },
                "/intents/{id}/session": {"post": {"operationId": "Session", "tags": ["Intents"],
                    "security": [{"public": []}], "parameters": [id], "requestBody": body("Session"), "responses": ok}},
                "/intents": {"post": {"operationId": "Create", "tags": ["Intents"], "security": [{"secret": []}],
                    "requestBody": body("Update"), "responses": ok}}
            },
            "components": {
                "schemas": {
                    "Confirm": {"type": "object", "properties": {"client_secret": {"type": "string"}}},
                    "Options": {"type": "object", "properties": {"client_secret": {"type": "string"}, "expand": {"type": "boolean"}}},
                    "Session": {"type": "object", "required": ["client_secret"], "properties": {"client_secret": {"type": "string"}}},
                    "Update": update
                },
                "securitySchemes": {
                    "secret": {"type": "apiKey", "in": "header", "name": "api-key"},
                    "public": {"type": "apiKey", "in": "header", "name": "api-key"}
                }
            }
        }))
        .unwrap()
    }

    const KEYS: &str = "[security.secret]\nsetter = \"api_key\"\ndoc = \"d\"\n\
                        [security.public]\nsetter = \"publishable_key\"\ndoc = \"d\"\n";

    fn keyed(rule: &str, update_has_secret: bool) -> Result<VendorIr, String> {
        let config: VendorConfig = toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{KEYS}{rule}")).unwrap();
        map_vendor(&keyed_spec(update_has_secret), &config).map_err(|error| format!("{error:#}"))
    }

    const RULE: &str = "[credential-by-member]\nmember = \"client_secret\"\npresent = \"public\"\nabsent = \"secret\"\n\
                        reason = \"T takes the public key only with a client secret\"\n";

    fn carriers(ir: &VendorIr) -> BTreeMap<&str, Vec<(&str, &str)>> {
        ir.classes
            .iter()
            .flat_map(|class| &class.operations)
            .filter_map(|operation| Some((operation.id.as_str(), operation.credential_choice.as_ref()?)))
            .map(|(id, choice)| {
                (id, choice.carriers.iter().map(|carrier| (carrier.arg.as_str(), carrier.member.as_str())).collect())
            })
            .collect()
    }

    #[test]
    fn a_member_of_the_body_or_query_object_decides_the_key_of_operations_that_take_both() {
        let ir = keyed(RULE, false).unwrap();
        // Session takes one key only, Create one key only, and Update's body has no client_secret.
        let expected: BTreeMap<&str, Vec<(&str, &str)>> =
            [("Confirm", vec![("confirm", "client_secret")]), ("Retrieve", vec![("options", "client_secret")])].into();
        assert_eq!(carriers(&ir), expected);

        let confirm = ir.classes[0].operations.iter().find(|operation| operation.id == "Confirm").unwrap();
        assert_eq!(
            crate::emit::apis::auth_summary(confirm, &ir.schemes),
            "`public` (`api-key: <key>`) when the request carries `client_secret`, `secret` (`api-key: <key>`) when \
             it does not, because T takes the public key only with a client secret. The other key never stands in: \
             without the one a call needs, it fails before sending (`Error::MissingCredential`)"
        );

        let spec = VendorSpec {
            vendor: "t".into(),
            config: ir.config.clone(),
            fragments: Vec::new(),
            openapi: keyed_spec(false),
        };
        let files = rust_files(&spec, &ir).unwrap();
        let sources: BTreeMap<String, String> =
            files.into_iter().map(|(path, source)| (path.display().to_string(), source)).collect();
        // Compared without whitespace and trailing commas: the layout is the formatter's business.
        let contains = |file: &str, code: &str| {
            let squeeze = |text: &str| text.split_whitespace().collect::<String>().replace(",)", ")");
            squeeze(&sources[file]).contains(&squeeze(code))
        };
        let narrowed = |arg: &str| {
            format!(
                ".narrow_security(if {arg}.client_secret.is_some() {{ &WITH_CLIENT_SECRET }} else {{ \
                 &WITHOUT_CLIENT_SECRET }})"
            )
        };
        assert!(contains("apis/intents_api.rs", &format!("{}.body(confirm);", narrowed("confirm"))));
        assert!(contains("apis/intents_api.rs", &format!(".query(query){};", narrowed("options"))));
        assert_eq!(sources["apis/intents_api.rs"].matches(".narrow_security(").count(), 2);
        assert!(contains(
            "client.rs",
            "pub(crate) static WITH_CLIENT_SECRET: CallSecurity = CallSecurity::new(&[&PUBLIC], \
             \"the request carries `client_secret`: T takes the public key only with a client secret\");"
        ));
        assert!(contains(
            "client.rs",
            "pub(crate) static WITHOUT_CLIENT_SECRET: CallSecurity = CallSecurity::new(&[&SECRET], \
             \"the request carries no `client_secret`: T takes the public key only with a client secret\");"
        ));
    }

    #[test]
    fn a_request_model_that_gains_the_member_gets_the_rule_with_no_other_change() {
        let ir = keyed(RULE, true).unwrap();
        assert_eq!(carriers(&ir).get("Update"), Some(&vec![("update", "client_secret")]));
        assert!(!carriers(&ir).contains_key("Create"), "Create takes the secret key only");
    }

    #[test]
    fn the_rule_must_name_real_schemes_and_reach_an_operation() {
        let error = keyed(&RULE.replace("absent = \"secret\"", "absent = \"server\""), false).err().unwrap();
        assert!(
            error.contains("sdk.toml credential-by-member: `server` names no [security.<scheme>] entry"),
            "{error}"
        );
        let error = keyed(&RULE.replace("member = \"client_secret\"", "member = \"nonce\""), false).err().unwrap();
        assert!(
            error.contains(
                "applies to no operation: none accepts both `public` and `secret` and has `nonce` in its body or query \
                 object"
            ),
            "{error}"
        );
        assert!(carriers(&keyed("", false).unwrap()).is_empty(), "no rule, no choice");
    }

    #[test]
    fn settings_must_name_a_real_operation_and_member() {
        let error =
            notes("[operations.Create]\ndedupe-key = \"nope\"\n[operations.Gone]\nread-only = true\n").unwrap_err();
        assert!(error.contains("sdk.toml operations.Create dedupe-key `nope`: names no member"), "{error}");
        assert!(error.contains("sdk.toml operations.Gone: names no operation"), "{error}");
    }
}
