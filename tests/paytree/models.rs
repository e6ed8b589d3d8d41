//! Every Paytree model decodes a realistic payload and encodes it back to the same JSON.

use payintent_tests::{assert_round_trip, fixture, fixtures_dir};
use paytree::models::*;

macro_rules! round_trips {
    ($($model:ident),* $(,)?) => {
        const MODELS: &[&str] = &[$(stringify!($model)),*];

        #[test]
        fn every_model_round_trips() {
            $( assert_round_trip::<$model>(&fixture("paytree", concat!(stringify!($model), ".json"))); )*
        }
    };
}

round_trips!(
    AddressRequest,
    AmountCurrencyEnum,
    CallbackRequest,
    CardRequest,
    CountryEnum,
    CustomerRequest,
    MethodEnum,
    OrderItemRequest,
    PaginatedPaymentIntentList,
    Payment,
    PaymentIntent,
    PaymentIntentCreateRequest,
    PaymentIntentPostResponseSchema,
    Refund,
    SessionRequest,
    StatusEnum,
);

/// The list above covers every generated model file and every fixture.
#[test]
fn the_round_trip_list_covers_every_schema() {
    let models_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/paytree/src/generated/models");
    let mut generated: Vec<String> = std::fs::read_dir(models_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "mod.rs")
        .collect();
    generated.sort();
    assert_eq!(generated.len(), 16, "one model file per Paytree schema");
    assert_eq!(generated.len(), MODELS.len());
    let fixtures = std::fs::read_dir(fixtures_dir("paytree")).unwrap().count();
    assert_eq!(fixtures, MODELS.len());
}

#[test]
fn enums_parse_and_print_their_wire_values() {
    assert_eq!("GB".parse::<CountryEnum>().unwrap(), CountryEnum::Gb);
    assert_eq!(AmountCurrencyEnum::Usd.to_string(), "USD");
    let unknown: MethodEnum = "apple_pay".parse().unwrap();
    assert!(matches!(&unknown, MethodEnum::Unknown(value) if value.as_str() == "apple_pay"));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""apple_pay""#);
}
