//! Sequential requests over one keep-alive connection to a canned loopback server: the
//! Hyperswitch SDK's `retrieve_a_payment` and `create_a_payment` against a plain
//! `reqwest::Client` sending the same request and decoding the same SDK type with
//! `serde_json::from_slice`. No tracing subscriber is installed, as in most applications. A
//! third row swaps only the raw client's decoding for the SDK's, to show how much of the SDK's
//! cost per request is its decode path.

use std::fmt::Debug;
use std::hint::black_box;

use payintent_bench::harness::{Harness, print_table};
use payintent_bench::requests::{self, Clients};
use tokio::runtime::Runtime;

fn main() {
    let harness = Harness::from_env();
    let server = requests::start_server().expect("the canned server starts");
    let runtime = requests::runtime().expect("a tokio runtime");
    let clients = Clients::new(&server.base_url()).expect("the clients build");

    let rows: Vec<_> = [
        harness.compare(
            "hyperswitch retrieve GET: SDK vs raw",
            sequential(&runtime, || clients.sdk_retrieve()),
            sequential(&runtime, || clients.raw_retrieve()),
        ),
        harness.compare(
            "hyperswitch create POST: SDK vs raw",
            sequential(&runtime, || clients.sdk_create()),
            sequential(&runtime, || clients.raw_create()),
        ),
        // How much of the first row is the decode path: raw reqwest either way, decoded through
        // `decode_body` against `serde_json::from_slice`.
        harness.compare(
            "hyperswitch retrieve GET: raw + decode_body vs raw",
            sequential(&runtime, || clients.raw_retrieve_with_decode_body()),
            sequential(&runtime, || clients.raw_retrieve()),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();

    print_table(
        &format!(
            "requests, µs per request, median of {} interleaved rounds (ratio = subject / baseline time)",
            harness.rounds()
        ),
        "subject",
        "baseline",
        &rows,
    );
    if rows.is_empty() {
        return;
    }
    let width = rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
    println!("\nthroughput, requests/s (ratio = subject / baseline rate = 1 / ratio above; higher is better)");
    println!("{:<width$} | {:>10} | {:>10} | {:>5}", "name", "subject", "baseline", "ratio");
    println!("{}-|-{}-|-{}-|-{}", "-".repeat(width), "-".repeat(10), "-".repeat(10), "-".repeat(5));
    for row in &rows {
        println!(
            "{:<width$} | {:>10.0} | {:>10.0} | {:>5.2}",
            row.name,
            1e6 / row.subject_us,
            1e6 / row.baseline_us,
            1.0 / row.ratio
        );
    }
}

/// A batch of `n` calls made one after the other on `runtime`.
fn sequential<'a, T, E: Debug, F: Future<Output = Result<T, E>>>(
    runtime: &'a Runtime,
    mut call: impl FnMut() -> F + 'a,
) -> impl FnMut(u64) + 'a {
    move |n| {
        runtime.block_on(async {
            for _ in 0..n {
                black_box(call().await.expect("the canned server answers"));
            }
        })
    }
}
