//! Golden tests: small fragments of the shapes other generators get wrong, and the exact code
//! generated for them (`tests/golden/<case>.json` → `<case>.rs`, or `<case>.err` when the
//! generator must refuse). `UPDATE_GOLDEN=1 cargo test -p xtask --test golden` rewrites them.

use std::fs;
use std::path::Path;

use xtask::codegen::preview;
use xtask::config::VendorConfig;
use xtask::load::{lower_const, parse};

fn config() -> VendorConfig {
    VendorConfig { crate_name: "golden".into(), title: "Golden".into(), ..VendorConfig::default() }
}

fn generate(case: &Path) -> Result<String, String> {
    let text = fs::read_to_string(case).expect("golden case is readable");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("golden case is JSON");
    lower_const(&mut document);
    let openapi = parse(document).map_err(|error| error.to_string())?;
    let files = preview(&openapi, &config()).map_err(|error| format!("{error:#}\n"))?;
    Ok(files
        .into_iter()
        .filter_map(|(path, source)| Some((path.strip_prefix("generated").ok()?.to_path_buf(), source)))
        .filter(|(path, _)| (path.starts_with("models") || path.starts_with("apis")) && !path.ends_with("mod.rs"))
        .map(|(path, source)| format!("// ---- {} ----\n{source}", path.display()))
        .collect())
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
        let (actual, extension) = match generate(case) {
            Ok(code) => (code, "rs"),
            Err(error) => (error, "err"),
        };
        let expected_path = case.with_extension(extension);
        let other = case.with_extension(if extension == "rs" { "err" } else { "rs" });
        if update {
            fs::write(&expected_path, &actual).unwrap();
            let _ = fs::remove_file(&other);
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!("{}: output differs from {}", case.display(), expected_path.display())),
            Err(_) => failures.push(format!(
                "{}: produced .{extension}, but no {} exists",
                case.display(),
                expected_path.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}\n(rerun with UPDATE_GOLDEN=1 to accept)", failures.join("\n"));
}
