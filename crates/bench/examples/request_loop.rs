//! Makes N sequential Hyperswitch requests against the bench's loopback server, through the SDK
//! or through raw reqwest: the program `instructions.sh` counts instructions of.
//!
//! ```text
//! cargo run --release -p payintent-bench --example request_loop -- <sdk|raw|sdk-post|raw-post> <N>
//! ```

use std::error::Error;

use payintent_bench::requests::{Clients, runtime, start_server};

fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut arguments = std::env::args().skip(1);
    let client = arguments.next().unwrap_or_else(|| "sdk".to_owned());
    let count: usize = arguments.next().map(|count| count.parse()).transpose()?.unwrap_or(100);
    let server = start_server()?;
    let clients = Clients::new(&server.base_url())?;
    runtime()?.block_on(async {
        for _ in 0..count {
            let payment = match client.as_str() {
                "sdk" => clients.sdk_retrieve().await?,
                "raw" => clients.raw_retrieve().await?,
                "sdk-post" => clients.sdk_create().await?,
                "raw-post" => clients.raw_create().await?,
                other => return Err(format!("unknown client `{other}`: sdk, raw, sdk-post or raw-post").into()),
            };
            std::hint::black_box(payment);
        }
        Ok(())
    })
}
