//! Property test of the decoders: the fixtures mutated every way the schema allows still decode
//! (unknown enum values come back out unchanged); hostile mutations never panic. Run with
//! `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per property.

use citypay::models::{Error, PaymentIntentReference, PaymentIntentResponseModel};
use payintent_tests::{decoding_case, mutate};

#[test]
fn mutated_responses_decode_or_fail_cleanly() {
    let figures = mutate::check_decoding(
        "citypay",
        &[
            decoding_case!(PaymentIntentResponseModel, "PaymentIntentResponseModel.json"),
            decoding_case!(PaymentIntentReference, "PaymentIntentReference.json"),
            decoding_case!(Error, "Error.json"),
        ],
    );
    println!("citypay decoding: {figures}");
}
