//! Reading `openapi/<vendor>/`: the fragments are merged into one document (a schema defined
//! differently by two fragments stops generation), normalised, and parsed with `openapiv3`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Map, Value};

use crate::generate::config::VendorConfig;
use crate::generate::diag::token;

/// One vendor's inputs, merged and parsed.
#[derive(Debug)]
pub struct VendorSpec {
    /// Folder name under `openapi/` (`paytree`).
    pub vendor: String,
    /// The vendor's settings.
    pub config: VendorConfig,
    /// Fragment file names, in merge order.
    pub fragments: Vec<String>,
    /// The parsed, merged document.
    pub openapi: openapiv3::OpenAPI,
}

/// The file in each vendor folder holding its [`VendorConfig`].
pub const CONFIG_FILE: &str = "sdk.toml";

/// Every vendor folder under `openapi_dir`, sorted.
pub fn vendor_dirs(openapi_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in fs::read_dir(openapi_dir).with_context(|| format!("reading {}", openapi_dir.display()))? {
        let path = entry?.path();
        if path.join(CONFIG_FILE).is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Loads, merges and parses one vendor folder.
pub fn load_vendor(dir: &Path) -> anyhow::Result<VendorSpec> {
    let vendor = dir.file_name().and_then(|name| name.to_str()).context("vendor folder name")?.to_owned();
    let config_path = dir.join(CONFIG_FILE);
    let config: VendorConfig = toml::from_str(&fs::read_to_string(&config_path)?)
        .with_context(|| format!("reading {}", config_path.display()))?;

    let fragments = read_fragments(dir)?;
    let mut merged = merge(&fragments).with_context(|| format!("merging the fragments of openapi/{vendor}"))?;
    normalise(&mut merged);
    let openapi = parse(merged).with_context(|| format!("reading openapi/{vendor}"))?;
    Ok(VendorSpec { vendor, config, fragments: fragments.into_iter().map(|(name, _)| name).collect(), openapi })
}

/// The fragments (`*.json`) of one vendor folder, by file name, sorted.
pub fn read_fragments(dir: &Path) -> anyhow::Result<Vec<(String, Value)>> {
    let mut fragments = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
            let text = fs::read_to_string(&path)?;
            let value: Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
            fragments.push((name, value));
        }
    }
    fragments.sort_by(|a, b| a.0.cmp(&b.0));
    if fragments.is_empty() {
        bail!("{}: no OpenAPI fragment (*.json)", dir.display());
    }
    Ok(fragments)
}

/// Parses a merged document, naming the JSON path of the first unreadable construct.
pub fn parse(document: Value) -> anyhow::Result<openapiv3::OpenAPI> {
    serde_path_to_error::deserialize(document).map_err(|error| {
        anyhow::anyhow!("#/{} is not valid OpenAPI 3.0: {}", error.path().to_string().replace('.', "/"), error.inner())
    })
}

/// Merges fragments that each describe some operations of one API.
///
/// Paths, components and tags are united; `info`, `openapi` and root `security` come from the
/// first fragment and must agree in the others. An entry two fragments define differently is
/// an error naming both files and the first difference.
pub fn merge(fragments: &[(String, Value)]) -> anyhow::Result<Value> {
    let mut merged = Map::new();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for (file, fragment) in fragments {
        let Value::Object(fragment) = fragment else { bail!("{file}: not a JSON object") };
        for (key, value) in fragment {
            match key.as_str() {
                "paths" => merge_paths(&mut merged, &mut origin, file, value)?,
                "components" => {
                    let Value::Object(sections) = value else { bail!("{file}: `components` is not an object") };
                    for (section, entries) in sections {
                        let Value::Object(entries) = entries else { bail!("{file}: components/{section}") };
                        for (name, entry) in entries {
                            let pointer = format!("/components/{section}/{}", token(name));
                            insert_entry(&mut merged, &mut origin, file, &pointer, entry)?;
                        }
                    }
                }
                "tags" => {
                    let Value::Array(tags) = value else { bail!("{file}: `tags` is not an array") };
                    for tag in tags {
                        let name = tag.get("name").and_then(Value::as_str).unwrap_or_default();
                        insert_entry(&mut merged, &mut origin, file, &format!("/tags/{}", token(name)), tag)?;
                    }
                }
                "servers" => {
                    let servers = merged.entry("servers").or_insert_with(|| Value::Array(Vec::new()));
                    if let (Value::Array(known), Value::Array(new)) = (servers, value) {
                        for server in new {
                            if !known.contains(server) {
                                known.push(server.clone());
                            }
                        }
                    }
                }
                _ => insert_entry(&mut merged, &mut origin, file, &format!("/{}", token(key)), value)?,
            }
        }
    }
    // Tags were keyed by name while merging; OpenAPI wants a list.
    if let Some(Value::Object(tags)) = merged.remove("tags") {
        merged.insert("tags".into(), Value::Array(tags.into_values().collect()));
    }
    Ok(Value::Object(merged))
}

fn merge_paths(
    merged: &mut Map<String, Value>,
    origin: &mut BTreeMap<String, String>,
    file: &str,
    paths: &Value,
) -> anyhow::Result<()> {
    let Value::Object(paths) = paths else { bail!("{file}: `paths` is not an object") };
    for (path, item) in paths {
        let Value::Object(item) = item else { bail!("{file}: paths/{path} is not an object") };
        for (method, operation) in item {
            insert_entry(merged, origin, file, &format!("/paths/{}/{}", token(path), token(method)), operation)?;
        }
    }
    Ok(())
}

/// Puts `value` at `pointer` (creating objects on the way) unless an equal value is there.
fn insert_entry(
    merged: &mut Map<String, Value>,
    origin: &mut BTreeMap<String, String>,
    file: &str,
    pointer: &str,
    value: &Value,
) -> anyhow::Result<()> {
    let tokens: Vec<String> = pointer[1..].split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
    let Some((last, parents)) = tokens.split_last() else { bail!("empty pointer") };
    let mut object = merged;
    for parent in parents {
        object = match object.entry(parent.clone()).or_insert_with(|| Value::Object(Map::new())) {
            Value::Object(next) => next,
            _ => bail!("{file}: #{pointer} collides with a non-object"),
        };
    }
    match object.get(last) {
        None => {
            object.insert(last.clone(), value.clone());
            origin.insert(pointer.to_owned(), file.to_owned());
        }
        Some(existing) if existing == value => {}
        Some(existing) => {
            let first = origin.get(pointer).map(String::as_str).unwrap_or("an earlier fragment");
            let at = first_difference(existing, value, pointer);
            bail!("#{pointer} is defined differently in {first} and {file} (first difference at #{at})");
        }
    }
    Ok(())
}

/// The pointer of the first place where `a` and `b` differ.
pub fn first_difference(a: &Value, b: &Value, pointer: &str) -> String {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) if x == y => {}
                    (Some(x), Some(y)) => return first_difference(x, y, &format!("{pointer}/{}", token(key))),
                    _ => return format!("{pointer}/{}", token(key)),
                }
            }
            pointer.to_owned()
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(index, (x, y))| first_difference(x, y, &format!("{pointer}/{index}")))
            .unwrap_or_else(|| pointer.to_owned()),
        _ => pointer.to_owned(),
    }
}

/// What the document says in OpenAPI 3.1 terms that the 3.0 model would drop, rewritten so it
/// survives parsing: every reader of a vendor's document calls this before [`parse`].
pub fn normalise(document: &mut Value) {
    lower_const(document);
    describe_references(document);
}

/// `const` is an OpenAPI 3.1 keyword the 3.0 model drops; it becomes a one-value `enum`
/// marked `x-const`, so the constant survives parsing and maps to an open enum.
pub fn lower_const(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("const").is_some_and(|c| c.is_string() || c.is_number() || c.is_boolean())
                && let Some(constant) = object.remove("const")
            {
                object.insert("enum".into(), Value::Array(vec![constant]));
                object.insert("x-const".into(), Value::Bool(true));
            }
            object.values_mut().for_each(lower_const);
        }
        Value::Array(items) => items.iter_mut().for_each(lower_const),
        _ => {}
    }
}

/// A property that is a `$ref` with its own `description` beside it (OpenAPI 3.1 allows the
/// pair; the 3.0 model drops the description) becomes an `allOf` of that one reference holding
/// the description, which lowers to the same type and keeps the property's doc.
pub fn describe_references(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                for property in properties.values_mut() {
                    let Value::Object(member) = property else { continue };
                    if member.contains_key("$ref")
                        && member.contains_key("description")
                        && let Some(reference) = member.remove("$ref")
                    {
                        let reference = Value::Object(Map::from_iter([("$ref".to_owned(), reference)]));
                        member.insert("allOf".into(), Value::Array(vec![reference]));
                    }
                }
            }
            object.values_mut().for_each(describe_references);
        }
        Value::Array(items) => items.iter_mut().for_each(describe_references),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fragment(schema: Value) -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"Thing": schema}}
        })
    }

    #[test]
    fn identical_definitions_merge() {
        let a = fragment(json!({"type": "string"}));
        let merged = merge(&[("a.json".into(), a.clone()), ("b.json".into(), a)]).unwrap();
        assert_eq!(merged["components"]["schemas"]["Thing"], json!({"type": "string"}));
    }

    #[test]
    fn a_schema_defined_twice_differently_stops_with_both_files() {
        let a = fragment(json!({"type": "object", "properties": {"amount": {"type": "string", "pattern": "x"}}}));
        let b = fragment(json!({"type": "object", "properties": {"amount": {"type": "string", "pattern": "y"}}}));
        let error = merge(&[("a.json".into(), a), ("b.json".into(), b)]).unwrap_err().to_string();
        assert_eq!(
            error,
            "#/components/schemas/Thing is defined differently in a.json and b.json \
             (first difference at #/components/schemas/Thing/properties/amount/pattern)"
        );
    }

    #[test]
    fn operations_on_one_path_from_two_fragments_merge() {
        let get = json!({"openapi": "3.0.3", "paths": {"/x/": {"get": {"responses": {}}}}});
        let post = json!({"openapi": "3.0.3", "paths": {"/x/": {"post": {"responses": {}}}}});
        let merged = merge(&[("get.json".into(), get), ("post.json".into(), post)]).unwrap();
        let methods: Vec<&String> = merged["paths"]["/x/"].as_object().unwrap().keys().collect();
        assert_eq!(methods, ["get", "post"]);
    }

    #[test]
    fn const_becomes_a_marked_one_value_enum() {
        let mut schema =
            json!({"properties": {"const": {"type": "string"}, "object": {"const": "list", "type": "string"}}});
        lower_const(&mut schema);
        assert_eq!(schema["properties"]["object"], json!({"enum": ["list"], "type": "string", "x-const": true}));
        assert_eq!(schema["properties"]["const"], json!({"type": "string"}));
    }

    #[test]
    fn a_described_reference_keeps_its_description_in_an_all_of() {
        let mut schema = json!({"properties": {
            "currency": {"$ref": "#/components/schemas/Currency", "description": "The currency of the amounts."},
            "plain": {"$ref": "#/components/schemas/Currency"}
        }});
        describe_references(&mut schema);
        assert_eq!(
            schema["properties"]["currency"],
            json!({"allOf": [{"$ref": "#/components/schemas/Currency"}], "description": "The currency of the amounts."})
        );
        assert_eq!(schema["properties"]["plain"], json!({"$ref": "#/components/schemas/Currency"}));
    }
}
