//! Workspace automation (`cargo xtask <command>`). The generator, `cargo xtask gen`, is a
//! pipeline with a folder per stage ([`generate`]: load → lower → emit → write); beside it, the
//! commands about vendors' published specs and servers ([`spec`]) and the conformance run
//! against Stoplight Prism ([`conformance`]). `xtask/README.md` draws the pipeline.

pub mod conformance;
pub mod generate;
pub mod spec;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
