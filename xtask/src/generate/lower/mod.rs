//! Spec → intermediate model. Every decision is made here, pass by pass: each schema is lowered
//! by its rule ([`rules`], [`view`], [`classify`], [`shapes`]), the operations into API classes
//! ([`operations`]), then whole-API passes ([`analysis`]), the settings of `sdk.toml`
//! ([`settings`]) and the texts both emitters print ([`notes`]).

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
use super::diag::Diagnostics;
use super::ir::VendorIr;

/// Lowers the parsed spec of `vendor` (its folder under `openapi/`); every construct that cannot
/// be mapped is listed in the error.
pub fn lower(vendor: &str, openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<VendorIr> {
    let (ir, diagnostics) = lower_as_far_as_possible(vendor, openapi, config)?;
    diagnostics.into_result("the spec")?;
    Ok(ir)
}

/// Lowers what can be lowered of a parsed spec, and lists the rest: for comparing a spec that
/// need not be the crate's (a vendor's published spec, in `server-diff`).
pub fn lower_as_far_as_possible(
    vendor: &str,
    openapi: &OpenAPI,
    config: &VendorConfig,
) -> anyhow::Result<(VendorIr, Diagnostics)> {
    let empty = Default::default();
    let schemas = openapi.components.as_ref().map(|components| &components.schemas).unwrap_or(&empty);
    let shared = settings::shared_inline_schemas(openapi, config)?;
    let mut mapper = Mapper::new(schemas, config).with_shared(shared);
    let mut files = mapper.map_all();
    let schemes = operations::schemes(openapi, config, &mut mapper.diagnostics);
    let mut classes = operations::classes(openapi, config, &mut mapper);
    let mut diagnostics = std::mem::take(&mut mapper.diagnostics);
    let events = settings::event_models(config, &files, &mut diagnostics);
    analysis::analyze(&mut files, &mut classes, &events);
    settings::apply_operation_settings(config, &files, &mut classes, &mut diagnostics);
    settings::apply_idempotency_header(config, &mut classes, &mut diagnostics);
    settings::secret_members(&files, &mut classes);
    let narrowings = settings::apply_credential_rule(config, &files, &schemes, &mut classes, &mut diagnostics);
    let error_model = settings::error_model(config, &files, &mut diagnostics);
    let request_id_header = settings::request_id_header(config, &mut diagnostics);
    let custom_accept = settings::custom_accept(&classes);
    notes::write(&mut classes, &schemes, config.idempotency_header.as_deref());
    let xml = classes.iter().flat_map(|class| &class.operations).any(|operation| operation.xml_root.is_some());
    let ir = VendorIr {
        vendor: vendor.to_owned(),
        crate_name: config.crate_name.clone(),
        title: config.title.clone(),
        servers: settings::servers(openapi, config),
        files,
        classes,
        schemes,
        idempotency_header: config.idempotency_header.clone(),
        request_id_header,
        custom_accept,
        error_model,
        narrowings,
        xml,
    };
    Ok((ir, diagnostics))
}
