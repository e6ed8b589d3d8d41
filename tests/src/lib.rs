//! Helpers shared by the vendor test suites: fixtures and round-trip assertions.
//!
//! The workspace README is included below so its examples are compiled by `cargo test`.
#![doc = include_str!("../../README.md")]

pub mod conformance;
pub mod fault;
pub mod mutate;

use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Makes `mock` answer `status` with `body` of `content_type`.
pub fn reply(mock: mockito::Mock, status: usize, content_type: &str, body: impl AsRef<[u8]>) -> mockito::Mock {
    mock.with_status(status).with_header("content-type", content_type).with_body(body)
}

/// The text of `tests/fixtures/<vendor>/<name>`.
pub fn fixture(vendor: &str, name: &str) -> String {
    let path = fixtures_dir(vendor).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// `tests/fixtures/<vendor>`.
pub fn fixtures_dir(vendor: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(vendor)
}

/// Decodes `json` as `T`, encodes it again, and asserts the JSON is unchanged (as a value:
/// member order aside) and that decoding the encoding gives the same `T`.
pub fn assert_round_trip<T>(json: &str) -> T
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let original: serde_json::Value = serde_json::from_str(json).expect("fixture is JSON");
    let decoded: T = serde_json::from_str(json).unwrap_or_else(|error| panic!("decode {}: {error}", type_name::<T>()));
    let encoded = serde_json::to_value(&decoded).expect("encode");
    assert_eq!(encoded, original, "{} did not round-trip", type_name::<T>());
    let again: T = serde_json::from_value(encoded).expect("decode the encoding");
    assert_eq!(again, decoded);
    decoded
}

/// The URL of a port nothing listens on: connecting fails before anything is sent.
pub async fn closed_port_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    url
}

/// A server that accepts connections, reads nothing and never answers; abort the handle to
/// stop it.
pub async fn stalled_server() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    (url, held)
}

fn type_name<T>() -> &'static str {
    std::any::type_name::<T>().rsplit("::").next().unwrap_or_default()
}

/// The examples of the generated Paytree pages (`docs/paytree`), compiled as doctests.
#[doc = include_str!("../../docs/paytree/TransactionApi.md")]
pub mod paytree_docs {}

/// The examples of the generated CityPay pages (`docs/citypay`), compiled as doctests.
#[doc = include_str!("../../docs/citypay/PaymentIntentApi.md")]
pub mod citypay_docs {}

/// The examples of the generated PAY.JP pages (`docs/payjpv2`), compiled as doctests.
#[doc = include_str!("../../docs/payjpv2/PaymentIntentsApi.md")]
pub mod payjpv2_docs {}

/// The examples of the generated Hyperswitch pages (`docs/hyperswitch`), compiled as doctests.
#[doc = include_str!("../../docs/hyperswitch/PaymentsApi.md")]
pub mod hyperswitch_docs {}
