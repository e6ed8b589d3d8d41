//! What each published crate's package carries for a user: both licence texts (the workspace
//! root's, word for word), a README whose links work on crates.io, and a changelog.
//!
//! crates.io renders a README as plain Markdown: a rustdoc-style link (`[`Client`]`) shows as
//! bracketed text there unless the README defines it. So every such link must have a
//! definition (`[`Client`]: https://docs.rs/…`), which docs.rs honours too.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const PUBLISHED: &[&str] = &["runtime", "citypay", "hyperswitch", "payjpv2", "paytree"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn every_package_carries_both_licences_a_readme_and_a_changelog() {
    let root = workspace();
    for crate_dir in PUBLISHED {
        let dir = root.join("crates").join(crate_dir);
        for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
            assert_eq!(
                read(&dir.join(licence)),
                read(&root.join(licence)),
                "{crate_dir}/{licence} differs from the root's"
            );
        }
        let manifest = read(&dir.join("Cargo.toml"));
        assert!(manifest.contains("readme = \"README.md\""), "{crate_dir}: no readme in Cargo.toml");
        assert!(
            manifest.contains("keywords = ") && manifest.contains("categories = "),
            "{crate_dir}: keywords, categories"
        );
        assert!(read(&dir.join("README.md")).starts_with('#'), "{crate_dir}: README.md");
        assert!(read(&dir.join("CHANGELOG.md")).contains("## 0.1.0"), "{crate_dir}: CHANGELOG.md from 0.1.0");
    }
}

#[test]
fn every_rustdoc_link_of_a_readme_is_defined_for_crates_io() {
    let root = workspace();
    for crate_dir in PUBLISHED {
        let readme = read(&root.join("crates").join(crate_dir).join("README.md"));
        let (used, defined) = links(&readme);
        let undefined: Vec<_> = used.difference(&defined).collect();
        assert!(undefined.is_empty(), "crates/{crate_dir}/README.md: links without a definition: {undefined:?}");
    }
}

#[test]
fn the_link_scanner_sees_shortcut_links_and_skips_code() {
    let text = "See [`Client`] and [`Call`](x) and [`Error`][e].\n```rust\nlet a = [`Skipped`];\n```\n[`Client`]: https://docs.rs/x\n";
    let (used, defined) = links(text);
    assert_eq!(used.into_iter().collect::<Vec<_>>(), ["Client"]);
    assert_eq!(defined.into_iter().collect::<Vec<_>>(), ["Client"]);
}

/// The labels of the shortcut links (`[`label`]` followed by neither `(`, `[` nor `:`) outside
/// fenced code, and the labels the text defines.
fn links(markdown: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut used = BTreeSet::new();
    let mut defined = BTreeSet::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("[`") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("`]") else { break };
            let label = &after[..end];
            let next = after[end + 2..].chars().next();
            if start == 0 && rest.len() == line.len() && next == Some(':') {
                defined.insert(label.to_owned());
            } else if !matches!(next, Some('(' | '[' | ':')) && !label.contains('`') {
                used.insert(label.to_owned());
            }
            rest = &after[end + 2..];
        }
    }
    (used, defined)
}
