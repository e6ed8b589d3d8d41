//! `cargo xtask <command>`: workspace automation.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask gen [--check]

  gen           regenerate crates/*/src/generated and docs/ from openapi/
  gen --check   regenerate in memory; fail naming every file that differs";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["gen"] => false,
        ["gen", "--check"] => true,
        _ => {
            let _ = writeln!(std::io::stderr(), "{USAGE}");
            return ExitCode::from(2);
        }
    };
    match xtask::run_gen(&xtask::workspace_root(), check) {
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
