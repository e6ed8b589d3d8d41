//! `cargo xtask server-diff <vendor> <server source>`: the crate's models against the server's
//! own Rust types.
//!
//! A vendor's spec is a claim; its server is the fact. This reads the server's types with `syn`
//! ([`source`]), applies their serde attributes ([`wire`]), and compares what the server writes
//! and reads with what the crate's models decode and send ([`compare`]), for every schema the
//! operations reach, requests and responses.
//!
//! It runs twice: once on the fragments as they are, once on the fragments with every
//! `x-deviation` note undone (the vendor's published spec). A difference found in the published
//! spec but no longer in the fragments was corrected by a note. What is left must be listed in
//! the review allowlist of `openapi/<vendor>/import/server.toml`, with a reason; anything else is
//! unexplained and fails the command, and so does an allowlist entry that matches nothing.

pub mod compare;
pub mod config;
pub mod crate_side;
pub mod server_side;
pub mod source;
pub mod wire;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, bail};

use self::compare::{Comparison, Difference, Kind, Walker};
use self::config::{Allowed, ServerConfig};
use self::crate_side::Crate;
use self::server_side::Server;
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::{Direction, Field, Model, ModelKind};
use crate::generate::ir::operation::{OperationIr, Param, Taken};
use crate::generate::load;
use crate::generate::lower;

/// Runs the check; returns the report and whether nothing is unexplained.
pub fn run(root: &Path, vendor: &str, server_dir: &Path, list: bool) -> anyhow::Result<(String, bool)> {
    let openapi_dir = root.join("openapi");
    let dir = openapi_dir.join(vendor);
    if !dir.join(load::CONFIG_FILE).is_file() {
        bail!("no vendor `{vendor}` under openapi/");
    }
    let config = config::load(&openapi_dir, vendor)?;
    for krate in &config.crates {
        if !server_dir.join(krate).join("src/lib.rs").is_file() {
            bail!("{} has no {krate}/src/lib.rs: pass the root of the server's source", server_dir.display());
        }
    }
    let definitions = source::read(server_dir, &source::Build { crates: &config.crates, features: &config.features })?;
    let server = Server { definitions: &definitions, config: &config };

    let vendor_config: crate::generate::config::VendorConfig =
        toml::from_str(&std::fs::read_to_string(dir.join(load::CONFIG_FILE))?)?;
    let ours = load::merge(&load::read_fragments(&dir)?)?;
    let mut published = crate::spec::diff::reference_view(&ours)?;
    describe_responses(&mut published);
    let current = compare_document(vendor, ours, &vendor_config, &server).context("the fragments")?;
    let original = compare_document(vendor, published, &vendor_config, &server).context("the published spec")?;

    let outcome = Outcome::judge(&current, &original, &config);
    let report = render(vendor, server_dir, &config, &definitions, &current, &outcome, list);
    Ok((report, outcome.unexplained.is_empty() && outcome.stale.is_empty()))
}

/// OpenAPI requires a `description` on every response; the published view has the spec's prose
/// stripped, so an empty one stands in where our own docs do not reach.
fn describe_responses(document: &mut serde_json::Value) {
    let operations = document["paths"].as_object_mut().into_iter().flat_map(|paths| paths.values_mut());
    for responses in operations
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("responses").and_then(serde_json::Value::as_object_mut))
    {
        for response in responses.values_mut().filter_map(serde_json::Value::as_object_mut) {
            response.entry("description").or_insert_with(|| serde_json::Value::String(String::new()));
        }
    }
}

/// Lowers one document as far as it goes and compares every model the operations reach.
fn compare_document(
    vendor: &str,
    mut document: serde_json::Value,
    vendor_config: &crate::generate::config::VendorConfig,
    server: &Server,
) -> anyhow::Result<Comparison> {
    load::normalise(&mut document);
    let openapi = load::parse(document)?;
    let (lowered, _) = lower::lower_as_far_as_possible(vendor, &openapi, vendor_config)?;
    Ok(compare_lowered(&lowered, server))
}

/// Compares from the operations (what each handler reads and answers), then the models
/// `[models]` names, then every reached component schema no operation led to, by name.
pub fn compare_lowered(lowered: &VendorIr, server: &Server) -> Comparison {
    let operations: Vec<&OperationIr> = lowered.classes.iter().flat_map(|class| &class.operations).collect();
    let query_models: Vec<(String, Model)> = operations
        .iter()
        .filter_map(|operation| query_model(operation).map(|model| (operation.id.clone(), model)))
        .collect();
    let krate = Crate::new(
        lowered
            .files
            .iter()
            .flat_map(|file| &file.models)
            .chain(lowered.classes.iter().flat_map(|class| &class.models))
            .chain(query_models.iter().map(|(_, model)| model)),
    );
    let mut walker = Walker::new(&krate, server);
    for operation in &operations {
        let query = query_models.iter().find(|(id, _)| *id == operation.id).map(|(_, model)| model);
        walker.operation(operation, query);
    }
    for (name, source) in &server.config.models {
        match krate.model(name) {
            Some(model) => walker.mapped(model, &source.rust),
            None => walker.unmapped(name, "[models] names a model the crate does not have"),
        }
    }
    let components: Vec<&Model> = lowered.files.iter().filter_map(|file| file.models.first()).collect();
    for model in &components {
        walker.unreached(model);
    }
    walker.count_schemas(components);
    walker.comparison.operations = operations.len();
    walker.comparison
}

/// The query parameters an operation lists one by one, as one request model.
fn query_model(operation: &OperationIr) -> Option<Model> {
    let params: Vec<&Param> = operation.query_params.iter().filter(|param| param.taken != Taken::Object).collect();
    if params.is_empty() {
        return None;
    }
    let fields = params
        .into_iter()
        .map(|param| Field::plain(param.name.clone(), param.rust.clone(), param.ty.clone(), param.required))
        .collect();
    Some(Model {
        name: format!("{} (query)", operation.id),
        schema: String::new(),
        pointer: String::new(),
        doc: None,
        kind: ModelKind::Struct(fields),
        direction: Direction { request: true, response: false },
    })
}

/// Each difference of the fragments, judged.
#[derive(Debug, Default)]
struct Outcome<'a> {
    /// Found against the published spec, gone from the fragments.
    corrected: Vec<&'a Difference>,
    /// Left, and accepted by the allowlist (with the entry).
    allowed: Vec<(&'a Difference, &'a Allowed)>,
    /// Left, and not accepted.
    unexplained: Vec<&'a Difference>,
    /// Allowlist entries that match no difference.
    stale: Vec<&'a Allowed>,
}

impl<'a> Outcome<'a> {
    fn judge(current: &'a Comparison, original: &'a Comparison, config: &'a ServerConfig) -> Self {
        let mut outcome = Outcome::default();
        for difference in &original.differences {
            if !current.differences.iter().any(|left| left.key() == difference.key()) {
                outcome.corrected.push(difference);
            }
        }
        let mut used = vec![false; config.allow.len()];
        for difference in &current.differences {
            let entry = config.allow.iter().enumerate().find(|(_, entry)| {
                entry.model == difference.model
                    && entry.member == difference.member
                    && entry.kind == difference.kind.name()
            });
            match entry {
                Some((index, entry)) => {
                    used[index] = true;
                    outcome.allowed.push((difference, entry));
                }
                None => outcome.unexplained.push(difference),
            }
        }
        outcome.stale = config.allow.iter().zip(used).filter(|(_, used)| !used).map(|(entry, _)| entry).collect();
        outcome
    }
}

fn by_kind<'d>(differences: impl IntoIterator<Item = &'d Difference>) -> String {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for difference in differences {
        *counts.entry(difference.kind).or_default() += 1;
    }
    if counts.is_empty() {
        return "none".into();
    }
    counts.iter().map(|(kind, count)| format!("{kind} {count}")).collect::<Vec<_>>().join(", ")
}

fn line(difference: &Difference) -> String {
    let member = if difference.member.is_empty() { String::new() } else { format!(".{}", difference.member) };
    let at = difference.location.as_ref().map(|location| format!(" ({location})")).unwrap_or_default();
    let pointer = if difference.pointer.is_empty() { String::new() } else { format!(" at {}", difference.pointer) };
    format!(
        "{} {}{member} [{}]: spec {}, server {}{at}{pointer}",
        difference.kind, difference.model, difference.way, difference.spec, difference.server
    )
}

fn render(
    vendor: &str,
    server_dir: &Path,
    config: &ServerConfig,
    definitions: &wire::Definitions,
    current: &Comparison,
    outcome: &Outcome,
    list: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "server-diff {vendor}: {} (server commit {})", server_dir.display(), config.commit);
    let _ = writeln!(
        out,
        "  read {} type definitions from {} crates, features {}",
        definitions.by_key.len(),
        config.crates.len(),
        config.features.iter().cloned().collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        out,
        "  compared {} operations, {} schemas ({} models), {} facts; {} facts where the spec allows more than the server does (not differences)",
        current.operations, current.schemas, current.models, current.facts, current.looser
    );
    let total = outcome.corrected.len() + current.differences.len();
    let _ = writeln!(
        out,
        "  {total} differences from the published spec: {} corrected by x-deviation notes, {} allowlisted, {} unexplained",
        outcome.corrected.len(),
        outcome.allowed.len(),
        outcome.unexplained.len()
    );
    let _ = writeln!(out, "  corrected by kind: {}", by_kind(outcome.corrected.iter().copied()));
    let _ =
        writeln!(out, "  allowlisted by kind: {}", by_kind(outcome.allowed.iter().map(|(difference, _)| *difference)));
    if list {
        for difference in &outcome.corrected {
            let _ = writeln!(out, "  corrected: {}", line(difference));
        }
        for (difference, entry) in &outcome.allowed {
            let _ = writeln!(out, "  allowed: {}\n      because {}", line(difference), entry.reason);
        }
    }
    for difference in &outcome.unexplained {
        let _ = writeln!(out, "  unexplained: {}", line(difference));
    }
    for entry in &outcome.stale {
        let _ = writeln!(
            out,
            "  stale allowlist entry: {} {}.{} matches no difference",
            entry.kind, entry.model, entry.member
        );
    }
    let _ = write!(out, "unexplained differences: {}", outcome.unexplained.len() + outcome.stale.len());
    out
}
