//! Shared runtime of the payintent gateway SDKs (`citypay`, `payjpv2`, `hyperswitch`,
//! `paytree`).
//!
//! Application code depends on a vendor crate, which re-exports what its users need from
//! here. Everything public at this crate's root is meant for those users: the call value and
//! its response, the errors, the retry policy, validation, page streams, webhook keys and
//! errors, `reqwest` for a client of one's own. What generated and hand-written vendor code
//! needs besides (operations, security schemes, decoders, validation rules, page walking,
//! webhook helpers) is reachable only through one hidden module, `__generated`, and is
//! versioned with the vendor crates, not offered to applications.
//!
//! Inside, the runtime holds what every vendor shares: configuration, request assembly,
//! dispatch and response decoding; the call value with its per-call options; security schemes
//! and credential sources (secrets never reach `Debug`); one error type with the status,
//! headers and raw body of every response; lists read a page at a time as one stream; what
//! goes on the wire, byte for byte; open enums and unions that survive values added by a
//! gateway; properties read in either of two shapes a vendor's own sources disagree on;
//! retries that never repeat a payment; opt-in request validation; webhook verification.
//!
//! Every public struct and enum that may grow is `#[non_exhaustive]`: fields and variants are
//! added in minor releases.
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

mod auth;
mod both_shapes;
mod call;
mod client;
mod codec;
mod enums;
mod error;
mod members;
mod pages;
mod path;
mod query;
mod redact;
mod retry;
mod tagged;
mod untagged;
mod validate;
mod webhooks;

pub use call::{Call, CallFuture, Custom, Keyed, Response, Unkeyed};
#[cfg(feature = "xml")]
pub use codec::xml;
pub use codec::{BodyError, Format, decode_body};
pub use enums::UnknownValue;
pub use error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, InvalidRequest, MissingCredential,
    NoErrorModel, Outcome, RedirectFollowed, ResponseTooLarge, TransportError,
};
pub use http::Method;
pub use pages::{Stream, StreamExt};
pub use path::PathParamError;
pub use reqwest;
pub use retry::RetryPolicy;
pub use validate::{Constraint, Validate, ValidationErrors, Violation};
pub use webhooks::{EventDecodeError, HeaderMap, WebhookError, WebhookKey};

/// The contract with vendor crates: every runtime item the generator may emit a use of, and
/// what their hand-written code (credential sources, page walking, webhook checks) needs.
/// Vendor code names no other path of this crate, except in the runtime types a vendor crate
/// re-exports to its users, which it names by their public paths at this crate's root (the
/// ones its documentation shows). Nothing here is meant for applications.
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
    // The client's defaults, which the benchmarks' plain-reqwest baseline mirrors.
    pub use crate::client::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};

    // Hand-written vendor code: credential sources, page walking, webhook checks.
    pub use crate::auth::CredentialError;
    pub use crate::error::invalid_request;
    /// Walking a vendor's list a page at a time.
    pub mod pages {
        pub use crate::pages::*;
    }
    /// What every vendor's webhook checks share.
    pub mod webhooks {
        pub use crate::webhooks::*;
    }
    pub use secrecy::ExposeSecret;

    // Models: decoding, validation, redaction.
    pub use crate::enums::{StringEnum, UnknownValue};
    pub use crate::redact::Redacted;
    pub use crate::validate::{IntegerRules, ItemRules, StringRules, Validate, Validator};
    /// Properties read in either of two shapes.
    pub mod both_shapes {
        pub use crate::both_shapes::*;
    }
    /// What every generated struct's decoder shares.
    pub mod members {
        pub use crate::members::*;
    }
    /// Tagged unions.
    pub mod tagged {
        pub use crate::tagged::*;
    }
    /// Untagged unions.
    pub mod untagged {
        pub use crate::untagged::*;
    }
    /// Parsing and decoding of generated string enums.
    pub mod enums {
        pub use crate::enums::{deserialize, parse};
    }
}
