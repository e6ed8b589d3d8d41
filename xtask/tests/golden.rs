//! Golden tests: small fragments of the shapes other generators get wrong, and the exact code
//! generated for them. `tests/golden/<case>.json` → the folder `<case>/`, laid out as a vendor
//! crate's `src/` (`lib.rs` and every file `cargo xtask gen` writes under `generated/`), or
//! `<case>.err` when the generator must refuse. A case that needs `sdk.toml` settings has them
//! in `<case>.toml` (a whole `sdk.toml`). Each folder is a crate of the `xtask-golden`
//! package (`tests/golden/Cargo.toml`), so `cargo test --workspace` compiles every golden output.
//! `UPDATE_GOLDEN=1 cargo test -p xtask --test golden` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use xtask::generate::config::VendorConfig;
use xtask::generate::load::{normalise, parse};
use xtask::generate::preview;
use xtask::generate::write::{self, Output};

/// What the test reads of `tests/golden/Cargo.toml`: the crates it builds.
#[derive(serde::Deserialize)]
struct Manifest {
    example: Vec<Example>,
}

#[derive(serde::Deserialize, PartialEq, Debug)]
struct Example {
    name: String,
    path: String,
    #[serde(rename = "crate-type")]
    crate_type: Vec<String>,
}

impl Example {
    /// A case's crate: a library, so that building it needs no link step.
    fn of(case: &str) -> Self {
        Example { name: case.into(), path: format!("{case}/lib.rs"), crate_type: vec!["rlib".into()] }
    }
}

/// The case's `sdk.toml`: `<case>.toml` beside it, or only the crate's name and title.
fn config(case: &Path) -> VendorConfig {
    match fs::read_to_string(case.with_extension("toml")) {
        Ok(text) => toml::from_str(&text).expect("the case's sdk.toml parses"),
        Err(_) => VendorConfig { crate_name: "golden".into(), title: "Golden".into(), ..VendorConfig::default() },
    }
}

/// The root of a case's crate: what a vendor crate's `lib.rs` holds, with the generated items
/// re-exported whole so that it never needs a change when the generator adds one.
fn crate_root(case: &str) -> String {
    format!(
        "//! What `cargo xtask gen` writes for `{case}.json`, built the way a vendor crate builds it.\n\
         //! Written by `UPDATE_GOLDEN=1 cargo test -p xtask --test golden`; do not edit by hand.\n\
         \n\
         #![deny(missing_docs)]\n\
         \n\
         #[rustfmt::skip]\n\
         mod generated;\n\
         \n\
         pub use generated::*;\n"
    )
}

/// The case's crate (`lib.rs` and `generated/…`), or the generator's error.
fn generate(case: &Path, name: &str) -> Result<Output, String> {
    let text = fs::read_to_string(case).expect("golden case is readable");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("golden case is JSON");
    normalise(&mut document);
    let openapi = parse(document).map_err(|error| error.to_string())?;
    let generated = preview(&openapi, &config(case)).map_err(|error| format!("{error:#}\n"))?;
    let mut output = Output { owned_dirs: vec![PathBuf::new()], ..Output::default() };
    output.files.insert("lib.rs".into(), crate_root(name));
    output.files.extend(generated);
    Ok(output)
}

/// Compares one case with its expected crate or error, or rewrites them when `update`; every
/// difference is pushed to `failures`.
fn check_case(dir: &Path, case: &Path, update: bool, failures: &mut Vec<String>) {
    let name = case.file_stem().and_then(|stem| stem.to_str()).expect("case names are UTF-8");
    let (crate_dir, error_file) = (dir.join(name), case.with_extension("err"));
    let mut fail = |what: String| failures.push(format!("{}: {what}", case.display()));
    match generate(case, name) {
        Ok(output) => {
            let changes = write::apply(&crate_dir, &output, !update).expect("golden folder is writable");
            if update {
                let _ = fs::remove_file(&error_file);
            }
            changes.changed.iter().for_each(|path| fail(format!("{name}/{} differs or is missing", path.display())));
            changes.stale.iter().for_each(|path| fail(format!("{name}/{} is no longer generated", path.display())));
            if error_file.exists() {
                fail(format!("generates code, but {} exists", error_file.display()));
            }
        }
        Err(error) => {
            if update {
                fs::write(&error_file, &error).expect("golden folder is writable");
                let _ = fs::remove_dir_all(&crate_dir);
            }
            match fs::read_to_string(&error_file) {
                Ok(expected) if expected == error => {}
                Ok(_) => fail(format!("error differs from {}", error_file.display())),
                Err(_) => fail(format!("fails, but no {} exists", error_file.display())),
            }
            if crate_dir.exists() {
                fail(format!("fails, but {} exists", crate_dir.display()));
            }
        }
    }
}

#[test]
fn generated_code_matches_the_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "golden cases missing");
    let mut failures = Vec::new();
    for case in &cases {
        check_case(&dir, case, update, &mut failures);
    }
    assert!(failures.is_empty(), "{}\n(rerun with UPDATE_GOLDEN=1 to accept)", failures.join("\n"));
}

/// Every case that generates code is a crate of `tests/golden/Cargo.toml`, and nothing else is,
/// so `cargo build` compiles each golden output.
#[test]
fn the_golden_package_builds_every_golden_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("tests/golden/Cargo.toml is readable");
    let manifest: Manifest = toml::from_str(&manifest).expect("tests/golden/Cargo.toml parses");
    let mut crates: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("lib.rs").is_file())
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .collect();
    crates.sort();
    let expected: Vec<Example> = crates.iter().map(|name| Example::of(name)).collect();
    let missing: Vec<String> = expected
        .iter()
        .filter(|example| !manifest.example.contains(example))
        .map(|example| {
            format!("[[example]]\nname = \"{0}\"\npath = \"{0}/lib.rs\"\ncrate-type = [\"rlib\"]", example.name)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "tests/golden/Cargo.toml does not build every golden crate; add\n{}",
        missing.join("\n\n")
    );
    let extra: Vec<&str> = manifest
        .example
        .iter()
        .filter(|example| !expected.contains(example))
        .map(|example| example.name.as_str())
        .collect();
    assert!(extra.is_empty(), "tests/golden/Cargo.toml builds crates that no golden case generates: {extra:?}");
}
