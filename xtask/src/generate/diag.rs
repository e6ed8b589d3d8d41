//! Diagnostics: every construct the generator cannot map is reported with its JSON pointer,
//! and generation stops after listing all of them — never a panic.

use std::fmt;

/// One problem in a vendor's spec, located by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the merged spec, e.g. `#/components/schemas/Card/properties/number`.
    pub pointer: String,
    /// What is wrong, in terms of the spec.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// The diagnostics collected while mapping one vendor.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem at `pointer`.
    pub fn report(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic { pointer: pointer.into(), message: message.into() });
    }

    /// Every problem recorded, in the order found.
    pub fn all(&self) -> &[Diagnostic] {
        &self.0
    }

    /// `Ok` when nothing was reported; otherwise one error listing every problem.
    pub fn into_result(self, what: &str) -> anyhow::Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut message = format!("{what}: {} construct(s) cannot be mapped:", self.0.len());
        for diagnostic in &self.0 {
            message.push_str("\n  ");
            message.push_str(&diagnostic.to_string());
        }
        Err(anyhow::anyhow!(message))
    }
}

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
pub fn token(raw: &str) -> String {
    raw.replace('~', "~0").replace('/', "~1")
}
