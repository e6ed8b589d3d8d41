//! `cargo xtask import <vendor> <reference-spec> [operation ids…]`: copies the facts of a
//! vendor's published spec into `openapi/<vendor>/` and leaves its prose behind.
//!
//! The inputs are the reference spec and `openapi/<vendor>/import/overlay.json`:
//!
//! - `operations`: the operation ids to import (the command line may name them instead);
//! - `models`: schemas kept although no operation reaches them (a webhook body, which the
//!   vendor sends on its own), with every schema they reach. A schema that only a note's
//!   `reference` names is dropped unless listed here;
//! - `corrections`: RFC 6902 operations, each with a `reason`, that make the fragments say
//!   what the vendor's server does where the spec says otherwise. Each leaves an
//!   `x-deviation` note (the spec's original and the reason) where it applies;
//! - `docs`: our own `summary` / `description` for the places a user needs one (and the
//!   response descriptions OpenAPI requires).
//!
//! The output is one `components.json` and one fragment per operation. Importing again from
//! the same inputs reproduces them byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use json_patch::PatchOperation;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::generate::lower::naming;

/// `openapi/<vendor>/import/overlay.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Operation ids to import.
    #[serde(default)]
    pub operations: Vec<String>,
    /// Schemas kept, with everything they reach, although no operation leads to them.
    #[serde(default)]
    pub models: Vec<String>,
    /// Corrections applied after the facts are copied.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Our own documentation, by JSON pointer.
    #[serde(default)]
    pub docs: BTreeMap<String, Docs>,
}

/// One correction: an RFC 6902 operation and why it is right.
#[derive(Debug, Deserialize)]
pub struct Correction {
    /// The operation.
    #[serde(flatten)]
    pub operation: PatchOperation,
    /// Why the vendor's server needs it (kept in the fragment's `x-deviation`).
    pub reason: String,
}

/// Documentation for one object.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
}

/// Where the overlay of `vendor` lives.
pub fn overlay_path(openapi_dir: &Path, vendor: &str) -> PathBuf {
    openapi_dir.join(vendor).join("import").join("overlay.json")
}

/// Keys that hold prose (or examples), never facts.
const PROSE: &[&str] = &["description", "summary", "example", "examples", "externalDocs"];

/// Keys whose value maps names to objects: their keys are names, not keywords.
const NAME_MAPS: &[&str] =
    &["properties", "paths", "responses", "content", "schemas", "securitySchemes", "headers", "encoding", "links"];

/// The fragments for `operations` of `reference`, relative to `openapi/<vendor>/`.
pub fn import(reference: &Value, overlay: &Overlay, operations: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    let mut document = select(reference, operations)?;
    strip_prose(&mut document, false);
    for (index, correction) in overlay.corrections.iter().enumerate() {
        correct(&mut document, correction).with_context(|| format!("correction {index} ({})", correction.reason))?;
    }
    for (pointer, docs) in &overlay.docs {
        let target = document
            .pointer_mut(pointer)
            .and_then(Value::as_object_mut)
            .ok_or_else(|| anyhow::anyhow!("docs for {pointer}: no object there"))?;
        if let Some(summary) = &docs.summary {
            target.insert("summary".into(), Value::String(summary.clone()));
        }
        if let Some(description) = &docs.description {
            target.insert("description".into(), Value::String(description.clone()));
        }
    }
    prune_schemas(&mut document, &overlay.models)?;
    split(&document)
}

/// The selected operations with everything they reference.
fn select(reference: &Value, operations: &[String]) -> anyhow::Result<Value> {
    let wanted: BTreeSet<&str> = operations.iter().map(String::as_str).collect();
    let mut found = BTreeSet::new();
    let mut paths = Map::new();
    for (path, item) in reference["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else { continue };
            if wanted.contains(id) {
                found.insert(id);
                let entry = paths.entry(path.clone()).or_insert_with(|| json!({}));
                entry[method] = operation.clone();
            }
        }
    }
    let missing: Vec<&&str> = wanted.iter().filter(|id| !found.contains(**id)).collect();
    if !missing.is_empty() {
        bail!("the reference has no operation {missing:?}");
    }
    let mut used_schemes = BTreeSet::new();
    for operation in paths.values().flat_map(|item| item.as_object().into_iter().flatten().map(|(_, op)| op)) {
        let security = operation.get("security").or(reference.get("security"));
        for requirement in security.and_then(Value::as_array).into_iter().flatten() {
            used_schemes.extend(requirement.as_object().into_iter().flatten().map(|(name, _)| name.clone()));
        }
    }
    let schemes: Map<String, Value> = reference["components"]["securitySchemes"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, _)| used_schemes.contains(*name))
        .map(|(name, scheme)| (name.clone(), scheme.clone()))
        .collect();
    let info = &reference["info"];
    Ok(json!({
        "openapi": reference["openapi"],
        "info": {"title": info["title"], "version": info["version"]},
        "servers": reference.get("servers").cloned().unwrap_or(json!([])),
        "paths": paths,
        "components": {"securitySchemes": schemes, "schemas": reference["components"]["schemas"]},
    }))
}

/// Removes prose keys from keyword objects (schemas, operations, parameters, …), leaving
/// members that merely share such a name (a property called `description`) alone.
fn strip_prose(value: &mut Value, names: bool) {
    match value {
        Value::Object(object) => {
            if !names {
                object.retain(|key, _| !PROSE.contains(&key.as_str()));
            }
            for (key, child) in object.iter_mut() {
                strip_prose(child, !names && NAME_MAPS.contains(&key.as_str()));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip_prose(item, false)),
        _ => {}
    }
}

/// Applies one correction and leaves its `x-deviation` note: on the value it puts in place
/// when that is an object, otherwise on the object that holds it.
fn correct(document: &mut Value, correction: &Correction) -> anyhow::Result<()> {
    let mut target = correction.operation.path().to_string();
    let original = document.pointer(&target).cloned();
    json_patch::patch(document, std::slice::from_ref(&correction.operation))?;
    // `-` appends to an array: the note goes on the item that was appended.
    if let Some(array) = target.strip_suffix("/-") {
        let appended =
            document.pointer(array).and_then(Value::as_array).map_or(0, |items| items.len().saturating_sub(1));
        target = format!("{array}/{appended}");
    }
    let (note_at, note) = match &correction.operation {
        PatchOperation::Move(moved) => {
            (target.clone(), json!({"moved-from": moved.from.to_string(), "reason": correction.reason}))
        }
        // A map of names (`content`, `properties`, …) cannot hold a note among its entries.
        PatchOperation::Add(_) | PatchOperation::Replace(_)
            if document.pointer(&target).is_some_and(Value::is_object)
                && !NAME_MAPS.contains(&unescape(target.rsplit('/').next().unwrap_or_default()).as_str()) =>
        {
            (target.clone(), json!({"reference": original, "reason": correction.reason}))
        }
        _ => {
            let (parent, keyword) = target.rsplit_once('/').unwrap_or(("", &target));
            (
                parent.to_owned(),
                json!({"keyword": unescape(keyword), "reference": original, "reason": correction.reason}),
            )
        }
    };
    let holder = document
        .pointer_mut(&note_at)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| anyhow::anyhow!("no object at {note_at} to hold the note"))?;
    match holder.get_mut("x-deviation") {
        Some(Value::Array(notes)) => notes.push(note),
        Some(existing) => *existing = Value::Array(vec![existing.take(), note]),
        None => {
            holder.insert("x-deviation".into(), note);
        }
    }
    Ok(())
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Keeps only the schemas the operations or the extra `models` reach. The corrections are
/// applied by then, so a schema a correction no longer references is dropped.
fn prune_schemas(document: &mut Value, models: &[String]) -> anyhow::Result<()> {
    let schemas = document["components"]["schemas"].take();
    let all = schemas.as_object().cloned().unwrap_or_default();
    if let Some(missing) = models.iter().find(|name| !all.contains_key(*name)) {
        bail!("`models` names {missing}, which the reference does not define");
    }
    let mut reached = BTreeSet::new();
    let mut queue: Vec<String> = references(&document["paths"]);
    queue.extend(models.iter().cloned());
    while let Some(name) = queue.pop() {
        if let Some(schema) = all.get(&name)
            && reached.insert(name)
        {
            queue.extend(references(schema));
        }
    }
    let kept: Map<String, Value> = all.into_iter().filter(|(name, _)| reached.contains(name)).collect();
    document["components"]["schemas"] = Value::Object(kept);
    Ok(())
}

/// The schemas `value` references, outside `x-deviation` notes.
fn references(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get("$ref")
                    && let Some(name) = reference.strip_prefix("#/components/schemas/")
                {
                    out.push(name.to_owned());
                }
                if let Some(Value::Object(mapping)) = object.get("mapping") {
                    out.extend(
                        mapping
                            .values()
                            .filter_map(Value::as_str)
                            .filter_map(|r| r.strip_prefix("#/components/schemas/"))
                            .map(str::to_owned),
                    );
                }
                // A note's `reference` is what the spec said before a correction: a schema only
                // it names is no longer used.
                stack.extend(object.iter().filter(|(key, _)| *key != "x-deviation").map(|(_, value)| value));
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// `components.json` and one fragment per operation, pretty-printed.
fn split(document: &Value) -> anyhow::Result<Vec<(String, String)>> {
    let head = |paths: Value, components: Value| {
        let mut fragment = json!({
            "openapi": document["openapi"],
            "info": document["info"],
            "servers": document["servers"],
            "paths": paths,
        });
        if !components.is_null() {
            fragment["components"] = components;
        }
        fragment
    };
    let mut files = vec![("components.json".to_owned(), head(json!({}), document["components"].clone()))];
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        let Some(methods) = item.as_object() else { continue };
        for (method, operation) in methods.iter().filter(|(key, _)| !key.starts_with("x-")) {
            let id = operation.get("operationId").and_then(Value::as_str).unwrap_or(method);
            let mut item = Map::new();
            item.insert(method.clone(), operation.clone());
            // A note about the path item itself (a moved path) travels with its operation.
            if let Some(note) = methods.get("x-deviation") {
                item.insert("x-deviation".into(), note.clone());
            }
            let mut paths = Map::new();
            paths.insert(path.clone(), Value::Object(item));
            files.push((
                format!("{}.json", naming::bare(&naming::member_name(id))),
                head(Value::Object(paths), Value::Null),
            ));
        }
    }
    files.into_iter().map(|(name, value)| Ok((name, format!("{}\n", serde_json::to_string_pretty(&value)?)))).collect()
}

/// Runs the import for `vendor`; with `check`, compares instead of writing.
pub fn run(
    root: &Path,
    vendor: &str,
    reference: &Path,
    operations: &[String],
    check: bool,
) -> anyhow::Result<(String, bool)> {
    let openapi_dir = root.join("openapi");
    let overlay_file = overlay_path(&openapi_dir, vendor);
    let overlay: Overlay = serde_json::from_str(
        &std::fs::read_to_string(&overlay_file).with_context(|| format!("reading {}", overlay_file.display()))?,
    )
    .with_context(|| format!("parsing {}", overlay_file.display()))?;
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(reference).with_context(|| format!("reading {}", reference.display()))?,
    )?;
    let operations = if operations.is_empty() { overlay.operations.clone() } else { operations.to_vec() };
    let fragments = import(&reference, &overlay, &operations)?;
    let mut output = crate::generate::write::Output::default();
    let dir = PathBuf::from("openapi").join(vendor);
    for (name, text) in fragments {
        output.files.insert(dir.join(name), text);
    }
    let changes = crate::generate::write::apply(root, &output, check)?;
    let stale: Vec<PathBuf> = existing_fragments(&root.join(&dir))?
        .into_iter()
        .filter(|path| !output.files.contains_key(&dir.join(path.file_name().unwrap_or_default())))
        .collect();
    let changed: Vec<String> = changes.changed.iter().map(|path| format!("  {}", path.display())).collect();
    let clean = changed.is_empty() && stale.is_empty();
    let mut report = format!(
        "cargo xtask import {vendor}: {} fragments, {} {}",
        output.files.len(),
        changed.len(),
        if check { "differ" } else { "written" }
    );
    for line in changed.iter().chain(
        stale
            .iter()
            .map(|path| format!("  {} (not produced by the import)", path.display()))
            .collect::<Vec<_>>()
            .iter(),
    ) {
        report.push('\n');
        report.push_str(line);
    }
    Ok((report, clean))
}

fn existing_fragments(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "Demo", "version": "1", "description": "long prose"},
            "servers": [{"url": "https://demo.test", "description": "Sandbox"}],
            "paths": {
                "/{id}/finish": {"post": {
                    "operationId": "Finish", "summary": "prose", "tags": ["Things"],
                    "parameters": [],
                    "responses": {"200": {"description": "prose", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
                    "security": [{"key": []}]
                }},
                "/other": {"get": {"operationId": "Other", "responses": {"200": {"description": "x"}}}}
            },
            "components": {
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "api-key", "description": "prose"}, "unused": {"type": "apiKey", "in": "header", "name": "x"}},
                "schemas": {
                    "Thing": {"type": "object", "description": "prose", "properties": {"description": {"type": "string", "description": "prose", "example": "x"}, "part": {"$ref": "#/components/schemas/Part"}}},
                    "Part": {"type": "string", "enum": ["a"]},
                    "Unreached": {"type": "string"}
                }
            }
        })
    }

    fn overlay(corrections: Value) -> Overlay {
        serde_json::from_value(json!({
            "operations": ["Finish"],
            "corrections": corrections,
            "docs": {"/paths/~1things~1{id}~1finish/post/responses/200": {"description": "The thing, finished."}}
        }))
        .unwrap()
    }

    #[test]
    fn copies_facts_drops_prose_and_notes_every_correction() {
        let corrections = json!([
            {"op": "move", "from": "/paths/~1{id}~1finish", "path": "/paths/~1things~1{id}~1finish", "reason": "served under /things"},
            {"op": "add", "path": "/paths/~1things~1{id}~1finish/post/parameters/0", "value": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, "reason": "the path names {id}"}
        ]);
        let files = import(&reference(), &overlay(corrections), &["Finish".to_owned()]).unwrap();
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["components.json", "finish.json"]);

        let components: Value = serde_json::from_str(&files[0].1).unwrap();
        let schemas = components["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Thing", "Part"], "unreached schemas are dropped");
        assert_eq!(
            components["components"]["schemas"]["Thing"],
            json!({"type": "object", "properties": {"description": {"type": "string"}, "part": {"$ref": "#/components/schemas/Part"}}})
        );
        assert_eq!(
            components["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "in": "header", "name": "api-key"}})
        );
        assert_eq!(components["info"], json!({"title": "Demo", "version": "1"}));

        let operation: Value = serde_json::from_str(&files[1].1).unwrap();
        let item = &operation["paths"]["/things/{id}/finish"];
        assert_eq!(
            item["x-deviation"],
            json!({"moved-from": "/paths/~1{id}~1finish", "reason": "served under /things"})
        );
        assert_eq!(item["post"]["responses"]["200"]["description"], "The thing, finished.");
        assert!(item["post"].get("summary").is_none());
        assert_eq!(
            item["post"]["parameters"][0]["x-deviation"],
            json!({"reference": null, "reason": "the path names {id}"})
        );
    }

    #[test]
    fn a_note_never_lands_among_the_names_of_a_map() {
        let corrections = json!([
            {"op": "add", "path": "/paths/~1{id}~1finish/post/responses/200/headers", "value": {"X-Trace": {"schema": {"type": "string"}}}, "reason": "traced"}
        ]);
        let mut overlay = overlay(corrections);
        overlay.docs.clear();
        let files = import(&reference(), &overlay, &["Finish".to_owned()]).unwrap();
        let operation: Value = serde_json::from_str(&files[1].1).unwrap();
        let response = &operation["paths"]["/{id}/finish"]["post"]["responses"]["200"];
        assert!(response["headers"].get("x-deviation").is_none());
        assert_eq!(response["x-deviation"], json!({"keyword": "headers", "reference": null, "reason": "traced"}));
    }

    #[test]
    fn a_replaced_scalar_is_noted_on_its_holder() {
        let corrections = json!([
            {"op": "replace", "path": "/paths/~1{id}~1finish/post/tags", "value": ["Other"], "reason": "regrouped"}
        ]);
        let mut overlay = overlay(corrections);
        overlay.docs.clear();
        let files = import(&reference(), &overlay, &["Finish".to_owned()]).unwrap();
        let operation: Value = serde_json::from_str(&files[1].1).unwrap();
        let post = &operation["paths"]["/{id}/finish"]["post"];
        assert_eq!(post["x-deviation"], json!({"keyword": "tags", "reference": ["Things"], "reason": "regrouped"}));
    }

    #[test]
    fn extra_models_are_kept_with_what_they_reach_once_corrected() {
        let mut reference = reference();
        let schemas = reference["components"]["schemas"].as_object_mut().unwrap();
        schemas.insert(
            "Notice".into(),
            json!({"type": "object", "properties": {
                "detail": {"$ref": "#/components/schemas/Detail"},
                "raw": {"$ref": "#/components/schemas/Raw"}
            }}),
        );
        schemas.insert("Detail".into(), json!({"type": "string"}));
        schemas.insert("Raw".into(), json!({"type": "integer"}));
        let mut overlay = overlay(json!([
            {"op": "replace", "path": "/components/schemas/Notice/properties/raw", "value": {}, "reason": "kept free-form"}
        ]));
        overlay.docs.clear();
        overlay.models = vec!["Notice".into()];
        let files = import(&reference, &overlay, &["Finish".to_owned()]).unwrap();
        let components: Value = serde_json::from_str(&files[0].1).unwrap();
        let kept: Vec<&String> = components["components"]["schemas"].as_object().unwrap().keys().collect();
        assert_eq!(kept, ["Thing", "Part", "Notice", "Detail"], "Raw is referenced only before the correction");
        assert_eq!(
            components["components"]["schemas"]["Notice"]["properties"]["raw"],
            json!({"x-deviation": {"reference": {"$ref": "#/components/schemas/Raw"}, "reason": "kept free-form"}})
        );

        overlay.models = vec!["Missing".into()];
        let error = import(&reference, &overlay, &["Finish".to_owned()]).unwrap_err();
        assert!(error.to_string().contains("`models` names Missing"), "{error}");
    }

    #[test]
    fn an_unknown_operation_is_an_error() {
        let error = import(&reference(), &overlay(json!([])), &["Nope".to_owned()]).unwrap_err();
        assert!(error.to_string().contains("Nope"), "{error}");
    }
}
