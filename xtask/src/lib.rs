//! The workspace's generator: `openapi/<vendor>/` → typed IR → Rust (through `quote` and
//! prettyplease) and markdown. See `docs/type-mapping.md` for the rules it applies.

pub mod analysis;
pub mod codegen;
pub mod config;
pub mod conformance;
pub mod diag;
pub mod docs;
pub mod drift;
pub mod emit;
pub mod examples;
pub mod files;
pub mod format;
pub mod import;
pub mod ir;
pub mod load;
pub mod mapping;
pub mod naming;
pub mod operations;
pub mod server_diff;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Where the vendors' published specs are: `$PAYINTENT_REFERENCE_SPECS`, else
/// `../shared/reference-specs` beside the checkout. They are not part of the repository.
pub fn reference_specs_dir(root: &Path) -> Option<PathBuf> {
    let configured = std::env::var_os("PAYINTENT_REFERENCE_SPECS").map(PathBuf::from);
    configured.into_iter().chain([root.join("../shared/reference-specs")]).find(|dir| dir.is_dir())
}

/// Runs `gen`: writes (or, with `check`, compares) every generated file. Returns the report
/// to print and whether the tree was up to date.
pub fn run_gen(root: &Path, check: bool) -> anyhow::Result<(String, bool)> {
    let output = codegen::generate(root)?;
    let drift = files::apply(root, &output, check)?;
    let mut report = String::new();
    let listed = drift
        .changed
        .iter()
        .map(|path| format!("  {} ({})", path.display(), if check { "differs" } else { "written" }))
        .chain(
            drift
                .stale
                .iter()
                .map(|path| format!("  {} ({})", path.display(), if check { "stale" } else { "removed" })),
        );
    let listed: Vec<String> = listed.collect();
    if check && !drift.is_clean() {
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
    Ok((report, drift.is_clean()))
}
