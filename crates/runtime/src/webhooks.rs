//! Receiving a gateway's webhooks: what every vendor crate's `webhooks` module shares.
//!
//! A webhook is an HTTP request anyone on the internet can send to your endpoint, so nothing
//! in it is believed until it is verified. A signature is checked on the body exactly as
//! received, before anything parses it; every comparison takes constant time. Each vendor crate says which
//! check its gateway allows (a signature of the body, a shared token, a digest of some fields,
//! or none at all) and builds on the pieces here:
//!
//! - [`WebhookKey`]: the secret a check uses, never shown by `Debug` or an error;
//! - [`WebhookError`]: why a request was refused, without the key, the signature or the body
//!   in its text (the raw body stays on a decoding failure, for your logs to decide);
//! - the checks: [`verify_hmac_sha512_hex`], [`verify_token`], [`constant_time_eq`];
//! - [`header`] and [`query_parameter`] to read a request, [`decode_event`] to read its body.
//!
//! Everything takes bytes, strings and `http::HeaderMap`s: it works with any web framework.

use std::fmt;

use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
/// The headers of a request, as every Rust web framework built on `http` hands them over.
pub use http::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use sha2::Sha512;

use subtle::ConstantTimeEq;

use crate::codec::{self, BodyKind};

/// The secret a webhook is checked with: a signing key or a shared token, as the gateway's
/// dashboard shows it.
///
/// `Debug` shows `WebhookKey(<redacted>)`; no error ever contains it.
#[derive(Clone)]
pub struct WebhookKey(SecretString);

impl WebhookKey {
    /// The key `key`, exactly as the gateway shows it (no trimming, no decoding).
    pub fn new(key: impl Into<String>) -> Self {
        Self(SecretString::from(key.into()))
    }

    /// The key's bytes, for a check to use.
    fn bytes(&self) -> Result<&[u8], WebhookError> {
        let key = self.0.expose_secret().as_bytes();
        // Anyone can compute a signature with an empty key, or send an empty token.
        if key.is_empty() { Err(WebhookError::NoKey) } else { Ok(key) }
    }

    /// The key as text, for a vendor's own recipe (CityPay's digest appends it to the fields).
    pub fn expose(&self) -> Result<&str, WebhookError> {
        self.bytes()?;
        Ok(self.0.expose_secret())
    }
}

impl From<SecretString> for WebhookKey {
    fn from(key: SecretString) -> Self {
        Self(key)
    }
}

impl fmt::Debug for WebhookKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookKey(<redacted>)")
    }
}

/// Why a webhook request was refused. Answer it with a 4xx (a 400 for a body that does not
/// decode, a 401 for the rest) and act on nothing in it.
///
/// Its text never contains the key, the received signature or token, or the body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The key is empty: a check with it would accept what anyone can forge.
    #[error("no webhook key to verify with (it is empty)")]
    NoKey,
    /// The header the gateway sends its proof in is absent: the request is not from the
    /// gateway, or the gateway was set up without a key.
    #[error("the request has no `{0}` header")]
    MissingHeader(&'static str),
    /// The header is there but cannot be the gateway's (not text, wrong length, not hex, …).
    #[error("the `{header}` header is malformed: {reason}")]
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The query string cannot be the gateway's.
    #[error("the query string is malformed: {reason}")]
    MalformedQuery {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The proof does not match: the body was changed, the key is not the one the gateway
    /// used, or the request is forged.
    #[error("the {0} does not match")]
    Mismatch(&'static str),
    /// The request carries nothing that could be checked, for the reason given.
    #[error("the request cannot be verified: {0}")]
    Unverifiable(String),
    /// The body is verified but does not decode as the gateway's event.
    #[error(transparent)]
    Decode(Box<EventDecodeError>),
}

impl WebhookError {
    /// The body exactly as received, when it was verified but did not decode.
    pub fn body(&self) -> Option<&Bytes> {
        match self {
            WebhookError::Decode(error) => Some(&error.body),
            _ => None,
        }
    }
}

/// A verified webhook body that does not decode as the gateway's event.
#[derive(Debug, thiserror::Error)]
#[error("the webhook body does not decode{}: {source}", if path.is_empty() { String::new() } else { format!(" at `{path}`") })]
#[non_exhaustive]
pub struct EventDecodeError {
    /// Where decoding stopped (`content.object.amount`); empty when the document as a whole is
    /// wrong (not JSON, say).
    pub path: String,
    /// The body exactly as received.
    pub body: Bytes,
    /// The decoder's error.
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

/// The text of the header `name` in `headers`, if the request has it.
///
/// A header sent twice is refused: the gateway sends its proof once, and choosing one of two
/// would let a forger add their own.
pub fn header<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<Option<&'h str>, WebhookError> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err(WebhookError::MalformedHeader { header: name, reason: "it is sent more than once" });
    }
    let text = value.to_str().map_err(|_| WebhookError::MalformedHeader { header: name, reason: "it is not text" })?;
    Ok(Some(text))
}

/// The value of the query parameter `name` in `query` (a request's query string, without
/// `?`), percent-decoded. A parameter given twice is refused, as a header sent twice is.
pub fn query_parameter(query: &str, name: &str) -> Result<Option<String>, WebhookError> {
    let mut values = url::form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key == name);
    let Some((_, value)) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err(WebhookError::MalformedQuery { reason: "a parameter the notification carries is given twice" });
    }
    Ok(Some(value.into_owned()))
}

/// Checks that `signature` (the text of the header `header`) is the HMAC-SHA512 of `body`
/// under `key`, written in hex (either case). The comparison takes the same time whatever
/// the signature holds.
pub fn verify_hmac_sha512_hex(
    key: &WebhookKey,
    body: &[u8],
    signature: &str,
    header: &'static str,
) -> Result<(), WebhookError> {
    let mac = hmac_sha512(key, body)?;
    let received = hex::decode(signature.trim())
        .map_err(|_| WebhookError::MalformedHeader { header, reason: "it is not a hex-encoded signature" })?;
    if received.len() != 64 {
        return Err(WebhookError::MalformedHeader { header, reason: "an HMAC-SHA512 signature is 128 hex digits" });
    }
    mac.verify_slice(&received).map_err(|_| WebhookError::Mismatch("signature"))
}

/// The HMAC-SHA512 of `body` under `key`, in lowercase hex: what a gateway that signs this
/// way sends, for tests of your own endpoint.
pub fn hmac_sha512_hex(key: &WebhookKey, body: &[u8]) -> Result<String, WebhookError> {
    Ok(hex::encode(hmac_sha512(key, body)?.finalize().into_bytes()))
}

fn hmac_sha512(key: &WebhookKey, body: &[u8]) -> Result<Hmac<Sha512>, WebhookError> {
    // HMAC takes a key of any length; the error case cannot happen and is refused all the same.
    let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(key.bytes()?).map_err(|_| WebhookError::NoKey)?;
    mac.update(body);
    Ok(mac)
}

/// Checks that `received` (the text of the header `header`) is the shared token `key`, in
/// constant time.
pub fn verify_token(key: &WebhookKey, received: &str) -> Result<(), WebhookError> {
    if constant_time_eq(key.bytes()?, received.as_bytes()) { Ok(()) } else { Err(WebhookError::Mismatch("token")) }
}

/// Whether `a` and `b` are equal, in a time that depends on their lengths only.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// Decodes a webhook body as `T`, as the client decodes a response: unknown members ignored,
/// unknown enum values and union members kept, and on failure the path and the body as
/// received. The body is JSON unless its `content_type` (or, without one, its first character)
/// says XML and the crate reads XML; a media type of neither kind is read as JSON, which is
/// what the gateways send.
pub fn decode_event<T: DeserializeOwned>(content_type: Option<&str>, body: &[u8]) -> Result<T, WebhookError> {
    let kind = match BodyKind::of(content_type, body) {
        BodyKind::Other(_) => BodyKind::Json,
        kind => kind,
    };
    codec::decode(&kind, body).map_err(|failure| {
        WebhookError::Decode(Box::new(EventDecodeError {
            path: failure.path,
            body: Bytes::copy_from_slice(body),
            source: failure.source,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hyperswitch's own unit test of its signer (common_utils crypto.rs), recomputed with
    // `printf '%s' '{"type":"payment_intent"}' | openssl dgst -sha512 -hmac 'hmac_secret_1234'`.
    const KEY: &str = "hmac_secret_1234";
    const BODY: &str = r#"{"type":"payment_intent"}"#;
    const SIGNATURE: &str = "38b0bc1ea66b14793e39cd58e93d37b799a507442d0dd8d37443fa95dec58e57\
                             da6db4742636fea31201c48e57a66e73a308a2e5a5c6bb831e4e39fe2227c00f";

    #[test]
    fn an_hmac_sha512_signature_is_checked_against_the_body_as_received() {
        let key = WebhookKey::new(KEY);
        assert_eq!(hmac_sha512_hex(&key, BODY.as_bytes()).unwrap(), SIGNATURE);
        verify_hmac_sha512_hex(&key, BODY.as_bytes(), SIGNATURE, "x-sig").unwrap();
        verify_hmac_sha512_hex(&key, BODY.as_bytes(), &SIGNATURE.to_uppercase(), "x-sig").unwrap();

        let tampered = BODY.replace("intent", "intenT");
        assert!(matches!(
            verify_hmac_sha512_hex(&key, tampered.as_bytes(), SIGNATURE, "x-sig"),
            Err(WebhookError::Mismatch("signature"))
        ));
        let spaced = format!("{BODY} ");
        assert!(matches!(
            verify_hmac_sha512_hex(&key, spaced.as_bytes(), SIGNATURE, "x-sig"),
            Err(WebhookError::Mismatch(_))
        ));
        let other_key = WebhookKey::new("hmac_secret_1235");
        assert!(matches!(
            verify_hmac_sha512_hex(&other_key, BODY.as_bytes(), SIGNATURE, "x-sig"),
            Err(WebhookError::Mismatch(_))
        ));
    }

    #[test]
    fn a_malformed_signature_is_named_not_compared() {
        let key = WebhookKey::new(KEY);
        for (signature, reason) in [
            ("zz", "it is not a hex-encoded signature"),
            (&SIGNATURE[..126], "an HMAC-SHA512 signature is 128 hex digits"),
            ("", "an HMAC-SHA512 signature is 128 hex digits"),
        ] {
            match verify_hmac_sha512_hex(&key, BODY.as_bytes(), signature, "x-sig") {
                Err(WebhookError::MalformedHeader { header: "x-sig", reason: found }) => assert_eq!(found, reason),
                other => panic!("{signature:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_empty_key_verifies_nothing() {
        let empty = WebhookKey::new("");
        assert!(matches!(hmac_sha512_hex(&empty, b"{}"), Err(WebhookError::NoKey)));
        assert!(matches!(verify_hmac_sha512_hex(&empty, b"{}", SIGNATURE, "x"), Err(WebhookError::NoKey)));
        assert!(matches!(verify_token(&empty, ""), Err(WebhookError::NoKey)));
    }

    #[test]
    fn tokens_are_compared_whole() {
        let key = WebhookKey::new("whook_0123456789");
        verify_token(&key, "whook_0123456789").unwrap();
        for wrong in ["whook_012345678", "whook_01234567890", "WHOOK_0123456789", ""] {
            assert!(matches!(verify_token(&key, wrong), Err(WebhookError::Mismatch("token"))), "{wrong}");
        }
    }

    #[test]
    fn a_header_is_read_once_as_text() {
        let mut headers = HeaderMap::new();
        assert!(header(&headers, "x-sig").unwrap().is_none());
        headers.insert("x-sig", "abc".parse().unwrap());
        assert_eq!(header(&headers, "x-sig").unwrap(), Some("abc"));
        headers.append("x-sig", "def".parse().unwrap());
        assert!(matches!(header(&headers, "x-sig"), Err(WebhookError::MalformedHeader { .. })));
        let mut binary = HeaderMap::new();
        binary.insert("x-sig", http::HeaderValue::from_bytes(&[0xff, 0xfe]).unwrap());
        assert!(matches!(
            header(&binary, "x-sig"),
            Err(WebhookError::MalformedHeader { reason: "it is not text", .. })
        ));
    }

    #[test]
    fn a_query_parameter_is_read_once_and_decoded() {
        assert_eq!(query_parameter("pi=3f2a%2Fb&tx=9", "pi").unwrap().as_deref(), Some("3f2a/b"));
        assert_eq!(query_parameter("pi=a+b", "pi").unwrap().as_deref(), Some("a b"));
        assert_eq!(query_parameter("tx=9", "pi").unwrap(), None);
        assert_eq!(query_parameter("", "pi").unwrap(), None);
        assert!(matches!(query_parameter("pi=1&pi=2", "pi"), Err(WebhookError::MalformedQuery { .. })));
    }

    #[test]
    fn neither_the_key_nor_the_signature_is_ever_shown() {
        let key = WebhookKey::new("very-secret-webhook-key");
        assert_eq!(format!("{key:?}"), "WebhookKey(<redacted>)");
        let forged = "f".repeat(128);
        let error = verify_hmac_sha512_hex(&key, b"{}", &forged, "x-sig").unwrap_err();
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("very-secret") && !shown.contains("ffff"), "{shown}");
        }
        let error = verify_token(&key, "guess-of-the-token").unwrap_err();
        assert!(!format!("{error} {error:?}").contains("guess-of"), "{error:?}");
    }

    #[test]
    fn a_body_that_does_not_decode_keeps_its_bytes_and_path() {
        #[derive(Debug, serde::Deserialize)]
        struct Event {
            #[allow(dead_code)]
            amount: i64,
        }
        let error = decode_event::<Event>(Some("application/json"), br#"{"amount":"ten"}"#).unwrap_err();
        assert_eq!(error.body().map(|body| &body[..]), Some(&br#"{"amount":"ten"}"#[..]));
        let WebhookError::Decode(decode) = &error else { panic!("{error:?}") };
        assert_eq!(decode.path, "amount");
        let error = decode_event::<Event>(Some("text/plain"), b"not json").unwrap_err();
        assert_eq!(error.body().map(|body| &body[..]), Some(&b"not json"[..]));
        assert_eq!(decode_event::<Event>(None, br#"{"amount":5}"#).unwrap().amount, 5);
        assert_eq!(decode_event::<Event>(Some("text/plain"), br#"{"amount":6}"#).unwrap().amount, 6);
    }
}
