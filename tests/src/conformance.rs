//! The SDK side of `cargo xtask conformance`.
//!
//! Prism (a mock server that validates requests against the vendor's spec) reports what it
//! found wrong with a request in its `sl-violations` response header, which an SDK call never
//! shows its caller. So the SDK talks to a [`Proxy`] on 127.0.0.1 that forwards each request to
//! Prism and keeps Prism's verdict; [`Run::check`] pairs every call with the exchanges it
//! caused and with whether its response decoded.
//!
//! Prism runs in its dynamic mode (`prism mock -d`: random schema-valid bodies), and the proxy
//! chooses per request what it answers through Prism's `Prefer` header: the static body built
//! from the spec (`dynamic=false`), a random one, or one of the error statuses the spec
//! documents with a body (`code=404`), so that the typed error models are decoded from payloads
//! nobody hand-wrote.

use std::fmt::Debug;
use std::sync::{Arc, Mutex, MutexGuard};

use payintent_runtime::reqwest;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use crate::fault::{read_request, response};

/// One request the proxy forwarded, and what Prism answered.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `POST`, `GET`, …
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Prism's status code (0 when Prism could not be reached).
    pub status: u16,
    /// Prism's `Content-Type`.
    pub content_type: String,
    /// Violations Prism found in the request: each is a defect of the SDK.
    pub request_violations: Vec<String>,
    /// Violations Prism found in its own mock response (its generator does not honour every
    /// `pattern`); they say nothing about the SDK but are counted.
    pub response_violations: usize,
    /// The error status the proxy asked Prism for, if any.
    pub requested_status: Option<u16>,
}

/// What the proxy asks Prism to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The spec's first 2xx, built from its examples or schema.
    Static,
    /// The spec's first 2xx, with random schema-valid values (Prism's `-d` mode).
    Dynamic,
    /// For each operation, the `n`-th (cycling) error status its spec documents with a body;
    /// random values when the flag is set. Operations without one get their 2xx.
    Error(usize, bool),
}

/// One operation of the served spec: where it is, and the schema of each response with a body.
#[derive(Debug, Clone)]
struct SpecOperation {
    method: String,
    segments: Vec<String>,
    /// Status → JSON Schema of the body (the first media type's).
    responses: Vec<(u16, serde_json::Value)>,
}

/// The spec Prism serves, as the proxy needs it: each operation's error statuses, and a
/// referee for bodies the SDK could not decode.
#[derive(Debug, Default, Clone)]
pub struct Spec {
    operations: Vec<SpecOperation>,
    /// `components`, turned into JSON Schema, for the `$ref`s of response schemas.
    components: serde_json::Value,
}

impl Spec {
    /// Reads the operations and response schemas of an OpenAPI 3.0 document.
    pub fn from_openapi(document: &serde_json::Value) -> Self {
        let mut operations = Vec::new();
        for (template, item) in document["paths"].as_object().into_iter().flatten() {
            let segments: Vec<String> = template.split('/').map(str::to_owned).collect();
            for (method, operation) in item.as_object().into_iter().flatten() {
                let responses = operation["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter_map(|(status, response)| {
                        let schema = response["content"].as_object()?.values().next()?.get("schema")?;
                        Some((status.parse().ok()?, to_json_schema(schema.clone())))
                    })
                    .collect();
                operations.push(SpecOperation {
                    method: method.to_ascii_uppercase(),
                    segments: segments.clone(),
                    responses,
                });
            }
        }
        Self { operations, components: to_json_schema(document["components"].clone()) }
    }

    /// The most error statuses with a body any one operation has: the number of error rounds.
    pub fn most_error_statuses(&self) -> usize {
        self.operations.iter().map(|operation| self.error_statuses(operation).count()).max().unwrap_or(0)
    }

    fn error_statuses<'a>(&self, operation: &'a SpecOperation) -> impl Iterator<Item = u16> + 'a {
        operation.responses.iter().map(|(status, _)| *status).filter(|status| *status >= 400)
    }

    fn operation(&self, method: &str, target: &str) -> Option<&SpecOperation> {
        let path = target.split('?').next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').collect();
        self.operations.iter().find(|operation| {
            operation.method == method
                && operation.segments.len() == segments.len()
                && operation
                    .segments
                    .iter()
                    .zip(&segments)
                    .all(|(part, segment)| part.starts_with('{') || part == segment)
        })
    }

    /// The `round`-th (cycling) error status with a body of the operation at `target`.
    fn error_status(&self, method: &str, target: &str, round: usize) -> Option<u16> {
        let operation = self.operation(method, target)?;
        let statuses: Vec<u16> = self.error_statuses(operation).collect();
        (!statuses.is_empty()).then(|| statuses[round % statuses.len()])
    }

    /// Why `body` breaks the spec's schema for this response, if it does (`None` when it is
    /// valid, or when there is no schema to judge by).
    pub fn breach(&self, method: &str, target: &str, status: u16, body: &[u8]) -> Option<String> {
        let schema = self.operation(method, target)?.responses.iter().find(|(known, _)| *known == status)?.1.clone();
        let Ok(instance) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Some("the body is not JSON".into());
        };
        let mut root = match schema {
            serde_json::Value::Object(object) => object,
            other => return (!other.as_bool().unwrap_or(true)).then(|| "the schema allows nothing".into()),
        };
        root.insert("components".into(), self.components.clone());
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&serde_json::Value::Object(root))
            .ok()?;
        validator.validate(&instance).err().map(|error| {
            // The message starts with the offending value, which may be long; keep its start
            // and the verdict after it.
            let message = error.to_string();
            let verdict = message.rfind(" is not ").map_or(message.as_str(), |at| &message[at + 1..]);
            format!("at {}: {} {verdict}", error.instance_path(), shorten(&message[..message.len() - verdict.len()]))
        })
    }
}

/// An OpenAPI 3.0 schema as JSON Schema 2020-12: `nullable` becomes a `null` type (or an
/// `anyOf` with `null` where there is no `type`), and boolean exclusive bounds become numbers.
fn to_json_schema(mut schema: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match &mut schema {
        Value::Object(object) => {
            for value in object.values_mut() {
                *value = to_json_schema(std::mem::take(value));
            }
            for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                if let Some(Value::Bool(exclusive)) = object.remove(flag)
                    && exclusive
                    && let Some(limit) = object.remove(bound)
                {
                    object.insert(flag.into(), limit);
                }
            }
            if object.get("nullable") == Some(&Value::Bool(true)) {
                object.remove("nullable");
                match object.get("type").cloned() {
                    Some(Value::String(ty)) => {
                        object.insert("type".into(), serde_json::json!([ty, "null"]));
                        if let Some(Value::Array(values)) = object.get_mut("enum")
                            && !values.contains(&Value::Null)
                        {
                            values.push(Value::Null);
                        }
                    }
                    _ => {
                        let inner = Value::Object(std::mem::take(object));
                        object.insert("anyOf".into(), serde_json::json!([inner, {"type": "null"}]));
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                *item = to_json_schema(std::mem::take(item));
            }
        }
        _ => {}
    }
    schema
}

#[derive(Debug)]
struct Shared {
    upstream: String,
    client: reqwest::Client,
    spec: Spec,
    answer: Mutex<Answer>,
    exchanges: Mutex<Vec<Exchange>>,
}

/// A lock that a panicking holder cannot make unusable (the data is a plain record).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A forwarding proxy in front of Prism.
#[derive(Debug)]
pub struct Proxy {
    url: String,
    shared: Arc<Shared>,
}

impl Proxy {
    /// Listens on 127.0.0.1 and forwards to `upstream` (Prism's base URL), which serves `spec`.
    pub async fn start(upstream: &str, spec: Spec) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_owned(),
            client: reqwest::Client::new(),
            spec,
            answer: Mutex::new(Answer::Static),
            exchanges: Mutex::new(Vec::new()),
        });
        let serving = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(forward(stream, Arc::clone(&serving)));
            }
        });
        Ok(Self { url, shared })
    }

    /// The base URL to give the SDK.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Sets what Prism is asked to answer from now on.
    pub fn answer(&self, answer: Answer) {
        *lock(&self.shared.answer) = answer;
    }

    /// The exchanges since the last call.
    pub fn take(&self) -> Vec<Exchange> {
        std::mem::take(&mut *lock(&self.shared.exchanges))
    }
}

async fn forward(mut stream: TcpStream, shared: Arc<Shared>) {
    let Some(request) = read_request(&mut stream).await else { return };
    let Ok(method) = reqwest::Method::from_bytes(request.method.as_bytes()) else { return };
    let mut upstream = shared.client.request(method, format!("{}{}", shared.upstream, request.target));
    for (name, value) in &request.headers {
        if !matches!(name.as_str(), "host" | "content-length" | "connection") {
            upstream = upstream.header(name.as_str(), value.as_str());
        }
    }
    let answer = *lock(&shared.answer);
    let requested_status = match answer {
        Answer::Error(round, _) => shared.spec.error_status(&request.method, &request.target, round),
        Answer::Static | Answer::Dynamic => None,
    };
    // Prism runs with `-d`: random bodies unless a request asks for the static one.
    let static_body = matches!(answer, Answer::Static | Answer::Error(_, false));
    let prefer: Vec<String> = requested_status
        .map(|status| format!("code={status}"))
        .into_iter()
        .chain(static_body.then(|| "dynamic=false".into()))
        .collect();
    if !prefer.is_empty() {
        upstream = upstream.header("prefer", prefer.join(", "));
    }
    let mut exchange = Exchange {
        method: request.method.clone(),
        target: request.target.clone(),
        status: 0,
        content_type: String::new(),
        request_violations: Vec::new(),
        response_violations: 0,
        requested_status,
    };
    let reply = match upstream.body(request.raw_body).send().await {
        Ok(answer) => {
            exchange.status = answer.status().as_u16();
            let header = |name: &str| {
                // Read leniently: a byte outside ASCII must not turn a violation into no header.
                answer
                    .headers()
                    .get(name)
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                    .unwrap_or_default()
            };
            exchange.content_type = header("content-type");
            let violations = header("sl-violations");
            (exchange.request_violations, exchange.response_violations) = split_violations(&violations);
            let content_type = exchange.content_type.clone();
            let body = answer.bytes().await.unwrap_or_default();
            exchange.request_violations.extend(prism_rejection(&body));
            response(exchange.status, &content_type, &[], &body)
        }
        Err(error) => response(502, "text/plain", &[], format!("the proxy could not reach Prism: {error}")),
    };
    lock(&shared.exchanges).push(exchange);
    let _ = stream.write_all(&reply).await;
    let _ = stream.shutdown().await;
}

/// What Prism 5.16 puts before `sl-violations` when the JSON array would pass its header limit
/// (8 KiB less 100 characters): the array, cut at that length wherever it falls.
const TRUNCATED: &str = "Too many violations! ";

/// Splits Prism's `sl-violations` (a JSON array, or a truncated one) into request violations,
/// described, and a count of response violations.
fn split_violations(header: &str) -> (Vec<String>, usize) {
    if header.trim().is_empty() {
        return (Vec::new(), 0);
    }
    let (violations, truncated) = match header.strip_prefix(TRUNCATED) {
        Some(cut) => (complete_entries(cut), true),
        None => match serde_json::from_str(header) {
            Ok(serde_json::Value::Array(violations)) => (violations, false),
            _ => (Vec::new(), false),
        },
    };
    if violations.is_empty() {
        // Unreadable, or cut before its first entry: kept whole so it cannot pass unseen.
        return (vec![header.to_owned()], 0);
    }
    let mut request = Vec::new();
    let mut response = 0;
    for violation in &violations {
        let location: Vec<String> = violation["location"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|part| part.as_str().map_or_else(|| part.to_string(), str::to_owned))
            .collect();
        if location.first().map(String::as_str) == Some("response") {
            response += 1;
        } else {
            let message = violation["message"].as_str().unwrap_or_default();
            request.push(format!("{}: {message}", location.join(".")));
        }
    }
    // Prism lists the request's violations before its response's: when the last entry that
    // survived the cut is the response's, so is every entry cut off; otherwise some may be the
    // request's, and the run fails on the listed ones anyway.
    if truncated
        && response == 0
        && let Some(last) = request.last_mut()
    {
        last.push_str(" (and more that Prism cut off)");
    }
    (request, response)
}

/// The entries of a JSON array cut off anywhere, up to the last one that is whole.
fn complete_entries(cut: &str) -> Vec<serde_json::Value> {
    let Some(mut rest) = cut.trim_start().strip_prefix('[') else { return Vec::new() };
    let mut entries = Vec::new();
    loop {
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
        let Some(Ok(entry)) = stream.next() else { break };
        entries.push(entry);
        match rest[stream.byte_offset()..].trim_start().strip_prefix(',') {
            Some(next) => rest = next,
            None => break,
        }
    }
    entries
}

/// When the spec has no error response for an invalid request, Prism answers with its own
/// problem document (type `https://stoplight.io/prism/errors#…`) instead of the header; its
/// `validation` entries, or its title and detail, are request violations too.
fn prism_rejection(body: &[u8]) -> Vec<String> {
    let Ok(problem) = serde_json::from_slice::<serde_json::Value>(body) else { return Vec::new() };
    if !problem["type"].as_str().is_some_and(|kind| kind.starts_with("https://stoplight.io/prism/errors")) {
        return Vec::new();
    }
    let listed: Vec<String> = problem["validation"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|violation| {
            let location: Vec<&str> =
                violation["location"].as_array().into_iter().flatten().filter_map(|part| part.as_str()).collect();
            format!("request.{}: {}", location.join("."), violation["message"].as_str().unwrap_or_default())
        })
        .collect();
    if listed.is_empty() {
        let title = problem["title"].as_str().unwrap_or("rejected");
        vec![format!("Prism: {title}: {}", problem["detail"].as_str().unwrap_or_default())]
    } else {
        listed
    }
}

/// One operation called once.
#[derive(Debug)]
pub struct Checked {
    /// The operation (the SDK method).
    pub operation: &'static str,
    /// What reached Prism.
    pub exchanges: Vec<Exchange>,
    /// What the call returned: a short description of the decoded value or error, or why the
    /// call did not do what was asked of it.
    pub outcome: Result<String, String>,
    /// The call got a 2xx whose body the SDK could not decode, or an error status whose typed
    /// body it could not decode, and the body was valid by the spec.
    pub decode_failure: bool,
    /// The SDK could not decode a body that Prism generated against the spec's own schema (its
    /// generator does not honour every combination of keywords): why, as a JSON Schema
    /// validator says. Such a call proves nothing either way and is not counted as a failure.
    pub prism_breach: Option<String>,
}

impl Checked {
    /// Prism's request violations for this call.
    pub fn violations(&self) -> impl Iterator<Item = &String> {
        self.exchanges.iter().flat_map(|exchange| exchange.request_violations.iter())
    }

    /// Whether the call reached Prism, met the spec, and decoded what came back.
    pub fn passed(&self) -> bool {
        !self.exchanges.is_empty() && self.violations().next().is_none() && self.outcome.is_ok()
    }
}

/// The checks of one vendor in one round.
#[derive(Debug)]
pub struct Run<'a> {
    proxy: &'a Proxy,
    /// Every call made, in order.
    pub checked: Vec<Checked>,
}

impl<'a> Run<'a> {
    /// A round through `proxy`.
    pub fn new(proxy: &'a Proxy) -> Self {
        Self { proxy, checked: Vec::new() }
    }

    /// Makes one call and records it; returns the decoded value for calls that build on it.
    ///
    /// When the proxy asked Prism for an error status, the call passes only if it returns
    /// `Error::Api` with that status and the typed error body decoded.
    pub async fn check<T: Debug, M: payintent_runtime::ErrorModel>(
        &mut self,
        operation: &'static str,
        call: impl IntoFuture<Output = Result<T, payintent_runtime::Error<M>>>,
    ) -> Option<T> {
        self.proxy.take();
        let result = call.await;
        let exchanges = self.proxy.take();
        let last = exchanges.last();
        let requested = last.and_then(|exchange| exchange.requested_status);
        let answered_2xx = last.is_some_and(|exchange| (200..300).contains(&exchange.status));
        // A body the SDK could not decode is judged against the spec before it counts.
        let breach = |error: &payintent_runtime::Error<M>| {
            let exchange = last?;
            let body = error.raw_body()?;
            self.proxy.shared.spec.breach(&exchange.method, &exchange.target, exchange.status, body)
        };
        let mut prism_breach = None;
        let (outcome, decode_failure, value) = match (result, requested) {
            (Ok(value), None) => (Ok(describe(&value)), false, Some(value)),
            (Ok(value), Some(status)) => {
                (Err(format!("asked for {status}, got success {}", describe(&value))), false, None)
            }
            (Err(error), None) if answered_2xx => match breach(&error) {
                Some(reason) => {
                    prism_breach = Some(reason);
                    (Ok(format!("not judged: {error}")), false, None)
                }
                None => (Err(error.to_string()), true, None),
            },
            (Err(error), None) => (Err(error.to_string()), false, None),
            (Err(error), Some(status)) => match error.api_error() {
                Some(model) if error.status() == Some(status) => {
                    (Ok(format!("{status}: {}", describe(model))), false, None)
                }
                Some(_) => (Err(format!("asked for {status}: {error}")), false, None),
                None if error.status() == Some(status) => match breach(&error) {
                    Some(reason) => {
                        prism_breach = Some(reason);
                        (Ok(format!("not judged: {error}")), false, None)
                    }
                    None => (Err(format!("{status} without a decoded error body: {error}")), true, None),
                },
                None => (Err(format!("asked for {status}: {error}")), false, None),
            },
        };
        self.checked.push(Checked { operation, exchanges, outcome, decode_failure, prism_breach });
        value
    }
}

/// The start of a decoded value's `Debug`, enough to show it is real.
fn describe(value: &impl Debug) -> String {
    shorten(&format!("{value:?}"))
}

/// At most 90 characters of `text`.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(90) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_response_violations_are_told_apart() {
        let header = r#"[{"location":["request","body","amount"],"severity":"Error","code":"type","message":"must be string"},
            {"location":["response","body","id"],"severity":"Error","code":"pattern","message":"x"}]"#;
        let (request, response) = split_violations(header);
        assert_eq!(request, ["request.body.amount: must be string"]);
        assert_eq!(response, 1);
        assert_eq!(split_violations(""), (Vec::new(), 0));
        assert_eq!(split_violations("garbled").0, ["garbled"]);
    }

    /// Prism's violation entry (`createErrorObjectWithPrefix` in prism-http-server).
    fn entry(location: &[&str], code: &str, message: &str) -> serde_json::Value {
        serde_json::json!({"location": location, "severity": "Error", "code": code, "message": message})
    }

    /// A response violation as Prism words it, for item `index` of a list in its own body.
    fn response_entry(index: usize) -> serde_json::Value {
        let message =
            format!("Response body property transactions.{index}.amount must NOT have more than 10 characters");
        entry(&["response", "body", "transactions", &index.to_string(), "amount"], "maxLength", &message)
    }

    /// The header as Prism 5.16 writes it (`addViolationHeader`): the JSON array, or past
    /// 8 KiB less 100 characters, the marker and the array cut at that length.
    fn prism_header(entries: &[serde_json::Value]) -> String {
        const MAX_SAFE_HEADER_LENGTH: usize = 8 * 1024 - 100;
        let value = serde_json::to_string(entries).unwrap();
        if value.len() > MAX_SAFE_HEADER_LENGTH {
            format!("{TRUNCATED}{}", &value[..MAX_SAFE_HEADER_LENGTH])
        } else {
            value
        }
    }

    #[test]
    fn a_truncated_header_of_response_violations_only_is_no_request_violation() {
        let entries: Vec<_> = (0..60).map(response_entry).collect();
        let header = prism_header(&entries);
        assert!(header.starts_with("Too many violations! [{\"location\":[\"response\""), "{header}");
        assert!(!header.ends_with(']'), "cut inside an entry");

        let (request, response) = split_violations(&header);

        assert_eq!(request, Vec::<String>::new());
        // 41 whole entries fit before the cut; the 42nd is cut off mid-entry.
        assert_eq!(response, 41);
    }

    #[test]
    fn a_truncated_header_with_a_request_violation_keeps_it() {
        let mut entries = vec![entry(&["request", "body", "n"], "type", "Request body property n must be integer")];
        entries.extend((0..60).map(response_entry));
        let header = prism_header(&entries);
        assert!(header.starts_with("Too many violations! "), "{header}");

        let (request, response) = split_violations(&header);

        assert_eq!(request, ["request.body.n: Request body property n must be integer"]);
        assert_eq!(response, 40);
    }

    #[test]
    fn a_truncated_header_of_request_violations_says_more_were_cut() {
        let entries: Vec<_> = (0..100)
            .map(|index| {
                let name = format!("field{index}");
                entry(&["request", "body", &name], "type", &format!("Request body property {name} must be string"))
            })
            .collect();
        let (request, response) = split_violations(&prism_header(&entries));
        assert_eq!(response, 0);
        assert_eq!(request[0], "request.body.field0: Request body property field0 must be string");
        assert!(request.last().unwrap().ends_with("(and more that Prism cut off)"), "{request:?}");
    }

    #[test]
    fn a_truncated_header_without_a_whole_entry_is_kept_whole() {
        let header = format!("{TRUNCATED}[{{\"location\":[\"response\",\"body\"],\"message\":\"cut");
        assert_eq!(split_violations(&header), (vec![header.clone()], 0));
        let header = format!("{TRUNCATED}not json");
        assert_eq!(split_violations(&header), (vec![header.clone()], 0));
    }

    #[test]
    fn prism_s_own_rejections_are_request_violations() {
        let body = br#"{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request",
            "validation":[{"location":["body"],"message":"must have required property 'amount'"}]}"#;
        assert_eq!(prism_rejection(body), ["request.body: must have required property 'amount'"]);
        let unauthorized = br#"{"type":"https://stoplight.io/prism/errors#UNAUTHORIZED","title":"Invalid security scheme used","detail":"no key"}"#;
        assert_eq!(prism_rejection(unauthorized), ["Prism: Invalid security scheme used: no key"]);
        assert!(prism_rejection(br#"{"type":"about:blank","title":"Not Found"}"#).is_empty());
    }

    #[test]
    fn error_statuses_with_a_body_are_found_by_method_and_path_template() {
        let spec = serde_json::json!({"paths": {
            "/v2/intents/{id}": {
                "get": {"responses": {
                    "200": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    "404": {"content": {"application/problem+json": {"schema": {"type": "object"}}}},
                    "422": {"content": {"application/json": {"schema": {"type": "object"}}}}
                }},
                "post": {"responses": {"200": {"content": {}}, "400": {"description": "no body"}}}
            },
            "/v2/intents": {"post": {"responses": {"422": {"content": {"application/json": {"schema": {}}}}}}}
        }});
        let spec = Spec::from_openapi(&spec);
        assert_eq!(spec.error_status("GET", "/v2/intents/pi_1?expand=x", 0), Some(404));
        assert_eq!(spec.error_status("GET", "/v2/intents/pi_1", 1), Some(422));
        assert_eq!(spec.error_status("GET", "/v2/intents/pi_1", 2), Some(404));
        assert_eq!(spec.error_status("POST", "/v2/intents/pi_1", 0), None);
        assert_eq!(spec.error_status("POST", "/v2/intents", 0), Some(422));
        assert_eq!(spec.most_error_statuses(), 2);
    }

    #[test]
    fn a_body_is_judged_by_the_response_schema_with_openapi_nullable() {
        let spec = serde_json::json!({
            "paths": {"/v1/pay/{id}": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Pay"}}}}}}}},
            "components": {"schemas": {
                "Pay": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"},
                    "voucher": {"allOf": [{"$ref": "#/components/schemas/Voucher"}], "nullable": true},
                    "amount": {"type": "integer", "minimum": 0, "exclusiveMinimum": true}
                }},
                "Voucher": {"type": "object"}
            }}
        });
        let spec = Spec::from_openapi(&spec);
        let judge = |body: &str| spec.breach("GET", "/v1/pay/p1", 200, body.as_bytes());
        assert_eq!(judge(r#"{"id": "p1", "voucher": null, "amount": 1}"#), None);
        assert_eq!(judge(r#"{"id": "p1", "voucher": {"boleto": {}}}"#), None);
        assert!(judge(r#"{"id": "p1", "voucher": "oxxo"}"#).is_some_and(|why| why.contains("/voucher")));
        assert!(judge(r#"{"id": "p1", "amount": 0}"#).is_some());
        assert!(judge(r#"{"amount": 1}"#).is_some());
        assert!(judge("not json").is_some());
        assert_eq!(spec.breach("GET", "/v1/other", 200, b"{}"), None);
    }

    /// A stand-in for Prism: the proxy must forward the request as sent, ask for what the round
    /// wants through `Prefer`, and turn Prism's verdict into the check's result.
    #[tokio::test]
    async fn the_proxy_forwards_asks_through_prefer_and_keeps_the_verdict() {
        let mut prism = mockito::Server::new_async().await;
        let spec =
            Spec::from_openapi(&serde_json::json!({"paths": {"/v2/payment_intents/{payment_intent_id}": {"get": {
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    "404": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}
                }
            }}}}));
        let proxy = Proxy::start(&prism.url(), spec).await.expect("proxy");
        let client = payjpv2::Client::builder()
            .base_url(proxy.url())
            .secret_key("sk_test_proxy")
            .retry(payintent_runtime::RetryPolicy::none())
            .build()
            .expect("client");
        let api = client.payment_intents_api();
        let intent = r#"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"jpy","status":"succeeded",
            "livemode":false,"created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-01T00:00:00Z"}"#;

        // Dynamic round: Prism's own mode (no `Prefer`), the credential passed through, a
        // request violation kept.
        let dynamic = prism
            .mock("GET", "/v2/payment_intents/pi_1")
            .match_header("prefer", mockito::Matcher::Missing)
            .match_header("authorization", "Bearer sk_test_proxy")
            .with_header("content-type", "application/json")
            .with_header("sl-violations", r#"[{"location":["request","query","limit"],"message":"must be integer"}]"#)
            .with_body(intent)
            .create_async()
            .await;
        proxy.answer(Answer::Dynamic);
        let mut run = Run::new(&proxy);
        run.check("retrieve_payment_intent", api.retrieve_payment_intent("pi_1")).await;
        dynamic.assert_async().await;
        let checked = &run.checked[0];
        assert_eq!(checked.violations().collect::<Vec<_>>(), ["request.query.limit: must be integer"]);
        assert!(!checked.passed(), "a request violation fails the call even though it decoded");

        // Error round: `Prefer: code=404`, and the problem document decodes into the typed model.
        let not_found = prism
            .mock("GET", "/v2/payment_intents/pi_2")
            .match_header("prefer", "code=404, dynamic=false")
            .with_status(404)
            .with_header("content-type", "application/problem+json")
            .with_body(r#"{"type":"about:blank","title":"Not Found","status":404}"#)
            .create_async()
            .await;
        proxy.answer(Answer::Error(0, false));
        run.check("retrieve_payment_intent", api.retrieve_payment_intent("pi_2")).await;
        not_found.assert_async().await;
        let checked = &run.checked[1];
        assert!(checked.passed(), "{checked:?}");
        assert_eq!(checked.exchanges[0].requested_status, Some(404));
        assert!(checked.outcome.as_ref().is_ok_and(|text| text.starts_with("404: ErrorResponse")), "{checked:?}");
    }
}
