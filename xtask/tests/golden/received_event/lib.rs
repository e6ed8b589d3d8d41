//! What `cargo xtask gen` writes for `received_event.json`, built the way a vendor crate builds it.
//! Written by `UPDATE_GOLDEN=1 cargo test -p xtask --test golden`; do not edit by hand.

#![deny(missing_docs)]

#[rustfmt::skip]
mod generated;

pub use generated::*;
