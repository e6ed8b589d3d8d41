//! Typed async client for [Paytree](https://paytree.gitbook.io/api)'s Payment Intents API.
//!
//! ```no_run
//! use paytree::models::{
//!     AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, PaymentIntentCreateRequest,
//!     SessionRequest,
//! };
//! use paytree::Client;
//!
//! # async fn example() -> Result<(), paytree::Error> {
//! let client = Client::builder()
//!     .base_url("https://api.paytree.example")
//!     .token(std::env::var("PAYTREE_TOKEN").unwrap_or_default())
//!     .build()?;
//! let api = client.transaction_api();
//!
//! let request = PaymentIntentCreateRequest::new(
//!     "order-1042",
//!     "customer-17",
//!     "19.99",
//!     AmountCurrencyEnum::Eur,
//!     CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
//!     AddressRequest::new(CountryEnum::Gb),
//!     SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
//!     CallbackRequest::new("https://shop.example/return"),
//! );
//! let created = api.transaction_payment_intent_create(&request).await?;
//! println!("pay at {}", created.payment_link);
//!
//! match api.transaction_payment_intent_retrieve("3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c0a55").await {
//!     Ok(intent) => println!("{} {}", intent.amount, intent.currency),
//!     Err(error) if error.status() == Some(404) => println!("no such intent: {error}"),
//!     Err(error) => return Err(error),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - Every call returns [`Error`]: the status, headers and raw body of a failed response stay
//!   reachable (`error.status()`, `error.raw_body()`), and nothing is sent when a credential is
//!   missing or a path parameter would change the path.
//! - Enums keep values this crate does not know (`StatusEnum::Unknown`), and unknown fields are
//!   ignored, so a new status or field on Paytree's side does not break decoding.
//! - Credentials: [`ClientBuilder::token`] (`Authorization: Token …`) or
//!   [`ClientBuilder::bearer_token`] (`Authorization: Bearer …`). They never appear in `Debug`.
//! - [`ClientBuilder::validate_requests`] checks bodies against the schema before sending.
//!
//! The modules [`apis`] and [`models`] are generated from `openapi/paytree` by `cargo xtask gen`.

#![deny(missing_docs)]

mod generated;

pub use generated::{Client, ClientBuilder, Error, apis, models};
pub use payintent_runtime::{
    ApiError, BodyError, ConfigError, Constraint, DecodeError, InvalidReason, InvalidRequest, MissingCredential,
    Outcome, PathParamError, ResponseTooLarge, RetryPolicy, TransportError, UnknownValue, Validate, ValidationErrors,
    Violation, decode_body, reqwest,
};
