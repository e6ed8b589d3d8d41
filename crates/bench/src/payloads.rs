//! The bodies the benches decode, as each server sends them: one payment intent, a page of
//! [`LIST_LEN`] of them, and an error body.
//!
//! The files in `payloads/` are indented for reading; [`wire`] writes them compact, as servers
//! do. A list is made from the vendor's single payment, each item with its own id, amount,
//! status and time, so the repository keeps one small template instead of a 400 KB page.

use serde_json::{Map, Value, json};

/// How many items a list response holds (the largest page the vendors allow).
pub const LIST_LEN: usize = 100;

/// `application/json`, what every vendor sends its bodies as — PAY.JP's errors aside.
pub const JSON: &str = "application/json";
/// PAY.JP's error media type (RFC 9457 problem details).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A body and the `Content-Type` it comes with.
pub struct Payload {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Payload {
    fn json(bytes: Vec<u8>) -> Self {
        Self { content_type: JSON, bytes }
    }
}

/// `text` without insignificant whitespace, members in their order.
///
/// # Panics
///
/// When `text` is not JSON: the payloads are part of this crate, and its tests read them all.
pub fn wire(text: &str) -> Vec<u8> {
    let value: Value = serde_json::from_str(text).expect("a payload file is JSON");
    serde_json::to_vec(&value).expect("a JSON value serializes")
}

fn object(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).expect("a payload file is JSON") {
        Value::Object(members) => members,
        _ => panic!("a payment payload is a JSON object"),
    }
}

/// [`LIST_LEN`] copies of the payment in `template`, item `i` changed by `vary(i, item)`.
fn items(template: &str, vary: impl Fn(usize, &mut Map<String, Value>)) -> Vec<Value> {
    let template = object(template);
    (0..LIST_LEN)
        .map(|i| {
            let mut item = template.clone();
            vary(i, &mut item);
            Value::Object(item)
        })
        .collect()
}

/// A varied amount in minor units, never the template's.
fn amount(i: usize) -> i64 {
    500 + (i as i64 * 7_919) % 250_000
}

/// A creation time that moves back a few minutes per item, as a newest-first page does.
fn created(i: usize, suffix: &str) -> String {
    let minutes = 59 - i % 60;
    let hour = 23 - i / 60;
    format!("2025-05-20T{hour:02}:{minutes:02}:07{suffix}")
}

pub mod hyperswitch {
    use super::*;

    const PAYMENT: &str = include_str!("../payloads/hyperswitch/payment.json");
    const ERROR: &str = include_str!("../payloads/hyperswitch/error.json");
    const STATUSES: [&str; 6] =
        ["succeeded", "processing", "requires_capture", "failed", "cancelled", "requires_customer_action"];

    /// `GET /payments/{payment_id}`: a captured card payment, about 3.6 KB.
    pub fn payment() -> Payload {
        Payload::json(wire(PAYMENT))
    }

    /// `GET /payments/list`: the server's `{"size", "data"}` page.
    pub fn list() -> Payload {
        let data = items(PAYMENT, |i, item| {
            let (amount, status) = (amount(i), STATUSES[i % STATUSES.len()]);
            item.insert("payment_id".into(), json!(format!("pay_{i:04}mvu3mela5njyhpit4")));
            item.insert("status".into(), json!(status));
            item.insert("amount".into(), json!(amount));
            item.insert("net_amount".into(), json!(amount));
            item.insert("amount_received".into(), if status == "succeeded" { json!(amount) } else { Value::Null });
            item.insert("created".into(), json!(created(i, ".000Z")));
        });
        Payload::json(serde_json::to_vec(&json!({ "size": data.len(), "data": data })).expect("serializes"))
    }

    /// A 404 as the server writes it: `{"error": {...}}`.
    pub fn error() -> Payload {
        Payload::json(wire(ERROR))
    }
}

pub mod payjpv2 {
    use super::*;

    const PAYMENT: &str = include_str!("../payloads/payjpv2/payment.json");
    const ERROR: &str = include_str!("../payloads/payjpv2/error.json");
    const STATUSES: [&str; 5] = ["requires_capture", "succeeded", "canceled", "requires_payment_method", "processing"];

    /// `GET /v2/payment_intents/{id}`.
    pub fn payment() -> Payload {
        Payload::json(wire(PAYMENT))
    }

    /// `GET /v2/payment_intents`: `{"data", "has_more", "object", "url"}`.
    pub fn list() -> Payload {
        let data = items(PAYMENT, |i, item| {
            item.insert("id".into(), json!(format!("pi_{i:04}Ab2Cd3")));
            item.insert("amount".into(), json!(amount(i)));
            item.insert("status".into(), json!(STATUSES[i % STATUSES.len()]));
            item.insert("created_at".into(), json!(created(i, "+09:00")));
        });
        let page = json!({ "data": data, "has_more": true, "object": "list", "url": "/v2/payment_intents" });
        Payload::json(serde_json::to_vec(&page).expect("serializes"))
    }

    /// A 422 problem document (`application/problem+json`) with PAY.JP's extension members.
    pub fn error() -> Payload {
        Payload { content_type: PROBLEM_JSON, bytes: wire(ERROR) }
    }
}

pub mod paytree {
    use super::*;

    const PAYMENT: &str = include_str!("../payloads/paytree/payment.json");
    const STATUSES: [&str; 5] = ["success", "pending", "partial_refunded", "failed", "authorized"];

    /// `GET /v1/transaction/payment_intent/{id}/`.
    pub fn payment() -> Payload {
        Payload::json(wire(PAYMENT))
    }

    /// `GET /v1/transaction/payment_intent/`: the numbered page `{"count", "next", "previous", "results"}`.
    pub fn list() -> Payload {
        let results = items(PAYMENT, |i, item| {
            let amount = format!("{}.{:02}", amount(i) / 100, amount(i) % 100);
            item.insert("id".into(), json!(format!("3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c{i:04}")));
            item.insert("transaction_ref".into(), json!(format!("order-{}", 1_000 + i)));
            item.insert("amount".into(), json!(amount));
            item.insert("created".into(), json!(created(i, "Z")));
            if let Some(Value::Object(payment)) = item.get_mut("payment").and_then(|p| p.get_mut(0)) {
                payment.insert("amount".into(), json!(amount));
                payment.insert("status".into(), json!(STATUSES[i % STATUSES.len()]));
            }
        });
        let page = json!({
            "count": 4_213,
            "next": "https://api.paytree.example/v1/transaction/payment_intent/?page=2",
            "previous": null,
            "results": results,
        });
        Payload::json(serde_json::to_vec(&page).expect("serializes"))
    }
}

pub mod citypay {
    use super::*;

    const PAYMENT: &str = include_str!("../payloads/citypay/payment.json");
    const ERROR: &str = include_str!("../payloads/citypay/error.json");

    /// `POST /v6/intent/retrieve`: an intent with its adjustments and one transaction.
    /// CityPay has no list operation.
    pub fn payment() -> Payload {
        Payload::json(wire(PAYMENT))
    }

    /// A 422 as CityPay writes its `Error` in JSON.
    pub fn error() -> Payload {
        Payload::json(wire(ERROR))
    }
}
