#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod api_key;
// Printed by `cargo xtask gen`, not by rustfmt: the generated files depend on Cargo.lock alone.
#[rustfmt::skip]
mod generated;

pub use api_key::api_key;
pub use generated::*;

use payintent_runtime::SecretString;

impl ClientBuilder {
    /// Authenticates with CityPay's temporal key: a fresh `cp-api-key` is derived for every
    /// request from `client_id` and `licence_key` (see [`api_key`]), so no key outlives its
    /// minute. The licence key never appears in `Debug` output or errors.
    pub fn licence_key(self, client_id: impl Into<String>, licence_key: impl Into<String>) -> Self {
        let source = api_key::TemporalKey::new(client_id.into(), SecretString::from(licence_key.into()));
        self.credential(&generated::client::CP_API_KEY, source)
    }
}
