//! The intermediate model: everything `lower` decides about one vendor, and all that the
//! emitters read. Types only, with a few small accessors.

pub mod client;
pub mod model;
pub mod operation;

use std::collections::BTreeMap;

use self::client::{ErrorAccess, Scheme, Server};
use self::model::{Model, ModelFile};
use self::operation::ApiClass;
use super::config::VendorConfig;
use super::diag::Diagnostics;

/// One vendor, mapped.
pub struct VendorIr {
    /// Its folder under `openapi/` (`paytree`).
    pub vendor: String,
    /// Its settings.
    pub config: VendorConfig,
    /// One entry per schema.
    pub files: Vec<ModelFile>,
    /// One entry per tag.
    pub classes: Vec<ApiClass>,
    /// Security schemes.
    pub schemes: Vec<Scheme>,
    /// Named servers.
    pub servers: Vec<Server>,
    /// The vendor's error model, and where its code and message are read from.
    pub error_model: Option<ErrorAccess>,
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

/// The models and API classes of a parsed spec, with what could not be mapped.
pub struct Mapped {
    /// One entry per schema.
    pub files: Vec<ModelFile>,
    /// One entry per tag.
    pub classes: Vec<ApiClass>,
    /// Security schemes.
    pub schemes: Vec<Scheme>,
    /// Every construct that could not be mapped.
    pub diagnostics: Diagnostics,
}
