//! Shared runtime of the payintent gateway SDKs (`citypay`, `payjpv2`, `hyperswitch`,
//! `paytree`).
//!
//! Application code depends on a vendor crate, which re-exports what it needs from here.
//! This crate holds what every vendor shares:
//!
//! - [`client`]: configuration, request assembly, dispatch, response decoding;
//! - [`auth`]: security schemes and credential sources (secrets never reach `Debug`);
//! - [`error`]: one error type with the status, headers and raw body of every response;
//! - [`codec`], [`path`], [`query`]: what goes on the wire, byte for byte;
//! - [`enums`], [`tagged`]: open enums and unions that survive values added by a gateway;
//! - [`both_shapes`]: properties read in either of two shapes a vendor's own sources disagree on;
//! - [`retry`]: retries that never repeat a payment, with backoff, jitter and `Retry-After`;
//! - [`validate`]: opt-in request validation against the schema's constraints.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod auth;
pub mod both_shapes;
pub mod client;
pub mod codec;
pub mod enums;
pub mod error;
pub mod path;
pub mod query;
pub mod redact;
pub mod retry;
pub mod tagged;
pub mod validate;

pub use auth::{CallSecurity, CredentialError, CredentialSource};
pub use client::{ClientBuilder, ClientCore, Operation, Request, RequestOptions};
pub use codec::{BodyError, Format, decode_body};
pub use enums::UnknownValue;
pub use error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, InvalidRequest, MissingCredential,
    NoErrorModel, Outcome, ResponseTooLarge, TransportError,
};
pub use path::PathParamError;
pub use reqwest;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use validate::{Constraint, Validate, ValidationErrors, Violation};

/// Crates generated code refers to, re-exported so vendor crates need not name them.
#[doc(hidden)]
pub mod __private {
    pub use http::Method;
    pub use serde;
    pub use serde_json;
}
