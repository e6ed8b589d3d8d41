//! Credentials: which security scheme an operation accepts, and where its secret goes.
//!
//! A vendor crate declares its schemes as `static` [`SecurityScheme`]s (generated from the
//! spec's `securitySchemes`) and each operation lists the alternatives it accepts. The client
//! holds one [`CredentialSource`] per configured scheme; a source may hand out a fixed key or
//! compute a fresh one for every request (CityPay's temporal `cp-api-key`).

use std::fmt;
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

/// Where a scheme's secret travels on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In the named request header, after the scheme's prefix.
    Header(&'static str),
    /// In the named query-string parameter.
    Query(&'static str),
}

/// One security scheme of a vendor's API, as its spec declares it.
#[derive(Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec (`tokenAuth`, `cp-api-key`, …).
    pub name: &'static str,
    /// Header or query parameter carrying the secret.
    pub placement: Placement,
    /// Written before the secret, e.g. `"Bearer "` or `"Token "`; empty for a bare key.
    pub prefix: &'static str,
}

/// Supplies the secret for one scheme, once per request.
///
/// Implemented for [`SecretString`] (a fixed key). Implement it to derive keys per request.
pub trait CredentialSource: Send + Sync + 'static {
    /// Returns the secret to send with the next request.
    fn credential(&self) -> Result<SecretString, CredentialError>;
}

impl CredentialSource for SecretString {
    fn credential(&self) -> Result<SecretString, CredentialError> {
        Ok(self.clone())
    }
}

/// A credential source could not produce a key. The message never contains the secret.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct CredentialError(pub String);

/// The credentials a client was configured with, keyed by scheme name.
///
/// `Debug` lists the configured scheme names only.
#[derive(Clone, Default)]
pub struct Credentials {
    by_scheme: Vec<(&'static str, Arc<dyn CredentialSource>)>,
}

impl Credentials {
    /// Sets (or replaces) the source for `scheme`.
    pub fn set(&mut self, scheme: &'static str, source: Arc<dyn CredentialSource>) {
        match self.by_scheme.iter_mut().find(|(name, _)| *name == scheme) {
            Some(slot) => slot.1 = source,
            None => self.by_scheme.push((scheme, source)),
        }
    }

    /// Whether a source is configured for `scheme`.
    pub fn has(&self, scheme: &str) -> bool {
        self.get(scheme).is_some()
    }

    fn get(&self, scheme: &str) -> Option<&Arc<dyn CredentialSource>> {
        self.by_scheme.iter().find(|(name, _)| *name == scheme).map(|(_, source)| source)
    }

    /// Picks the first alternative of `requirement` whose schemes are all configured.
    ///
    /// An empty requirement list means the operation needs no credential.
    pub(crate) fn select<'s>(
        &self,
        requirement: &[&[&'s SecurityScheme]],
    ) -> Option<Vec<(&'s SecurityScheme, &Arc<dyn CredentialSource>)>> {
        if requirement.is_empty() {
            return Some(Vec::new());
        }
        requirement.iter().find_map(|alternative| {
            alternative.iter().map(|scheme| self.get(scheme.name).map(|source| (*scheme, source))).collect()
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, _) in &self.by_scheme {
            map.entry(name, &format_args!("<redacted>"));
        }
        map.finish()
    }
}

/// Formats the wire value of a header credential: the scheme's prefix and the secret.
pub(crate) fn header_value(scheme: &SecurityScheme, secret: &SecretString) -> Option<http::HeaderValue> {
    let mut value = http::HeaderValue::from_str(&format!("{}{}", scheme.prefix, secret.expose_secret())).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    static TOKEN: SecurityScheme =
        SecurityScheme { name: "tokenAuth", placement: Placement::Header("Authorization"), prefix: "Token " };
    static JWT: SecurityScheme =
        SecurityScheme { name: "jwtAuth", placement: Placement::Header("Authorization"), prefix: "Bearer " };

    fn key(value: &str) -> Arc<dyn CredentialSource> {
        Arc::new(SecretString::from(value.to_owned()))
    }

    #[test]
    fn selects_the_first_configured_alternative() {
        let mut credentials = Credentials::default();
        credentials.set("jwtAuth", key("jwt"));
        let chosen = credentials.select(&[&[&TOKEN], &[&JWT]]).unwrap();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].0.name, "jwtAuth");
        assert!(credentials.select(&[&[&TOKEN]]).is_none());
        assert_eq!(credentials.select(&[]).unwrap().len(), 0);
    }

    #[test]
    fn debug_lists_scheme_names_only() {
        let mut credentials = Credentials::default();
        credentials.set("tokenAuth", key("very-secret-value"));
        let shown = format!("{credentials:?}");
        assert!(shown.contains("tokenAuth"));
        assert!(!shown.contains("very-secret-value"));
    }

    #[test]
    fn header_values_are_prefixed_and_sensitive() {
        let value = header_value(&TOKEN, &SecretString::from("abc".to_owned())).unwrap();
        assert_eq!(value.to_str().unwrap(), "Token abc");
        assert!(value.is_sensitive());
        assert!(header_value(&TOKEN, &SecretString::from("bad\nvalue".to_owned())).is_none());
    }
}
