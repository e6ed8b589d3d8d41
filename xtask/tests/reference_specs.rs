//! The generator maps every schema of the four vendors' reference specs with no diagnostic,
//! so no schema falls back to an untyped value unless it is free-form.
//!
//! The specs live outside the repository (`$PAYINTENT_REFERENCE_SPECS`, else
//! `../shared/reference-specs`); without them the test says so and skips.

use std::collections::BTreeMap;
use std::path::PathBuf;

use xtask::generate::config::{SchemeConfig, VendorConfig};
use xtask::generate::ir::model::{ModelKind, Ty};
use xtask::generate::load::{normalise, parse};
use xtask::generate::lower::lower;

fn reference_dir() -> Option<PathBuf> {
    xtask::spec::reference_specs_dir(&xtask::workspace_root())
}

fn config_for(document: &serde_json::Value) -> VendorConfig {
    let schemes = document["components"]["securitySchemes"].as_object().cloned().unwrap_or_default();
    let security: BTreeMap<String, SchemeConfig> = schemes
        .keys()
        .map(|name| {
            let setter = heck::ToSnakeCase::to_snake_case(name.as_str());
            (name.clone(), SchemeConfig { setter, prefix: None, doc: "a key".into() })
        })
        .collect();
    VendorConfig { crate_name: "reference".into(), title: "Reference".into(), security, ..VendorConfig::default() }
}

#[test]
fn every_reference_schema_maps_without_a_diagnostic() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipped: ../shared/reference-specs is not present on this machine");
        return;
    };
    for vendor in ["citypay", "payjpv2", "hyperswitch", "paytree"] {
        let path = dir.join(format!("{vendor}.seed-ops.json"));
        let mut document: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        normalise(&mut document);
        if vendor == "hyperswitch" {
            let refused = lower(vendor, &parse(document.clone()).unwrap(), &config_for(&document)).err().unwrap();
            assert_hyperswitch_path_templates_refused(&refused.to_string());
            declare_missing_path_parameters(&mut document);
        }
        let config = config_for(&document);
        let schema_count = document["components"]["schemas"].as_object().map_or(0, |schemas| schemas.len());
        let openapi = parse(document).unwrap();
        let ir = match lower(vendor, &openapi, &config) {
            Ok(ir) => ir,
            Err(error) => panic!("{vendor}: {error}"),
        };
        assert_eq!(ir.files.len(), schema_count, "{vendor}: one model file per schema");
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut free_form = 0;
        for model in ir.files.iter().flat_map(|file| &file.models) {
            let kind = match &model.kind {
                ModelKind::Struct(fields) => {
                    free_form += fields.iter().filter(|f| matches!(f.ty, Ty::Json | Ty::JsonObject)).count();
                    "struct"
                }
                ModelKind::Enum { .. } => "enum",
                ModelKind::ExternallyTagged(_) => "externally tagged",
                ModelKind::Tagged { .. } => "tagged",
                ModelKind::Untagged(_) => "untagged",
                ModelKind::Alias(_) => "alias",
            };
            *kinds.entry(kind).or_default() += 1;
        }
        let operations: usize = ir.classes.iter().map(|class| class.operations.len()).sum();
        eprintln!("{vendor}: {schema_count} schemas, {operations} operations, {kinds:?}, {free_form} free-form fields");
    }
}

/// Hyperswitch's spec puts `{payment_id}` in two paths without declaring it; the generator
/// refuses such a template by name rather than emitting a method that cannot fill it.
fn assert_hyperswitch_path_templates_refused(error: &str) {
    let lines: Vec<&str> = error.lines().skip(1).map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "#/paths/~1payments~1{payment_id}~1post_session_tokens/post: path template \
             `/payments/{payment_id}/post_session_tokens` names `{payment_id}` but the operation declares no such path parameter",
            "#/paths/~1payments~1{payment_id}~1update_metadata/post: path template \
             `/payments/{payment_id}/update_metadata` names `{payment_id}` but the operation declares no such path parameter",
        ]
    );
}

fn declare_missing_path_parameters(document: &mut serde_json::Value) {
    for path in ["/payments/{payment_id}/post_session_tokens", "/payments/{payment_id}/update_metadata"] {
        document["paths"][path]["post"]["parameters"] =
            serde_json::json!([{"name": "payment_id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    }
}

/// Importing Hyperswitch again from its published spec reproduces the committed fragments.
#[test]
fn the_hyperswitch_import_reproduces_the_committed_fragments() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipped: ../shared/reference-specs is not present on this machine");
        return;
    };
    let reference = dir.join("hyperswitch.full.json");
    let (report, clean) =
        xtask::spec::import::run(&xtask::workspace_root(), "hyperswitch", &reference, &[], true).unwrap();
    assert!(clean, "{report}");
}

#[test]
fn the_fragments_differ_from_each_reference_only_where_a_note_says_so() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipped: ../shared/reference-specs is not present on this machine");
        return;
    };
    let (report, clean) = xtask::spec::diff::run_all(&xtask::workspace_root(), Some(&dir)).unwrap();
    assert!(clean, "{report}");
    assert_eq!(report.matches("undocumented differences: 0").count(), 4, "{report}");
}
