//! `generated/client.rs`: the vendor's `Client` and `ClientBuilder`, the security schemes and
//! the named servers, and what the client's call values know of it: its `Call` type, the
//! `Credential` one call may run with, the `Scheme` a hand-written request picks.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{Imports, RUNTIME, doc, ident, runtime};
use crate::generate::ir::VendorIr;
use crate::generate::ir::client::SchemeLocation;

/// `generated/client.rs`.
pub fn client_file(ir: &VendorIr, imports: &mut Imports) -> TokenStream {
    imports.add("std::sync", "Arc");
    imports.add("std::time", "Duration");
    imports.add(RUNTIME, "ClientCore");
    imports.add(RUNTIME, "SecurityScheme");
    if !ir.schemes.is_empty() {
        imports.add(RUNTIME, "SecretString");
        imports.add(RUNTIME, "CredentialSource");
    }
    imports.add("crate", "Error");
    let runtime = runtime();
    let title = &ir.title;

    let statics = ir.schemes.iter().map(|scheme| {
        let static_name = ident(&scheme.static_name);
        let name = &scheme.name;
        let prefix = &scheme.prefix;
        let scheme_static = match &scheme.location {
            SchemeLocation::Header(header) => quote!(SecurityScheme::header(#name, #header, #prefix)),
            SchemeLocation::Query(parameter) => quote!(SecurityScheme::query(#name, #parameter)),
        };
        let docs = doc(&format!("The `{name}` security scheme: `{}`.", scheme.wire_example()));
        quote! {
            #docs
            pub(crate) static #static_name: SecurityScheme = #scheme_static;
        }
    });

    let narrowings = call_narrowings(ir, imports);

    let accessors = ir.classes.iter().map(|class| {
        let class_name = ident(&class.name);
        let accessor = ident(&class.accessor);
        imports.add("crate::apis", &class.name);
        let docs = doc(&format!(
            "The `{}` operations (tag `{}`). The value owns a clone of this client (cheap: one `Arc`).",
            class.name, class.tag
        ));
        quote! {
            #docs
            pub fn #accessor(&self) -> #class_name {
                #class_name::new(self.clone())
            }
        }
    });
    let accessors: Vec<TokenStream> = accessors.collect();

    let setters = ir.schemes.iter().map(|scheme| {
        let setter = ident(&scheme.setter);
        let static_name = ident(&scheme.static_name);
        let docs = doc(&format!(
            "Authenticates with {}: sends `{}` where an operation accepts the `{}` scheme.\n\nThe key is kept as a \
             secret: it never appears in `Debug` output or errors.",
            scheme.doc,
            scheme.wire_example(),
            scheme.name
        ));
        quote! {
            #docs
            pub fn #setter(self, key: impl Into<String>) -> Self {
                self.credential(&#static_name, SecretString::from(key.into()))
            }
        }
    });

    // A spec without operations or without security schemes has no use for these.
    let core_accessor = (!ir.classes.is_empty()).then(|| {
        quote! {
            /// The core a call holds: one more reference to this client's.
            pub(crate) fn core(&self) -> Arc<ClientCore> {
                Arc::clone(&self.core)
            }
        }
    });
    let credential_setter = (!ir.schemes.is_empty()).then(|| {
        quote! {
            /// Sets the credential source of `scheme`: a fixed key, or one computed for every request.
            pub(crate) fn credential(mut self, scheme: &'static SecurityScheme, source: impl CredentialSource) -> Self {
                self.inner = self.inner.credential(scheme.name(), source);
                self
            }
        }
    });

    let default_url = match ir.servers.first() {
        Some(server) => {
            let url = &server.url;
            quote!(Some(#url))
        }
        None => quote!(None),
    };
    let base_url_doc = match ir.servers.first() {
        Some(server) => format!("The server to call (default `{}`, {}).", server.url, server.description),
        None => format!("The server to call. Required: {title}'s documents name no default server."),
    };
    let base_url_doc = doc(&base_url_doc);

    let (server_enum, server_setter) = if ir.servers.is_empty() {
        (quote!(), quote!())
    } else {
        let variants: Vec<_> = ir.servers.iter().map(|server| ident(&server.name)).collect();
        let variant_docs = ir.servers.iter().map(|server| doc(&format!("`{}`: {}.", server.url, server.description)));
        let urls = ir.servers.iter().map(|server| &server.url);
        let enum_doc = doc(&format!("The servers {title} documents. Any other URL can be set with `base_url`."));
        (
            quote! {
                #enum_doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                #[non_exhaustive]
                pub enum Server {
                    #( #variant_docs #variants, )*
                }

                impl Server {
                    /// The server's base URL.
                    pub const fn url(self) -> &'static str {
                        match self {
                            #( Self::#variants => #urls, )*
                        }
                    }
                }
            },
            quote! {
                /// Calls one of the documented servers.
                pub fn server(self, server: Server) -> Self {
                    self.base_url(server.url())
                }
            },
        )
    };

    let format_setter = ir.xml.then(|| {
        imports.add(RUNTIME, "Format");
        quote! {
            /// The media type of request bodies (default JSON). With `Format::Xml`, operations that offer
            /// `text/xml` send and accept XML; responses are always decoded by their `Content-Type`.
            pub fn format(mut self, format: Format) -> Self {
                self.inner = self.inner.format(format);
                self
            }
        }
    });
    let idempotency = ir.idempotency_header.as_ref().map(|header| quote!(.idempotency_header(#header)));
    let request_id = ir.request_id_header.as_ref().map(|header| quote!(.request_id_header(#header)));
    let calls = call_types(ir, imports);
    let client_doc =
        doc(&format!("A {title} API client. Cloning is cheap: clones share the connection pool and configuration."));
    let builder_doc =
        doc("Configures a [`Client`]: server, timeouts, credentials. Finish with [`build`](Self::build).");

    quote! {
        /// The `User-Agent` this crate sends unless told otherwise.
        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        #(#statics)*

        #narrowings

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: Arc<ClientCore>,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                let inner = #runtime::ClientBuilder::new(env!("CARGO_PKG_NAME"), USER_AGENT, #default_url)
                    #idempotency
                    #request_id;
                ClientBuilder { inner }
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #(#accessors)*

            /// A request this crate has no method for (a refund, a customer, …), written by hand:
            /// `method` on the path template `path` (`"/refunds"`, `"/refunds/{refund_id}"`, filled
            /// with `path_param`), with `json` and `query` for the rest. It goes through everything a
            /// method does: the client's credentials (the first it holds, or the one `scheme` picks),
            /// retries — an unsafe method is repeated only with an idempotency key, where the vendor
            /// reads one —, timeouts, the size cap, the trace span and [`Error`]. Await it for the
            /// 2xx body as JSON, or name a type with `returning::<T>()`.
            pub fn request(&self, method: Method, path: &'static str) -> Call<'static, serde_json::Value, Custom> {
                Call::custom(Arc::clone(&self.core), method, path)
            }

            #core_accessor
        }

        #calls

        #builder_doc
        #[derive(Debug)]
        #[must_use]
        pub struct ClientBuilder {
            inner: #runtime::ClientBuilder,
        }

        impl ClientBuilder {
            #base_url_doc
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.inner = self.inner.base_url(url);
                self
            }

            #server_setter

            /// Time allowed to establish a connection (default 10 s).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.inner = self.inner.connect_timeout(timeout);
                self
            }

            /// Time allowed for one attempt, response body included (default 60 s). A stalled body
            /// counts: the attempt ends when the time is up.
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.inner = self.inner.timeout(timeout);
                self
            }

            /// Time allowed for a whole call, retries and their waits included (default 120 s).
            pub fn overall_timeout(mut self, timeout: Duration) -> Self {
                self.inner = self.inner.overall_timeout(timeout);
                self
            }

            /// How calls are retried (default: 3 attempts, jittered exponential backoff, `Retry-After`
            /// honoured). A call that may have reached the server is only repeated when repeating it
            /// cannot create a second payment; `RetryPolicy::none()` turns retries off.
            pub fn retry(mut self, policy: #runtime::RetryPolicy) -> Self {
                self.inner = self.inner.retry(policy);
                self
            }

            /// The largest response body read (default 16 MiB); a larger one fails the call.
            pub fn max_response_bytes(mut self, limit: usize) -> Self {
                self.inner = self.inner.max_response_bytes(limit);
                self
            }

            /// Allows a plain `http://` base URL on a host other than loopback (refused by default:
            /// credentials and card data would travel in clear).
            pub fn allow_insecure_http(mut self, allow: bool) -> Self {
                self.inner = self.inner.allow_insecure_http(allow);
                self
            }

            /// Replaces the `User-Agent` header (default `<crate>/<version>`).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.inner = self.inner.user_agent(user_agent);
                self
            }

            /// Checks every request body against its schema's constraints before sending (default off);
            /// a violation returns `Error::InvalidRequest` listing every problem, and nothing is sent.
            /// Compiled with the crate's `validate` feature.
            #[cfg(feature = "validate")]
            #[cfg_attr(docsrs, doc(cfg(feature = "validate")))]
            pub fn validate_requests(mut self, validate: bool) -> Self {
                self.inner = self.inner.validate_requests(validate);
                self
            }

            /// Uses a preconfigured `reqwest` client (proxies, extra root certificates, another
            /// TLS stack). The size cap, the timeouts but the connect timeout, and the user agent
            /// stay this client's. Build it with `redirect(reqwest::redirect::Policy::none())`:
            /// a redirect it follows fails the call (`RedirectFollowed`), but only after the
            /// redirected request was sent.
            pub fn http_client(mut self, client: #runtime::reqwest::Client) -> Self {
                self.inner = self.inner.http_client(client);
                self
            }

            #format_setter

            #(#setters)*

            #credential_setter

            /// Checks the configuration and creates the client.
            ///
            /// # Errors
            ///
            /// `Error::Config` when the base URL is missing or invalid, or the HTTP client cannot start.
            pub fn build(self) -> Result<Client, Error> {
                let core = self.inner.build()?;
                Ok(Client { core: Arc::new(core) })
            }
        }

        #server_enum
    }
}

/// The `[credential-by-member]` narrowings the methods pick from.
fn call_narrowings(ir: &VendorIr, imports: &mut Imports) -> TokenStream {
    if ir.narrowings.is_empty() {
        return quote!();
    }
    imports.add(RUNTIME, "CallSecurity");
    let narrowings = ir.narrowings.iter().map(|narrowing| {
        let name = ident(&narrowing.static_name);
        let scheme = ident(&narrowing.scheme_static);
        let reason = &narrowing.reason;
        let carries = if narrowing.carried { "carries" } else { "does not carry" };
        let docs =
            doc(&format!("A call whose request {carries} `{}` sends `{}` only.", narrowing.member, narrowing.scheme));
        quote! {
            #docs
            pub(crate) static #name: CallSecurity = CallSecurity::new(&[&#scheme], #reason);
        }
    });
    quote!(#(#narrowings)*)
}

/// What the client's call values know of the vendor: the crate's `Call` type, the `Credential`
/// one call may run with (a constructor per builder credential setter), the `Scheme` a
/// hand-written request picks, and the runtime's `Vendor` impl that ties them to `Client`.
fn call_types(ir: &VendorIr, imports: &mut Imports) -> TokenStream {
    let (runtime, title) = (runtime(), &ir.title);
    for item in ["Custom", "Method", "SchemeCredential", "Unkeyed", "Vendor"] {
        imports.add(RUNTIME, item);
    }
    let error_model = match &ir.error_model {
        // By its path: CityPay's error model is named `Error`, like the crate's error type.
        Some(access) => {
            let model = ident(&access.model);
            quote!(crate::models::#model)
        }
        None => quote!(#runtime::NoErrorModel),
    };
    let call_doc = doc(&format!(
        "A call of a {title} operation, not sent yet: what every method of an API class returns. Await it for \
         the result, or first set options for this call alone (`timeout`, `retry`, `header`, `member`, \
         `query_param`, `credential`, and `idempotency_key` where `K` is `Keyed`), or call `with_response()` for \
         the status, headers and request id too."
    ));
    let credential_doc = doc(&format!(
        "A {title} credential for one call, in place of the client's (one client, many merchants): pass it to \
         the call's `credential(..)`. The call then uses no credential of the client's. The secret never shows \
         in `Debug` output or errors."
    ));
    let scheme_doc =
        doc("A credential the client may hold, named by its builder method: `scheme(..)` picks the one a request \
         written with [`Client::request`] sends (the first the client holds otherwise).");
    let statics: Vec<TokenStream> = ir
        .schemes
        .iter()
        .map(|scheme| {
            let name = ident(&scheme.static_name);
            quote!(&[&#name])
        })
        .collect();
    let accept = &ir.custom_accept;
    let (credential, scheme) = if ir.schemes.is_empty() {
        let none = doc(&format!("{title} declares no credential, so there is none to give."));
        (
            quote! {
                #credential_doc
                ///
                #none
                #[derive(Debug, Clone)]
                pub enum Credential {}

                #scheme_doc
                ///
                #none
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                pub enum Scheme {}
            },
            quote! {
                fn credential(credential: Credential) -> SchemeCredential {
                    match credential {}
                }

                fn scheme(scheme: Scheme) -> &'static [&'static SecurityScheme] {
                    match scheme {}
                }
            },
        )
    } else {
        let constructors = ir.schemes.iter().map(|scheme| {
            let setter = ident(&scheme.setter);
            let static_name = ident(&scheme.static_name);
            let docs =
                doc(&format!("{}: sent as `{}`, for this call only.", capitalize(&scheme.doc), scheme.wire_example()));
            quote! {
                #docs
                pub fn #setter(key: impl Into<String>) -> Self {
                    Self::new(&#static_name, SecretString::from(key.into()))
                }
            }
        });
        let variants: Vec<TokenStream> = ir
            .schemes
            .iter()
            .map(|scheme| {
                let variant = ident(&scheme.variant);
                let docs = doc(&format!("The credential `ClientBuilder::{}` sets (`{}`).", scheme.setter, scheme.name));
                quote!(#docs #variant)
            })
            .collect();
        let arms = ir.schemes.iter().enumerate().map(|(index, scheme)| {
            let variant = ident(&scheme.variant);
            quote!(Scheme::#variant => Self::SECURITY[#index])
        });
        (
            quote! {
                #credential_doc
                #[derive(Debug, Clone)]
                pub struct Credential(SchemeCredential);

                impl Credential {
                    #(#constructors)*

                    /// The credential of `scheme`, handed out by `source` for each request.
                    pub(crate) fn new(scheme: &'static SecurityScheme, source: impl CredentialSource) -> Self {
                        Self(SchemeCredential::new(scheme, source))
                    }
                }

                #scheme_doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                #[non_exhaustive]
                pub enum Scheme {
                    #(#variants,)*
                }
            },
            quote! {
                fn credential(credential: Credential) -> SchemeCredential {
                    credential.0
                }

                fn scheme(scheme: Scheme) -> &'static [&'static SecurityScheme] {
                    match scheme {
                        #(#arms,)*
                    }
                }
            },
        )
    };
    let keys = ir.idempotency_header.as_ref().map(|_| {
        imports.add(RUNTIME, "ReadsIdempotencyKeys");
        quote!(impl ReadsIdempotencyKeys for Client {})
    });
    quote! {
        #call_doc
        pub type Call<'a, T, K = Unkeyed> = #runtime::Call<'a, T, Client, K>;

        #credential

        impl Vendor for Client {
            type ErrorModel = #error_model;
            type Credential = Credential;
            type Scheme = Scheme;
            const SECURITY: &'static [&'static [&'static SecurityScheme]] = &[#(#statics),*];
            const ACCEPT: &'static str = #accept;

            #scheme
        }

        #keys
    }
}

/// `text` with its first letter in upper case.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
