//! Credentials and card data never travel in clear: a base URL that is not https is refused
//! unless its host is loopback or the caller opts in with `allow_insecure_http(true)`. The
//! policy is checked through each vendor's own builder.

use payintent_runtime::{ConfigError, Error, ErrorModel};

use crate::{citypay_builder, hyperswitch_builder, payjp_builder, paytree_builder};

const ACCEPTED: [&str; 5] = [
    "https://gateway.example",
    "https://gateway.example/prefix/",
    "http://127.0.0.1:8080",
    "http://localhost:8080",
    "http://[::1]:8080",
];

const REFUSED: [&str; 8] = [
    "http://gateway.example",
    "http://10.0.0.8",
    "http://localhost.gateway.example",
    "http://127.0.0.1.nip.io",
    "ftp://gateway.example",
    "gateway.example",
    "https://gateway.example/?debug=1",
    "https://merchant:hunter2@gateway.example",
];

/// `Ok(base_url)` or the refusal's message; panics on any error other than a refused URL.
fn verdict<C, E: ErrorModel>(result: Result<C, Error<E>>, base_url: impl Fn(&C) -> String) -> Result<String, String> {
    match result {
        Ok(client) => Ok(base_url(&client)),
        Err(Error::Config(config)) if matches!(*config, ConfigError::InvalidBaseUrl { .. }) => Err(config.to_string()),
        Err(other) => panic!("expected a refused base URL, got {other:?}"),
    }
}

/// Every vendor's builder, as `(vendor, build(url, allow_insecure_http))`.
type Build = fn(&str, bool) -> Result<String, String>;
const VENDORS: [(&str, Build); 4] = [
    ("paytree", |url, allow| {
        verdict(paytree_builder(url).allow_insecure_http(allow).build(), |client| client.base_url().to_owned())
    }),
    ("citypay", |url, allow| {
        verdict(citypay_builder(url).allow_insecure_http(allow).build(), |client| client.base_url().to_owned())
    }),
    ("payjpv2", |url, allow| {
        verdict(payjp_builder(url).allow_insecure_http(allow).build(), |client| client.base_url().to_owned())
    }),
    ("hyperswitch", |url, allow| {
        verdict(hyperswitch_builder(url).allow_insecure_http(allow).build(), |client| client.base_url().to_owned())
    }),
];

#[test]
fn https_and_loopback_are_accepted() {
    for (vendor, build) in VENDORS {
        for url in ACCEPTED {
            let base = build(url, false).unwrap_or_else(|refusal| panic!("{vendor}: {url} refused: {refusal}"));
            assert_eq!(base, url.trim_end_matches('/'), "{vendor}");
        }
    }
}

#[test]
fn clear_text_and_malformed_urls_are_refused() {
    for (vendor, build) in VENDORS {
        for url in REFUSED {
            let refusal = build(url, false).expect_err(&format!("{vendor}: {url} was accepted"));
            assert!(!refusal.contains("hunter2"), "{vendor}: the refusal repeats the password: {refusal}");
        }
    }
}

#[test]
fn plain_http_to_another_host_needs_an_explicit_opt_in() {
    for (vendor, build) in VENDORS {
        let refusal = build("http://gateway.internal:8080", false).unwrap_err();
        assert!(refusal.contains("allow_insecure_http"), "{vendor}: the refusal does not say how to opt in: {refusal}");
        assert_eq!(build("http://gateway.internal:8080", true).unwrap(), "http://gateway.internal:8080", "{vendor}");
        // The opt-in is for http only; it does not admit other schemes or user information.
        assert!(build("ftp://gateway.internal", true).is_err(), "{vendor}");
        assert!(build("https://merchant:hunter2@gateway.internal", true).is_err(), "{vendor}");
    }
}

/// The server a client uses when none is set: https, or none at all (then `base_url` is required).
fn default_server<C, E: ErrorModel>(result: Result<C, Error<E>>, base_url: impl Fn(&C) -> &str) -> Option<String> {
    match result {
        Ok(client) => Some(base_url(&client).to_owned()),
        Err(Error::Config(config)) if matches!(*config, ConfigError::MissingBaseUrl) => None,
        Err(other) => panic!("building with the default server failed: {other:?}"),
    }
}

#[test]
fn every_default_server_is_https() {
    let defaults = [
        ("paytree", default_server(paytree::Client::builder().token("t").build(), paytree::Client::base_url)),
        ("citypay", default_server(citypay::Client::builder().api_key("k").build(), citypay::Client::base_url)),
        ("payjpv2", default_server(payjpv2::Client::builder().secret_key("k").build(), payjpv2::Client::base_url)),
        (
            "hyperswitch",
            default_server(hyperswitch::Client::builder().api_key("k").build(), hyperswitch::Client::base_url),
        ),
    ];
    for (vendor, server) in &defaults[1..] {
        let server = server.as_deref().unwrap_or_else(|| panic!("{vendor} has no default server"));
        assert!(server.starts_with("https://"), "{vendor}: {server}");
    }
    // Paytree's documents name no server: a client without `base_url` is refused, not guessed.
    assert_eq!(defaults[0].1, None);
}
