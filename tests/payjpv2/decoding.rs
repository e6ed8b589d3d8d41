//! Property test of the decoders: the fixtures mutated every way the schema allows still decode
//! (unknown enum values come back out unchanged); hostile mutations never panic. Run with
//! `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per property.

use payintent_tests::{decoding_case, mutate};
use payjpv2::models::{ErrorResponse, EventResponse, PaymentIntentListResponse, PaymentIntentResponse};

#[test]
fn mutated_responses_decode_or_fail_cleanly() {
    let figures = mutate::check_decoding(
        "payjpv2",
        &[
            decoding_case!(PaymentIntentResponse, "PaymentIntentResponse.json"),
            decoding_case!(PaymentIntentListResponse, "PaymentIntentListResponse.json"),
            decoding_case!(ErrorResponse, "ErrorResponse.json"),
            decoding_case!(EventResponse, "EventResponse.json"),
        ],
    );
    println!("payjpv2 decoding: {figures}");
}
