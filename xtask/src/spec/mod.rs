//! Commands about the vendors' published specs and servers, beside the generator: `import`
//! (a published spec → fragments), `diff-spec` ([`diff`]: the fragments against a published
//! spec) and `server-diff` ([`server`]: the crate's models against the server's own types).

pub mod diff;
pub mod import;
pub mod server;

use std::path::{Path, PathBuf};

/// Where the vendors' published specs are: `$PAYINTENT_REFERENCE_SPECS`, else
/// `../shared/reference-specs` beside the checkout. They are not part of the repository.
pub fn reference_specs_dir(root: &Path) -> Option<PathBuf> {
    let configured = std::env::var_os("PAYINTENT_REFERENCE_SPECS").map(PathBuf::from);
    configured.into_iter().chain([root.join("../shared/reference-specs")]).find(|dir| dir.is_dir())
}
