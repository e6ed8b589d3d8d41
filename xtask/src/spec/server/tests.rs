//! The server check on small servers of our own: a crate of Rust types written for each test,
//! and a spec in OpenAPI fragments, both in a scratch folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::compare::{Kind, Way};
use super::config::ServerConfig;
use super::server_side::Server;
use super::source::{self, Build};
use super::wire::{Read, Shape, Tagging, WireTy, Written};

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("server-diff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CRATE: &str = "crates/shop_api";

fn read(server: &Path, features: &[&str]) -> super::wire::Definitions {
    let crates = vec![CRATE.to_owned()];
    let features: BTreeSet<String> = features.iter().map(|feature| (*feature).to_owned()).collect();
    source::read(server, &Build { crates: &crates, features: &features }).unwrap()
}

/// The server crate every comparison test reads: a payment with the usual serde attributes.
const SERVER: &str = r#"
pub mod payments;
pub mod enums;
pub use crate::enums::Status as PaymentStatus;
"#;

const PAYMENTS: &str = r#"
use serde::{Deserialize, Serialize};
use masking::Secret;
use url::Url;
use crate::enums as api_enums;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub amount: i64,
    #[serde(default)]
    pub capture: bool,
    pub description: Option<String>,
    #[serde(alias = "note")]
    pub memo: Option<String>,
    #[serde(default, with = "custom_serde::iso8601::option")]
    pub capture_on: Option<time::PrimitiveDateTime>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct PaymentResponse {
    pub payment_id: String,
    pub status: api_enums::Status,
    pub amount: i64,
    pub payment_method: Option<api_enums::Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt_url: Option<Url>,
    pub holder: Secret<String>,
    #[serde(skip)]
    pub internal: String,
    pub next_action: Option<NextAction>,
    #[serde(flatten)]
    pub extra: Option<Extra>,
}

#[derive(Serialize, Deserialize)]
pub struct Extra {
    pub shipping: Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NextAction {
    RedirectToUrl { redirect_to_url: String },
    QrCode { qr_code_url: Option<Url> },
}

#[cfg(feature = "v2")]
#[derive(Serialize)]
pub struct PaymentResponse {
    pub id: String,
}
"#;

const ENUMS: &str = r#"
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Succeeded,
    RequiresCapture,
    #[serde(rename = "processing")]
    InProgress,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Wallet,
}
"#;

fn server_source(scratch: &Scratch) {
    scratch.write(&format!("{CRATE}/src/lib.rs"), SERVER);
    scratch.write(&format!("{CRATE}/src/payments.rs"), PAYMENTS);
    scratch.write(&format!("{CRATE}/src/enums.rs"), ENUMS);
}

#[test]
fn serde_attributes_decide_names_presence_and_tagging() {
    let scratch = Scratch::new("attributes");
    server_source(&scratch);
    let definitions = read(&scratch.0, &["v1"]);

    let response = &definitions.by_key["shop_api::payments::PaymentResponse"];
    let Shape::Struct { members, deny_unknown } = &response.shape else { panic!("{:?}", response.shape) };
    assert!(!deny_unknown);
    let member = |name: &str| members.iter().find(|member| member.rust == name).unwrap();
    assert_eq!(member("receipt_url").written, Written::Sometimes);
    assert_eq!(member("internal").written, Written::Never);
    assert_eq!(member("internal").read, Read::Ignored);
    assert_eq!(member("payment_method").written, Written::Always);
    assert!(member("extra").flatten);
    assert_eq!(member("status").ty, WireTy::Named("shop_api::enums::Status".into(), Vec::new()), "through `use … as`");
    assert_eq!(response.location.file, format!("{CRATE}/src/payments.rs"));

    let request = &definitions.by_key["shop_api::payments::PaymentRequest"];
    let Shape::Struct { members, deny_unknown } = &request.shape else { panic!() };
    assert!(deny_unknown);
    let member = |name: &str| members.iter().find(|member| member.rust == name).unwrap();
    assert_eq!(member("amount").read, Read::Required);
    assert_eq!(member("capture").read, Read::Optional, "`default`");
    assert_eq!(member("description").read, Read::Optional, "`Option`");
    assert_eq!(member("memo").accepted, ["memo", "note"]);
    assert_eq!(member("capture_on").custom.as_deref(), Some("custom_serde::iso8601::option"));

    let status = &definitions.by_key["shop_api::enums::Status"];
    let Shape::Enum { tagging, variants } = &status.shape else { panic!() };
    assert_eq!(*tagging, Tagging::External);
    let names: Vec<&str> = variants.iter().map(|variant| variant.name.as_str()).collect();
    assert_eq!(names, ["succeeded", "requires_capture", "processing"]);

    let next = &definitions.by_key["shop_api::payments::NextAction"];
    let Shape::Enum { tagging, .. } = &next.shape else { panic!() };
    assert_eq!(*tagging, Tagging::Internal("type".into()));
}

#[test]
fn cfg_keeps_the_copy_of_the_api_version_built() {
    let scratch = Scratch::new("cfg");
    server_source(&scratch);
    let v1 = read(&scratch.0, &["v1"]);
    let Shape::Struct { members, .. } = &v1.by_key["shop_api::payments::PaymentResponse"].shape else { panic!() };
    assert!(members.iter().any(|member| member.name == "payment_id"));

    let v2 = read(&scratch.0, &["v2"]);
    let Shape::Struct { members, .. } = &v2.by_key["shop_api::payments::PaymentResponse"].shape else { panic!() };
    assert_eq!(members.iter().map(|member| member.name.as_str()).collect::<Vec<_>>(), ["id"]);
}

#[test]
fn foreign_paths_stay_foreign_and_reexports_are_followed() {
    let scratch = Scratch::new("paths");
    server_source(&scratch);
    scratch.write(
        &format!("{CRATE}/src/lib.rs"),
        &format!("{SERVER}\n#[derive(serde::Serialize)]\npub struct Order {{ pub status: PaymentStatus, pub link: url::Url }}\n"),
    );
    let definitions = read(&scratch.0, &["v1"]);
    let Shape::Struct { members, .. } = &definitions.by_key["shop_api::Order"].shape else { panic!() };
    assert_eq!(members[0].ty, WireTy::Named("shop_api::enums::Status".into(), Vec::new()), "through `pub use`");
    let WireTy::Foreign(link) = &members[1].ty else { panic!("{:?}", members[1].ty) };
    assert_eq!(link.path, "url::Url");
}

/// `server.toml` for the test server, with `extra` entries.
fn config_text(extra: &str) -> String {
    format!("commit = \"abc123\"\ncrates = [\"{CRATE}\"]\nfeatures = [\"v1\"]\n{OPERATIONS_AND_FORMS}\n{extra}")
}

fn config(extra: &str) -> ServerConfig {
    toml::from_str(&config_text(extra)).unwrap()
}

/// The spec as the vendor might publish it: some of it wrong.
fn spec() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Shop", "version": "1"},
        "paths": {"/payments": {"post": {
            "operationId": "createPayment",
            "tags": ["Payments"],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentRequest"}}}},
            "responses": {"200": {"description": "the payment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentResponse"}}}}}
        }}},
        "components": {"schemas": {
            "PaymentRequest": {
                "type": "object",
                "required": ["amount", "description"],
                "properties": {
                    "amount": {"type": "integer", "format": "int64"},
                    "capture": {"type": "boolean"},
                    "description": {"type": "string"},
                    "memo": {"type": "string"},
                    "capture_on": {"type": "string", "format": "date-time"},
                    "coupon": {"type": "string"}
                }
            },
            "PaymentResponse": {
                "type": "object",
                "required": ["payment_id", "status", "amount", "payment_method", "receipt_url", "holder"],
                "properties": {
                    "payment_id": {"type": "string"},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "amount": {"type": "string"},
                    "payment_method": {"$ref": "#/components/schemas/Method"},
                    "receipt_url": {"type": "string"},
                    "holder": {"type": "string"},
                    "next_action": {"$ref": "#/components/schemas/NextAction"}
                }
            },
            "NextAction": {
                "oneOf": [
                    {"type": "object", "required": ["type", "redirect_to_url"], "properties": {
                        "type": {"type": "string", "enum": ["redirect_to_url"]},
                        "redirect_to_url": {"type": "string"}
                    }}
                ],
                "discriminator": {"propertyName": "type"}
            },
            "Status": {"type": "string", "enum": ["succeeded", "requires_capture"]},
            "Method": {"type": "string", "enum": ["card", "wallet"]}
        }}
    })
}

fn differences(spec: Value, config: &ServerConfig, server_dir: &Path) -> Vec<(Kind, Way, String)> {
    let definitions = source::read(server_dir, &Build { crates: &config.crates, features: &config.features }).unwrap();
    let server = Server { definitions: &definitions, config };
    let openapi = crate::generate::load::parse(spec).unwrap();
    let vendor: crate::generate::config::VendorConfig = toml::from_str("crate = \"shop\"\ntitle = \"Shop\"").unwrap();
    let (lowered, _) = crate::generate::lower::lower_as_far_as_possible("shop", &openapi, &vendor).unwrap();
    let comparison = super::compare_lowered(&lowered, &server);
    let mut out: Vec<(Kind, Way, String)> = comparison
        .differences
        .into_iter()
        .map(|difference| (difference.kind, difference.way, format!("{}.{}", difference.model, difference.member)))
        .collect();
    out.sort();
    out
}

#[test]
fn every_kind_of_difference_is_found_in_the_direction_it_matters() {
    let scratch = Scratch::new("compare");
    server_source(&scratch);
    let found = differences(spec(), &config(""), &scratch.0);
    let expected: Vec<(Kind, Way, String)> = vec![
        // The crate would send it; the server refuses unknown members.
        (Kind::MemberMissingOnServer, Way::Request, "PaymentRequest.coupon".into()),
        // Omitted when empty, or null, where the crate requires a value.
        (Kind::MayBeAbsent, Way::Response, "PaymentResponse.receipt_url".into()),
        (Kind::MayBeNull, Way::Response, "PaymentResponse.payment_method".into()),
        (Kind::OptionalOnServer, Way::Request, "PaymentRequest.description".into()),
        // `amount` is an integer on the server, a string in the spec.
        (Kind::Type, Way::Response, "PaymentResponse.amount".into()),
        (Kind::MemberMissingInSpec, Way::Response, "PaymentResponse.shipping".into()),
        (Kind::ValueMissingInSpec, Way::Response, "Status.value:processing".into()),
        (Kind::VariantMissingInSpec, Way::Response, "NextAction.variant:qr_code".into()),
    ];
    let mut expected = expected;
    expected.sort();
    // Nothing else: where the spec is looser than the server (an optional `memo`, a `capture`
    // the server defaults, a `next_action` always written) nothing breaks.
    assert_eq!(found, expected);
}

#[test]
fn a_spec_corrected_to_the_server_differs_only_where_it_was_left_alone() {
    let scratch = Scratch::new("corrected");
    server_source(&scratch);
    let mut fixed = spec();
    let schemas = &mut fixed["components"]["schemas"];
    schemas["PaymentRequest"]["required"] = json!(["amount"]);
    schemas["PaymentResponse"]["required"] = json!(["payment_id", "status", "amount", "holder"]);
    schemas["PaymentResponse"]["properties"]["amount"] = json!({"type": "integer", "format": "int64"});
    schemas["PaymentResponse"]["properties"]["payment_method"] =
        json!({"allOf": [{"$ref": "#/components/schemas/Method"}], "nullable": true});
    schemas["PaymentResponse"]["properties"]["shipping"] = json!({"type": "string", "nullable": true});
    schemas["Status"]["enum"] = json!(["succeeded", "requires_capture", "processing"]);
    schemas["NextAction"]["oneOf"].as_array_mut().unwrap().push(
        json!({"type": "object", "required": ["type"], "properties": {
            "type": {"type": "string", "enum": ["qr_code"]},
            "qr_code_url": {"type": "string", "nullable": true}
        }}),
    );
    let found = differences(fixed, &config(""), &scratch.0);
    assert_eq!(found, [(Kind::MemberMissingOnServer, Way::Request, "PaymentRequest.coupon".to_owned())]);
}

/// A vendor folder and a server, for `run`.
fn workspace(scratch: &Scratch, allow: &str, fragment: &Value) {
    server_source(scratch);
    scratch.write("openapi/shop/sdk.toml", "crate = \"shop\"\ntitle = \"Shop\"\n");
    scratch.write("openapi/shop/api.json", &serde_json::to_string_pretty(fragment).unwrap());
    scratch.write("openapi/shop/import/server.toml", &config_text(allow));
}

const OPERATIONS_AND_FORMS: &str = r#"
[operations.createPayment]
request = "PaymentRequest"
response = "PaymentResponse"
reason = "the handler reads PaymentRequest and answers PaymentResponse"

[types.Secret]
wire = "inner"
reason = "a transparent wrapper"

[types."url::Url"]
wire = "string"
reason = "a URL as text"

[with."custom_serde::iso8601::option"]
wire = "option<string>"
reason = "a date-time string, or null"
"#;

/// The published spec with the corrections the fragments make, each with its note.
fn noted_fragment() -> Value {
    let mut fragment = spec();
    let response = &mut fragment["components"]["schemas"]["PaymentResponse"];
    response["properties"]["amount"] = json!({
        "type": "integer", "format": "int64",
        "x-deviation": {"reference": {"type": "string"}, "reason": "an integer on the server (payments.rs:42)"}
    });
    fragment
}

#[test]
fn run_counts_corrections_allows_reviewed_differences_and_fails_on_the_rest() {
    let scratch = Scratch::new("run");
    workspace(&scratch, "", &noted_fragment());
    let (report, clean) = super::run(&scratch.0, "shop", &scratch.0, true).unwrap();
    assert!(!clean, "{report}");
    assert!(report.contains("1 corrected by x-deviation notes"), "{report}");
    assert!(report.contains("corrected: type PaymentResponse.amount [response]"), "{report}");
    assert!(report.contains("unexplained: member-missing-on-server PaymentRequest.coupon [request]"), "{report}");
    assert!(report.ends_with("unexplained differences: 7"), "{report}");

    // Accepting every difference left makes it pass; an entry that matches nothing fails it.
    let allow_all = [
        ("PaymentRequest", "coupon", "member-missing-on-server"),
        ("PaymentRequest", "description", "optional-on-server"),
        ("PaymentResponse", "receipt_url", "may-be-absent"),
        ("PaymentResponse", "payment_method", "may-be-null"),
        ("PaymentResponse", "shipping", "member-missing-in-spec"),
        ("Status", "value:processing", "value-missing-in-spec"),
        ("NextAction", "variant:qr_code", "variant-missing-in-spec"),
    ]
    .iter()
    .map(|(model, member, kind)| {
        format!("[[allow]]\nmodel = \"{model}\"\nmember = \"{member}\"\nkind = \"{kind}\"\nreason = \"reviewed\"\n")
    })
    .collect::<Vec<_>>()
    .join("\n");
    let scratch = Scratch::new("run-allowed");
    workspace(&scratch, &allow_all, &noted_fragment());
    let (report, clean) = super::run(&scratch.0, "shop", &scratch.0, false).unwrap();
    assert!(clean, "{report}");
    assert!(report.contains("7 allowlisted, 0 unexplained"), "{report}");

    let stale = format!("{allow_all}\n[[allow]]\nmodel = \"Gone\"\nkind = \"type\"\nreason = \"no longer true\"\n");
    let scratch = Scratch::new("run-stale");
    workspace(&scratch, &stale, &noted_fragment());
    let (report, clean) = super::run(&scratch.0, "shop", &scratch.0, false).unwrap();
    assert!(!clean);
    assert!(report.contains("stale allowlist entry: type Gone."), "{report}");
}

#[test]
fn a_server_folder_without_the_crates_is_refused() {
    let scratch = Scratch::new("missing");
    workspace(&scratch, "", &spec());
    let elsewhere = Scratch::new("missing-server");
    let error = super::run(&scratch.0, "shop", &elsewhere.0, false).unwrap_err();
    assert!(error.to_string().contains("crates/shop_api/src/lib.rs"), "{error}");
}

#[test]
fn rename_all_follows_serde_for_fields_and_variants() {
    use super::source::case;
    assert_eq!(case::variant("ThreeDsInvoke", "snake_case"), "three_ds_invoke");
    assert_eq!(case::variant("ThreeDS", "snake_case"), "three_d_s");
    assert_eq!(case::variant("RequiresCapture", "SCREAMING_SNAKE_CASE"), "REQUIRES_CAPTURE");
    assert_eq!(case::variant("RequiresCapture", "kebab-case"), "requires-capture");
    assert_eq!(case::variant("RequiresCapture", "camelCase"), "requiresCapture");
    assert_eq!(case::variant("Card", "lowercase"), "card");
    assert_eq!(case::field("card_holder_name", "camelCase"), "cardHolderName");
    assert_eq!(case::field("card_holder_name", "PascalCase"), "CardHolderName");
    assert_eq!(case::field("card_holder_name", "SCREAMING-KEBAB-CASE"), "CARD-HOLDER-NAME");
}

/// Unions the way the server writes them: adjacent tagging against the spec's internal tag and
/// `data` member, an untagged string-or-object, and a custom function writing a string or an
/// object.
#[test]
fn union_forms_are_compared_by_what_they_put_on_the_wire() {
    let scratch = Scratch::new("unions");
    scratch.write(
        &format!("{CRATE}/src/lib.rs"),
        r#"
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Payment {
    pub recurring: Option<Recurring>,
    pub routing: Option<Choice>,
    #[serde(serialize_with = "serialize_method")]
    pub method: Option<Method>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Recurring {
    MandateId(String),
    Token(Token),
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Token { pub token: String }

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Choice {
    Name(String),
    Full { connector: String, account: Option<String> },
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Method { pub card: Option<String> }
"#,
    );
    let config = toml::from_str::<ServerConfig>(&format!(
        r#"
commit = "abc123"
crates = ["{CRATE}"]
features = []

[operations.getPayment]
response = "Payment"
reason = "answers Payment"

[with.serialize_method]
wire = "one_of<string, declared>"
reason = "a bare string or the object"
"#
    ))
    .unwrap();
    let variant = |tag: &str, data: Value| {
        json!({"type": "object", "required": ["type", "data"], "properties": {
            "type": {"type": "string", "enum": [tag]}, "data": data
        }})
    };
    let mut spec = json!({
        "openapi": "3.0.3",
        "info": {"title": "Shop", "version": "1"},
        "paths": {"/payments/{id}": {"get": {
            "operationId": "getPayment",
            "tags": ["Payments"],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the payment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Payment"}}}}}
        }}},
        "components": {"schemas": {
            "Payment": {"type": "object", "properties": {
                "recurring": {"$ref": "#/components/schemas/Recurring"},
                "routing": {"$ref": "#/components/schemas/Choice"},
                "method": {"allOf": [{"$ref": "#/components/schemas/Method"}], "nullable": true}
            }},
            "Recurring": {"oneOf": [
                variant("mandate_id", json!({"type": "string"})),
                variant("token", json!({"$ref": "#/components/schemas/Token"}))
            ], "discriminator": {"propertyName": "type"}},
            "Token": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}},
            "Choice": {"type": "object", "required": ["connector"], "properties": {
                "connector": {"type": "string"}, "account": {"type": "string", "nullable": true}
            }},
            "Method": {"type": "object", "properties": {"card": {"type": "string", "nullable": true}}}
        }}
    });
    let found = differences(spec.clone(), &config, &scratch.0);
    // Adjacent tagging matches the spec's `type` + `data`; the bare string forms do not fit an
    // object in a response.
    assert_eq!(
        found,
        [(Kind::Type, Way::Response, "Choice.".to_owned()), (Kind::Type, Way::Response, "Payment.method".to_owned()),]
    );

    // Spec both as unions of a string and an object: nothing left.
    spec["components"]["schemas"]["Choice"] = json!({"oneOf": [
        {"type": "string"},
        {"type": "object", "required": ["connector"], "properties": {
            "connector": {"type": "string"}, "account": {"type": "string", "nullable": true}
        }}
    ]});
    spec["components"]["schemas"]["Payment"]["properties"]["method"] =
        json!({"oneOf": [{"$ref": "#/components/schemas/Method"}, {"type": "string"}], "nullable": true});
    assert_eq!(differences(spec, &config, &scratch.0), []);
}
