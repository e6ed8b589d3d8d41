//! Hyperswitch: the fourteen operations on the wire with the key each one declares, the seed's
//! request examples, a full payment response, errors, the page stream, the webhook body of each
//! kind of event, and every model's round trip.

// A test fails by panicking; helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod decoding;
mod errors;
mod faults;
// Printed by `cargo xtask gen`, not by rustfmt.
#[rustfmt::skip]
#[path = "../generated/hyperswitch_round_trips.rs"]
mod generated_round_trips;
mod models;
mod pagination;
mod webhooks;
mod wire;

use hyperswitch::Client;
use mockito::ServerGuard;

/// The secret key for server-side calls.
const API_KEY: &str = "snd_c691ade6995743bd88c166ba509ff5da";
/// The publishable key for client-side calls.
const PUBLISHABLE_KEY: &str = "pk_snd_3b33cd9404234113804aa1accaabe22f";

/// A client holding both keys.
fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).api_key(API_KEY).publishable_key(PUBLISHABLE_KEY).build().unwrap()
}

/// The seed's example of a payments response.
fn payment() -> String {
    payintent_tests::fixture("hyperswitch", "PaymentsResponse.json")
}
