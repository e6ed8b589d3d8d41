//! Typed async client for [PAY.JP](https://pay.jp) v2's payment intents.
//!
//! ```no_run
//! use payjpv2::models::{MetadataValue, PaymentIntentCreateRequest, PaymentIntentStatus};
//! use payjpv2::{Client, StreamExt};
//!
//! # async fn example() -> Result<(), payjpv2::Error> {
//! let client = Client::builder().secret_key(std::env::var("PAYJP_SECRET_KEY").unwrap_or_default()).build()?;
//! let api = client.payment_intents_api();
//!
//! let request = PaymentIntentCreateRequest::new(1_000)
//!     .with_metadata([("order".to_owned(), MetadataValue::String("A-1042".into()))].into_iter().collect::<std::collections::BTreeMap<_, _>>());
//! let intent = api.create_payment_intent(&request).await?;
//! if intent.status == PaymentIntentStatus::RequiresPaymentMethod {
//!     println!("confirm {} on the client with its client secret", intent.id);
//! }
//!
//! match api.retrieve_payment_intent("pi_unknown").await {
//!     Ok(intent) => println!("{:?}", intent.status),
//!     // Errors are RFC 7807 problems: typed, with any extra member PAY.JP adds.
//!     Err(error) if error.status() == Some(404) => {
//!         let problem = error.api_error().expect("a problem body");
//!         println!("{} {:?} {:?}", problem.title, problem.detail, problem.additional_properties.get("code"));
//!     }
//!     Err(error) => return Err(error),
//! }
//!
//! // Every intent, page after page.
//! let mut all = std::pin::pin!(api.all_payment_intents(Some(100)));
//! while let Some(intent) = all.next().await {
//!     println!("{}", intent?.id);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - Credentials: [`ClientBuilder::secret_key`] sends `Authorization: Bearer <key>`; it never
//!   appears in `Debug` output or errors.
//! - Errors: 400, 404 and 422 bodies are RFC 7807 problems (`application/problem+json` or
//!   `application/json`), decoded as [`models::ErrorResponse`]; members the schema does not
//!   name stay in `additional_properties`. `Display` shows the status, code and detail.
//! - `metadata` values keep their JSON type ([`models::MetadataValue`]); statuses and other
//!   enums keep values this crate does not know (`Unknown`).
//! - [`apis::PaymentIntentsApi::all_payment_intents`] walks every page as a stream.
//!
//! The modules [`apis`] and [`models`] are generated from `openapi/payjpv2` by `cargo xtask gen`.

#![deny(missing_docs)]

mod generated;
mod pagination;

pub use futures_core::Stream;
pub use futures_util::StreamExt;
pub use generated::{Client, ClientBuilder, Error, Server, apis, models};
pub use payintent_runtime::{
    ApiError, BodyError, ConfigError, Constraint, DecodeError, InvalidReason, InvalidRequest, MissingCredential,
    Outcome, PathParamError, ResponseTooLarge, RetryPolicy, TransportError, UnknownValue, Validate, ValidationErrors,
    Violation, decode_body, reqwest,
};
