//! CityPay: both operations in JSON and in XML on the wire, the temporal key, errors, and
//! every model's round trip through JSON and XML.

// A test fails by panicking; helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod auth;
mod decoding;
mod errors;
mod faults;
// Printed by `cargo xtask gen`, not by rustfmt.
#[rustfmt::skip]
#[path = "../generated/citypay_round_trips.rs"]
mod generated_round_trips;
mod models;
mod wire;

use citypay::Client;
use mockito::ServerGuard;

/// A fixed `cp-api-key` for the wire tests.
const API_KEY: &str = "UEMyOmZpeGVkLWtleS1mb3ItdGVzdHM=";

/// A JSON client for `server` with a fixed key.
fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).api_key(API_KEY).build().expect("client")
}

/// An XML client for `server` with a fixed key.
fn xml_client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).api_key(API_KEY).format(citypay::Format::Xml).build().expect("client")
}

/// The fixture of `model`, compacted to one line as a JSON serializer writes it.
fn compact(model: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(&payintent_tests::fixture("citypay", &format!("{model}.json"))).expect("fixture");
    value.to_string()
}
