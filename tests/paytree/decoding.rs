//! Property test of the decoders: the fixtures mutated every way the schema allows still decode
//! (unknown enum values come back out unchanged); hostile mutations never panic. Run with
//! `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per property.

use payintent_tests::{decoding_case, mutate};
use paytree::models::{PaginatedPaymentIntentList, Payment, PaymentIntent, PaymentIntentPostResponseSchema, Refund};

#[test]
fn mutated_responses_decode_or_fail_cleanly() {
    let figures = mutate::check_decoding(
        "paytree",
        &[
            decoding_case!(PaymentIntent, "PaymentIntent.json"),
            decoding_case!(PaginatedPaymentIntentList, "PaginatedPaymentIntentList.json"),
            decoding_case!(PaymentIntentPostResponseSchema, "PaymentIntentPostResponseSchema.json"),
            decoding_case!(Payment, "Payment.json"),
            decoding_case!(Refund, "Refund.json"),
        ],
    );
    println!("paytree decoding: {figures}");
}
