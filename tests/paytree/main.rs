//! Paytree: every operation on the wire, error paths, the page stream, and every model's round
//! trip.

// A test fails by panicking; helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod decoding;
mod errors;
mod faults;
// Printed by `cargo xtask gen`, not by rustfmt.
#[rustfmt::skip]
#[path = "../generated/paytree_round_trips.rs"]
mod generated_round_trips;
mod models;
mod pagination;
mod wire;

use mockito::ServerGuard;
use paytree::Client;

/// The API token the tests configure.
const TOKEN: &str = "pt_test_5f1c2d9e";

/// A client for `server`, authenticated with [`TOKEN`].
fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).token(TOKEN).build().expect("client")
}

/// Makes `mock` answer `status` with a JSON `body`.
fn json_reply(mock: mockito::Mock, status: usize, body: impl AsRef<[u8]>) -> mockito::Mock {
    payintent_tests::reply(mock, status, "application/json", body)
}

/// The `User-Agent` every request carries: `paytree/<version>`.
const USER_AGENT: &str = r"^paytree/\d+\.\d+\.\d+$";
