//! The `cp-api-key` on the wire: fixed, or derived for every request from a licence key.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use citypay::models::FindPaymentIntentRequest;
use citypay::{Client, Error};
use mockito::Matcher;
use payintent_tests::{fixture, reply};

const CLIENT_ID: &str = "PC2";
const LICENCE_KEY: &str = "7G79TG62BAJTK669";

/// Splits a derived key into its nonce; asserts its shape on the way.
fn nonce_of(key: &str) -> [u8; 16] {
    let plain = STANDARD.decode(key).expect("base64");
    let (head, digest) = plain.split_at(plain.len() - 32);
    assert_eq!(digest.len(), 32, "an HMAC-SHA256 at the end");
    let head = std::str::from_utf8(head).expect("client id and nonce are text");
    let parts: Vec<&str> = head.split(':').collect();
    assert_eq!(parts.len(), 3, "{head}");
    assert_eq!(parts[0], CLIENT_ID);
    assert_eq!(parts[2], "");
    let hex = parts[1];
    assert_eq!(hex.len(), 32);
    assert!(hex.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()), "upper-case hex: {hex}");
    let mut nonce = [0u8; 16];
    for (index, byte) in nonce.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[index * 2..index * 2 + 2], 16).expect("hex");
    }
    nonce
}

#[tokio::test]
async fn a_licence_key_derives_a_fresh_key_for_every_request() {
    let mut server = mockito::Server::new_async().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&seen);
    let mock = reply(
        server.mock("POST", "/v6/intent/retrieve").match_request(move |request| {
            let key = request.header("cp-api-key").first().and_then(|value| value.to_str().ok()).map(str::to_owned);
            recorded.lock().unwrap().extend(key);
            true
        }),
        200,
        "application/json",
        fixture("citypay", "PaymentIntentResponseModel.json"),
    )
    .expect(2)
    .create_async()
    .await;

    let client = Client::builder().base_url(server.url()).licence_key(CLIENT_ID, LICENCE_KEY).build().unwrap();
    let request = FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444");
    let before = SystemTime::now();
    client.payment_intent_api().get_payment_intent(&request).await.unwrap();
    client.payment_intent_api().get_payment_intent(&request).await.unwrap();
    let after = SystemTime::now();
    mock.assert_async().await;

    let keys = seen.lock().unwrap().clone();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1], "a fresh nonce for every request");
    for key in &keys {
        // Recompute with the nonce on the wire at the minute the request was made.
        let nonce = nonce_of(key);
        let candidates = [before, after, after - Duration::from_secs(60)];
        assert!(
            candidates.iter().any(|at| citypay::api_key(CLIENT_ID, LICENCE_KEY, nonce, *at) == *key),
            "{key} is not the key of the current minute"
        );
    }
}

#[tokio::test]
async fn without_a_key_nothing_is_sent() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("POST", Matcher::Any).expect(0).create_async().await;

    // A domain key alone does not do: both intent operations require cp-api-key.
    let client = Client::builder().base_url(server.url()).domain_key("dk_live_123").build().unwrap();
    let error = client
        .payment_intent_api()
        .get_payment_intent(&FindPaymentIntentRequest::new().with_payment_intent_id("x"))
        .await
        .unwrap_err();

    mock.assert_async().await;
    assert!(matches!(error, Error::MissingCredential(_)), "{error:?}");
    assert_eq!(error.to_string(), "GetPaymentIntent: no credential configured; it accepts cp-api-key");
}

#[tokio::test]
async fn the_licence_key_never_shows() {
    let mut server = mockito::Server::new_async().await;
    reply(server.mock("POST", "/v6/intent/retrieve"), 401, "application/json", r#"{"message":"bad key"}"#)
        .create_async()
        .await;
    let builder =
        Client::builder().base_url(server.url()).licence_key(CLIENT_ID, LICENCE_KEY).domain_key("dk_live_123");
    let builder_shown = format!("{builder:?}");
    let client = builder.build().unwrap();
    let error = client
        .payment_intent_api()
        .get_payment_intent(&FindPaymentIntentRequest::new().with_payment_intent_id("x"))
        .await
        .unwrap_err();
    for shown in [builder_shown, format!("{client:?}"), format!("{error:?}"), error.to_string()] {
        assert!(!shown.contains(LICENCE_KEY) && !shown.contains("dk_live_123"), "secret leaked: {shown}");
    }
}
