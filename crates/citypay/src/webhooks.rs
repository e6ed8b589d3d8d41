//! What CityPay sends you after a payment, and what of it can be verified.
//!
//! | What reaches you | Sent by | Can it be verified? |
//! |---|---|---|
//! | A payment intent's progress | nothing: CityPay sends no notification for an intent | read the intent with [`PaymentIntentApi::get_payment_intent`](crate::apis::PaymentIntentApi::get_payment_intent), an authenticated call |
//! | A Paylink postback: the result of a hosted payment page, POSTed to the token's `postback` URL | CityPay | **partly**: [`Postback::from_request`] checks its `sha256` digest with your licence key |
//! | The 3-D Secure return to `merchant_termurl` | the cardholder's browser | no: only the result CityPay answers your `cres` call with is CityPay's word |
//! | Deliveries of a web hook channel (`/hooks/channel/create`) | CityPay | no: CityPay publishes no signature, payload or list of triggers for them |
//!
//! A postback's digest is SHA-256 over the authorisation code, the amount, the error code,
//! the merchant id, the transaction number, the identifier and your licence key, base64
//! encoded. It proves those six values came from CityPay, and nothing else: whether the
//! payment is authorised, its currency, status, mode and card details are outside it and
//! could have been changed on the way. It carries no time either, so a recorded postback can be
//! sent again. So act on a verified postback's identifier and amount, and read what else you
//! need with an authenticated call.
//!
//! ```no_run
//! use citypay::webhooks::{Postback, WebhookKey};
//!
//! # fn receive(headers: &citypay::webhooks::HeaderMap, body: &[u8]) -> Result<(), citypay::webhooks::WebhookError> {
//! // The licence key the client signs requests with.
//! let key = WebhookKey::new(std::env::var("CITYPAY_LICENCE_KEY").unwrap_or_default());
//! let postback = Postback::from_request(headers, body, &key)?;
//! println!("{} paid {} (minor units)", postback.identifier, postback.amount);
//! # Ok(())
//! # }
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use payintent_runtime::__generated::both_shapes::decimal_or_number;
use payintent_runtime::__generated::webhooks::{self as shared, constant_time_eq};
pub use payintent_runtime::{EventDecodeError, HeaderMap, WebhookError, WebhookKey};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// A Paylink postback: the result of one transaction on CityPay's hosted payment page.
///
/// CityPay writes some numbers as JSON numbers and some as strings; both are read, and kept as
/// the decimal text the digest is computed over.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Postback {
    /// The card issuer's authorisation code; empty or absent when nothing was authorised.
    #[serde(default)]
    pub authcode: Option<String>,
    /// The amount, in the currency's minor units (pence for GBP).
    #[serde(deserialize_with = "decimal_or_number")]
    pub amount: String,
    /// CityPay's result code (`000` and `001` for an authorisation).
    pub errorcode: String,
    /// The merchant account the transaction ran on.
    #[serde(deserialize_with = "decimal_or_number")]
    pub merchantid: String,
    /// CityPay's number for the transaction.
    #[serde(deserialize_with = "decimal_or_number")]
    pub transno: String,
    /// Your reference for the payment, as given when the Paylink token was created.
    pub identifier: String,
    /// The digest of the six values above with your licence key, base64 encoded.
    pub sha256: String,
    /// Every other member, as sent (`authorised`, `currency`, `errormessage`, `status`,
    /// `maskedPan`, …): none of it is covered by the digest.
    #[serde(flatten)]
    pub unverified: Map<String, Value>,
}

impl Postback {
    /// Reads a postback's body and checks its digest with `licence_key`. The body is JSON
    /// (the Paylink token was created with JSON); its `Content-Type` is read from `headers`.
    ///
    /// Fails with [`WebhookError::Mismatch`] when the digest differs,
    /// [`WebhookError::Unverifiable`] when a value it covers is missing, and
    /// [`WebhookError::Decode`] (with the body) when the body is not a postback.
    pub fn from_request(headers: &HeaderMap, body: &[u8], licence_key: &WebhookKey) -> Result<Self, WebhookError> {
        let content_type = shared::header(headers, "content-type")?;
        let postback: Postback = shared::decode_event(content_type, body)?;
        postback.verify(licence_key)?;
        Ok(postback)
    }

    /// Checks the postback's `sha256` digest with `licence_key`, in constant time.
    pub fn verify(&self, licence_key: &WebhookKey) -> Result<(), WebhookError> {
        let expected = self.digest(licence_key)?;
        if constant_time_eq(expected.as_bytes(), self.sha256.trim().as_bytes()) {
            Ok(())
        } else {
            Err(WebhookError::Mismatch("sha256 digest"))
        }
    }

    /// The digest CityPay computes for this postback with `licence_key`.
    pub fn digest(&self, licence_key: &WebhookKey) -> Result<String, WebhookError> {
        // CityPay's own clients disagree on a missing authorisation code (empty text, the word
        // "null", or an error): rather than guess, such a postback is not verified.
        let authcode = self.authcode.as_deref().ok_or_else(|| {
            WebhookError::Unverifiable("the postback has no `authcode`, which its digest covers".to_owned())
        })?;
        let mut digest = Sha256::new();
        for part in [authcode, &self.amount, &self.errorcode, &self.merchantid, &self.transno, &self.identifier] {
            digest.update(part.as_bytes());
        }
        digest.update(licence_key.expose()?.as_bytes());
        Ok(STANDARD.encode(digest.finalize()))
    }

    /// Whether CityPay reports the transaction authorised: its `authorised` member, which
    /// CityPay writes as `"true"`/`"false"` or as a JSON boolean. Not covered by the digest.
    pub fn authorised(&self) -> Option<bool> {
        match self.unverified.get("authorised")? {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CityPay's Paylink documentation's example. The digest was computed independently:
    /// `printf '%s' '88A1231500000123456860 1TX-0001BWCG00WES4JSH0Q6' | tr -d ' ' | openssl dgst -sha256 -binary | base64`
    const DOCUMENTED: &str = r#"{"authcode":"88A123","amount":1500,"errorcode":"000","merchantid":123456,"transno":8601,
        "identifier":"TX-0001","authorised":"true","currency":"GBP","sha256":"xnKflRW1tqa9BTgu79sGZsES7e3c+LpJ4+hJHt8VfwI="}"#;
    const DOCUMENTED_KEY: &str = "BWCG00WES4JSH0Q6";

    fn json_headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        headers
    }

    #[test]
    fn the_documented_postback_verifies() {
        let postback =
            Postback::from_request(&json_headers(), DOCUMENTED.as_bytes(), &WebhookKey::new(DOCUMENTED_KEY)).unwrap();
        assert_eq!((postback.amount.as_str(), postback.transno.as_str()), ("1500", "8601"));
        assert_eq!(postback.identifier, "TX-0001");
        assert_eq!(postback.authorised(), Some(true));
        assert_eq!(postback.unverified["currency"], "GBP");
    }

    /// The PHP SDK's postback fixture: numbers as strings, an empty authorisation code.
    /// `printf '%s' '5001080123456780CityPay-SDK-PHP-PostbackResponseMTD25HDPUVVBBG23' | openssl dgst -sha256 -binary | base64`
    #[test]
    fn numbers_written_as_strings_and_an_empty_authcode_verify() {
        let body = r#"{"authcode":"","amount":"5001","errorcode":"080","merchantid":"12345678","transno":"0",
            "identifier":"CityPay-SDK-PHP-PostbackResponse","authorised":"false",
            "sha256":"fDnFSn0i4KBrfdWBNJs4WHOzAhKys1E/o/Gfkakax64="}"#;
        let postback =
            Postback::from_request(&json_headers(), body.as_bytes(), &WebhookKey::new("MTD25HDPUVVBBG23")).unwrap();
        assert_eq!(postback.authorised(), Some(false));
        assert_eq!(postback.merchantid, "12345678");
    }

    #[test]
    fn a_changed_value_or_another_key_is_refused() {
        let key = WebhookKey::new(DOCUMENTED_KEY);
        let more = DOCUMENTED.replace("\"amount\":1500", "\"amount\":15000");
        assert!(matches!(
            Postback::from_request(&json_headers(), more.as_bytes(), &key),
            Err(WebhookError::Mismatch("sha256 digest"))
        ));
        let other = WebhookKey::new("BWCG00WES4JSH0Q7");
        assert!(matches!(
            Postback::from_request(&json_headers(), DOCUMENTED.as_bytes(), &other),
            Err(WebhookError::Mismatch(_))
        ));
        // Outside the digest: a changed currency still verifies, which is why the module
        // tells you not to act on it.
        let currency = DOCUMENTED.replace("GBP", "USD");
        assert!(Postback::from_request(&json_headers(), currency.as_bytes(), &key).is_ok());
    }

    #[test]
    fn a_postback_without_an_authcode_is_not_guessed_at() {
        let key = WebhookKey::new(DOCUMENTED_KEY);
        let without = DOCUMENTED.replace("\"authcode\":\"88A123\",", "");
        let error = Postback::from_request(&json_headers(), without.as_bytes(), &key).unwrap_err();
        assert!(matches!(error, WebhookError::Unverifiable(_)), "{error:?}");
        assert!(matches!(
            Postback::from_request(&json_headers(), DOCUMENTED.as_bytes(), &WebhookKey::new("")),
            Err(WebhookError::NoKey)
        ));
    }

    #[test]
    fn a_body_that_is_not_a_postback_keeps_its_bytes() {
        let key = WebhookKey::new(DOCUMENTED_KEY);
        for body in [&b"<html>hello</html>"[..], b"{\"amount\":1500}", b""] {
            let error = Postback::from_request(&json_headers(), body, &key).unwrap_err();
            assert_eq!(error.body().map(|kept| &kept[..]), Some(body), "{error:?}");
        }
    }

    #[test]
    fn the_licence_key_never_shows() {
        let key = WebhookKey::new(DOCUMENTED_KEY);
        let forged = DOCUMENTED.replace("xnKflRW1", "AAAAAAAA");
        let error = Postback::from_request(&json_headers(), forged.as_bytes(), &key).unwrap_err();
        let shown = format!("{error} {error:?} {key:?}");
        assert!(!shown.contains(DOCUMENTED_KEY), "{shown}");
    }
}
