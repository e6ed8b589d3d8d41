//! `docs/type-mapping.md`: the rule table of `lower`, as built.

use std::fmt::Write;

use super::header;
use crate::generate::lower::rules::{DIRECTION_RULES, PRESENCE_RULES, RULES};

/// Where the rule table is, as the page names it.
const SOURCE: &str = "xtask/src/generate/lower/rules.rs";

/// `docs/type-mapping.md`: the mapping rules the generator applies, under the generated-file
/// header.
pub fn page() -> String {
    let mut page = header(SOURCE);
    page.push_str(
        "# How OpenAPI schemas become Rust\n\nOne rule per shape, applied by `xtask/src/generate/lower/` to every \
         schema of every vendor. Responses decode leniently: unknown fields are ignored, and constraints (length, pattern, \
         range) are only checked on request bodies, and only when the client is built with `validate_requests(true)`.\n\n\
         | Rule | OpenAPI | Rust |\n|---|---|---|\n",
    );
    for (rule, shape, rust) in RULES {
        let name = format!("{rule:?}");
        let name = name.split('(').next().unwrap_or_default();
        let _ = writeln!(page, "| {name} | {shape} | {rust} |");
    }
    page.push_str("\n## Presence\n\n| Property | Rust |\n|---|---|\n");
    for (property, rust) in PRESENCE_RULES {
        let _ = writeln!(page, "| {property} | {rust} |");
    }
    page.push_str("\n## Direction\n\n| Model | Generated |\n|---|---|\n");
    for (model, generated) in DIRECTION_RULES {
        let _ = writeln!(page, "| {model} | {generated} |");
    }
    page.push_str(
        "\n## Names\n\nJSON names are kept exactly on the wire (`#[serde(rename)]` where the Rust name differs). \
         Types keep the schema's name when it is a valid Rust type name (`JCSVoucherData`); members are snake_case and \
         keyword-safe (`type` → `r#type`); enum values that collide after case conversion get numeric suffixes \
         (`card`, `Card` → `Card`, `Card2`).\n",
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_file_that_holds_the_table() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert!(root.join(SOURCE).is_file(), "{SOURCE} does not exist");
        assert!(std::fs::read_to_string(root.join(SOURCE)).unwrap().contains("pub const RULES"));
    }
}
