//! `Debug` output for models that carry secrets (card numbers, CVCs, client secrets).

use std::fmt;

/// Stands in for a secret field in generated `Debug` output.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
