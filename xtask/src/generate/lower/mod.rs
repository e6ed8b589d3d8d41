//! Spec → intermediate model. Every decision is made here, pass by pass: each schema is lowered
//! by its rule ([`rules`], [`classify`], [`shapes`]), the operations into API classes
//! ([`operations`]), then whole-API passes ([`analysis`]) and the settings of `sdk.toml`
//! ([`settings`]).

pub mod analysis;
pub mod classify;
pub mod naming;
pub mod notes;
pub mod operations;
pub mod rules;
pub mod settings;
pub mod shapes;
pub mod view;

use openapiv3::OpenAPI;

use self::shapes::Mapper;
use super::config::VendorConfig;
use super::ir::{Mapped, VendorIr};

/// Lowers the models and operations of a parsed spec, directions included; problems are
/// collected, not raised, and `sdk.toml`'s per-operation settings are not applied (for
/// comparing a spec as published).
pub fn models_and_operations(openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<Mapped> {
    let empty = Default::default();
    let schemas = openapi.components.as_ref().map(|components| &components.schemas).unwrap_or(&empty);
    let shared = settings::shared_inline_schemas(openapi, config)?;
    let mut mapper = Mapper::new(schemas, config).with_shared(shared);
    let mut files = mapper.map_all();
    let schemes = operations::schemes(openapi, config, &mut mapper.diagnostics);
    let mut classes = operations::classes(openapi, config, &mut mapper);
    analysis::analyze(&mut files, &mut classes);
    Ok(Mapped { files, classes, schemes, diagnostics: std::mem::take(&mut mapper.diagnostics) })
}

/// Lowers the parsed spec of `vendor` (its folder under `openapi/`); every construct that cannot
/// be mapped is listed in the error.
pub fn lower(vendor: &str, openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<VendorIr> {
    let Mapped { files, mut classes, schemes, mut diagnostics } = models_and_operations(openapi, config)?;
    settings::apply_operation_settings(config, &files, &mut classes, &mut diagnostics);
    settings::apply_credential_rule(config, &files, &mut classes, &mut diagnostics);
    let error_model = settings::error_model(config, &files, &mut diagnostics);
    diagnostics.into_result("the spec")?;
    let xml = classes.iter().flat_map(|class| &class.operations).any(|operation| operation.xml_root.is_some());
    Ok(VendorIr {
        vendor: vendor.to_owned(),
        config: config.clone(),
        servers: settings::servers(openapi, config),
        files,
        classes,
        schemes,
        error_model,
        xml,
    })
}
