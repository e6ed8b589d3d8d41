//! The intermediate model: everything `lower` decides about one vendor, and all the emitters
//! read — they never look at the spec or at `sdk.toml`. Types only, with a few small accessors.
//!
//! [`model`]: the models (structs, enums, unions, aliases) and their fields;
//! [`operation`]: the API classes and their operations, each with its final signature;
//! [`client`]: what the client is built from (security schemes, servers, credential
//! narrowings, the error model's access).

pub mod client;
pub mod model;
pub mod operation;

use std::collections::BTreeMap;

use self::client::{ErrorAccess, Narrowing, Scheme, Server};
use self::model::{Model, ModelFile};
use self::operation::ApiClass;

/// One vendor, lowered.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorIr {
    /// Its folder under `openapi/` (`paytree`).
    pub vendor: String,
    /// Package name of the generated crate (`paytree`).
    pub crate_name: String,
    /// The vendor's name as prose uses it (`Paytree`, `PAY.JP`).
    pub title: String,
    /// One entry per schema.
    pub files: Vec<ModelFile>,
    /// One entry per tag.
    pub classes: Vec<ApiClass>,
    /// Security schemes.
    pub schemes: Vec<Scheme>,
    /// Named servers; the first is the default.
    pub servers: Vec<Server>,
    /// The header a caller's idempotency key is sent in, when the vendor reads one: the calls of
    /// its writes then offer `idempotency_key` ([`Signature::keyed`](operation::Signature::keyed)).
    pub idempotency_header: Option<String>,
    /// The response header the vendor sends its request id in, when it names one.
    pub request_id_header: Option<String>,
    /// The `Accept` header of a request written by hand (`Client::request`).
    pub custom_accept: String,
    /// The vendor's error model, and where its code and message are read from.
    pub error_model: Option<ErrorAccess>,
    /// The credential narrowings the client defines (`[credential-by-member]`).
    pub narrowings: Vec<Narrowing>,
    /// Whether any operation can send XML.
    pub xml: bool,
}

impl VendorIr {
    /// Every model by name: the schemas' own and those the API classes need.
    pub fn models_by_name(&self) -> BTreeMap<&str, &Model> {
        let inline = self.classes.iter().flat_map(|class| &class.models);
        self.files
            .iter()
            .flat_map(|file| &file.models)
            .chain(inline)
            .map(|model| (model.name.as_str(), model))
            .collect()
    }
}
