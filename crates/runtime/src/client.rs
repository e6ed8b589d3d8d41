//! The HTTP core every vendor client wraps: configuration, request assembly, dispatch and
//! response decoding. Generated API classes describe each operation as a static
//! [`Operation`] and call [`ClientCore::call`].

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{CredentialSource, Credentials, Placement, SecurityScheme, header_value};
use crate::codec::{self, BodyKind, Format, RequestBody};
use crate::error::{
    ApiError, ConfigError, DecodeError, Error, ErrorModel, InvalidReason, InvalidRequest, MissingCredential,
    TransportError,
};
use crate::path;
use crate::query::Query;

/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one request, from sending to the last byte of the response.
/// Payment calls may wait on an acquirer, so this is generous.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// One operation of a vendor API, as its spec declares it.
#[derive(Debug)]
pub struct Operation {
    /// The spec's `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/v1/transaction/payment_intent/{id}/`.
    pub path: &'static str,
    /// Accepted credential alternatives: any one inner list, all of whose schemes are set.
    /// Empty when the operation needs no credential.
    pub security: &'static [&'static [&'static SecurityScheme]],
    /// The `Accept` header for JSON responses.
    pub accept: &'static str,
    /// The XML root element of the request body, when the operation offers `text/xml`.
    pub xml_root: Option<&'static str>,
    /// Statuses whose body decodes as the vendor's error model.
    pub error_statuses: &'static [u16],
}

/// One call: an operation plus its arguments.
pub struct Request<'a> {
    operation: &'static Operation,
    path_params: Vec<(&'static str, &'a str)>,
    query: Query,
    body: Option<&'a dyn RequestBody>,
}

impl<'a> Request<'a> {
    /// A call of `operation` with no arguments yet.
    pub fn new(operation: &'static Operation) -> Self {
        Self { operation, path_params: Vec::new(), query: Query::new(), body: None }
    }

    /// Supplies the path parameter `name`.
    pub fn path_param(mut self, name: &'static str, value: &'a str) -> Self {
        self.path_params.push((name, value));
        self
    }

    /// Supplies the query string.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Supplies the request body.
    pub fn body(mut self, body: &'a dyn RequestBody) -> Self {
        self.body = Some(body);
        self
    }
}

/// Settings shared by every vendor's `ClientBuilder`.
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    validate_requests: bool,
    format: Format,
    credentials: Credentials,
    http_client: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder with the vendor's user agent and default server (if its spec names one).
    pub fn new(user_agent: impl Into<String>, default_base_url: Option<&str>) -> Self {
        Self {
            base_url: default_base_url.map(str::to_owned),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: user_agent.into(),
            validate_requests: false,
            format: Format::default(),
            credentials: Credentials::default(),
            http_client: None,
        }
    }

    /// The server to call, e.g. `https://api.example.com` (a path prefix is kept).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, response body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Replaces the `User-Agent` header (default `<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Checks every request body against its schema before sending (default off).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// The media type for request bodies, where the operation offers it (default JSON).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Sets the credential source for the security scheme `scheme`.
    pub fn credential(mut self, scheme: &'static str, source: impl CredentialSource) -> Self {
        self.credentials.set(scheme, Arc::new(source));
        self
    }

    /// Uses a preconfigured `reqwest` client (proxies, custom roots). The connect timeout is
    /// then the client's own; the request timeout and user agent still apply per request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the configuration and creates the client core.
    pub fn build(self) -> Result<ClientCore, ConfigError> {
        let raw_url = self.base_url.ok_or(ConfigError::MissingBaseUrl)?;
        let parsed = Url::parse(&raw_url)
            .map_err(|error| ConfigError::InvalidBaseUrl { url: raw_url.clone(), reason: error.to_string() })?;
        if parsed.cannot_be_a_base() || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(ConfigError::InvalidBaseUrl {
                url: raw_url,
                reason: "expected scheme://host[/prefix] without query or fragment".into(),
            });
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(ConfigError::InvalidUserAgent)?;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                // A redirected POST would be replayed as a GET elsewhere: report 3xx instead.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(ConfigError::Http)?,
        };
        Ok(ClientCore {
            http,
            base_url: parsed.as_str().trim_end_matches('/').to_owned(),
            credentials: self.credentials,
            timeout: self.timeout,
            user_agent,
            validate_requests: self.validate_requests,
            format: self.format,
        })
    }
}

/// A configured client: cheap to share behind an `Arc`, safe to use from many tasks.
#[derive(Debug)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    timeout: Duration,
    user_agent: HeaderValue,
    validate_requests: bool,
    format: Format,
}

/// A 2xx response, read in full.
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl ClientCore {
    /// The base URL requests are sent to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `request` and decodes the 2xx body as `T`.
    pub async fn call<T: DeserializeOwned, E: ErrorModel>(&self, request: Request<'_>) -> Result<T, Error<E>> {
        let operation = request.operation;
        let response = self.dispatch(request).await?;
        decode_success(operation, response)
    }

    /// Like [`call`](Self::call), but an empty 2xx body is `None`.
    pub async fn call_optional<T: DeserializeOwned, E: ErrorModel>(
        &self,
        request: Request<'_>,
    ) -> Result<Option<T>, Error<E>> {
        let operation = request.operation;
        let response = self.dispatch(request).await?;
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        decode_success(operation, response).map(Some)
    }

    /// Sends `request`; the 2xx body, if any, is ignored.
    pub async fn call_empty<E: ErrorModel>(&self, request: Request<'_>) -> Result<(), Error<E>> {
        self.dispatch(request).await.map(drop)
    }

    async fn dispatch<E: ErrorModel>(&self, request: Request<'_>) -> Result<RawResponse, Error<E>> {
        let operation = request.operation;
        let http_request = self.assemble(request).map_err(|reason| match reason {
            Assembly::Missing(accepted) => {
                Error::MissingCredential(Box::new(MissingCredential { operation: operation.id, accepted }))
            }
            Assembly::Invalid(reason) => {
                Error::InvalidRequest(Box::new(InvalidRequest { operation: operation.id, reason }))
            }
        })?;
        let transport = |source: reqwest::Error| {
            let timed_out = source.is_timeout();
            let error = Box::new(TransportError {
                operation: operation.id,
                method: operation.method.clone(),
                path: operation.path,
                source: source.without_url(),
            });
            if timed_out { Error::Timeout(error) } else { Error::Transport(error) }
        };
        let response = self.http.execute(http_request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        if status.is_success() {
            return Ok(RawResponse { status, headers, body });
        }
        let model = if operation.error_statuses.contains(&status.as_u16()) {
            let kind = BodyKind::of(content_type(&headers), &body);
            codec::decode::<E>(&kind, &body).ok()
        } else {
            None
        };
        Err(Error::Api(Box::new(ApiError { operation: operation.id, status, headers, body, model })))
    }

    /// Builds the HTTP request; nothing is sent when this fails.
    fn assemble(&self, request: Request<'_>) -> Result<reqwest::Request, Assembly> {
        let operation = request.operation;
        let chosen = self.credentials.select(operation.security).ok_or_else(|| {
            Assembly::Missing(
                operation
                    .security
                    .iter()
                    .map(|alternative| alternative.iter().map(|scheme| scheme.name).collect::<Vec<_>>().join("+"))
                    .collect(),
            )
        })?;
        if let Some(body) = request.body
            && self.validate_requests
        {
            body.validate_body().map_err(|errors| Assembly::Invalid(InvalidReason::Validation(errors)))?;
        }

        if let Some(reason) = request.query.error() {
            return Err(Assembly::Invalid(InvalidReason::Encode(reason.to_owned())));
        }
        let path = path::expand(operation.path, &request.path_params)
            .map_err(|error| Assembly::Invalid(InvalidReason::PathParameter(error)))?;
        let mut url = Url::parse(&format!("{}{path}", self.base_url))
            .map_err(|error| Assembly::Invalid(InvalidReason::Url(error)))?;
        let mut headers = HeaderMap::new();
        let mut query_credentials = Vec::new();
        for (scheme, source) in chosen {
            let secret = source.credential().map_err(|error| {
                Assembly::Invalid(InvalidReason::Credential { scheme: scheme.name, message: error.0 })
            })?;
            match scheme.placement {
                Placement::Header(name) => {
                    let value = header_value(scheme, &secret).ok_or_else(|| {
                        Assembly::Invalid(InvalidReason::Credential {
                            scheme: scheme.name,
                            message: "the key contains characters a header cannot carry".into(),
                        })
                    })?;
                    let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                        Assembly::Invalid(InvalidReason::Credential {
                            scheme: scheme.name,
                            message: format!("`{name}` is not a valid header name"),
                        })
                    })?;
                    headers.insert(name, value);
                }
                Placement::Query(name) => query_credentials.push((name, secret)),
            }
        }
        if !request.query.is_empty() || !query_credentials.is_empty() {
            let mut pairs = url.query_pairs_mut();
            pairs.extend_pairs(request.query.pairs());
            for (name, secret) in &query_credentials {
                pairs.append_pair(name, secret.expose_secret());
            }
        }

        let format = match (self.format, operation.xml_root) {
            #[cfg(feature = "xml")]
            (Format::Xml, Some(_)) => Format::Xml,
            _ => Format::Json,
        };
        let accept = match format {
            Format::Json => {
                HeaderValue::from_str(operation.accept).unwrap_or(HeaderValue::from_static("application/json"))
            }
            #[cfg(feature = "xml")]
            Format::Xml => HeaderValue::from_static("text/xml"),
        };
        headers.insert(ACCEPT, accept);
        headers.insert(USER_AGENT, self.user_agent.clone());

        let mut http_request = reqwest::Request::new(operation.method.clone(), url);
        if let Some(body) = request.body {
            let encoded = body
                .encode(format, operation.xml_root.unwrap_or_default())
                .map_err(|error| Assembly::Invalid(InvalidReason::Encode(error)))?;
            let content_type = match format {
                Format::Json => "application/json",
                #[cfg(feature = "xml")]
                Format::Xml => "text/xml",
            };
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
            *http_request.body_mut() = Some(encoded.into());
        }
        *http_request.headers_mut() = headers;
        *http_request.timeout_mut() = Some(self.timeout);
        Ok(http_request)
    }
}

enum Assembly {
    Missing(Vec<String>),
    Invalid(InvalidReason),
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok())
}

fn decode_success<T: DeserializeOwned, E: ErrorModel>(
    operation: &'static Operation,
    response: RawResponse,
) -> Result<T, Error<E>> {
    let kind = BodyKind::of(content_type(&response.headers), &response.body);
    codec::decode(&kind, &response.body).map_err(|failure| {
        Error::Decode(Box::new(DecodeError {
            operation: operation.id,
            status: response.status,
            headers: response.headers,
            path: failure.path,
            body: response.body,
            source: failure.source,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked() {
        let build = |url: &str| ClientBuilder::new("t/1", Some(url)).build().map(|core| core.base_url().to_owned());
        assert_eq!(build("https://api.example.com/").unwrap(), "https://api.example.com");
        assert_eq!(build("https://api.example.com/prefix/").unwrap(), "https://api.example.com/prefix");
        assert!(matches!(build("not a url"), Err(ConfigError::InvalidBaseUrl { .. })));
        assert!(matches!(build("https://x.test/?a=1"), Err(ConfigError::InvalidBaseUrl { .. })));
        assert!(matches!(ClientBuilder::new("t/1", None).build(), Err(ConfigError::MissingBaseUrl)));
    }

    static DOMAIN_KEY: SecurityScheme =
        SecurityScheme { name: "cp-domain-key", placement: Placement::Query("cp-domain-key"), prefix: "" };
    static API_KEY: SecurityScheme =
        SecurityScheme { name: "cp-api-key", placement: Placement::Header("cp-api-key"), prefix: "" };
    static LOOKUP: Operation = Operation {
        id: "Lookup",
        method: Method::GET,
        path: "/v6/lookup/{id}",
        security: &[&[&API_KEY], &[&DOMAIN_KEY]],
        accept: "application/json",
        xml_root: None,
        error_statuses: &[],
    };

    fn assembled(core: &ClientCore) -> reqwest::Request {
        let mut query = Query::new();
        query.push("expand", "all");
        let request = Request::new(&LOOKUP).path_param("id", "a b").query(query);
        match core.assemble(request) {
            Ok(request) => request,
            Err(_) => panic!("request did not assemble"),
        }
    }

    #[test]
    fn a_query_credential_follows_the_operations_parameters() {
        let core = ClientBuilder::new("t/1", Some("https://x.test/base"))
            .credential("cp-domain-key", secrecy::SecretString::from("dk&1".to_owned()))
            .build()
            .unwrap();
        let request = assembled(&core);
        assert_eq!(request.url().as_str(), "https://x.test/base/v6/lookup/a%20b?expand=all&cp-domain-key=dk%261");
        assert!(request.headers().get("cp-api-key").is_none());
    }

    #[test]
    fn a_header_credential_is_marked_sensitive_and_preferred_in_declared_order() {
        let core = ClientBuilder::new("t/1", Some("https://x.test"))
            .credential("cp-domain-key", secrecy::SecretString::from("dk".to_owned()))
            .credential("cp-api-key", secrecy::SecretString::from("key".to_owned()))
            .timeout(Duration::from_secs(7))
            .build()
            .unwrap();
        let request = assembled(&core);
        assert_eq!(request.url().query(), Some("expand=all"));
        let header = &request.headers()["cp-api-key"];
        assert_eq!(header, "key");
        assert!(header.is_sensitive());
        assert_eq!(request.headers()[USER_AGENT], "t/1");
        assert_eq!(request.headers()[ACCEPT], "application/json");
        assert_eq!(request.timeout(), Some(&Duration::from_secs(7)));
    }

    #[test]
    fn debug_never_shows_a_credential() {
        let core = ClientBuilder::new("t/1", Some("https://x.test"))
            .credential("tokenAuth", secrecy::SecretString::from("s3cr3t-key".to_owned()))
            .build()
            .unwrap();
        let shown = format!("{core:?}");
        assert!(shown.contains("tokenAuth") && !shown.contains("s3cr3t-key"), "{shown}");
    }
}
