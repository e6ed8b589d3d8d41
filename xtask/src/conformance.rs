//! `cargo xtask conformance [--rounds <n>] [vendors…]`: every operation of every crate, called
//! against Stoplight Prism serving that vendor's `openapi/` fragments.
//!
//! Prism is installed with npm into `target/conformance/prism` from the lockfile in
//! `xtask/prism/` (`npm ci --ignore-scripts`, so no install script runs). The fragments of each
//! vendor are merged into one document, Prism mocks it on 127.0.0.1 (`prism mock -d`), and the
//! `payintent-conformance` binary (tests crate) makes the calls through a recording proxy:
//! one round with Prism's static responses, `n` rounds with random schema-valid ones, and
//! rounds that ask for each error status the spec documents with a body (the typed error model
//! must decode). Any request violation Prism reports, or any response the SDK cannot decode,
//! fails the run.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::generate::load;

/// The Prism release line the lockfile pins.
pub const PRISM_VERSION: &str = "5.16";

/// Dynamic rounds when `--rounds` is not given.
pub const DEFAULT_ROUNDS: usize = 5;

/// What Prism cannot judge, per vendor, said in the output so nobody reads more into a pass.
const NOT_JUDGED: &[(&str, &str)] = &[(
    "citypay",
    "XML (Format::Xml) is not judged: Prism validates JSON bodies only. The XML encoding is checked on the wire \
     by tests/citypay (wire.rs, models.rs, decoding.rs).",
)];

/// One vendor's totals, read from the binary's `summary` line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Distinct operations called.
    pub operations: usize,
    /// Calls made over all rounds.
    pub calls: usize,
    /// Request violations Prism reported.
    pub violations: usize,
    /// 2xx responses the SDK could not decode.
    pub decode_failures: usize,
    /// Calls that failed for any reason.
    pub failures: usize,
    /// Error responses decoded into the vendor's typed error model.
    pub typed_errors: usize,
    /// Rounds over every operation (static, dynamic, error).
    pub rounds: usize,
    /// Violations in Prism's own mock responses (not the SDK's).
    pub prism_response_violations: usize,
    /// Bodies Prism generated that break the spec and that the SDK therefore refused (a JSON
    /// Schema validator is the judge); not counted as failures.
    pub prism_invalid_bodies: usize,
}

impl Summary {
    /// Parses `summary vendor=… operations=… calls=…`.
    pub fn parse(line: &str) -> Option<Self> {
        let fields = line.strip_prefix("summary ")?;
        let mut summary = Self::default();
        for field in fields.split_whitespace() {
            let (key, value) = field.split_once('=')?;
            let slot = match key {
                "operations" => &mut summary.operations,
                "calls" => &mut summary.calls,
                "violations" => &mut summary.violations,
                "decode_failures" => &mut summary.decode_failures,
                "failures" => &mut summary.failures,
                "typed_errors" => &mut summary.typed_errors,
                "rounds" => &mut summary.rounds,
                "prism_response_violations" => &mut summary.prism_response_violations,
                "prism_invalid_bodies" => &mut summary.prism_invalid_bodies,
                _ => continue,
            };
            *slot = value.parse().ok()?;
        }
        Some(summary)
    }
}

/// Removes our `x-deviation` notes from the document Prism serves: they are ours, not the
/// API's, and a note quoting the published spec may name a schema the fragments leave out
/// (Hyperswitch's payout response), which Prism would try to resolve and fail on.
fn remove_notes(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(members) => {
            members.remove("x-deviation");
            members.values_mut().for_each(remove_notes);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(remove_notes),
        _ => {}
    }
}

/// Runs the conformance check; returns the report and whether every vendor passed.
pub fn run(root: &Path, rounds: usize, vendors: &[String]) -> anyhow::Result<(String, bool)> {
    let work = target_dir(root).join("conformance");
    std::fs::create_dir_all(&work)?;
    let prism = install_prism(root, &work.join("prism"))?;
    build_caller(root)?;
    let caller = target_dir(root).join("debug").join(format!("payintent-conformance{}", std::env::consts::EXE_SUFFIX));

    let mut dirs = load::vendor_dirs(&root.join("openapi"))?;
    if !vendors.is_empty() {
        dirs.retain(|dir| vendors.iter().any(|vendor| dir.ends_with(vendor)));
        if dirs.len() != vendors.len() {
            bail!("unknown vendor among {vendors:?}");
        }
    }

    let mut report = String::new();
    let mut totals = Vec::new();
    for dir in &dirs {
        let vendor = dir.file_name().and_then(|name| name.to_str()).context("vendor folder name")?;
        let spec = work.join(format!("{vendor}.openapi.json"));
        let mut merged = load::merge(&load::read_fragments(dir)?)?;
        remove_notes(&mut merged);
        std::fs::write(&spec, serde_json::to_vec_pretty(&merged)?)?;

        let started = Instant::now();
        let server = PrismServer::start(&prism, &spec, &work.join(format!("{vendor}.prism.log")))?;
        let output = Command::new(&caller)
            .args(["--vendor", vendor, "--prism", &server.url(), "--rounds", &rounds.to_string(), "--spec"])
            .arg(&spec)
            .output()
            .with_context(|| format!("running {}", caller.display()))?;
        drop(server);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let _ = writeln!(report, "{vendor} (Prism {PRISM_VERSION}):");
        for line in stdout.lines().filter(|line| !line.starts_with("summary ")) {
            let _ = writeln!(report, "{line}");
        }
        for line in String::from_utf8_lossy(&output.stderr).lines() {
            let _ = writeln!(report, "  stderr: {line}");
        }
        for (_, note) in NOT_JUDGED.iter().filter(|(name, _)| *name == vendor) {
            let _ = writeln!(report, "  not judged: {note}");
        }
        let summary = stdout.lines().find_map(Summary::parse);
        match &summary {
            Some(summary) => {
                let _ = writeln!(
                    report,
                    "  {} operations, {} rounds ({rounds} dynamic), {} calls, {} request violations, {} decode \
                     failures, {} error responses decoded to the typed model ({:.1} s)\n",
                    summary.operations,
                    summary.rounds,
                    summary.calls,
                    summary.violations,
                    summary.decode_failures,
                    summary.typed_errors,
                    started.elapsed().as_secs_f64()
                );
            }
            None => {
                let _ = writeln!(report, "  no summary: the caller exited with {}\n", output.status);
            }
        }
        let vendor_passed = output.status.success() && summary.as_ref().is_some_and(|s| s.failures == 0);
        totals.push((summary, vendor_passed));
    }

    let passed = totals.iter().all(|(_, vendor_passed)| *vendor_passed);
    let sum = |field: fn(&Summary) -> usize| totals.iter().filter_map(|(s, _)| s.as_ref()).map(field).sum::<usize>();
    let _ = write!(
        report,
        "conformance: {} vendor(s), {} operations checked, {} calls, {} request violations, {} decode failures, \
         {} typed error bodies decoded{}",
        totals.len(),
        sum(|s| s.operations),
        sum(|s| s.calls),
        sum(|s| s.violations),
        sum(|s| s.decode_failures),
        sum(|s| s.typed_errors),
        if passed { "" } else { " — FAILED" }
    );
    let prism_own = sum(|s| s.prism_response_violations);
    let prism_invalid = sum(|s| s.prism_invalid_bodies);
    if prism_own > 0 || prism_invalid > 0 {
        let _ = write!(
            report,
            "\nNot counted against the SDK: {prism_own} violations Prism itself flagged in its mock responses, and \
             {prism_invalid} generated bodies that break the spec (a JSON Schema validator confirms each; listed \
             above as `note`)."
        );
    }
    Ok((report, passed))
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// Installs Prism from `xtask/prism/package-lock.json` unless that exact install is present.
fn install_prism(root: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let source = root.join("xtask").join("prism");
    let lock = std::fs::read(source.join("package-lock.json")).context("reading xtask/prism/package-lock.json")?;
    let bin = dir.join("node_modules").join(".bin").join("prism");
    if bin.is_file() && std::fs::read(dir.join("package-lock.json")).is_ok_and(|installed| installed == lock) {
        return Ok(bin);
    }
    std::fs::create_dir_all(dir)?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(source.join(file), dir.join(file)).with_context(|| format!("copying xtask/prism/{file}"))?;
    }
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .status()
        .context("running npm: Prism needs Node.js and npm on PATH")?;
    if !status.success() || !bin.is_file() {
        bail!("npm ci in {} failed ({status})", dir.display());
    }
    Ok(bin)
}

/// Builds the caller with the same selection as CI's build, so nothing is rebuilt there.
fn build_caller(root: &Path) -> anyhow::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--workspace", "--all-targets"])
        .current_dir(root)
        .status()
        .context("running cargo build")?;
    if !status.success() {
        bail!("cargo build --workspace --all-targets failed");
    }
    Ok(())
}

/// A `prism mock` process, stopped on drop.
struct PrismServer {
    child: Child,
    port: u16,
}

impl PrismServer {
    fn start(prism: &Path, spec: &Path, log: &Path) -> anyhow::Result<Self> {
        let port = free_port()?;
        let log_file = std::fs::File::create(log)?;
        let child = Command::new(prism)
            // Dynamic mode; the static round asks for `Prefer: dynamic=false` per request.
            .args(["mock", "--dynamic", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("starting {}", prism.display()))?;
        let mut server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(120);
        let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        while TcpStream::connect_timeout(&address.into(), Duration::from_millis(200)).is_err() {
            if let Some(status) = server.child.try_wait()? {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                bail!("Prism exited ({status}) before listening; its log ({}):\n{text}", log.display());
            }
            if Instant::now() > deadline {
                bail!("Prism did not listen on {address} within 120 s; see {}", log.display());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(server)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_removed_at_any_depth_and_nothing_else() {
        let mut document = serde_json::json!({
            "components": {"schemas": {"A": {
                "x-deviation": {"reference": {"$ref": "#/components/schemas/Missing"}, "reason": "r"},
                "properties": {"b": {"type": "string", "x-deviation": {"keyword": "nullable"}}},
                "oneOf": [{"x-deviation": {}, "type": "object"}]
            }}}
        });
        remove_notes(&mut document);
        assert_eq!(
            document,
            serde_json::json!({"components": {"schemas": {"A": {
                "properties": {"b": {"type": "string"}},
                "oneOf": [{"type": "object"}]
            }}}})
        );
    }

    #[test]
    fn the_summary_line_is_read_back() {
        let line = "summary vendor=paytree operations=3 calls=18 violations=0 decode_failures=1 failures=1 \
                    typed_errors=4 rounds=6 prism_response_violations=12 prism_invalid_bodies=2";
        assert_eq!(
            Summary::parse(line),
            Some(Summary {
                operations: 3,
                calls: 18,
                violations: 0,
                decode_failures: 1,
                failures: 1,
                typed_errors: 4,
                rounds: 6,
                prism_response_violations: 12,
                prism_invalid_bodies: 2,
            })
        );
        assert_eq!(Summary::parse("  ok    static: x"), None);
    }
}
