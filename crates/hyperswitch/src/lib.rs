#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod error_kind;
// Printed by `cargo xtask gen`, not by rustfmt: the generated files depend on Cargo.lock alone.
#[rustfmt::skip]
mod generated;
mod pagination;
pub mod webhooks;

pub use generated::*;
pub use payintent_runtime::{Stream, StreamExt};
