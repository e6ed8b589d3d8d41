//! `cargo xtask diff-spec <vendor> <reference spec>`: every structural difference between
//! `openapi/<vendor>/` and a vendor's published spec, each either explained by an
//! `x-deviation` note in the fragments or reported as undocumented.
//!
//! Both documents are reduced to *facts*, one per path, operation, parameter, body, response,
//! media type, schema, property, type, `required` list, enum and constraint, keyed by the JSON
//! pointer where it sits. Prose (descriptions, titles, examples) and `x-` members are not facts.
//!
//! A note is checked by undoing it: putting back what it says the reference has. A difference
//! is documented when undoing the notes makes it disappear, so a note that misstates the
//! reference, or a vendor change nobody wrote down, both show up as undocumented.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::{Map, Value};

use crate::generate::diag::token;
use crate::generate::load;

/// Facts of one document: pointer (with a `:keyword` suffix for a keyword's value) → value.
pub type Facts = BTreeMap<String, String>;

/// One fact that the two documents do not share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, as a JSON pointer into our merged fragments (or the reference, for what only it has).
    pub key: String,
    /// The fact in `openapi/<vendor>/`, if any.
    pub ours: Option<String>,
    /// The fact in the reference spec, if any.
    pub reference: Option<String>,
}

/// An `x-deviation` note: where it sits, why, and how to put the reference back.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The pointer of the node carrying the note.
    pub pointer: String,
    /// The note's `reason`.
    pub reason: String,
    undo: Undo,
}

#[derive(Debug, Clone, PartialEq)]
enum Undo {
    /// The whole node differs; `None`: the reference does not have it.
    Replace(Option<Value>),
    /// One keyword of the node differs; `None`: the reference does not have the keyword.
    Keyword(String, Option<Value>),
    /// The node sits elsewhere in the reference (a path the gateway serves under another name).
    Move(String),
}

/// The outcome of comparing one vendor with one reference spec.
#[derive(Debug)]
pub struct Report {
    /// Differences the notes explain, with the reasons of the notes that explain each.
    pub documented: Vec<(Difference, Vec<String>)>,
    /// Differences left once every note is undone.
    pub undocumented: Vec<Difference>,
    /// How many notes the fragments carry.
    pub notes: usize,
    /// How many facts the reference has.
    pub reference_facts: usize,
}

/// Runs `diff-spec`; returns the report to print and whether every difference is documented.
pub fn run(root: &Path, vendor: &str, reference: &Path) -> anyhow::Result<(String, bool)> {
    let ours = fragments(root, vendor)?;
    let theirs = read_spec(reference)?;
    let report = compare(&ours, &theirs)?;
    Ok((render(vendor, &reference.display().to_string(), &report), report.undocumented.is_empty()))
}

/// The merged fragments of `vendor`.
fn fragments(root: &Path, vendor: &str) -> anyhow::Result<Value> {
    let dir = root.join("openapi").join(vendor);
    if !dir.join(load::CONFIG_FILE).is_file() {
        bail!("no vendor `{vendor}` under openapi/ (expected {})", dir.join(load::CONFIG_FILE).display());
    }
    load::merge(&load::read_fragments(&dir)?)
}

fn read_spec(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Runs `diff-spec --all`: every vendor against `<dir>/<vendor>.seed-ops.json`, the specs of the
/// operations the crates cover. The fragments also hold schemas no seed operation reaches (the
/// webhook bodies a vendor sends unasked): each is compared with its definition in the vendor's
/// whole spec, `<dir>/<vendor>.full.json`, when the folder has it. Without the folder it says so
/// and passes: the specs are not part of the repository.
pub fn run_all(root: &Path, dir: Option<&Path>) -> anyhow::Result<(String, bool)> {
    let Some(dir) = dir.map(Path::to_path_buf).or_else(|| super::reference_specs_dir(root)) else {
        return Ok((
            "diff-spec --all: skipped, no reference specs (set PAYINTENT_REFERENCE_SPECS or pass their folder)".into(),
            true,
        ));
    };
    let mut reports = Vec::new();
    let mut clean = true;
    for vendor_dir in load::vendor_dirs(&root.join("openapi"))? {
        let vendor = vendor_dir.file_name().and_then(|name| name.to_str()).context("vendor folder name")?;
        let reference = dir.join(format!("{vendor}.seed-ops.json"));
        if !reference.is_file() {
            reports.push(format!("diff-spec {vendor}: no {}", reference.display()));
            clean = false;
            continue;
        }
        let ours = fragments(root, vendor)?;
        let mut theirs = read_spec(&reference)?;
        let mut label = reference.display().to_string();
        let whole = dir.join(format!("{vendor}.full.json"));
        if whole.is_file() {
            let added = add_schemas_beyond_the_seed(&mut theirs, &read_spec(&whole)?, &ours);
            if !added.is_empty() {
                label = format!("{label} and, for {}, {}", added.join(", "), whole.display());
            }
        }
        let report = compare(&ours, &theirs)?;
        clean &= report.undocumented.is_empty();
        reports.push(render(vendor, &label, &report));
    }
    Ok((reports.join("\n\n"), clean))
}

/// Copies into `seed` the definition `whole` gives each schema the fragments (`ours`) hold and
/// `seed` lacks; returns their names. A schema neither spec defines stays a difference.
fn add_schemas_beyond_the_seed(seed: &mut Value, whole: &Value, ours: &Value) -> Vec<String> {
    let mut added = Vec::new();
    for name in members(ours.pointer("/components/schemas")).map(|(name, _)| name) {
        let pointer = format!("/components/schemas/{}", token(name));
        if seed.pointer(&pointer).is_some() {
            continue;
        }
        let Some(schema) = whole.pointer(&pointer) else { continue };
        if let Some(schemas) = seed.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
            schemas.insert(name.clone(), schema.clone());
            added.push(name.clone());
        }
    }
    added
}

/// Compares our merged fragments with a reference document.
pub fn compare(ours: &Value, reference: &Value) -> anyhow::Result<Report> {
    let notes = collect_notes(ours)?;
    let reference_facts = facts(reference);
    let raw = differences(&facts(ours), &reference_facts);

    let undone = undo_notes(ours, &notes)?;
    let undocumented = differences(&facts(&undone), &reference_facts);

    // Which note explains which difference: undo each note alone and see what it resolves.
    let mut reasons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for note in &notes {
        let mut alone = ours.clone();
        undo(&mut alone, note)?;
        let after = facts(&alone);
        for difference in &raw {
            if after.get(&difference.key) == reference_facts.get(&difference.key) {
                let listed = reasons.entry(difference.key.as_str()).or_default();
                if !listed.contains(&note.reason) {
                    listed.push(note.reason.clone());
                }
            }
        }
    }
    let documented = raw
        .iter()
        .filter(|difference| !undocumented.iter().any(|left| left.key == difference.key))
        .map(|difference| (difference.clone(), reasons.get(difference.key.as_str()).cloned().unwrap_or_default()))
        .collect();
    Ok(Report { documented, undocumented, notes: notes.len(), reference_facts: reference_facts.len() })
}

fn render(vendor: &str, reference: &str, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "diff-spec {vendor}: openapi/{vendor} against {} ({} facts; {} x-deviation notes here)",
        reference, report.reference_facts, report.notes
    );
    let _ = writeln!(out, "documented differences: {}", report.documented.len());
    let documented: Vec<&Difference> = report.documented.iter().map(|(difference, _)| difference).collect();
    for ((difference, reasons), within) in report.documented.iter().zip(fold(&documented)) {
        if let Some(within) = within {
            let _ = writeln!(out, "  {}{within}", describe(difference));
            for reason in reasons {
                let _ = writeln!(out, "      x-deviation: {reason}");
            }
        }
    }
    let _ = writeln!(out, "undocumented differences: {}", report.undocumented.len());
    let undocumented: Vec<&Difference> = report.undocumented.iter().collect();
    for (difference, within) in report.undocumented.iter().zip(fold(&undocumented)) {
        if let Some(within) = within {
            let _ = writeln!(out, "  {}{within}", describe(difference));
        }
    }
    if !report.undocumented.is_empty() {
        let _ = write!(
            out,
            "Each difference must be corrected in openapi/{vendor} or explained by an `x-deviation` note \
             ({{\"reference\": …, \"reason\": …}}) on the node that differs."
        );
    }
    out.trim_end().to_owned()
}

/// For each difference: `None` when it lies inside another one that exists on one side only
/// (a whole schema only here lists once), else a suffix counting the differences it holds.
fn fold(differences: &[&Difference]) -> Vec<Option<String>> {
    let one_sided: BTreeMap<&str, bool> = differences
        .iter()
        .filter(|difference| difference.ours.is_none() != difference.reference.is_none())
        .map(|difference| (difference.key.as_str(), difference.ours.is_some()))
        .collect();
    let mut held: BTreeMap<&str, usize> = BTreeMap::new();
    for difference in differences {
        if let Some(outer) = enclosing(&one_sided, difference) {
            *held.entry(outer).or_default() += 1;
        }
    }
    differences
        .iter()
        .map(|difference| match enclosing(&one_sided, difference) {
            Some(_) => None,
            None => Some(match held.get(difference.key.as_str()) {
                Some(1) => " and 1 fact inside it".to_owned(),
                Some(count) => format!(" and {count} facts inside it"),
                None => String::new(),
            }),
        })
        .collect()
}

/// The outermost enclosing key that exists on the same side only.
fn enclosing<'a>(one_sided: &BTreeMap<&str, bool>, difference: &'a Difference) -> Option<&'a str> {
    let key = difference.key.as_str();
    key.char_indices()
        .filter(|(at, c)| *at > 0 && (*c == '/' || *c == ':'))
        .map(|(at, _)| &key[..at])
        .find(|outer| one_sided.get(outer) == Some(&difference.ours.is_some()))
}

fn describe(difference: &Difference) -> String {
    match (&difference.ours, &difference.reference) {
        (Some(ours), None) => format!("#{}: only here ({ours})", difference.key),
        (None, Some(theirs)) => format!("#{}: only in the reference ({theirs})", difference.key),
        (Some(ours), Some(theirs)) => format!("#{}: here {ours}, in the reference {theirs}", difference.key),
        (None, None) => format!("#{}", difference.key),
    }
}

/// The facts two documents do not share, in key order.
pub fn differences(ours: &Facts, reference: &Facts) -> Vec<Difference> {
    let mut keys: Vec<&String> = ours.keys().chain(reference.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| ours.get(*key) != reference.get(*key))
        .map(|key| Difference {
            key: key.clone(),
            ours: ours.get(key).cloned(),
            reference: reference.get(key).cloned(),
        })
        .collect()
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Reduces an OpenAPI document to its structural facts.
pub fn facts(document: &Value) -> Facts {
    let mut facts = Facts::new();
    for (path, item) in members(document.get("paths")) {
        let at = format!("/paths/{}", token(path));
        facts.insert(at.clone(), "path".into());
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                operation_facts(document, &format!("{at}/{method}"), item.get("parameters"), operation, &mut facts);
            }
        }
    }
    // A scheme no operation names has no effect on the wire, so only the used ones are facts.
    let used = used_schemes(document);
    for (name, scheme) in
        members(document.pointer("/components/securitySchemes")).filter(|(name, _)| used.contains(name))
    {
        let described = ["type", "in", "name", "scheme"]
            .iter()
            .filter_map(|key| scheme.get(*key).and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        facts.insert(format!("/components/securitySchemes/{}", token(name)), described);
    }
    for (name, schema) in members(document.pointer("/components/schemas")) {
        let at = format!("/components/schemas/{}", token(name));
        facts.insert(at.clone(), "schema".into());
        schema_facts(schema, &at, &mut facts);
    }
    facts
}

fn used_schemes(document: &Value) -> Vec<&String> {
    let operations = members(document.get("paths"))
        .flat_map(|(_, item)| METHODS.iter().filter_map(|method| item.get(*method)))
        .filter_map(|operation| operation.get("security"));
    document
        .get("security")
        .into_iter()
        .chain(operations)
        .flat_map(|security| items(Some(security)))
        .flat_map(|requirement| members(Some(requirement)).map(|(name, _)| name))
        .collect()
}

fn members(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

fn items(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

/// Follows a local `$ref` (parameters, bodies and responses may be shared components).
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|target| target.strip_prefix('#'))
        .and_then(|pointer| document.pointer(pointer))
        .unwrap_or(value)
}

fn operation_facts(document: &Value, at: &str, shared: Option<&Value>, operation: &Value, facts: &mut Facts) {
    let id = operation.get("operationId").and_then(Value::as_str).unwrap_or("(no operationId)");
    facts.insert(at.to_owned(), format!("operation {id}"));
    if let Some(security) = operation.get("security") {
        let mut schemes: Vec<String> = items(Some(security))
            .map(|requirement| members(Some(requirement)).map(|(name, _)| name.as_str()).collect::<Vec<_>>().join("+"))
            .collect();
        schemes.sort();
        facts.insert(format!("{at}:security"), format!("[{}]", schemes.join(", ")));
    }
    for parameter in items(shared).chain(items(operation.get("parameters"))) {
        let parameter = resolve(document, parameter);
        let name = parameter.get("name").and_then(Value::as_str).unwrap_or_default();
        let location = parameter.get("in").and_then(Value::as_str).unwrap_or_default();
        let key = format!("{at}/parameters/{location}:{}", token(name));
        let required = parameter.get("required").and_then(Value::as_bool).unwrap_or(false);
        facts.insert(key.clone(), format!("{location} parameter, {}", presence(required)));
        if let Some(schema) = parameter.get("schema") {
            schema_facts(schema, &format!("{key}/schema"), facts);
        }
    }
    if let Some(body) = operation.get("requestBody") {
        let body = resolve(document, body);
        let required = body.get("required").and_then(Value::as_bool).unwrap_or(false);
        facts.insert(format!("{at}/requestBody"), format!("request body, {}", presence(required)));
        content_facts(body.get("content"), &format!("{at}/requestBody"), facts);
    }
    for (status, response) in members(operation.get("responses")) {
        let key = format!("{at}/responses/{}", token(status));
        facts.insert(key.clone(), "response".into());
        content_facts(resolve(document, response).get("content"), &key, facts);
    }
}

fn presence(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

fn content_facts(content: Option<&Value>, at: &str, facts: &mut Facts) {
    for (media, entry) in members(content) {
        let key = format!("{at}/content/{}", token(media));
        facts.insert(key.clone(), "media type".into());
        if let Some(schema) = entry.get("schema") {
            schema_facts(schema, &format!("{key}/schema"), facts);
        }
    }
}

/// Keywords whose value is a fact as written.
const CONSTRAINTS: [&str; 15] = [
    "const",
    "default",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

fn schema_facts(schema: &Value, at: &str, facts: &mut Facts) {
    let Some(schema) = schema.as_object() else {
        facts.insert(format!("{at}:schema"), schema.to_string());
        return;
    };
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        // OpenAPI 3.0 ignores the siblings of a `$ref`.
        facts.insert(format!("{at}:type"), format!("$ref {target}"));
        return;
    }
    let mut ty = match schema.get("type") {
        Some(Value::String(ty)) => ty.clone(),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("|"),
        _ => String::new(),
    };
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        ty = format!("{ty} ({format})").trim_start().to_owned();
    }
    if !ty.is_empty() {
        facts.insert(format!("{at}:type"), ty);
    }
    for flag in ["nullable", "readOnly", "writeOnly"] {
        if schema.get(flag) == Some(&Value::Bool(true)) {
            facts.insert(format!("{at}:{flag}"), "true".into());
        }
    }
    for keyword in CONSTRAINTS {
        if let Some(value) = schema.get(keyword) {
            facts.insert(format!("{at}:{keyword}"), value.to_string());
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        // The order of an enum's values carries no meaning.
        let mut values: Vec<String> = values.iter().map(Value::to_string).collect();
        values.sort();
        facts.insert(format!("{at}:enum"), format!("[{}]", values.join(", ")));
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        let mut names: Vec<&str> = required.iter().filter_map(Value::as_str).collect();
        names.sort_unstable();
        facts.insert(format!("{at}:required"), format!("[{}]", names.join(", ")));
    }
    for (name, property) in members(schema.get("properties")) {
        let key = format!("{at}/properties/{}", token(name));
        facts.insert(key.clone(), "property".into());
        schema_facts(property, &key, facts);
    }
    match schema.get("additionalProperties") {
        Some(Value::Bool(allowed)) => {
            facts.insert(format!("{at}:additionalProperties"), allowed.to_string());
        }
        Some(extra) => schema_facts(extra, &format!("{at}/additionalProperties"), facts),
        None => {}
    }
    for keyword in ["items", "not"] {
        if let Some(inner) = schema.get(keyword) {
            schema_facts(inner, &format!("{at}/{keyword}"), facts);
        }
    }
    for keyword in ["allOf", "oneOf", "anyOf"] {
        if let Some(members) = schema.get(keyword).and_then(Value::as_array) {
            facts.insert(format!("{at}:{keyword}"), format!("{} members", members.len()));
            for (index, member) in members.iter().enumerate() {
                schema_facts(member, &format!("{at}/{keyword}/{index}"), facts);
            }
        }
    }
    if let Some(discriminator) = schema.get("discriminator") {
        facts.insert(format!("{at}:discriminator"), discriminator.to_string());
    }
}

/// `document` as the vendor's spec has it: every `x-deviation` note undone.
pub fn reference_view(document: &Value) -> anyhow::Result<Value> {
    undo_notes(document, &collect_notes(document)?)
}

fn undo_notes(document: &Value, notes: &[Note]) -> anyhow::Result<Value> {
    let mut undone = document.clone();
    for note in notes {
        undo(&mut undone, note).with_context(|| format!("undoing the x-deviation note at #{}", note.pointer))?;
    }
    Ok(undone)
}

/// Every `x-deviation` note in `document`, deepest first so undoing one never moves another.
pub fn collect_notes(document: &Value) -> anyhow::Result<Vec<Note>> {
    let mut notes = Vec::new();
    walk_notes(document, String::new(), &mut notes)?;
    notes.sort_by(|a, b| deepest_first(&a.pointer, &b.pointer));
    Ok(notes)
}

fn walk_notes(value: &Value, pointer: String, notes: &mut Vec<Note>) -> anyhow::Result<()> {
    match value {
        Value::Object(object) => {
            if let Some(note) = object.get("x-deviation") {
                notes.push(parse_note(note, &pointer)?);
            }
            for (key, inner) in object {
                if key != "x-deviation" && !key.starts_with("x-") {
                    walk_notes(inner, format!("{pointer}/{}", token(key)), notes)?;
                }
            }
        }
        Value::Array(values) => {
            for (index, inner) in values.iter().enumerate() {
                walk_notes(inner, format!("{pointer}/{index}"), notes)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn parse_note(note: &Value, pointer: &str) -> anyhow::Result<Note> {
    let reason = note.get("reason").and_then(Value::as_str).unwrap_or_default().trim().to_owned();
    if reason.is_empty() {
        bail!("the x-deviation note at #{pointer} gives no `reason`");
    }
    let undo = if let Some(from) = note.get("moved-from") {
        let from = from.as_str().with_context(|| format!("#{pointer}: `moved-from` is not a pointer"))?;
        Undo::Move(from.to_owned())
    } else {
        let reference = note
            .get("reference")
            .with_context(|| format!("the x-deviation note at #{pointer} says neither `reference` nor `moved-from`"))?;
        let reference = (!reference.is_null()).then(|| reference.clone());
        match note.get("keyword").and_then(Value::as_str) {
            Some(keyword) => Undo::Keyword(keyword.to_owned(), reference),
            None => Undo::Replace(reference),
        }
    };
    check_decodes_reference(note, &undo, pointer)?;
    Ok(Note { pointer: pointer.to_owned(), reason, undo })
}

/// `"decodes-reference": true` asks the generator to decode the reference's shape as well. It
/// changes nothing in the fragment's structure, so undoing the note is the same with or without
/// it; it only makes sense where the reference is a whole schema to decode.
fn check_decodes_reference(note: &Value, undo: &Undo, pointer: &str) -> anyhow::Result<()> {
    match note.get("decodes-reference") {
        None | Some(Value::Bool(false)) => Ok(()),
        Some(Value::Bool(true)) if matches!(undo, Undo::Replace(Some(_))) => Ok(()),
        Some(Value::Bool(true)) => bail!(
            "the x-deviation note at #{pointer} says `decodes-reference` without a whole `reference` schema to decode"
        ),
        Some(other) => {
            bail!("the x-deviation note at #{pointer}: `decodes-reference` must be true or false, not {other}")
        }
    }
}

fn tokens(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

/// Deeper pointers first; within one array, higher indices first.
fn deepest_first(a: &str, b: &str) -> Ordering {
    let (a, b) = (tokens(a), tokens(b));
    b.len().cmp(&a.len()).then_with(|| {
        for (x, y) in a.iter().zip(&b) {
            let order = match (x.parse::<usize>(), y.parse::<usize>()) {
                (Ok(x), Ok(y)) => y.cmp(&x),
                _ => y.cmp(x),
            };
            if order != Ordering::Equal {
                return order;
            }
        }
        Ordering::Equal
    })
}

/// Puts back what `note` says the reference has.
fn undo(document: &mut Value, note: &Note) -> anyhow::Result<()> {
    match &note.undo {
        Undo::Replace(Some(reference)) => {
            *document.pointer_mut(&note.pointer).context("the note's node is gone")? = reference.clone();
        }
        Undo::Replace(None) => {
            take(document, &note.pointer)?;
        }
        Undo::Keyword(keyword, reference) => {
            let node = document.pointer_mut(&note.pointer).and_then(Value::as_object_mut).context("not an object")?;
            match reference {
                Some(reference) => node.insert(keyword.clone(), reference.clone()),
                None => node.remove(keyword),
            };
        }
        Undo::Move(from) => {
            let node = take(document, &note.pointer)?;
            put(document, from, node)?;
        }
    }
    Ok(())
}

/// Removes and returns the node at `pointer`.
fn take(document: &mut Value, pointer: &str) -> anyhow::Result<Value> {
    let (parent, last) = pointer.rsplit_once('/').context("the root cannot be removed")?;
    let last = last.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(object)) => object.remove(&last).context("no such member"),
        Some(Value::Array(values)) => {
            let index: usize = last.parse().context("not an array index")?;
            (index < values.len()).then(|| values.remove(index)).context("no such element")
        }
        _ => bail!("#{parent} is not a container"),
    }
}

/// Inserts `node` at `pointer`, creating objects on the way.
fn put(document: &mut Value, pointer: &str, node: Value) -> anyhow::Result<()> {
    let tokens = tokens(pointer);
    let Some((last, parents)) = tokens.split_last() else { bail!("cannot replace the root") };
    let mut here = document;
    for parent in parents {
        let Value::Object(object) = here else { bail!("#{pointer} crosses a non-object") };
        here = object.entry(parent.clone()).or_insert_with(|| Value::Object(Map::new()));
    }
    let Value::Object(object) = here else { bail!("#{pointer} crosses a non-object") };
    object.insert(last.clone(), node);
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec(amount: Value) -> Value {
        json!({
            "openapi": "3.0.3",
            "paths": {"/v1/pay": {"post": {
                "operationId": "pay",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pay"}}}},
                "responses": {"200": {"description": "ok"}}
            }}},
            "components": {"schemas": {"Pay": {
                "type": "object", "required": ["amount"], "description": "prose is not a fact",
                "properties": {"amount": amount, "status": {"type": "string", "enum": ["a", "b"]}}
            }}}
        })
    }

    #[test]
    fn identical_structure_with_different_prose_has_no_difference() {
        let mut ours = spec(json!({"type": "integer", "description": "ours"}));
        ours["info"] = json!({"title": "anything"});
        let report = compare(&ours, &spec(json!({"type": "integer"}))).expect("compare");
        assert!(report.documented.is_empty() && report.undocumented.is_empty(), "{report:?}");
    }

    #[test]
    fn an_undocumented_type_change_is_reported_with_both_sides() {
        let ours = spec(json!({"type": "integer", "format": "int64"}));
        let report = compare(&ours, &spec(json!({"type": "integer", "format": "int32"}))).expect("compare");
        assert_eq!(
            report.undocumented,
            vec![Difference {
                key: "/components/schemas/Pay/properties/amount:type".into(),
                ours: Some("integer (int64)".into()),
                reference: Some("integer (int32)".into()),
            }]
        );
    }

    #[test]
    fn a_note_that_states_the_reference_documents_the_difference() {
        let ours = spec(json!({
            "type": "integer", "format": "int64",
            "x-deviation": {"reference": {"type": "integer", "format": "int32"}, "reason": "12 digits"}
        }));
        let report = compare(&ours, &spec(json!({"type": "integer", "format": "int32"}))).expect("compare");
        assert!(report.undocumented.is_empty(), "{report:?}");
        assert_eq!(report.documented.len(), 1);
        assert_eq!(report.documented[0].1, vec!["12 digits".to_owned()]);
    }

    #[test]
    fn a_note_that_misstates_the_reference_leaves_the_difference_undocumented() {
        let ours = spec(json!({
            "type": "integer", "format": "int64",
            "x-deviation": {"reference": {"type": "number"}, "reason": "wrong"}
        }));
        let report = compare(&ours, &spec(json!({"type": "integer", "format": "int32"}))).expect("compare");
        assert_eq!(report.undocumented.len(), 1, "{report:?}");
        assert_eq!(report.undocumented[0].reference.as_deref(), Some("integer (int32)"));
    }

    #[test]
    fn enum_values_required_lists_and_properties_are_facts() {
        let theirs = spec(json!({"type": "integer"}));
        let mut ours = theirs.clone();
        ours["components"]["schemas"]["Pay"]["properties"]["status"]["enum"] = json!(["b", "a", "c"]);
        ours["components"]["schemas"]["Pay"]["required"] = json!(["amount", "status"]);
        ours["components"]["schemas"]["Pay"]["properties"]["extra"] = json!({"type": "string"});
        let report = compare(&ours, &theirs).expect("compare");
        let keys: Vec<&str> = report.undocumented.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "/components/schemas/Pay/properties/extra",
                "/components/schemas/Pay/properties/extra:type",
                "/components/schemas/Pay/properties/status:enum",
                "/components/schemas/Pay:required",
            ]
        );
    }

    #[test]
    fn keyword_removal_and_moved_paths_are_undone() {
        let theirs = spec(json!({"type": "integer"}));
        let mut ours = theirs.clone();
        let item = ours["paths"].as_object_mut().and_then(|paths| paths.remove("/v1/pay")).expect("path");
        ours["paths"]["/v2/pay"] = item;
        ours["paths"]["/v2/pay"]["x-deviation"] = json!({"moved-from": "/paths/~1v1~1pay", "reason": "served here"});
        ours["paths"]["/v2/pay"]["post"]["responses"]["200"]["content"] = json!({"application/json": {"schema": {}}});
        ours["paths"]["/v2/pay"]["post"]["responses"]["200"]["x-deviation"] =
            json!({"keyword": "content", "reference": null, "reason": "has a body"});
        let report = compare(&ours, &theirs).expect("compare");
        assert!(report.undocumented.is_empty(), "{report:?}");
        assert!(
            report.documented.iter().any(|(d, reasons)| d.key == "/paths/~1v2~1pay" && reasons == &["served here"])
        );
    }

    #[test]
    fn parameters_are_keyed_by_location_and_name() {
        let mut theirs = spec(json!({"type": "integer"}));
        theirs["paths"]["/v1/pay"]["post"]["parameters"] =
            json!([{"name": "id", "in": "query", "required": true, "schema": {"type": "string"}}]);
        let mut ours = theirs.clone();
        ours["paths"]["/v1/pay"]["post"]["parameters"][0]["required"] = json!(false);
        let report = compare(&ours, &theirs).expect("compare");
        assert_eq!(report.undocumented.len(), 1);
        assert_eq!(report.undocumented[0].key, "/paths/~1v1~1pay/post/parameters/query:id");
    }

    #[test]
    fn a_note_that_decodes_the_reference_too_is_undone_like_any_other() {
        let theirs = spec(json!({"type": "number", "format": "double"}));
        let ours = spec(json!({
            "type": "string", "format": "decimal",
            "x-deviation": {"reference": {"type": "number", "format": "double"}, "decodes-reference": true, "reason": "page"}
        }));
        let report = compare(&ours, &theirs).expect("compare");
        assert!(report.undocumented.is_empty(), "{report:?}");
        assert_eq!(report.documented.len(), 1);
        assert_eq!(report.documented[0].1, ["page"]);
    }

    #[test]
    fn decodes_reference_needs_a_whole_reference_schema() {
        for note in [
            json!({"keyword": "format", "reference": "double", "decodes-reference": true, "reason": "r"}),
            json!({"reference": null, "decodes-reference": true, "reason": "r"}),
            json!({"reference": {"type": "number"}, "decodes-reference": "yes", "reason": "r"}),
        ] {
            let ours = spec(json!({"type": "string", "x-deviation": note.clone()}));
            let error = compare(&ours, &ours).expect_err(&note.to_string());
            assert!(format!("{error:#}").contains("decodes-reference"), "{error:#}");
        }
    }

    #[test]
    fn schemas_beyond_the_seed_are_compared_with_the_whole_spec() {
        let seed = spec(json!({"type": "integer"}));
        let mut whole = seed.clone();
        whole["components"]["schemas"]["Event"] = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        whole["components"]["schemas"]["Unused"] = json!({"type": "string"});
        whole["components"]["schemas"]["Pay"] = json!({"type": "string"});
        let mut ours = seed.clone();
        ours["components"]["schemas"]["Event"] = json!({"type": "object", "properties": {"id": {"type": "integer"}}});
        ours["components"]["schemas"]["Ours"] = json!({"type": "string"});

        let mut reference = seed.clone();
        assert_eq!(add_schemas_beyond_the_seed(&mut reference, &whole, &ours), ["Event"]);
        assert_eq!(reference["components"]["schemas"]["Pay"], seed["components"]["schemas"]["Pay"], "the seed wins");
        assert!(reference["components"]["schemas"].get("Unused").is_none(), "only what the fragments hold");
        let report = compare(&ours, &reference).expect("compare");
        let keys: Vec<&str> = report.undocumented.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "/components/schemas/Event/properties/id:type",
                "/components/schemas/Ours",
                "/components/schemas/Ours:type"
            ]
        );
    }

    #[test]
    fn a_note_without_a_reason_is_refused() {
        let ours = spec(json!({"type": "integer", "x-deviation": {"reference": null}}));
        assert!(compare(&ours, &ours).is_err());
    }
}
