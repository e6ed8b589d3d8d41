//! The baselines: plain serde mirrors of the SDK models the payloads reach.
//!
//! Each mirror has the SDK model's field names and Rust types, decoded the way serde does with
//! nothing added: derived `Deserialize` only, closed enums (an unlisted value fails the whole
//! body), no JSON path tracking, no visitor of our own. That is as fast as serde decodes these
//! shapes, so the SDK's time over a mirror's is the price of what the SDK adds.
//!
//! Where the payloads only ever carry `null` for a field whose SDK type is a model of its own
//! (refunds, disputes, mandate data, …), the mirror says `serde_json::Value`: a `null` costs the
//! same whatever the type behind the `Option`. The few `PartialEq`/`Debug` derives serve the
//! crate's tests, which compare values between the SDK and its mirror.

pub mod citypay;
pub mod hyperswitch;
pub mod payjpv2;
pub mod paytree;
