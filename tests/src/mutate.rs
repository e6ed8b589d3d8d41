//! Schema-guided mutation of valid responses, for the decoding property tests.
//!
//! [`Schemas`] reads a vendor's `openapi/` fragments; [`sites`] walks a valid payload alongside
//! its schema and lists what may be changed and how. Mutations come in two kinds:
//!
//! - **allowed** ([`Allowed`]): what the schema permits a gateway to send — an unknown member in
//!   any object, an enum value the SDK has never seen, `null` or absence where a property is
//!   optional (or nullable), integers at the edge of their declared range. Each must decode.
//! - **hostile** ([`Hostile`]): what no schema permits — wrong types, integers beyond 64 bits,
//!   thousands of nested arrays, nulls anywhere, truncated or corrupted text. Each must fail
//!   cleanly or decode; never panic, never overflow the stack.
//!
//! Below a `oneOf`/`anyOf` with several branches the walker does not know which branch a value
//! follows, so it allows only unknown members there.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value, json};

/// The component schemas of one vendor's fragments, merged.
#[derive(Debug)]
pub struct Schemas {
    schemas: Map<String, Value>,
}

impl Schemas {
    /// Reads every `openapi/<vendor>/*.json` fragment.
    pub fn load(vendor: &str) -> Self {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi").join(vendor);
        let mut schemas = Map::new();
        let mut entries: Vec<_> = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let document: Value =
                serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            if let Some(Value::Object(found)) = document.pointer("/components/schemas") {
                schemas.extend(found.clone());
            }
        }
        Self { schemas }
    }

    /// The schema named `name`, as a reference.
    pub fn named(&self, name: &str) -> Value {
        assert!(self.schemas.contains_key(name), "no schema `{name}`");
        json!({ "$ref": format!("#/components/schemas/{name}") })
    }

    /// What the walker needs of `schema`: references followed, `allOf` merged, a union with
    /// one non-null branch read as that branch made nullable.
    fn view(&self, schema: &Value) -> View {
        let mut view = View::default();
        self.merge(schema, &mut view, 0);
        view
    }

    fn merge(&self, schema: &Value, view: &mut View, depth: usize) {
        if depth > 64 {
            return;
        }
        let Value::Object(schema) = schema else { return };
        if let Some(Value::String(reference)) = schema.get("$ref") {
            let name = reference.rsplit('/').next().unwrap_or_default();
            if let Some(target) = self.schemas.get(name) {
                self.merge(target, view, depth + 1);
            }
        }
        if schema.get("nullable") == Some(&Value::Bool(true)) {
            view.nullable = true;
        }
        match schema.get("type") {
            Some(Value::String(kind)) => view.kind = Some(kind.clone()),
            Some(Value::Array(kinds)) => {
                view.nullable |= kinds.iter().any(|kind| kind == "null");
                view.kind = kinds.iter().filter_map(Value::as_str).find(|kind| *kind != "null").map(str::to_owned);
            }
            _ => {}
        }
        view.format = schema.get("format").and_then(Value::as_str).map(str::to_owned).or(view.format.take());
        view.is_enum |= schema.contains_key("enum") || schema.contains_key("const");
        view.minimum = schema.get("minimum").and_then(Value::as_i64).or(view.minimum);
        view.maximum = schema.get("maximum").and_then(Value::as_i64).or(view.maximum);
        if let Some(Value::Object(properties)) = schema.get("properties") {
            view.properties.extend(properties.clone());
        }
        if let Some(Value::Array(required)) = schema.get("required") {
            view.required.extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => view.closed = true,
            Some(Value::Object(values)) if !values.is_empty() => view.map_values = Some(Value::Object(values.clone())),
            _ => {}
        }
        if let Some(items) = schema.get("items") {
            view.items = Some(items.clone());
        }
        if let Some(Value::Array(members)) = schema.get("allOf") {
            for member in members {
                self.merge(member, view, depth + 1);
            }
        }
        for union in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = schema.get(union) {
                let (nulls, others): (Vec<&Value>, Vec<&Value>) = branches.iter().partition(|branch| is_null(branch));
                view.nullable |= !nulls.is_empty();
                match others.as_slice() {
                    [only] => self.merge(only, view, depth + 1),
                    _ => view.union = true,
                }
            }
        }
    }
}

fn is_null(schema: &Value) -> bool {
    schema.get("type").is_some_and(|kind| kind == "null")
        || schema.get("enum").is_some_and(|values| values == &json!([null]))
}

/// One schema, as far as mutations care.
#[derive(Debug, Default)]
struct View {
    kind: Option<String>,
    format: Option<String>,
    nullable: bool,
    is_enum: bool,
    minimum: Option<i64>,
    maximum: Option<i64>,
    properties: Map<String, Value>,
    required: BTreeSet<String>,
    /// `additionalProperties: false`.
    closed: bool,
    /// The schema of a map's values.
    map_values: Option<Value>,
    items: Option<Value>,
    /// Several non-null branches: which one a value follows is not known here.
    union: bool,
}

/// Where a payload may be changed, and which allowed changes each place takes.
#[derive(Debug, Default, Clone)]
pub struct Sites {
    /// Objects that accept an unknown member.
    pub objects: Vec<String>,
    /// Values that may be `null`.
    pub nullable: Vec<String>,
    /// Members that may be absent: (object, member).
    pub optional: Vec<(String, String)>,
    /// String enum values.
    pub enums: Vec<String>,
    /// Integers, with the range their schema allows.
    pub integers: Vec<(String, i64, i64)>,
    /// Every value, for hostile changes.
    pub all: Vec<String>,
}

impl Sites {
    /// How many allowed places there are.
    pub fn allowed(&self) -> usize {
        self.objects.len() + self.nullable.len() + self.optional.len() + self.enums.len() + self.integers.len()
    }
}

/// Lists the places of `value` (which follows `schema`) that mutations may touch.
pub fn sites(schemas: &Schemas, schema: &Value, value: &Value) -> Sites {
    let mut sites = Sites::default();
    walk(schemas, Some(schema), value, String::new(), &mut sites, 0);
    sites
}

fn walk(schemas: &Schemas, schema: Option<&Value>, value: &Value, pointer: String, sites: &mut Sites, depth: usize) {
    sites.all.push(pointer.clone());
    let view = schema.map(|schema| schemas.view(schema)).filter(|view| !view.union && depth < 64);
    match value {
        Value::Object(members) => {
            let free = view.as_ref().is_none_or(|view| view.map_values.is_none() && !view.closed);
            if free {
                sites.objects.push(pointer.clone());
            }
            for (name, member) in members {
                let at = format!("{pointer}/{}", escape(name));
                let member_schema = view.as_ref().and_then(|view| {
                    view.properties.get(name).or(view.map_values.as_ref()).map(|schema| (schema.clone(), view))
                });
                if let Some((member_schema, parent)) = &member_schema {
                    let known = parent.properties.contains_key(name);
                    let optional = known && !parent.required.contains(name);
                    if optional {
                        sites.optional.push((pointer.clone(), name.clone()));
                    }
                    if optional || schemas.view(member_schema).nullable {
                        sites.nullable.push(at.clone());
                    }
                }
                walk(schemas, member_schema.as_ref().map(|(schema, _)| schema), member, at, sites, depth + 1);
            }
        }
        Value::Array(items) => {
            let item_schema = view.as_ref().and_then(|view| view.items.clone());
            for (index, item) in items.iter().enumerate() {
                walk(schemas, item_schema.as_ref(), item, format!("{pointer}/{index}"), sites, depth + 1);
            }
        }
        Value::String(_) if view.as_ref().is_some_and(|view| view.is_enum) => sites.enums.push(pointer),
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            if let Some(view) = view.filter(|view| view.kind.as_deref() == Some("integer")) {
                let (low, high) = match view.format.as_deref() {
                    Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
                    _ => (i64::MIN, i64::MAX),
                };
                sites.integers.push((
                    pointer,
                    view.minimum.unwrap_or(low).max(low),
                    view.maximum.unwrap_or(high).min(high),
                ));
            }
        }
        _ => {}
    }
}

/// JSON Pointer escaping of one member name.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// A change the schema allows.
#[derive(Debug, Clone)]
pub enum Allowed {
    /// Adds a member the SDK does not know, with any JSON value.
    UnknownMember(Index, Value),
    /// Replaces an enum value with one the SDK has never seen.
    UnknownEnumValue(Index),
    /// Sets an optional or nullable value to `null`.
    Null(Index),
    /// Removes an optional member.
    Absent(Index),
    /// Sets an integer to the lowest or highest value its schema allows.
    IntegerEdge(Index, bool),
}

/// A change no schema allows.
#[derive(Debug, Clone)]
pub enum Hostile {
    /// Replaces a value with one of another JSON type.
    WrongType(Index, Value),
    /// Replaces a value with an integer literal no 64-bit type holds.
    HugeInteger(Index, usize),
    /// Replaces a value with `depth` nested arrays or objects.
    DeepNesting(Index, usize, bool),
    /// Replaces any value with `null`.
    Null(Index),
}

/// Any JSON value, a few levels deep.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |number| number.is_finite()).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Any allowed change.
pub fn allowed() -> impl Strategy<Value = Allowed> {
    prop_oneof![
        (any::<Index>(), any_json()).prop_map(|(at, value)| Allowed::UnknownMember(at, value)),
        any::<Index>().prop_map(Allowed::UnknownEnumValue),
        any::<Index>().prop_map(Allowed::Null),
        any::<Index>().prop_map(Allowed::Absent),
        (any::<Index>(), any::<bool>()).prop_map(|(at, high)| Allowed::IntegerEdge(at, high)),
    ]
}

/// Any hostile change.
pub fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        (any::<Index>(), any_json()).prop_map(|(at, value)| Hostile::WrongType(at, value)),
        (any::<Index>(), 0..HUGE_INTEGERS.len()).prop_map(|(at, which)| Hostile::HugeInteger(at, which)),
        (any::<Index>(), 100..20_000usize, any::<bool>())
            .prop_map(|(at, depth, arrays)| Hostile::DeepNesting(at, depth, arrays)),
        any::<Index>().prop_map(Hostile::Null),
    ]
}

/// Integer literals outside every 64-bit type, or at its very edge.
const HUGE_INTEGERS: [&str; 6] = [
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "123456789012345678901234567890123456789",
    "1e400",
    "-0.0e-400",
];

/// The name unknown members get: no schema of the four vendors uses it.
pub const UNKNOWN_MEMBER: &str = "zz_added_by_the_gateway";
/// The enum value unknown values get.
pub const UNKNOWN_ENUM_VALUE: &str = "zz_new_status";

/// Applies `changes` to `value` in order; returns the enum values it made unknown (their
/// pointers), which must survive a decode and encode. A change whose place a previous change
/// removed is skipped.
pub fn apply_allowed(value: &mut Value, sites: &Sites, changes: &[Allowed]) -> Vec<String> {
    let mut unknown_enums = Vec::new();
    for change in changes {
        match change {
            Allowed::UnknownMember(at, member) => {
                if let Some(Value::Object(object)) =
                    pick(&sites.objects, at).and_then(|pointer| value.pointer_mut(pointer))
                {
                    object.insert(UNKNOWN_MEMBER.to_owned(), member.clone());
                }
            }
            Allowed::UnknownEnumValue(at) => {
                if let Some(pointer) = pick(&sites.enums, at)
                    && let Some(target @ Value::String(_)) = value.pointer_mut(pointer)
                {
                    *target = Value::from(UNKNOWN_ENUM_VALUE);
                    unknown_enums.push(pointer.clone());
                }
            }
            Allowed::Null(at) => {
                if let Some(target) = pick(&sites.nullable, at).and_then(|pointer| value.pointer_mut(pointer)) {
                    *target = Value::Null;
                }
            }
            Allowed::Absent(at) => {
                if let Some((object, member)) = pick(&sites.optional, at)
                    && let Some(Value::Object(object)) = value.pointer_mut(object)
                {
                    object.remove(member);
                }
            }
            Allowed::IntegerEdge(at, high) => {
                if let Some((pointer, low, top)) = pick(&sites.integers, at)
                    && let Some(target @ Value::Number(_)) = value.pointer_mut(pointer)
                {
                    *target = Value::from(if *high { *top } else { *low });
                }
            }
        }
    }
    // A later change may have removed what an earlier one made unknown.
    unknown_enums.retain(|pointer| value.pointer(pointer) == Some(&Value::from(UNKNOWN_ENUM_VALUE)));
    unknown_enums
}

/// Applies `changes` to `value` and returns the JSON text, where huge integers and deep nesting
/// are spliced in as text (they are not representable as a `serde_json::Value`).
pub fn apply_hostile(mut value: Value, sites: &Sites, changes: &[Hostile]) -> String {
    let mut splices = Vec::new();
    for change in changes {
        let (at, replacement) = match change {
            Hostile::WrongType(at, other) => (at, other.clone()),
            Hostile::Null(at) => (at, Value::Null),
            Hostile::HugeInteger(at, which) => {
                splices.push(HUGE_INTEGERS[*which].to_owned());
                (at, Value::from(format!("\u{1}splice{}\u{1}", splices.len() - 1)))
            }
            Hostile::DeepNesting(at, depth, arrays) => {
                let (open, close) = if *arrays { ("[", "]") } else { ("{\"a\":", "}") };
                splices.push(format!("{}1{}", open.repeat(*depth), close.repeat(*depth)));
                (at, Value::from(format!("\u{1}splice{}\u{1}", splices.len() - 1)))
            }
        };
        if let Some(target) = pick(&sites.all, at).and_then(|pointer| value.pointer_mut(pointer)) {
            *target = replacement;
        }
    }
    let mut text = value.to_string();
    for (index, splice) in splices.iter().enumerate() {
        text = text.replace(&format!("\"\\u0001splice{index}\\u0001\""), splice);
    }
    text
}

/// Corrupts JSON text the way a broken connection or proxy might: cut short, or one byte changed.
pub fn corrupt(text: &str, cut: Index, flip: Option<(Index, u8)>) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    if let Some((at, byte)) = flip
        && !bytes.is_empty()
    {
        let at = at.index(bytes.len());
        bytes[at] = byte;
    } else {
        bytes.truncate(cut.index(bytes.len() + 1));
    }
    bytes
}

fn pick<'a, T>(places: &'a [T], at: &Index) -> Option<&'a T> {
    (!places.is_empty()).then(|| at.get(places))
}

/// One payload a vendor's decoder must handle: a fixture, the schema it follows, and the
/// decoder (which returns the decoded value encoded again).
pub struct Case {
    /// File in `tests/fixtures/<vendor>/`.
    pub fixture: &'static str,
    /// Component schema the fixture follows.
    pub schema: &'static str,
    /// Decodes a body as the client would, and encodes the result again.
    pub decode: fn(&[u8]) -> Result<Value, payintent_runtime::BodyError>,
    /// Where decoding fails, tracked step by step while decoding (the client finds the path
    /// after a failure instead; both must agree).
    pub tracked_path: fn(&[u8]) -> Option<String>,
}

/// A [`Case`] decoding `$fixture` as `$ty` (whose schema has the same name).
#[macro_export]
macro_rules! decoding_case {
    ($ty:ty, $fixture:literal) => {
        $crate::mutate::Case {
            fixture: $fixture,
            schema: stringify!($ty),
            decode: $crate::mutate::decode_json::<$ty>,
            tracked_path: $crate::mutate::tracked_path::<$ty>,
        }
    };
}

/// Decodes a JSON body as `T` the way the client does, and encodes the result again.
pub fn decode_json<T: serde::de::DeserializeOwned + serde::Serialize>(
    body: &[u8],
) -> Result<Value, payintent_runtime::BodyError> {
    payintent_runtime::decode_body::<T>(Some("application/json"), body)
        .map(|decoded| serde_json::to_value(decoded).expect("a decoded value encodes"))
}

/// The path of a failure to decode `body` as `T` when the JSON is well formed but not a `T`, as
/// `serde_path_to_error` tracks it. `None` when it decodes, or when the JSON itself is broken:
/// there the client names the member it last read, where the tracker names the one it had
/// not begun.
pub fn tracked_path<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) if error.inner().classify() != serde_json::error::Category::Data => None,
        Err(error) if error.path().iter().next().is_none() => Some(String::new()),
        Err(error) => Some(error.path().to_string()),
        Ok(_) => None,
    }
}

/// What one vendor's property run did.
#[derive(Debug, Default)]
pub struct Figures {
    /// Allowed-mutation cases run, each 1 to 8 changes.
    pub allowed_cases: u32,
    /// Places allowed changes could touch, over all fixtures.
    pub allowed_sites: usize,
    /// Unknown enum values that were decoded and encoded back unchanged.
    pub unknown_enums_kept: u32,
    /// Hostile cases run.
    pub hostile_cases: u32,
    /// Hostile cases that still decoded (the change happened to fit the type).
    pub hostile_decoded: u32,
    /// Hostile cases refused with an error.
    pub hostile_refused: u32,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} allowed cases over {} mutable places (all decoded; {} unknown enum values kept), {} hostile cases \
             ({} decoded, {} refused with an error, 0 panics)",
            self.allowed_cases,
            self.allowed_sites,
            self.unknown_enums_kept,
            self.hostile_cases,
            self.hostile_decoded,
            self.hostile_refused
        )
    }
}

/// Cases per property: `PAYINTENT_DECODE_CASES`, 1000 by default.
fn cases() -> u32 {
    std::env::var("PAYINTENT_DECODE_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(1000)
}

/// Runs both properties over `cases` of `vendor` and returns the figures:
///
/// 1. every allowed mutation decodes, and an unknown enum value comes back out unchanged;
/// 2. no hostile mutation panics (an error is fine).
///
/// The runs are seeded, so a failure reproduces; proptest shrinks it to a minimal change list.
pub fn check_decoding(vendor: &str, cases: &[Case]) -> Figures {
    use std::cell::RefCell;

    use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

    let schemas = Schemas::load(vendor);
    let payloads: Vec<(Value, Sites, &Case)> = cases
        .iter()
        .map(|case| {
            let text = crate::fixture(vendor, case.fixture);
            let value: Value = serde_json::from_str(&text).expect("fixture is JSON");
            (case.decode)(text.as_bytes())
                .unwrap_or_else(|error| panic!("{}: the fixture does not decode: {error}", case.fixture));
            let sites = sites(&schemas, &schemas.named(case.schema), &value);
            (value, sites, case)
        })
        .collect();
    let figures = RefCell::new(Figures {
        allowed_sites: payloads.iter().map(|(_, sites, _)| sites.allowed()).sum(),
        ..Figures::default()
    });
    let config = Config { cases: self::cases(), failure_persistence: None, ..Config::default() };
    let runner =
        |config: &Config| TestRunner::new_with_rng(config.clone(), TestRng::deterministic_rng(RngAlgorithm::ChaCha));

    let allowed_input = (any::<Index>(), prop::collection::vec(allowed(), 1..8));
    runner(&config)
        .run(&allowed_input, |(which, changes)| {
            let (value, sites, case) = which.get(&payloads);
            let mut value = value.clone();
            let unknown_enums = apply_allowed(&mut value, sites, &changes);
            let body = value.to_string();
            let encoded = (case.decode)(body.as_bytes())
                .map_err(|error| TestCaseError::fail(format!("{}: {error}\nbody: {body}", case.fixture)))?;
            for pointer in &unknown_enums {
                let kept = encoded.pointer(pointer).and_then(Value::as_str);
                prop_assert_eq!(kept, Some(UNKNOWN_ENUM_VALUE), "{} at {}", case.fixture, pointer);
            }
            let mut figures = figures.borrow_mut();
            figures.allowed_cases += 1;
            figures.unknown_enums_kept += unknown_enums.len() as u32;
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{vendor}: an allowed mutation did not decode: {failure}"));

    let hostile_input = (
        any::<Index>(),
        prop::collection::vec(hostile(), 1..4),
        any::<Index>(),
        prop::option::of((any::<Index>(), any::<u8>())),
        any::<bool>(),
    );
    runner(&config)
        .run(&hostile_input, |(which, changes, cut, flip, corrupted)| {
            let (value, sites, case) = which.get(&payloads);
            let text = apply_hostile(value.clone(), sites, &changes);
            let body = if corrupted { corrupt(&text, cut, flip) } else { text.into_bytes() };
            let decoded = (case.decode)(&body);
            let mut figures = figures.borrow_mut();
            figures.hostile_cases += 1;
            match decoded {
                Ok(_) => figures.hostile_decoded += 1,
                Err(error) => {
                    figures.hostile_refused += 1;
                    if let Some(tracked) = (case.tracked_path)(&body) {
                        prop_assert_eq!(
                            &error.path,
                            &tracked,
                            "{}: {}\nbody: {}",
                            case.fixture,
                            error,
                            String::from_utf8_lossy(&body)
                        );
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{vendor}: a hostile body broke the decoder: {failure}"));
    figures.into_inner()
}
