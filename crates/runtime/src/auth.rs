//! Credentials: which security scheme an operation accepts, and where its secret goes.
//!
//! A vendor crate declares its schemes as `static` [`SecurityScheme`]s (generated from the
//! spec's `securitySchemes`) and each operation lists the alternatives it accepts. The client
//! holds one [`CredentialSource`] per configured scheme; a source may hand out a fixed key or
//! compute a fresh one for every request (CityPay's temporal `cp-api-key`). A call whose
//! request decides which credential it may use narrows the alternatives with a
//! [`CallSecurity`]; a call that runs with a credential of its own (one client, many merchants)
//! carries it as a [`SchemeCredential`].

use std::fmt;
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

/// Where a scheme's secret travels on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// In the named request header, after the scheme's prefix.
    Header(&'static str),
    /// In the named query-string parameter.
    Query(&'static str),
}

/// One security scheme of a vendor's API, as its spec declares it. Generated code builds each
/// one as a `static` with [`SecurityScheme::header`] or [`SecurityScheme::query`].
#[derive(Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec (`tokenAuth`, `cp-api-key`, …).
    pub(crate) name: &'static str,
    /// Header or query parameter carrying the secret.
    pub(crate) placement: Placement,
    /// Written before the secret, e.g. `"Bearer "` or `"Token "`; empty for a bare key.
    pub(crate) prefix: &'static str,
}

impl SecurityScheme {
    /// The scheme `name` (as the spec names it), sent in the request header `header` as
    /// `prefix` followed by the secret (`"Bearer "`, `"Token "`, or empty for a bare key).
    pub const fn header(name: &'static str, header: &'static str, prefix: &'static str) -> Self {
        Self { name, placement: Placement::Header(header), prefix }
    }

    /// The scheme `name` (as the spec names it), sent as the query parameter `parameter`.
    pub const fn query(name: &'static str, parameter: &'static str) -> Self {
        Self { name, placement: Placement::Query(parameter), prefix: "" }
    }

    /// The scheme's name in the spec, which the client's credential sources are keyed by.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

/// The credentials one call may use, when what the request carries decides it: a narrowing of
/// its operation's alternatives (Hyperswitch takes its publishable key only with a client
/// secret, and its secret key only without one). Generated code picks one per call with
/// [`Request::narrow_security`](crate::client::Request::narrow_security).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallSecurity {
    /// The schemes the call may use: an alternative of the operation that needs any other
    /// scheme is skipped, so a call never falls back to a credential the request rules out.
    pub(crate) schemes: &'static [&'static SecurityScheme],
    /// Why the call is narrowed, repeated in the error when none of these is configured.
    pub(crate) reason: &'static str,
}

impl CallSecurity {
    /// A call that may use `schemes` only, because of `reason` (repeated in the error when
    /// none of them is configured).
    pub const fn new(schemes: &'static [&'static SecurityScheme], reason: &'static str) -> Self {
        Self { schemes, reason }
    }

    fn allows(&self, alternative: &[&SecurityScheme]) -> bool {
        alternative.iter().all(|scheme| self.schemes.contains(scheme))
    }
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

/// A credential for one call, in place of the client's: the secret of one scheme. A vendor
/// crate wraps it in its own `Credential` type, whose constructors mirror the builder's
/// credential setters.
///
/// `Debug` shows the scheme's name only.
#[derive(Clone)]
pub struct SchemeCredential {
    scheme: &'static SecurityScheme,
    source: Arc<dyn CredentialSource>,
}

impl SchemeCredential {
    /// The secret `source` hands out, for the scheme `scheme`.
    pub fn new(scheme: &'static SecurityScheme, source: impl CredentialSource) -> Self {
        Self { scheme, source: Arc::new(source) }
    }

    /// The scheme this credential is for.
    pub const fn scheme(&self) -> &'static SecurityScheme {
        self.scheme
    }
}

impl fmt::Debug for SchemeCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchemeCredential").field("scheme", &self.scheme.name).finish_non_exhaustive()
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

    /// Adds (or replaces) the credential of one call.
    pub(crate) fn add(&mut self, credential: SchemeCredential) {
        self.set(credential.scheme.name, credential.source);
    }

    fn get(&self, scheme: &str) -> Option<&Arc<dyn CredentialSource>> {
        self.by_scheme.iter().find(|(name, _)| *name == scheme).map(|(_, source)| source)
    }

    /// Picks the first alternative of `requirement` that `narrowing` allows and whose schemes
    /// are all configured.
    ///
    /// An empty requirement list means the operation needs no credential; a narrowing that
    /// leaves no alternative of a non-empty one selects nothing.
    pub(crate) fn select<'s>(
        &'s self,
        requirement: &'s [&'s [&'s SecurityScheme]],
        narrowing: Option<&'s CallSecurity>,
    ) -> Option<Chosen<'s>> {
        if requirement.is_empty() {
            return Some(Chosen { schemes: &[], credentials: self });
        }
        allowed(requirement, narrowing)
            .find(|alternative| alternative.iter().all(|scheme| self.get(scheme.name).is_some()))
            .map(|schemes| Chosen { schemes, credentials: self })
    }
}

/// The credentials one call sends: an alternative of its operation whose every scheme has a
/// source. It borrows both, so choosing costs nothing per call.
pub(crate) struct Chosen<'s> {
    schemes: &'s [&'s SecurityScheme],
    credentials: &'s Credentials,
}

impl<'s> Chosen<'s> {
    /// How many credentials the call sends.
    pub(crate) fn len(&self) -> usize {
        self.schemes.len()
    }

    /// Each scheme with its source, in the alternative's order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'s SecurityScheme, &'s Arc<dyn CredentialSource>)> + use<'s> {
        let credentials = self.credentials;
        self.schemes.iter().filter_map(move |scheme| credentials.get(scheme.name).map(|source| (*scheme, source)))
    }

    #[cfg(test)]
    fn names(&self) -> Vec<&'static str> {
        self.schemes.iter().map(|scheme| scheme.name).collect()
    }
}

/// The alternatives of `requirement` that `narrowing` leaves a call, in declared order.
pub(crate) fn allowed<'r, 's>(
    requirement: &'r [&'r [&'s SecurityScheme]],
    narrowing: Option<&'r CallSecurity>,
) -> impl Iterator<Item = &'r [&'s SecurityScheme]> {
    requirement.iter().copied().filter(move |alternative| narrowing.is_none_or(|call| call.allows(alternative)))
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
    let secret = secret.expose_secret();
    let mut value = if scheme.prefix.is_empty() {
        http::HeaderValue::from_str(secret).ok()?
    } else {
        // Written once and handed over, not copied again.
        http::HeaderValue::from_maybe_shared(bytes::Bytes::from([scheme.prefix, secret].concat())).ok()?
    };
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    static TOKEN: SecurityScheme = SecurityScheme::header("tokenAuth", "Authorization", "Token ");
    static JWT: SecurityScheme = SecurityScheme::header("jwtAuth", "Authorization", "Bearer ");

    fn key(value: &str) -> Arc<dyn CredentialSource> {
        Arc::new(SecretString::from(value.to_owned()))
    }

    #[test]
    fn selects_the_first_configured_alternative() {
        let mut credentials = Credentials::default();
        credentials.set("jwtAuth", key("jwt"));
        let either: &[&[&SecurityScheme]] = &[&[&TOKEN], &[&JWT]];
        let chosen = credentials.select(either, None).unwrap();
        assert_eq!(chosen.names(), ["jwtAuth"]);
        assert_eq!(chosen.iter().count(), 1);
        assert!(credentials.select(&[&[&TOKEN]], None).is_none());
        assert_eq!(credentials.select(&[], None).unwrap().len(), 0);
    }

    #[test]
    fn a_narrowed_call_uses_only_the_schemes_it_allows_and_never_falls_back() {
        static ONLY_TOKEN: CallSecurity = CallSecurity::new(&[&TOKEN], "r");
        static ONLY_JWT: CallSecurity = CallSecurity::new(&[&JWT], "r");
        let mut credentials = Credentials::default();
        credentials.set("tokenAuth", key("token"));
        credentials.set("jwtAuth", key("jwt"));
        let both: &[&[&SecurityScheme]] = &[&[&TOKEN], &[&JWT]];
        assert_eq!(
            credentials.select(both, None).unwrap().names(),
            ["tokenAuth"],
            "declared order without a narrowing"
        );
        assert_eq!(credentials.select(both, Some(&ONLY_JWT)).unwrap().names(), ["jwtAuth"]);
        assert_eq!(credentials.select(both, Some(&ONLY_TOKEN)).unwrap().names(), ["tokenAuth"]);

        let mut only_token = Credentials::default();
        only_token.set("tokenAuth", key("token"));
        assert!(only_token.select(both, Some(&ONLY_JWT)).is_none(), "the token is not used in the JWT's place");
        assert!(only_token.select(&[&[&TOKEN]], Some(&ONLY_JWT)).is_none(), "nothing left: nothing selected");
        assert_eq!(only_token.select(&[], Some(&ONLY_JWT)).unwrap().len(), 0, "no credential needed stays so");
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
    fn a_call_credential_shows_its_scheme_and_never_its_secret() {
        let credential = SchemeCredential::new(&TOKEN, SecretString::from("merchant-7-secret".to_owned()));
        let shown = format!("{credential:?}");
        assert!(shown.contains("tokenAuth") && !shown.contains("merchant-7-secret"), "{shown}");
        let mut credentials = Credentials::default();
        credentials.add(credential);
        assert_eq!(format!("{credentials:?}"), r#"{"tokenAuth": <redacted>}"#);
        assert!(credentials.select(&[&[&TOKEN]], None).is_some());
    }

    #[test]
    fn header_values_are_prefixed_and_sensitive() {
        let value = header_value(&TOKEN, &SecretString::from("abc".to_owned())).unwrap();
        assert_eq!(value.to_str().unwrap(), "Token abc");
        assert!(value.is_sensitive());
        assert!(header_value(&TOKEN, &SecretString::from("bad\nvalue".to_owned())).is_none());
    }
}
