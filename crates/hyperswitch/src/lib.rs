//! Typed async client for the [Hyperswitch](https://hyperswitch.io) Payments API.
//!
//! ```no_run
//! use hyperswitch::models::{Currency, PaymentsCreateRequest, PaymentsConfirmRequest, PaymentRetrieveBody};
//! use hyperswitch::{Client, Server};
//!
//! # async fn example() -> Result<(), hyperswitch::Error> {
//! let client = Client::builder()
//!     .server(Server::Sandbox)
//!     .api_key(std::env::var("HYPERSWITCH_API_KEY").unwrap_or_default())
//!     .publishable_key(std::env::var("HYPERSWITCH_PUBLISHABLE_KEY").unwrap_or_default())
//!     .build()?;
//! let payments = client.payments_api();
//!
//! // 6540 in the smallest unit of USD: $65.40. Setting payment_id makes a retried create safe.
//! let created = payments
//!     .create_a_payment(&PaymentsCreateRequest::new(6540, Currency::Usd).with_payment_id("order_1042"))
//!     .await?;
//! println!("{:?} {:?}", created.payment_id, created.status);
//!
//! match payments.retrieve_a_payment("order_1042", &PaymentRetrieveBody::new().with_force_sync(true)).await {
//!     Ok(payment) => println!("{:?} {:?}", payment.status, payment.next_action),
//!     // Errors carry Hyperswitch's typed error body.
//!     Err(error) if error.status() == Some(404) => println!("{:?}", error.api_error().map(|e| &e.error.code)),
//!     Err(error) => return Err(error),
//! }
//! # let _ = PaymentsConfirmRequest::new();
//! # Ok(())
//! # }
//! ```
//!
//! - Credentials: every key goes in the `api-key` header. Each operation uses the scheme it
//!   declares: [`ClientBuilder::api_key`] for server calls, [`ClientBuilder::publishable_key`]
//!   for client-side calls (session tokens, complete authorize, external 3DS), either where
//!   both are accepted. Calling an operation whose key is missing fails before sending.
//! - The crate speaks to Hyperswitch's server where its spec says otherwise; each correction
//!   is an `x-deviation` note in `openapi/hyperswitch` (listed in `docs/hyperswitch`).
//! - Unions (`PaymentMethodData`, `NextActionData`, …) and enums (`Connector`, `Currency`, …)
//!   keep variants and values this crate does not know.
//!
//! The modules [`apis`] and [`models`] are generated from `openapi/hyperswitch` by
//! `cargo xtask gen`.

#![deny(missing_docs)]

mod generated;

pub use generated::{Client, ClientBuilder, Error, Server, apis, models};
pub use payintent_runtime::{
    ApiError, BodyError, ConfigError, Constraint, DecodeError, InvalidReason, InvalidRequest, MissingCredential,
    Outcome, PathParamError, ResponseTooLarge, RetryPolicy, TransportError, UnknownValue, Validate, ValidationErrors,
    Violation, decode_body, reqwest,
};
