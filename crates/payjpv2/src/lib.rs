#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod generated;
mod pagination;

pub use futures_core::Stream;
pub use futures_util::StreamExt;
pub use generated::*;
