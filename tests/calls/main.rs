//! The call value on the wire, across the four crates: what one call adds (headers, body
//! members, query parameters) and what it may never replace, the idempotency key of one call
//! and its retries, the response's status, headers and request id, credentials of one call,
//! API values kept and moved into tasks, and requests written by hand (`Client::request`).

// A test fails by panicking; helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod credentials;
mod custom;
mod keys;
mod options;
mod owned;
mod response;

use mockito::{Matcher, Mock, ServerGuard};
use payintent_runtime::{Error, ErrorModel, InvalidReason};
use payintent_tests::fixture;

const PAYJP_KEY: &str = "sk_test_platform_3a9c2e";
const PAYJP_ACCEPT: &str = "application/json, application/problem+json";
const HYPERSWITCH_API_KEY: &str = "snd_platform_77c1d0";
const HYPERSWITCH_PUBLISHABLE_KEY: &str = "pk_snd_platform_0b4e21";
const PAYTREE_TOKEN: &str = "pt_test_platform_51ce";
const CITYPAY_API_KEY: &str = "UEMyOnBsYXRmb3JtLWtleQ==";

fn payjp(server: &ServerGuard) -> payjpv2::Client {
    payjpv2::Client::builder().base_url(server.url()).secret_key(PAYJP_KEY).build().unwrap()
}

fn hyperswitch(server: &ServerGuard) -> hyperswitch::Client {
    hyperswitch::Client::builder()
        .base_url(server.url())
        .api_key(HYPERSWITCH_API_KEY)
        .publishable_key(HYPERSWITCH_PUBLISHABLE_KEY)
        .build()
        .unwrap()
}

fn paytree(server: &ServerGuard) -> paytree::Client {
    paytree::Client::builder().base_url(server.url()).token(PAYTREE_TOKEN).build().unwrap()
}

fn citypay(server: &ServerGuard) -> citypay::Client {
    citypay::Client::builder().base_url(server.url()).api_key(CITYPAY_API_KEY).build().unwrap()
}

/// A PAY.JP payment intent, as the server sends one.
fn payjp_intent() -> String {
    fixture("payjpv2", "PaymentIntentResponse.json")
}

/// Mocks of any `POST` or `GET`, expected never to be hit: what is checked by
/// [`NothingSent::assert`] at the end of a test whose calls are all refused.
async fn nothing_sent(server: &mut ServerGuard) -> NothingSent {
    NothingSent([
        server.mock("POST", Matcher::Any).expect(0).create_async().await,
        server.mock("GET", Matcher::Any).expect(0).create_async().await,
    ])
}

struct NothingSent([Mock; 2]);

impl NothingSent {
    async fn assert(self) {
        for mock in self.0 {
            mock.assert_async().await;
        }
    }
}

/// The reason of an `Error::InvalidRequest`, after checking nothing was sent.
fn refusal<E: ErrorModel>(error: &Error<E>) -> &InvalidReason {
    assert!(error.is_unsent() && error.attempts() == 0, "{error:?}");
    match error {
        Error::InvalidRequest(invalid) => &invalid.reason,
        other => panic!("not refused before sending: {other:?}"),
    }
}
