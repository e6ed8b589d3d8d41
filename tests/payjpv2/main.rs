//! PAY.JP v2: the eight operations on the wire, problem+json errors, metadata and the
//! payment-method union, the page-walking stream, webhook events in both shapes PAY.JP sends,
//! and every model's round trip.

// A test fails by panicking; helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod decoding;
mod errors;
mod faults;
// Printed by `cargo xtask gen`, not by rustfmt.
#[rustfmt::skip]
#[path = "../generated/payjpv2_round_trips.rs"]
mod generated_round_trips;
mod models;
mod pagination;
mod webhooks;
mod wire;

use mockito::ServerGuard;
use payjpv2::Client;

/// The secret key the tests configure.
const SECRET_KEY: &str = "sk_test_c62fade9d045b54cd76d7036";

/// The `Accept` header of every operation.
const ACCEPT: &str = "application/json, application/problem+json";

/// A client for `server`.
fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).secret_key(SECRET_KEY).build().expect("client")
}

/// A payment intent with the given id and status, as PAY.JP returns it.
fn intent_json(id: &str, status: &str) -> serde_json::Value {
    let mut intent: serde_json::Value =
        serde_json::from_str(&payintent_tests::fixture("payjpv2", "PaymentIntentResponse.json")).unwrap();
    intent["id"] = id.into();
    intent["status"] = status.into();
    intent
}
