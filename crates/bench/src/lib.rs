//! Benchmarks of the payintent SDKs against what plain serde and plain reqwest do, reported as
//! ratios. `cargo bench -p payintent-bench` runs them; README.md says how to read them.
//!
//! - [`payloads`]: the bodies, shaped as each server sends them;
//! - [`mirror`]: the plain-serde baselines of the SDK models;
//! - [`harness`]: the paired, interleaved timer;
//! - [`server`] and [`requests`]: a canned loopback server and the two clients of the request bench.

pub mod harness;
pub mod mirror;
pub mod payloads;
pub mod requests;
pub mod server;
