//! `payintent-conformance --vendor <vendor> --prism <url> --spec <file> [--rounds <n>]`: calls
//! every operation of one vendor crate against a Prism mock server of that vendor's spec, once
//! with Prism's static responses, `n` times with its dynamic (random, schema-valid) ones, and
//! then once per documented error status with a body, static and dynamic.
//!
//! `cargo xtask conformance` starts Prism and runs this for each vendor. A call fails when
//! Prism finds a violation in the request, or when the SDK cannot decode the response.

mod citypay;
mod hyperswitch;
mod payjpv2;
mod paytree;

use std::collections::BTreeSet;
use std::process::ExitCode;

use payintent_tests::conformance::{Answer, Proxy, Run, Spec};

struct Args {
    vendor: String,
    prism: String,
    spec: String,
    rounds: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut vendor, mut prism, mut spec, mut rounds) = (None, None, None, 3);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--vendor" => vendor = Some(value()?),
            "--prism" => prism = Some(value()?),
            "--spec" => spec = Some(value()?),
            "--rounds" => rounds = value()?.parse().map_err(|_| "--rounds takes a number".to_owned())?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(Args {
        vendor: vendor.ok_or("--vendor is required")?,
        prism: prism.ok_or("--prism is required")?,
        spec: spec.ok_or("--spec is required")?,
        rounds,
    })
}

async fn round(vendor: &str, run: &mut Run<'_>, base_url: &str) -> Result<(), String> {
    match vendor {
        "paytree" => paytree::round(run, base_url).await,
        "citypay" => citypay::round(run, base_url).await,
        "payjpv2" => payjpv2::round(run, base_url).await,
        "hyperswitch" => hyperswitch::round(run, base_url).await,
        other => return Err(format!("no conformance calls for vendor `{other}`")),
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("payintent-conformance: {message}");
            return ExitCode::from(2);
        }
    };
    let spec = std::fs::read(&args.spec).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let Some(spec) = spec else {
        eprintln!("payintent-conformance: cannot read the spec {}", args.spec);
        return ExitCode::from(2);
    };
    let spec = Spec::from_openapi(&spec);
    let mut answers = vec![("static".to_owned(), Answer::Static)];
    answers.extend((1..=args.rounds).map(|number| (format!("dynamic round {number}"), Answer::Dynamic)));
    for index in 0..spec.most_error_statuses() {
        answers.push((format!("error round {} (static)", index + 1), Answer::Error(index, false)));
        answers.push((format!("error round {} (dynamic)", index + 1), Answer::Error(index, true)));
    }
    let proxy = match Proxy::start(&args.prism, spec).await {
        Ok(proxy) => proxy,
        Err(error) => {
            eprintln!("payintent-conformance: cannot listen on 127.0.0.1: {error}");
            return ExitCode::FAILURE;
        }
    };

    let mut operations = BTreeSet::new();
    let (mut calls, mut violations, mut decode_failures, mut failures, mut prism_own) = (0, 0, 0, 0, 0);
    let (mut typed_errors, mut prism_breaches) = (0, 0);
    for (label, answer) in &answers {
        proxy.answer(*answer);
        let mut run = Run::new(&proxy);
        if let Err(message) = round(&args.vendor, &mut run, proxy.url()).await {
            eprintln!("payintent-conformance: {message}");
            return ExitCode::from(2);
        }
        for checked in &run.checked {
            operations.insert(checked.operation);
            calls += 1;
            violations += checked.violations().count();
            prism_own += checked.exchanges.iter().map(|exchange| exchange.response_violations).sum::<usize>();
            if checked.decode_failure {
                decode_failures += 1;
            }
            let sent: Vec<String> = checked
                .exchanges
                .iter()
                .map(|exchange| format!("{} {} → {}", exchange.method, exchange.target, exchange.status))
                .collect();
            if let Some(reason) = &checked.prism_breach {
                prism_breaches += 1;
                println!(
                    "  note  {label}: {} ({}): Prism's body breaks the spec {reason}; not judged",
                    checked.operation,
                    sent.join(", ")
                );
                continue;
            }
            if checked.passed() {
                if checked.exchanges.iter().any(|exchange| exchange.requested_status.is_some()) {
                    typed_errors += 1;
                }
                // The static round lists every call; the other rounds list only failures.
                if *answer == Answer::Static {
                    println!("  ok    {label}: {} ({})", checked.operation, sent.join(", "));
                }
                continue;
            }
            failures += 1;
            println!("  FAIL  {label}: {} ({})", checked.operation, sent.join(", "));
            for violation in checked.violations() {
                println!("          request violation: {violation}");
            }
            if let Err(error) = &checked.outcome {
                println!("          error: {error}");
            }
        }
    }
    println!(
        "summary vendor={} operations={} calls={calls} violations={violations} decode_failures={decode_failures} \
         failures={failures} typed_errors={typed_errors} rounds={} prism_response_violations={prism_own} \
         prism_invalid_bodies={prism_breaches}",
        args.vendor,
        operations.len(),
        answers.len()
    );
    if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
