//! `cargo xtask gen`, as a pipeline: for every vendor folder in `openapi/`,
//!
//! 1. [`load`]: the fragments and `sdk.toml` ([`config`]) → one parsed OpenAPI document;
//! 2. [`lower`]: the document → the intermediate model ([`ir`]), every decision made there, each
//!    problem a diagnostic with its JSON pointer ([`diag`]);
//! 3. [`emit`]: the model → Rust ([`emit::rust`]) and markdown ([`emit::markdown`]) text;
//! 4. [`write`](mod@write): the text → files, or with `--check` the list of files that differ.
//!
//! Data flows one way: no stage imports a later one (`xtask/tests/layering.rs`).

pub mod config;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod write;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;

use self::config::VendorConfig;
use self::write::Output;

/// Runs `gen`: writes (or, with `check`, compares) every generated file. Returns the report
/// to print and whether the tree was up to date.
pub fn run(root: &Path, check: bool) -> anyhow::Result<(String, bool)> {
    let output = generate(root)?;
    let changes = write::apply(root, &output, check)?;
    let mut report = String::new();
    let listed = changes
        .changed
        .iter()
        .map(|path| format!("  {} ({})", path.display(), if check { "differs" } else { "written" }))
        .chain(
            changes
                .stale
                .iter()
                .map(|path| format!("  {} ({})", path.display(), if check { "stale" } else { "removed" })),
        );
    let listed: Vec<String> = listed.collect();
    if check && !changes.is_clean() {
        report.push_str(&format!(
            "cargo xtask gen --check: {} generated file(s) are out of date:\n{}\nRun `cargo xtask gen` and commit the result.",
            listed.len(),
            listed.join("\n")
        ));
    } else if check {
        report.push_str(&format!("cargo xtask gen --check: {} generated files are up to date.", output.files.len()));
    } else {
        report.push_str(&format!("cargo xtask gen: {} files, {} updated", output.files.len(), listed.len()));
        for line in &listed {
            report.push('\n');
            report.push_str(line);
        }
    }
    Ok((report, changes.is_clean()))
}

/// Everything `cargo xtask gen` writes: load → lower → emit, per vendor.
pub fn generate(root: &Path) -> anyhow::Result<Output> {
    let mut output = Output::default();
    let mut rust: Vec<(PathBuf, String)> = Vec::new();
    for dir in load::vendor_dirs(&root.join("openapi"))? {
        let spec = load::load_vendor(&dir)?;
        let ir = lower::lower(&spec.vendor, &spec.openapi, &spec.config)
            .map_err(|error| anyhow::anyhow!("openapi/{}: {error}", spec.vendor))?;
        let generated_dir = PathBuf::from("crates").join(&ir.crate_name).join("src/generated");
        for (path, source) in emit::rust::files(&ir)? {
            rust.push((generated_dir.join(path), source));
        }
        let docs_dir = PathBuf::from("docs").join(&spec.vendor);
        for (path, page) in emit::markdown::pages(&ir) {
            output.files.insert(docs_dir.join(path), page);
        }
        output.owned_dirs.push(generated_dir);
        output.owned_dirs.push(docs_dir);
        rust.push((
            PathBuf::from("tests/generated").join(format!("{}_round_trips.rs", spec.vendor)),
            emit::rust::round_trips::file(&ir)?,
        ));
    }
    output.owned_dirs.push(PathBuf::from("tests/generated"));
    output.files.extend(rust);
    output.files.insert(PathBuf::from("docs/type-mapping.md"), emit::markdown::type_mapping::page());
    Ok(output)
}

/// Every Rust file generated for `openapi`, relative to the crate's `src/` (`generated/…`), as
/// `cargo xtask gen` would write it (for golden tests of the generator).
pub fn preview(openapi: &OpenAPI, config: &VendorConfig) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let ir = lower::lower("golden", openapi, config)?;
    let files = emit::rust::files(&ir)?;
    Ok(files.into_iter().map(|(path, source)| (Path::new("generated").join(path), source)).collect())
}
