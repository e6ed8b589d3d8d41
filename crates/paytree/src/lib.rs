#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Printed by `cargo xtask gen`, not by rustfmt: the generated files depend on Cargo.lock alone.
#[rustfmt::skip]
mod generated;

pub use generated::{Client, ClientBuilder, Error, apis, models};
pub use payintent_runtime::{
    ApiError, BodyError, ConfigError, Constraint, DecodeError, InvalidReason, InvalidRequest, MissingCredential,
    Outcome, PathParamError, ResponseTooLarge, RetryPolicy, TransportError, UnknownValue, Validate, ValidationErrors,
    Violation, decode_body, reqwest,
};
