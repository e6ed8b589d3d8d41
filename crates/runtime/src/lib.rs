//! Shared runtime of the payintent gateway SDKs (`citypay`, `payjpv2`, `hyperswitch`,
//! `paytree`).
//!
//! Application code depends on a vendor crate, which re-exports what it needs from here.
//! Generated vendor code uses this crate through one hidden module, `__generated`, that lists
//! everything it relies on. This crate holds what every vendor shares:
//!
//! - [`client`]: configuration, request assembly, dispatch, response decoding;
//! - [`call`]: the call value every method returns: per-call options, the response's metadata,
//!   requests written by hand;
//! - [`auth`]: security schemes and credential sources (secrets never reach `Debug`);
//! - [`error`]: one error type with the status, headers and raw body of every response;
//! - [`pages`]: a list read a page at a time as one stream, the same way for every vendor;
//! - [`codec`], [`path`], [`query`]: what goes on the wire, byte for byte;
//! - [`enums`], [`tagged`], [`untagged`]: open enums and unions that survive values added by a
//!   gateway;
//! - [`members`]: what every generated struct's decoder shares;
//! - [`both_shapes`]: properties read in either of two shapes a vendor's own sources disagree on;
//! - [`retry`]: retries that never repeat a payment, with backoff, jitter and `Retry-After`;
//! - [`validate`]: opt-in request validation against the schema's constraints;
//! - [`webhooks`]: checking that a webhook came from the gateway, and reading its event.
//!
//! # TLS
//!
//! The features pick the TLS stack of the HTTP client the runtime builds; each vendor crate
//! has features of the same names that turn these on.
//!
//! - `rustls` (default): `rustls-aws-lc`.
//! - `rustls-aws-lc`: rustls with aws-lc-rs for its cryptography and the platform's
//!   certificate verifier. aws-lc is C code: it needs a C compiler.
//! - `rustls-ring`: rustls with ring for its cryptography and the platform's certificate
//!   verifier, set up for the runtime's client alone (no process-wide rustls default is
//!   installed). Choose it without the default features, or aws-lc is still built.
//! - `native-tls`: the platform's TLS (OpenSSL on Linux, which needs its headers and
//!   `pkg-config` to build).
//!
//! When several are on, the first of `native-tls`, `rustls-ring`, `rustls-aws-lc` wins: a
//! feature chosen on purpose wins over the default. With none, the crate builds, and the
//! client it builds reaches `https` only through the TLS that another dependency turns on in
//! `reqwest`; a client supplied with `http_client` brings its own.
//!
//! A supplied client keeps the response size cap (the runtime applies it while reading the
//! body) and the per-attempt timeouts, but its redirect policy is its own. A redirect it
//! follows fails the call with a [`RedirectFollowed`] transport error before anything is
//! decoded, so no call returns another URL's body; the redirected request has been sent by
//! then.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod auth;
pub mod both_shapes;
pub mod call;
pub mod client;
pub mod codec;
pub mod enums;
pub mod error;
pub mod members;
pub mod pages;
pub mod path;
pub mod query;
pub mod redact;
pub mod retry;
pub mod tagged;
pub mod untagged;
pub mod validate;
pub mod webhooks;

pub use auth::{CredentialError, CredentialSource};
pub use call::{Call, CallFuture, Custom, Keyed, Response, Unkeyed};
pub use codec::{BodyError, Format, decode_body};
pub use enums::UnknownValue;
pub use error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, InvalidRequest, MissingCredential,
    NoErrorModel, Outcome, RedirectFollowed, ResponseTooLarge, TransportError,
};
pub use http::Method;
pub use path::PathParamError;
pub use reqwest;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use validate::{Constraint, Validate, ValidationErrors, Violation};

/// The contract with generated code: every runtime item the generator may emit a use of.
/// Generated vendor code names no other path of this crate, except in the list of runtime
/// types a vendor crate re-exports to its users, which names their public paths (the ones
/// its documentation shows).
///
/// Published vendor crates depend on this list, so a runtime release may add to it but not
/// remove or change an item. What generated code builds (operations, security schemes,
/// validation rules) it builds with `const` constructors over private fields, so a field
/// can be added in any release.
#[doc(hidden)]
pub mod __generated {
    // The client, its settings and its calls.
    pub use crate::auth::{CallSecurity, CredentialSource, SchemeCredential, SecurityScheme};
    pub use crate::call::{Call, Custom, Keyed, ReadsIdempotencyKeys, Unkeyed, Vendor};
    pub use crate::client::{ClientBuilder, ClientCore, Operation, Request};
    pub use crate::codec::Format;
    pub use crate::error::{Error, ErrorModel, NoErrorModel};
    pub use crate::query::Query;
    pub use crate::retry::{Repeat, RetryPolicy};
    pub use http::Method;
    pub use reqwest;
    pub use secrecy::SecretString;

    // Models: decoding, validation, redaction.
    pub use crate::enums::{StringEnum, UnknownValue};
    pub use crate::redact::Redacted;
    pub use crate::validate::{IntegerRules, ItemRules, StringRules, Validate, Validator};
    pub use crate::{both_shapes, members, tagged, untagged};
    /// Parsing and decoding of generated string enums.
    pub mod enums {
        pub use crate::enums::{deserialize, parse};
    }
}
