//! Typed async client for [CityPay](https://www.citypay.com)'s Payment Intent API, in JSON or
//! XML, authenticated with the temporal `cp-api-key`.
//!
//! ```no_run
//! use citypay::models::{ContactDetails, FindPaymentIntentRequest, PaymentIntentRequestModel};
//! use citypay::{Client, Format, Server};
//!
//! # async fn example() -> Result<(), citypay::Error> {
//! let client = Client::builder()
//!     .server(Server::Sandbox)
//!     // A fresh cp-api-key is derived for every request; the licence key never leaves the process.
//!     .licence_key("PC2", std::env::var("CITYPAY_LICENCE_KEY").unwrap_or_default())
//!     .build()?;
//! let api = client.payment_intent_api();
//!
//! let intent = PaymentIntentRequestModel::new(19_995, "95b857a1-5955-4b86-963c-5a6dbfc4fb95")
//!     .with_currency("GBP")
//!     .with_merchantid(11_223_344)
//!     .with_bill_to(ContactDetails::new().with_email("card.holder@citypay.com"));
//! let reference = api.create_payment_intent(&intent).await?;
//!
//! let found = api
//!     .get_payment_intent(&FindPaymentIntentRequest::new().with_payment_intent_id(reference.payment_intent_id))
//!     .await;
//! match found {
//!     Ok(intent) => println!("{:?} {:?}", intent.intent_status, intent.transactions),
//!     // 422 carries CityPay's typed error body.
//!     Err(error) if error.status() == Some(422) => println!("{:?}", error.api_error()),
//!     Err(error) => return Err(error),
//! }
//!
//! // The same calls in XML: bodies are sent as text/xml; responses are read by their Content-Type.
//! let xml = Client::builder().server(Server::Sandbox).format(Format::Xml).api_key("…").build()?;
//! # let _ = xml;
//! # Ok(())
//! # }
//! ```
//!
//! - Credentials: [`ClientBuilder::licence_key`] computes the `cp-api-key` for every request
//!   (see [`api_key`] to check a setup against CityPay's vectors); [`ClientBuilder::api_key`]
//!   sends a key you computed; [`ClientBuilder::domain_key`] sets a `cp-domain-key` for
//!   operations that accept one. None of them appears in `Debug` output or errors.
//! - Amounts are `i64` minor units (CityPay allows 12 digits); `adjustments`, `conditions` and
//!   `transactions` are lists, as CityPay sends them. `docs/citypay` and the `x-deviation`
//!   notes in `openapi/citypay` list where this crate follows CityPay's page over its spec.
//! - Every error keeps the status, headers and raw body; a 422 also decodes
//!   [`models::Error`] (JSON or XML).
//!
//! The modules [`apis`] and [`models`] are generated from `openapi/citypay` by `cargo xtask gen`.

#![deny(missing_docs)]

mod api_key;
mod generated;

pub use api_key::api_key;
pub use generated::{Client, ClientBuilder, Error, Server, apis, models};
/// Encode or decode CityPay models as XML yourself (stored or forwarded bodies), exactly as the
/// client does on the wire.
pub use payintent_runtime::codec::xml;
pub use payintent_runtime::{
    ApiError, BodyError, ConfigError, Constraint, DecodeError, Format, InvalidReason, InvalidRequest,
    MissingCredential, Outcome, PathParamError, ResponseTooLarge, RetryPolicy, TransportError, UnknownValue, Validate,
    ValidationErrors, Violation, decode_body, reqwest,
};

use payintent_runtime::SecretString;

impl ClientBuilder {
    /// Authenticates with CityPay's temporal key: a fresh `cp-api-key` is derived for every
    /// request from `client_id` and `licence_key` (see [`api_key`]), so no key outlives its
    /// minute. The licence key never appears in `Debug` output or errors.
    pub fn licence_key(self, client_id: impl Into<String>, licence_key: impl Into<String>) -> Self {
        let source = api_key::TemporalKey::new(client_id.into(), SecretString::from(licence_key.into()));
        self.credential(&generated::client::CP_API_KEY, source)
    }
}
