//! The pipeline end to end: what `sdk.toml` says reaches the model, the generated code and its
//! documentation alike.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;
use serde_json::json;

use super::config::VendorConfig;
use super::emit;
use super::ir::VendorIr;
use super::load;
use super::lower;

fn spec() -> OpenAPI {
    let body = |schema: &str| json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Intent"}}}}});
    load::parse(json!({
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
    let ir = lower::lower("t", &spec(), &config).map_err(|error| format!("{error:#}"))?;
    Ok(ir
        .classes
        .iter()
        .flat_map(|class| &class.operations)
        .map(|operation| (operation.id.clone(), operation.retries.clone()))
        .collect())
}

/// The generated code of `settings`, without whitespace and trailing commas (the layout is
/// the formatter's business).
fn generated_code(settings: &str) -> String {
    let config: VendorConfig = toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{settings}")).unwrap();
    let ir = lower::lower("t", &spec(), &config).unwrap();
    let sources = emit::rust::files(&ir).unwrap();
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
fn an_idempotency_header_gives_every_write_a_call_that_takes_a_key_and_no_read() {
    let settings = "idempotency-header = \"Idempotency-Key\"\n[operations.Find]\nread-only = true\n";
    let retries = notes(settings).unwrap();
    for id in ["Create", "Update"] {
        assert!(retries[id].contains("(`idempotency_key(..)`, sent as `Idempotency-Key`)"), "{id}: {}", retries[id]);
    }
    for id in ["Get", "Find"] {
        assert!(retries[id].starts_with("Safe to repeat"), "{id}: {}", retries[id]);
    }
    // The compiler holds the same line: only a write's call value offers `idempotency_key`.
    let code = generated_code(settings);
    for signature in [
        "pubfncreate<'a>(&self,create:&'aCreate)->Call<'a,Intent,Keyed>",
        "pubfnupdate<'a>(&self,id:&'astr)->Call<'a,Intent,Keyed>",
        "pubfnget<'a>(&self,id:&'astr)->Call<'a,Intent>",
        "pubfnfind<'a>(&self,find:&'aFind)->Call<'a,Intent>",
        "implReadsIdempotencyKeysforClient{}",
        ".idempotency_header(\"Idempotency-Key\")",
    ] {
        assert!(code.contains(signature), "{signature} not in {code}");
    }

    let without = generated_code("");
    assert!(!without.contains(",Keyed>") && !without.contains("ReadsIdempotencyKeys"), "{without}");
    let error = notes("idempotency-header = \"Idempotency Key\"\n").unwrap_err();
    assert!(error.contains("sdk.toml idempotency-header: `Idempotency Key` is not a header name"), "{error}");
}

#[test]
fn a_request_id_header_reaches_the_client() {
    let code = generated_code("request-id-header = \"x-request-id\"\n");
    assert!(code.contains(".request_id_header(\"x-request-id\")"), "{code}");
    assert!(!generated_code("").contains("request_id_header"), "the runtime's default applies");
    let error = notes("request-id-header = \"\"\n").unwrap_err();
    assert!(error.contains("sdk.toml request-id-header: `` is not a header name"), "{error}");
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
    load::parse(json!({
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
    lower::lower("t", &keyed_spec(update_has_secret), &config).map_err(|error| format!("{error:#}"))
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
        confirm.authentication,
        "`public` (`api-key: <key>`) when the request carries `client_secret`, `secret` (`api-key: <key>`) when \
         it does not, because T takes the public key only with a client secret. The other key never stands in: \
         without the one a call needs, it fails before sending (`Error::MissingCredential`)"
    );

    let files = emit::rust::files(&ir).unwrap();
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
    assert!(error.contains("sdk.toml credential-by-member: `server` names no [security.<scheme>] entry"), "{error}");
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
    let error = notes("[operations.Create]\ndedupe-key = \"nope\"\n[operations.Gone]\nread-only = true\n").unwrap_err();
    assert!(error.contains("sdk.toml operations.Create dedupe-key `nope`: names no member"), "{error}");
    assert!(error.contains("sdk.toml operations.Gone: names no operation"), "{error}");
}

#[test]
fn an_event_setting_makes_a_request_model_it_contains_decode_always() {
    // `Create` is only sent: its decoder needs the `deserialize-requests` feature, until an event
    // (`Create` itself here) is listed.
    let decoder = "const_:()={fnmember(name:&str)->Option<u16>{matchname{\"amount\"=>Some(0u16)";
    let gated = format!("#[cfg(feature=\"deserialize-requests\")]{decoder}");
    assert!(generated_code("").contains(&gated));
    let code = generated_code("events = [\"Create\"]\n");
    assert!(code.contains(decoder) && !code.contains(&gated), "{code}");

    let error = notes("events = [\"Refund\"]\n").unwrap_err();
    assert!(error.contains("sdk.toml events `Refund`: names no schema"), "{error}");
}

/// Every kind of argument a method can take, in both styles of optional query parameters.
fn arguments_spec() -> OpenAPI {
    let item = json!({"$ref": "#/components/schemas/Item"});
    let status = json!({"$ref": "#/components/schemas/Status"});
    let query = |name: &str, required: bool, schema: serde_json::Value| json!({"name": name, "in": "query", "required": required, "schema": schema});
    load::parse(json!({
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/items/{id}": {
            "get": {"operationId": "List", "tags": ["Items"],
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                    query("filter", true, json!({"$ref": "#/components/schemas/Filter"})),
                    query("status", true, status.clone()),
                    query("tags", true, json!({"type": "array", "items": {"type": "string"}})),
                    query("limit", false, json!({"type": "integer"})),
                    query("kinds", false, json!({"type": "array", "items": status})),
                    query("after", false, json!({"type": "string"}))
                ],
                "responses": {"200": {"description": "ok", "x-optional-body": true,
                    "content": {"application/json": {"schema": item.clone()}}}}},
            "post": {"operationId": "Update", "tags": ["Items"],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": item}}},
                "responses": {"204": {"description": "done"}}}
        }},
        "components": {"schemas": {
            "Filter": {"type": "object", "properties": {"q": {"type": "string"}}},
            "Status": {"type": "string", "enum": ["open", "closed"]},
            "Item": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
        }}
    }))
    .unwrap()
}

/// The signature on an operation's page is the generated method's, argument for argument.
#[test]
fn the_documented_signature_is_the_generated_one() {
    // Compared without whitespace and trailing commas: the layout is the printer's business.
    let squeeze = |text: &str| text.split_whitespace().collect::<String>().replace(",)", ")");
    let list_with_struct = "fn list<'a>(&self, id: i64, filter: &'a Filter, status: &'a Status, tags: &'a [String], \
                            params: &'a ListParams) -> Call<'a, Option<Item>>";
    let list_with_arguments = "fn list<'a>(&self, id: i64, filter: &'a Filter, status: &'a Status, \
                               tags: &'a [String], limit: Option<i64>, kinds: Option<&'a [Status]>, \
                               after: Option<&'a str>) -> Call<'a, Option<Item>>";
    let update = "fn update<'a>(&self, id: &'a str, item: Option<&'a Item>) -> Call<'a, ()>";
    for (settings, list) in
        [("", list_with_struct), ("[operations.List]\noptional-query = \"arguments\"\n", list_with_arguments)]
    {
        let config: VendorConfig = toml::from_str(&format!("crate = \"t\"\ntitle = \"T\"\n{settings}")).unwrap();
        let ir = lower::lower("t", &arguments_spec(), &config).unwrap();
        let code = emit::rust::files(&ir).unwrap().into_iter().find(|(path, _)| path.ends_with("items_api.rs"));
        let code = syn::parse_file(&code.unwrap().1).unwrap();
        let pages = emit::markdown::pages(&ir);
        let page = &pages.iter().find(|(path, _)| path.ends_with("ItemsApi.md")).unwrap().1;
        let methods: Vec<&syn::ImplItemFn> = code
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(block) => Some(&block.items),
                _ => None,
            })
            .flatten()
            .filter_map(|item| match item {
                syn::ImplItem::Fn(method) => Some(method),
                _ => None,
            })
            .collect();
        for expected in [list, update] {
            let name = expected.split(['(', ' ', '<']).nth(1).unwrap();
            let method = methods.iter().find(|method| method.sig.ident == name).unwrap();
            let generated = quote::ToTokens::to_token_stream(&method.sig).to_string();
            let documented = page.lines().find(|line| line.starts_with(&format!("> `fn {name}<"))).unwrap();
            let documented = documented.trim_start_matches("> `").trim_end_matches('`');
            assert_eq!(squeeze(&generated), squeeze(documented), "{name}, with settings {settings:?}");
            assert_eq!(squeeze(documented), squeeze(expected), "{name}, with settings {settings:?}");
        }
    }
}
