//! `cargo xtask <command>`: workspace automation.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask gen [--check]
       cargo xtask import <vendor> <reference-spec> [--check] [operation ids...]
       cargo xtask diff-spec <vendor> <reference-spec>
       cargo xtask diff-spec --all [reference-spec folder]
       cargo xtask conformance [--rounds <n>] [vendors...]
       cargo xtask server-diff <vendor> <server source> [--list]

  gen           regenerate crates/*/src/generated and docs/ from openapi/
  gen --check   regenerate in memory; fail naming every file that differs
  import        copy the facts of a vendor's published spec into openapi/<vendor>/, applying
                openapi/<vendor>/import/overlay.json (corrections and our own docs)
  server-diff   compare the crate's models with the server's own Rust types (serde attributes
                applied); fails unless every difference is corrected or in the allowlist of
                openapi/<vendor>/import/server.toml";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::workspace_root();
    let (result, check) = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["gen"] => (xtask::generate::run(&root, false), false),
        ["gen", "--check"] => (xtask::generate::run(&root, true), true),
        ["import", vendor, reference, rest @ ..] => {
            let check = rest.first() == Some(&"--check");
            let operations: Vec<String> =
                rest.iter().filter(|arg| **arg != "--check").map(|arg| (*arg).to_owned()).collect();
            (xtask::spec::import::run(&root, vendor, std::path::Path::new(reference), &operations, check), check)
        }
        ["conformance", rest @ ..] => match conformance_args(rest) {
            Some((rounds, vendors)) => (xtask::conformance::run(&root, rounds, &vendors), true),
            None => {
                let _ = writeln!(std::io::stderr(), "{USAGE}");
                return ExitCode::from(2);
            }
        },
        ["server-diff", vendor, server, rest @ ..] if rest.iter().all(|arg| *arg == "--list") => {
            (xtask::spec::server::run(&root, vendor, std::path::Path::new(server), !rest.is_empty()), true)
        }
        ["diff-spec", "--all"] => (xtask::spec::diff::run_all(&root, None), true),
        ["diff-spec", "--all", dir] => (xtask::spec::diff::run_all(&root, Some(std::path::Path::new(dir))), true),
        ["diff-spec", vendor, reference] => {
            (xtask::spec::diff::run(&root, vendor, std::path::Path::new(reference)), true)
        }
        _ => {
            let _ = writeln!(std::io::stderr(), "{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok((report, clean)) => {
            // A closed pipe (`| head`) is not an error of the generator.
            if clean || !check {
                let _ = writeln!(std::io::stdout(), "{report}");
                ExitCode::SUCCESS
            } else {
                let _ = writeln!(std::io::stderr(), "{report}");
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `[--rounds <n>] [vendors...]`.
fn conformance_args(args: &[&str]) -> Option<(usize, Vec<String>)> {
    let mut rounds = xtask::conformance::DEFAULT_ROUNDS;
    let mut vendors = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if *arg == "--rounds" {
            rounds = args.next()?.parse().ok()?;
        } else if arg.starts_with('-') {
            return None;
        } else {
            vendors.push((*arg).to_owned());
        }
    }
    Some((rounds, vendors))
}
