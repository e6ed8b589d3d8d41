//! Security checks across the four crates: hostile path parameters, the base-URL policy, the
//! response size cap, redirects, secrets in formatted output, and what tracing records.
#![allow(clippy::unwrap_used)]

mod base_urls;
mod body_cap;
mod paths;
mod redirects;
mod secrets;
mod tracing_output;

const PAYTREE_TOKEN: &str = "pt_live_9c1f5e2ab7d04c38";
const CITYPAY_CLIENT_ID: &str = "PC2";
const CITYPAY_LICENCE_KEY: &str = "LK9Q8W7E6R5T4Y3U";
const CITYPAY_API_KEY: &str = "UEMyOnNlY3JldC1hcGkta2V5LWZvci1zZWN1cml0eQ==";
const CITYPAY_DOMAIN_KEY: &str = "dk_live_f00dcafe5ecre7";
const PAYJP_SECRET_KEY: &str = "sk_live_8f3a91c2d4e5b6a7f8091a2b";
const HYPERSWITCH_API_KEY: &str = "snd_live_0a9b8c7d6e5f4a3b2c1d";
const HYPERSWITCH_PUBLISHABLE_KEY: &str = "pk_snd_live_1f2e3d4c5b6a7988";

/// Credentials given to one call, another merchant's than the client's.
const PAYJP_MERCHANT_KEY: &str = "sk_live_merchant_b_77e1c0d9a3";
const HYPERSWITCH_MERCHANT_KEY: &str = "snd_live_merchant_b_5c2d8e";
const PAYTREE_MERCHANT_TOKEN: &str = "pt_live_merchant_b_0e9d";
const CITYPAY_MERCHANT_LICENCE_KEY: &str = "LKMERCHANTB77Q1";

/// Every credential the tests hand to a client or a call: none may ever show in formatted
/// output.
const SECRETS: [&str; 11] = [
    PAYTREE_TOKEN,
    CITYPAY_LICENCE_KEY,
    CITYPAY_API_KEY,
    CITYPAY_DOMAIN_KEY,
    PAYJP_SECRET_KEY,
    HYPERSWITCH_API_KEY,
    HYPERSWITCH_PUBLISHABLE_KEY,
    PAYJP_MERCHANT_KEY,
    HYPERSWITCH_MERCHANT_KEY,
    PAYTREE_MERCHANT_TOKEN,
    CITYPAY_MERCHANT_LICENCE_KEY,
];

fn paytree_builder(url: &str) -> paytree::ClientBuilder {
    paytree::Client::builder().base_url(url).token(PAYTREE_TOKEN)
}

fn citypay_builder(url: &str) -> citypay::ClientBuilder {
    citypay::Client::builder()
        .base_url(url)
        .licence_key(CITYPAY_CLIENT_ID, CITYPAY_LICENCE_KEY)
        .domain_key(CITYPAY_DOMAIN_KEY)
}

fn payjp_builder(url: &str) -> payjpv2::ClientBuilder {
    payjpv2::Client::builder().base_url(url).secret_key(PAYJP_SECRET_KEY)
}

fn hyperswitch_builder(url: &str) -> hyperswitch::ClientBuilder {
    hyperswitch::Client::builder()
        .base_url(url)
        .api_key(HYPERSWITCH_API_KEY)
        .publishable_key(HYPERSWITCH_PUBLISHABLE_KEY)
}

/// Asserts no credential of [`SECRETS`] appears in `shown`.
fn assert_no_secret(what: &str, shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{what} shows a credential: {shown}");
    }
}
