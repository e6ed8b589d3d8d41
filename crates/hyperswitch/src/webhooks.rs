//! Receiving Hyperswitch's webhooks: checking their signature and reading their event.
//!
//! Hyperswitch posts an event to your profile's webhook URL when a payment, refund, dispute,
//! mandate or payout changes. It signs the body with HMAC-SHA512, keyed with the profile's
//! *payment response hash key* (shown with the business profile), and sends the signature in
//! hex in the `X-Webhook-Signature-512` header.
//!
//! [`Event::from_request`] checks that signature on the body exactly as received, then decodes
//! the event. Hand it the raw body bytes, before any JSON parsing: a body parsed and written
//! again is not the body Hyperswitch signed.
//!
//! ```no_run
//! use hyperswitch::webhooks::{Event, HeaderMap, WebhookKey};
//!
//! # fn receive(headers: &HeaderMap, body: &[u8]) -> Result<(), hyperswitch::webhooks::WebhookError> {
//! let key = WebhookKey::new(std::env::var("HYPERSWITCH_PAYMENT_RESPONSE_HASH_KEY").unwrap_or_default());
//! let event = Event::from_request(headers, body, &key)?;
//! println!("{} ({:?})", event.event_id, event.event_type);
//! # Ok(())
//! # }
//! ```
//!
//! What the signature does and does not promise:
//!
//! - It covers the whole body, so no member of the event can be changed unseen.
//! - It carries no time of its own: a recorded webhook can be sent again. Hyperswitch resends
//!   an event (on a failed delivery, or when asked) with the same body, `event_id` included, so
//!   keep the `event_id`s you have handled and skip repeats.
//! - A profile without a hash key gets its webhooks unsigned; such a request has no signature
//!   header and is refused here ([`WebhookError::MissingHeader`]).

use payintent_runtime::__generated::webhooks as shared;
pub use payintent_runtime::{EventDecodeError, HeaderMap, WebhookError, WebhookKey};

/// The header Hyperswitch sends the signature in (header names are compared without regard
/// to case).
pub const SIGNATURE_HEADER: &str = "x-webhook-signature-512";

/// Checks the request's `X-Webhook-Signature-512` against `body` with `key`, the profile's
/// payment response hash key.
pub fn verify(headers: &HeaderMap, body: &[u8], key: &WebhookKey) -> Result<(), WebhookError> {
    let signature = shared::header(headers, SIGNATURE_HEADER)?.ok_or(WebhookError::MissingHeader(SIGNATURE_HEADER))?;
    verify_signature(body, signature, key)
}

/// Checks `signature` (the header's text) against `body` with `key`: for a framework that
/// does not hand over an `http::HeaderMap`.
pub fn verify_signature(body: &[u8], signature: &str, key: &WebhookKey) -> Result<(), WebhookError> {
    shared::verify_hmac_sha512_hex(key, body, signature, SIGNATURE_HEADER)
}

/// The signature Hyperswitch sends for `body` under `key`: to test your own endpoint with
/// requests signed as Hyperswitch signs them.
pub fn sign(body: &[u8], key: &WebhookKey) -> Result<String, WebhookError> {
    shared::hmac_sha512_hex(key, body)
}

/// An event Hyperswitch sends: what changed (`event_type`), the object as it is now
/// (`content`: a payment, refund, dispute, mandate or payout), the event's id and time.
///
/// An event type or content kind this crate does not know yet is kept, not refused: the
/// `event_type` keeps its text, and the content is [`OutgoingWebhookContent::Unknown`] with
/// the JSON as sent.
///
/// [`OutgoingWebhookContent::Unknown`]: crate::models::OutgoingWebhookContent::Unknown
pub type Event = crate::models::OutgoingWebhook;

impl crate::models::OutgoingWebhook {
    /// Checks the request's signature with `key`, the profile's payment response hash key,
    /// then reads its body. `body` must be the bytes exactly as received.
    ///
    /// Fails with [`WebhookError::MissingHeader`] or [`WebhookError::MalformedHeader`]
    /// when the signature header is absent or not a signature, [`WebhookError::Mismatch`]
    /// when it does not match, and [`WebhookError::Decode`] (with the body) when a signed
    /// body is not an event.
    pub fn from_request(headers: &HeaderMap, body: &[u8], key: &WebhookKey) -> Result<Self, WebhookError> {
        verify(headers, body, key)?;
        shared::decode_event(shared::header(headers, "content-type")?, body)
    }
}
