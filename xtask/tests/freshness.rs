//! `cargo test --workspace` fails when the committed generated code is stale, naming the files.

#[test]
fn generated_files_match_openapi() {
    let (report, clean) =
        xtask::generate::run(&xtask::workspace_root(), true).unwrap_or_else(|error| panic!("{error:#}"));
    assert!(clean, "{report}");
}
