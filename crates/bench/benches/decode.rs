//! Decoding: each payload through the SDK's decode path (`decode_body`, what the client runs on
//! every response), and the same SDK types through bare `serde_json::from_slice`, each against
//! the plain-serde mirror. The first row is the price the caller pays; the second separates
//! what the types cost from what the decode path (JSON path tracking) adds.

use std::hint::black_box;

use payintent_bench::harness::{Comparison, Harness, print_table, repeat};
use payintent_bench::mirror;
use payintent_bench::payloads::{self, Payload};
use serde::de::DeserializeOwned;

fn main() {
    let harness = Harness::from_env();
    let mut rows = Vec::new();
    let mut compare = |name: &str, payload: Payload, pair: fn(&Harness, &str, &Payload) -> Vec<Comparison>| {
        if harness.selects(name) {
            println!("{name}: {} bytes", payload.bytes.len());
            rows.extend(pair(&harness, name, &payload));
        }
    };

    use {citypay::models as cp, hyperswitch::models as hs, payjpv2::models as pj, paytree::models as pt};
    compare(
        "hyperswitch/payment",
        payloads::hyperswitch::payment(),
        pair::<hs::PaymentsResponse, mirror::hyperswitch::PaymentsResponse>,
    );
    compare(
        "hyperswitch/list",
        payloads::hyperswitch::list(),
        pair::<hs::PaymentListResponse, mirror::hyperswitch::PaymentListResponse>,
    );
    compare(
        "hyperswitch/error",
        payloads::hyperswitch::error(),
        pair::<hs::GenericErrorResponseOpenApi, mirror::hyperswitch::GenericErrorResponseOpenApi>,
    );
    compare(
        "payjpv2/payment",
        payloads::payjpv2::payment(),
        pair::<pj::PaymentIntentResponse, mirror::payjpv2::PaymentIntentResponse>,
    );
    compare(
        "payjpv2/list",
        payloads::payjpv2::list(),
        pair::<pj::PaymentIntentListResponse, mirror::payjpv2::PaymentIntentListResponse>,
    );
    compare("payjpv2/error", payloads::payjpv2::error(), pair::<pj::ErrorResponse, mirror::payjpv2::ErrorResponse>);
    compare("paytree/payment", payloads::paytree::payment(), pair::<pt::PaymentIntent, mirror::paytree::PaymentIntent>);
    compare(
        "paytree/list",
        payloads::paytree::list(),
        pair::<pt::PaginatedPaymentIntentList, mirror::paytree::PaginatedPaymentIntentList>,
    );
    compare(
        "citypay/payment",
        payloads::citypay::payment(),
        pair::<cp::PaymentIntentResponseModel, mirror::citypay::PaymentIntentResponseModel>,
    );
    compare("citypay/error", payloads::citypay::error(), pair::<cp::Error, mirror::citypay::Error>);

    print_table(
        &format!(
            "decode, µs per body, median of {} interleaved rounds (ratio = SDK / mirror; 1.00 = serde's limit)",
            harness.rounds()
        ),
        "SDK",
        "serde mirror",
        &rows,
    );
    println!(
        "\nnot measured: citypay/list (CityPay has no list operation), paytree/error (Paytree declares no error body; the SDK keeps it raw)"
    );
}

/// The two rows of one payload: the SDK's decode path, then its types through bare serde, each
/// against the mirror `M`.
fn pair<S: DeserializeOwned, M: DeserializeOwned>(harness: &Harness, name: &str, payload: &Payload) -> Vec<Comparison> {
    let (content_type, bytes) = (Some(payload.content_type), payload.bytes.as_slice());
    let mirror = || serde_json::from_slice::<M>(black_box(bytes)).expect("the mirror decodes its payload");
    let decode_body =
        || payintent_runtime::decode_body::<S>(content_type, black_box(bytes)).expect("the SDK decodes its payload");
    let from_slice = || serde_json::from_slice::<S>(black_box(bytes)).expect("the SDK types decode their payload");
    [
        harness.compare(&format!("{name} decode_body"), repeat(decode_body), repeat(mirror)),
        harness.compare(&format!("{name} SDK types via from_slice"), repeat(from_slice), repeat(mirror)),
    ]
    .into_iter()
    .flatten()
    .collect()
}
