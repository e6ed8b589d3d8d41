//! No generated doc says only what its item is called. A line such as "The `size` property."
//! satisfies `missing_docs` and tells the reader nothing; where the spec has no description
//! the generator writes no line and allows `missing_docs` on that item instead. This test
//! reads every file under `crates/*/src/generated` and `docs/` and fails listing each
//! placeholder sentence it finds, with its file and line.

use std::fs;
use std::path::{Path, PathBuf};

/// What may follow "The `name`" for the sentence to say nothing but the name.
const NAME_ONLY_NOUNS: &[&str] = &[
    "property",
    "schema",
    "query parameter",
    "path parameter",
    "header parameter",
    "parameter",
    "field",
    "member",
    "variant",
    "value",
    "model",
    "type",
];

/// Sentences built from a location alone (which schema, which JSON pointer).
const LOCATION_ONLY: &[&str] = &["defined inline at `", "Shared by every inline schema equal to"];

/// The placeholder sentences in one line of text.
fn placeholders(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("The `") {
        let after = &rest[start + "The `".len()..];
        let Some(close) = after.find('`') else { break };
        let tail = &after[close + 1..];
        for noun in NAME_ONLY_NOUNS {
            if let Some(end) = tail.strip_prefix(' ').and_then(|tail| tail.strip_prefix(noun))
                && end.starts_with('.')
            {
                found.push(format!("The `{}` {noun}.", &after[..close]));
            }
        }
        rest = after;
    }
    found.extend(LOCATION_ONLY.iter().filter(|marker| line.contains(*marker)).map(|_| line.trim().to_owned()));
    // A line that only names a type: "A `i64`.", "An `Address`."
    let text = line.trim().trim_start_matches("///").trim();
    if let Some(name) = text.strip_prefix("A `").or_else(|| text.strip_prefix("An `"))
        && name.strip_suffix("`.").is_some_and(|name| !name.contains('`'))
    {
        found.push(text.to_owned());
    }
    found
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs" || ext == "md") {
            out.push(path);
        }
    }
}

fn generated_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for crate_dir in fs::read_dir(root.join("crates")).expect("crates/").flatten() {
        files_under(&crate_dir.path().join("src").join("generated"), &mut files);
    }
    files_under(&root.join("docs"), &mut files);
    files.sort();
    files
}

#[test]
fn the_matcher_finds_each_template_and_nothing_else() {
    assert_eq!(placeholders("/// The `size` property."), ["The `size` property."]);
    assert_eq!(placeholders("/// The `PaymentsResponse` schema."), ["The `PaymentsResponse` schema."]);
    assert_eq!(placeholders("| `limit` | The `limit` query parameter. |"), ["The `limit` query parameter."]);
    assert_eq!(placeholders("/// Part of `X`, defined inline at `#/components/schemas/X/a`.").len(), 1);
    assert!(placeholders("/// The `amount` property, in minor units.").is_empty());
    assert!(placeholders("/// The amount to capture, in the smallest currency unit.").is_empty());
    assert!(placeholders("/// Sends the `status` schema's default.").is_empty());
    assert_eq!(placeholders("    /// A `SamsungPayWebWalletData`."), ["A `SamsungPayWebWalletData`."]);
    assert_eq!(placeholders("/// An `i64`."), ["An `i64`."]);
    assert!(placeholders("/// A `Vec` of the payment's captures, newest first.").is_empty());
}

#[test]
fn generated_sources_and_docs_have_no_placeholder_sentence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let files = generated_files(root);
    assert!(files.len() > 100, "found only {} generated files under {}", files.len(), root.display());
    let mut hits = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("readable generated file");
        for (number, line) in text.lines().enumerate() {
            for sentence in placeholders(line) {
                let shown = path.strip_prefix(root).unwrap_or(path).display();
                hits.push(format!("{shown}:{}: {sentence}", number + 1));
            }
        }
    }
    let shown: Vec<&str> = hits.iter().take(50).map(String::as_str).collect();
    assert!(hits.is_empty(), "{} placeholder doc sentences (first {}):\n{}", hits.len(), shown.len(), shown.join("\n"));
}
