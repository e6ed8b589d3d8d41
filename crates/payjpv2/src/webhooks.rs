//! Receiving PAY.JP's webhooks: checking their token and reading their event.
//!
//! PAY.JP posts an event to the webhook URLs set in its dashboard, with the account's webhook
//! token (shown next to them) in the `X-Payjp-Webhook-Token` header. PAY.JP signs nothing: the
//! token is the whole proof, the same in every request. [`Event::from_request`] compares it
//! with yours, in constant time, before it reads the body.
//!
//! ```no_run
//! use payjpv2::webhooks::{Event, HeaderMap, WebhookKey};
//!
//! # fn receive(headers: &HeaderMap, body: &[u8]) -> Result<(), payjpv2::webhooks::WebhookError> {
//! let token = WebhookKey::new(std::env::var("PAYJP_WEBHOOK_TOKEN").unwrap_or_default());
//! let event = Event::from_request(headers, body, &token)?;
//! println!("{} ({})", event.id, event.r#type);
//! # Ok(())
//! # }
//! ```
//!
//! What the token does and does not promise:
//!
//! - It shows the request was sent by someone who knows the token: PAY.JP, or anyone who saw
//!   one request (a log, a proxy). Serve the endpoint over HTTPS only and keep its requests
//!   out of logs.
//! - It covers nothing in the body, carries no time and is the same for every event, so a
//!   request can be replayed or its body changed by whoever holds the token. For anything
//!   that ships goods, read the resource with an authenticated call (the event's `data.id`).

use payintent_runtime::__generated::webhooks as shared;
pub use payintent_runtime::{EventDecodeError, HeaderMap, WebhookError, WebhookKey};

/// The header PAY.JP sends the webhook token in (header names are compared without regard to
/// case).
pub const TOKEN_HEADER: &str = "x-payjp-webhook-token";

/// Checks the request's `X-Payjp-Webhook-Token` against `token`, the dashboard's webhook token.
pub fn verify(headers: &HeaderMap, token: &WebhookKey) -> Result<(), WebhookError> {
    let received = shared::header(headers, TOKEN_HEADER)?.ok_or(WebhookError::MissingHeader(TOKEN_HEADER))?;
    verify_token(received, token)
}

/// Checks `received` (the header's text) against `token`: for a framework that does not hand
/// over an `http::HeaderMap`.
pub fn verify_token(received: &str, token: &WebhookKey) -> Result<(), WebhookError> {
    shared::verify_token(token, received)
}

/// An event PAY.JP sends: its `type` (`payment_flow.succeeded`, `checkout.session.completed`,
/// …, an open string), and in `data` the object it is about, as that object is now.
///
/// `data` is a payment intent when its `object` says so; any other kind of object is kept as
/// the JSON sent ([`EventResponseData::Unknown`]). Events forwarded by PAY.JP's CLI for local
/// testing are read too: they carry `created` (Unix seconds) in place of `created_at` and
/// leave out `livemode` when it is false.
///
/// [`EventResponseData::Unknown`]: crate::models::EventResponseData::Unknown
pub type Event = crate::models::EventResponse;

impl crate::models::EventResponse {
    /// Checks the request's webhook token against `token`, then reads its body.
    ///
    /// Fails with [`WebhookError::MissingHeader`] when the token header is absent,
    /// [`WebhookError::Mismatch`] when it differs, and [`WebhookError::Decode`] (with the
    /// body) when the body is not an event. The body is not read before the token matches.
    pub fn from_request(headers: &HeaderMap, body: &[u8], token: &WebhookKey) -> Result<Self, WebhookError> {
        verify(headers, token)?;
        shared::decode_event(shared::header(headers, "content-type")?, body)
    }
}
