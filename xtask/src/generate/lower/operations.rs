//! Operations → API classes: one class per tag, one method per `operationId`, with the
//! security schemes, parameters, body and responses each method needs, and its signature.

use std::collections::BTreeMap;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};
use openapiv3::{
    APIKeyLocation, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, SecurityScheme,
    StatusCode,
};

use super::classify::classify;
use super::naming;
use super::rules::Rule;
use super::shapes::Mapper;
use super::view::{Node, deviation_notes, rules_of};
use crate::generate::config::{QueryStyle, VendorConfig};
use crate::generate::diag::{Diagnostics, token};
use crate::generate::ir::client::{Scheme, SchemeLocation};
use crate::generate::ir::model::{Model, Rules, Ty};
use crate::generate::ir::operation::{
    ApiClass, Arg, ArgRole, Body, OperationIr, Param, Passed, Repeat, Response, Returns, Signature, Taken,
};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The security schemes of the spec, each with its builder setter.
pub fn schemes(openapi: &OpenAPI, config: &VendorConfig, diagnostics: &mut Diagnostics) -> Vec<Scheme> {
    let mut out = Vec::new();
    let Some(components) = &openapi.components else { return out };
    for (name, scheme) in &components.security_schemes {
        let pointer = format!("#/components/securitySchemes/{}", token(name));
        let ReferenceOr::Item(scheme) = scheme else {
            diagnostics.report(pointer, "referenced security schemes are not supported");
            continue;
        };
        let (location, default_prefix) = match scheme {
            SecurityScheme::APIKey { location: APIKeyLocation::Header, name, .. } => {
                (SchemeLocation::Header(name.clone()), "")
            }
            SecurityScheme::APIKey { location: APIKeyLocation::Query, name, .. } => {
                (SchemeLocation::Query(name.clone()), "")
            }
            SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                (SchemeLocation::Header("Authorization".into()), "Bearer ")
            }
            _ => {
                diagnostics.report(pointer, "only API keys (header or query) and HTTP bearer are supported");
                continue;
            }
        };
        let Some(settings) = config.security.get(name) else {
            diagnostics.report(pointer, format!("sdk.toml has no [security.{name}] entry naming its builder setter"));
            continue;
        };
        out.push(Scheme {
            name: name.clone(),
            static_name: name.to_shouty_snake_case(),
            location,
            prefix: settings.prefix.clone().unwrap_or_else(|| default_prefix.to_owned()),
            setter: settings.setter.clone(),
            variant: settings.setter.to_upper_camel_case(),
            doc: settings.doc.clone(),
        });
    }
    out
}

/// Every operation, grouped into API classes.
pub fn classes<'a>(openapi: &'a OpenAPI, config: &VendorConfig, mapper: &mut Mapper<'a>) -> Vec<ApiClass> {
    let mut by_tag: BTreeMap<String, (Vec<OperationIr>, Vec<Model>)> = BTreeMap::new();
    for (path, item) in &openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            mapper.diagnostics.report(format!("#/paths/{}", token(path)), "referenced path items are not supported");
            continue;
        };
        for (method, operation) in item.iter() {
            let pointer = format!("#/paths/{}/{method}", token(path));
            let tag = operation.tags.first().cloned().unwrap_or_else(|| "default".into());
            let mut operation =
                operation_ir(openapi, config, mapper, path, method, operation, &item.parameters, &pointer);
            if let Some(operation) = &mut operation {
                operation.deviations.splice(0..0, deviation_reasons(&item.extensions));
            }
            let inline = mapper.take_inline(&tag);
            let (operations, models) = by_tag.entry(tag).or_default();
            operations.extend(operation);
            models.extend(inline);
        }
    }
    by_tag
        .into_iter()
        .map(|(tag, (mut operations, models))| {
            operations.sort_by(|a, b| a.method_name.cmp(&b.method_name));
            let name = config.classes.get(&tag).cloned().unwrap_or_else(|| naming::class_name(&tag));
            ApiClass { accessor: naming::member_name(&name), name, tag, operations, models }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn operation_ir<'a>(
    openapi: &'a OpenAPI,
    config: &VendorConfig,
    mapper: &mut Mapper<'a>,
    path: &str,
    method: &str,
    operation: &'a Operation,
    shared_parameters: &'a [ReferenceOr<Parameter>],
    pointer: &str,
) -> Option<OperationIr> {
    debug_assert!(METHODS.contains(&method));
    let Some(id) = operation.operation_id.clone() else {
        mapper.diagnostics.report(pointer, "operation without `operationId`");
        return None;
    };
    let method_name = naming::member_name(&id);
    let mut deviations = deviation_reasons(&operation.extensions);
    let pascal = naming::bare(&method_name).to_upper_camel_case();

    let optional_query_arguments = config
        .operations
        .get(&id)
        .and_then(|settings| settings.optional_query)
        .is_some_and(|style| style == QueryStyle::Arguments);
    let mut path_params = Vec::new();
    let mut query_params = Vec::new();
    let parameters = shared_parameters.iter().chain(&operation.parameters);
    for (index, parameter) in parameters.enumerate() {
        let at = format!("{pointer}/parameters/{index}");
        let ReferenceOr::Item(parameter) = parameter else {
            mapper.diagnostics.report(at, "referenced parameters are not supported");
            continue;
        };
        let (data, list) = match parameter {
            Parameter::Path { parameter_data, .. } => (parameter_data, &mut path_params),
            Parameter::Query { parameter_data, .. } => (parameter_data, &mut query_params),
            _ => {
                mapper.diagnostics.report(at, "only path and query parameters are supported");
                continue;
            }
        };
        deviations.extend(deviation_reasons(&data.extensions));
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            mapper.diagnostics.report(at, "parameters described by `content` are not supported");
            continue;
        };
        let hint = format!("{pascal}{}", data.name.to_upper_camel_case());
        let lowered = mapper.lower(&hint, Node::of(schema), &format!("{at}/schema"));
        let rules = match schema {
            ReferenceOr::Item(schema) => rules_of(schema),
            ReferenceOr::Reference { .. } => Rules::default(),
        };
        let object = mapper
            .spec()
            .resolve(Node::of(schema))
            .is_some_and(|schema| matches!(classify(&mapper.spec(), schema), Rule::Object));
        let taken = match parameter {
            Parameter::Query { .. } if object => Taken::Object,
            Parameter::Query { .. } if !data.required && !optional_query_arguments => Taken::ParamsField,
            _ => Taken::Argument,
        };
        list.push(Param {
            name: data.name.clone(),
            rust: naming::member_name(&data.name),
            ty: lowered.ty,
            required: data.required,
            doc: data.description.clone(),
            rules,
            taken,
        });
    }
    check_path_template(path, &path_params, pointer, &mut mapper.diagnostics);

    let body = operation.request_body.as_ref().and_then(|body| match body {
        ReferenceOr::Item(body) => request_body(mapper, body, &pascal, &format!("{pointer}/requestBody")),
        ReferenceOr::Reference { .. } => {
            mapper.diagnostics.report(format!("{pointer}/requestBody"), "referenced request bodies are not supported");
            None
        }
    });

    let mut responses = Vec::new();
    let mut accept: Vec<String> = Vec::new();
    let mut success = None;
    let mut success_optional = false;
    let mut statuses: Vec<(&StatusCode, &ReferenceOr<openapiv3::Response>)> =
        operation.responses.responses.iter().collect();
    statuses.sort_by_key(|(status, _)| status.to_string());
    for (status, response) in statuses {
        let at = format!("{pointer}/responses/{status}");
        let ReferenceOr::Item(response) = response else {
            mapper.diagnostics.report(at, "referenced responses are not supported");
            continue;
        };
        deviations.extend(deviation_reasons(&response.extensions));
        let media = response.content.iter().find(|(media, _)| is_json(media)).or_else(|| response.content.first());
        let ty = media.and_then(|(media, content)| {
            let schema = content.schema.as_ref()?;
            let hint = format!("{pascal}Response{status}");
            Some(mapper.lower(&hint, Node::of(schema), &format!("{at}/content/{}/schema", token(media))).ty)
        });
        for media in response.content.keys() {
            if is_json(media) && !accept.contains(media) {
                accept.push(media.clone());
            }
        }
        let code = match status {
            StatusCode::Code(code) => Some(*code),
            StatusCode::Range(_) => None,
        };
        if code.is_some_and(|code| (200..300).contains(&code)) && success.is_none() {
            success = Some(ty.clone());
            success_optional = response.extensions.get("x-optional-body").is_some_and(|value| value == true);
        }
        responses.push(Response { status: status.to_string(), description: response.description.clone(), ty });
    }
    if accept.is_empty() {
        accept.push("application/json".into());
    }

    let security = operation
        .security
        .as_ref()
        .or(openapi.security.as_ref())
        .map(|requirements| requirements.iter().map(|requirement| requirement.keys().cloned().collect()).collect())
        .unwrap_or_default();

    let xml_root = body.as_ref().and_then(|body| {
        let xml = body.media.iter().any(|media| media == "text/xml" || media == "application/xml");
        match (&body.ty, xml) {
            (Ty::Named(name), true) => Some(name.clone()),
            _ => None,
        }
    });
    let params_struct =
        query_params.iter().any(|param| param.taken == Taken::ParamsField).then(|| format!("{pascal}Params"));
    let returns = match success.flatten() {
        None => Returns::Nothing,
        Some(ty) if success_optional => Returns::OptionalBody(ty),
        Some(ty) => Returns::Body(ty),
    };
    let signature = signature(&path_params, &query_params, params_struct, body.as_ref(), returns);

    let mut seen = std::collections::BTreeSet::new();
    deviations.retain(|reason| seen.insert(reason.clone()));
    let http_method = method.to_ascii_uppercase();
    Some(OperationIr {
        id,
        method_name,
        repeat: repeat_of_method(&http_method),
        http_method,
        path: path.to_owned(),
        summary: operation.summary.clone(),
        description: operation.description.clone(),
        path_params,
        query_params,
        body,
        responses,
        security,
        accept: accept.join(", "),
        xml_root,
        signature,
        deviations,
        credential_choice: None,
        secret_members: Vec::new(),
        authentication: String::new(),
        retries: String::new(),
        call_options: String::new(),
    })
}

/// The method's signature: path parameters, query objects, required query parameters, the
/// optional ones taken as arguments, the params struct, the body; and what it returns.
fn signature(
    path_params: &[Param],
    query_params: &[Param],
    params_struct: Option<String>,
    body: Option<&Body>,
    returns: Returns,
) -> Signature {
    let mut args = Vec::new();
    for param in path_params {
        let passed = if param.ty == Ty::String { Passed::Str } else { Passed::Value };
        let role = ArgRole::PathParam { wire: param.name.clone() };
        args.push(Arg { name: param.rust.clone(), ty: param.ty.clone(), passed, optional: false, role });
    }
    for param in query_params.iter().filter(|param| param.taken == Taken::Object) {
        let (ty, optional) = (param.ty.clone(), !param.required);
        args.push(Arg { name: param.rust.clone(), ty, passed: Passed::Ref, optional, role: ArgRole::QueryObject });
    }
    let arguments = query_params.iter().filter(|param| param.taken == Taken::Argument);
    for param in arguments.clone().filter(|param| param.required).chain(arguments.filter(|param| !param.required)) {
        let wire = param.name.clone();
        let (ty, passed, role) = match &param.ty {
            Ty::String => (Ty::String, Passed::Str, ArgRole::QueryParam { wire }),
            Ty::Vec(item) => ((**item).clone(), Passed::Slice, ArgRole::QueryList { wire }),
            other if other.is_copy() => (other.clone(), Passed::Value, ArgRole::QueryParam { wire }),
            other => (other.clone(), Passed::Ref, ArgRole::QueryParam { wire }),
        };
        args.push(Arg { name: param.rust.clone(), ty, passed, optional: !param.required, role });
    }
    if let Some(name) = params_struct {
        let ty = Ty::Named(name);
        args.push(Arg { name: "params".into(), ty, passed: Passed::Ref, optional: false, role: ArgRole::ParamsStruct });
    }
    if let Some(body) = body {
        let (ty, optional) = (body.ty.clone(), !body.required);
        args.push(Arg { name: body.rust.clone(), ty, passed: Passed::Ref, optional, role: ArgRole::Body });
    }
    Signature { args, returns, keyed: false }
}

/// Whether an operation sent as `method` (upper case) may be repeated, before `sdk.toml` has a
/// say ([`settings`](super::settings)).
fn repeat_of_method(method: &str) -> Repeat {
    if matches!(method, "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE") {
        Repeat::IdempotentMethod
    } else {
        Repeat::Write
    }
}

/// The reasons of the `x-deviation` notes among `extensions`.
fn deviation_reasons(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> Vec<String> {
    extensions
        .get("x-deviation")
        .into_iter()
        .flat_map(deviation_notes)
        .filter_map(|note| note.get("reason").and_then(serde_json::Value::as_str).map(str::to_owned))
        .collect()
}

fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

fn request_body<'a>(mapper: &mut Mapper<'a>, body: &'a RequestBody, pascal: &str, pointer: &str) -> Option<Body> {
    let (media, content) = body.content.iter().find(|(media, _)| is_json(media)).or_else(|| body.content.first())?;
    if !is_json(media) {
        mapper.diagnostics.report(pointer, format!("request bodies must offer JSON; this one offers `{media}`"));
        return None;
    }
    let Some(schema) = &content.schema else {
        mapper.diagnostics.report(pointer, "request body without a schema");
        return None;
    };
    let ty = mapper
        .lower(&format!("{pascal}Request"), Node::of(schema), &format!("{pointer}/content/{}/schema", token(media)))
        .ty;
    let Ty::Named(name) = &ty else {
        mapper.diagnostics.report(pointer, "request bodies must be models (objects or unions)");
        return None;
    };
    Some(Body {
        rust: naming::member_name(name),
        ty,
        required: body.required,
        media: body.content.keys().cloned().collect(),
    })
}

/// Every `{name}` in the template must be a declared path parameter, and the reverse.
fn check_path_template(path: &str, params: &[Param], pointer: &str, diagnostics: &mut Diagnostics) {
    let mut rest = path;
    let mut names = Vec::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            diagnostics.report(pointer, format!("path template `{path}` has an unclosed `{{`"));
            return;
        };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    for name in &names {
        if !params.iter().any(|param| param.name == *name) {
            diagnostics.report(
                pointer,
                format!("path template `{path}` names `{{{name}}}` but the operation declares no such path parameter"),
            );
        }
    }
    for param in params {
        if !names.contains(&param.name.as_str()) {
            diagnostics.report(pointer, format!("path parameter `{}` does not appear in `{path}`", param.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn openapi(document: serde_json::Value) -> OpenAPI {
        crate::generate::load::parse(document).unwrap()
    }

    fn config(security: &str) -> VendorConfig {
        toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{security}")).unwrap()
    }

    #[test]
    fn schemes_know_where_their_secret_goes() {
        let spec = openapi(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"securitySchemes": {
                "token": {"type": "apiKey", "in": "header", "name": "Authorization"},
                "domain": {"type": "apiKey", "in": "query", "name": "cp-domain-key"},
                "jwt": {"type": "http", "scheme": "bearer"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "sid"}
            }}
        }));
        let config = config(
            "[security.token]\nsetter = \"token\"\nprefix = \"Token \"\ndoc = \"d\"\n\
             [security.domain]\nsetter = \"domain_key\"\ndoc = \"d\"\n[security.jwt]\nsetter = \"bearer_token\"\ndoc = \"d\"",
        );
        let mut diagnostics = Diagnostics::default();
        let schemes = schemes(&spec, &config, &mut diagnostics);
        let found: Vec<(&str, &SchemeLocation, &str)> =
            schemes.iter().map(|s| (s.name.as_str(), &s.location, s.prefix.as_str())).collect();
        assert_eq!(
            found,
            [
                ("token", &SchemeLocation::Header("Authorization".into()), "Token "),
                ("domain", &SchemeLocation::Query("cp-domain-key".into()), ""),
                ("jwt", &SchemeLocation::Header("Authorization".into()), "Bearer "),
            ]
        );
        assert_eq!(diagnostics.all().len(), 1, "cookies are not supported");
        assert_eq!(diagnostics.all()[0].pointer, "#/components/securitySchemes/cookie");
    }

    #[test]
    fn a_scheme_without_a_setter_is_a_diagnostic() {
        let spec = openapi(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "api-key"}}}
        }));
        let mut diagnostics = Diagnostics::default();
        assert!(schemes(&spec, &config(""), &mut diagnostics).is_empty());
        assert!(diagnostics.all()[0].message.contains("[security.key]"));
    }

    #[test]
    fn path_templates_and_parameters_must_agree() {
        let param = |name: &str| Param {
            name: name.into(),
            rust: name.into(),
            ty: Ty::String,
            required: true,
            doc: None,
            rules: Rules::default(),
            taken: Taken::Argument,
        };
        let mut diagnostics = Diagnostics::default();
        check_path_template("/a/{id}/b/{other}", &[param("id"), param("other")], "#/p", &mut diagnostics);
        assert!(diagnostics.all().is_empty());
        check_path_template("/a/{id}/", &[], "#/p", &mut diagnostics);
        check_path_template("/a/", &[param("id")], "#/q", &mut diagnostics);
        check_path_template("/a/{id", &[], "#/r", &mut diagnostics);
        let messages: Vec<String> = diagnostics.all().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "#/p: path template `/a/{id}/` names `{id}` but the operation declares no such path parameter",
                "#/q: path parameter `id` does not appear in `/a/`",
                "#/r: path template `/a/{id` has an unclosed `{`",
            ]
        );
    }

    #[test]
    fn optional_query_parameters_can_be_arguments() {
        let spec = openapi(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/items": {"get": {
                "operationId": "ListItems",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok"}}
            }}}
        }));
        let schemas = Default::default();
        for (settings, taken, params_struct) in [
            ("", Taken::ParamsField, Some("ListItemsParams")),
            ("[operations.ListItems]\noptional-query = \"arguments\"", Taken::Argument, None),
        ] {
            let config = config(settings);
            let mut mapper = Mapper::new(&schemas, &config);
            let operation = &classes(&spec, &config, &mut mapper)[0].operations[0];
            assert_eq!((operation.query_params[0].taken, operation.params_struct()), (taken, params_struct));
        }
    }

    #[test]
    fn operations_collect_parameters_bodies_errors_and_accept() {
        let spec = openapi(json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "security": [{"key": []}],
            "paths": {"/items/{id}": {"post": {
                "operationId": "UpdateItem", "tags": ["Items"],
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "expand", "in": "query", "required": true, "schema": {"type": "boolean"}}
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}, "text/xml": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                    "422": {"description": "bad", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
                }
            }}},
            "components": {
                "schemas": {
                    "Item": {"type": "object", "properties": {"name": {"type": "string"}}},
                    "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}}
                },
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "api-key"}}
            }
        }));
        let config = config("[error-model]\nschema = \"Problem\"\n[security.key]\nsetter = \"api_key\"\ndoc = \"d\"");
        let schemas = &spec.components.as_ref().unwrap().schemas;
        let mut mapper = Mapper::new(schemas, &config);
        let classes = classes(&spec, &config, &mut mapper);
        assert!(mapper.diagnostics.all().is_empty(), "{:?}", mapper.diagnostics);
        assert_eq!(classes[0].name, "ItemsApi");
        let operation = &classes[0].operations[0];
        assert_eq!(operation.method_name, "update_item");
        assert_eq!(operation.path_params[0].name, "id");
        assert_eq!(
            operation.query_params.iter().map(|p| (p.name.as_str(), p.required)).collect::<Vec<_>>(),
            [("limit", false), ("expand", true)]
        );
        assert_eq!(operation.params_struct(), Some("UpdateItemParams"));
        let body = operation.body.as_ref().unwrap();
        assert_eq!((body.rust.as_str(), body.required), ("item", false));
        assert_eq!(operation.xml_root.as_deref(), Some("Item"));
        assert_eq!(operation.signature.returns, Returns::Body(Ty::Named("Item".into())));
        let statuses: Vec<(&str, Option<&Ty>)> =
            operation.responses.iter().map(|response| (response.status.as_str(), response.ty.as_ref())).collect();
        assert_eq!(statuses, [("200", Some(&Ty::Named("Item".into()))), ("422", Some(&Ty::Named("Problem".into())))]);
        assert_eq!(operation.accept, "application/json, application/problem+json");
        assert_eq!(operation.security, [vec!["key".to_owned()]]);
    }
}
