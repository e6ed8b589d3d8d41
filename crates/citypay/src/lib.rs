#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod api_key;
// Printed by `cargo xtask gen`, not by rustfmt: the generated files depend on Cargo.lock alone.
#[rustfmt::skip]
mod generated;
pub mod webhooks;

pub use api_key::api_key;
pub use generated::*;

use payintent_runtime::__generated::SecretString;

impl ClientBuilder {
    /// Authenticates with CityPay's temporal key: a fresh `cp-api-key` is derived for every
    /// request from `client_id` and `licence_key` (see [`api_key`]), so no key outlives its
    /// minute. The licence key never appears in `Debug` output or errors.
    pub fn licence_key(self, client_id: impl Into<String>, licence_key: impl Into<String>) -> Self {
        self.credential(&generated::client::CP_API_KEY, temporal_key(client_id.into(), licence_key.into()))
    }
}

impl Credential {
    /// CityPay's temporal key for one call, in place of the client's credentials (another
    /// merchant's client id and licence key): a fresh `cp-api-key` is derived for each attempt
    /// of the call, as [`ClientBuilder::licence_key`] does. The licence key never appears in
    /// `Debug` output or errors.
    pub fn licence_key(client_id: impl Into<String>, licence_key: impl Into<String>) -> Self {
        Self::new(&generated::client::CP_API_KEY, temporal_key(client_id.into(), licence_key.into()))
    }
}

fn temporal_key(client_id: String, licence_key: String) -> api_key::TemporalKey {
    api_key::TemporalKey::new(client_id, SecretString::from(licence_key))
}
