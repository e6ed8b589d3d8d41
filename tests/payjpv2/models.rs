//! Every PAY.JP model round-trips; metadata keeps each value's JSON type; the payment-method
//! union decodes and encodes by its `type`.

use payintent_tests::{assert_round_trip, fixture, fixtures_dir};
use payjpv2::models::*;

macro_rules! round_trips {
    ($($model:ident),* $(,)?) => {
        const MODELS: &[&str] = &[$(stringify!($model)),*];

        #[test]
        fn every_model_round_trips() {
            $( assert_round_trip::<$model>(&fixture("payjpv2", concat!(stringify!($model), ".json"))); )*
        }
    };
}

round_trips!(
    CaptureMethod,
    ErrorResponse,
    EventResponse,
    PaymentIntentCancelRequest,
    PaymentIntentCaptureRequest,
    PaymentIntentConfirmRequest,
    PaymentIntentCreateRequest,
    PaymentIntentIncrementAuthorizationRequest,
    PaymentIntentListResponse,
    PaymentIntentResponse,
    PaymentIntentStatus,
    PaymentIntentUpdateRequest,
    PaymentMethodBillingAddressRequest,
    PaymentMethodBillingDetailsRequest,
    PaymentMethodCardCreateRequest,
    PaymentMethodCreateCardDetailsRequest,
    PaymentMethodCreateRequest,
    PaymentMethodOptionsCardRequest,
    PaymentMethodOptionsRequest,
    PaymentMethodPayPayCreateRequest,
    PaymentMethodTypes,
    Usage,
);

#[test]
fn the_round_trip_list_covers_every_schema() {
    let models_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/payjpv2/src/generated/models");
    let files = std::fs::read_dir(models_dir).unwrap().filter(|entry| entry.as_ref().unwrap().file_name() != "mod.rs");
    assert_eq!(files.count(), 22, "one model file per PAY.JP schema");
    assert_eq!(MODELS.len(), 22);
    assert_eq!(std::fs::read_dir(fixtures_dir("payjpv2")).unwrap().count(), 22);
}

#[test]
fn metadata_values_keep_their_json_type() {
    let json = r#"{"amount":1000,"metadata":{"flag":false,"count":-7,"note":"7","ratio":0.5}}"#;
    let request: PaymentIntentCreateRequest = serde_json::from_str(json).unwrap();
    let metadata = request.metadata.as_ref().unwrap();
    assert_eq!(metadata["flag"], MetadataValue::Boolean(false));
    assert_eq!(metadata["count"], MetadataValue::Integer(-7));
    assert_eq!(metadata["note"], MetadataValue::String("7".into()));
    // Not one of the three documented types: kept as received rather than failing.
    assert_eq!(metadata["ratio"], MetadataValue::Other(serde_json::json!(0.5)));
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({"amount": 1000, "metadata": {"count": -7, "flag": false, "note": "7", "ratio": 0.5}})
    );
}

#[test]
fn the_payment_method_union_both_ways() {
    let card: PaymentMethodCreateRequest =
        serde_json::from_str(&fixture("payjpv2", "PaymentMethodCardCreateRequest.json")).unwrap();
    let PaymentMethodCreateRequest::Card(details) = &card else { panic!("{card:?}") };
    assert_eq!(details.card.exp_year, 2030);
    assert_eq!(details.r#type, PaymentMethodCardCreateRequestType::Card);

    let paypay: PaymentMethodCreateRequest =
        serde_json::from_str(&fixture("payjpv2", "PaymentMethodPayPayCreateRequest.json")).unwrap();
    assert!(matches!(paypay, PaymentMethodCreateRequest::Paypay(_)), "{paypay:?}");

    // Built in Rust: the constant tag is filled by `new` and written first, once.
    let built = PaymentMethodCreateRequest::Paypay(PaymentMethodPayPayCreateRequest::new().with_customer("cus_1"));
    assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"type":"paypay","customer":"cus_1"}"#);

    // A payment-method type PAY.JP adds later is kept whole.
    let future: PaymentMethodCreateRequest =
        serde_json::from_str(r#"{"type":"konbini","store":"seven_eleven"}"#).unwrap();
    assert_eq!(
        future,
        PaymentMethodCreateRequest::Unknown(serde_json::json!({"type": "konbini", "store": "seven_eleven"}))
    );
    assert_eq!(serde_json::to_string(&future).unwrap(), r#"{"type":"konbini","store":"seven_eleven"}"#);
}

#[test]
fn card_data_and_client_secrets_are_redacted_in_debug() {
    let card: PaymentMethodCreateCardDetailsRequest =
        serde_json::from_str(&fixture("payjpv2", "PaymentMethodCreateCardDetailsRequest.json")).unwrap();
    let shown = format!("{card:?}");
    assert!(!shown.contains("4242424242424242") && !shown.contains("\"123\""), "{shown}");
    assert!(shown.contains("exp_year: 2030"), "{shown}");
}

#[test]
fn validation_follows_the_schema() {
    let too_small = PaymentIntentCreateRequest::new(10);
    let errors = payjpv2::Validate::validate(&too_small).unwrap_err();
    assert_eq!(errors.to_string(), "1 constraint violation(s): amount: 10 is below the minimum 50");
    let card = PaymentMethodCreateCardDetailsRequest::new("12", 13, 2030, "4242");
    let shown: Vec<String> =
        payjpv2::Validate::validate(&card).unwrap_err().violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "cvc: does not match `^[0-9]{3,4}$`",
            "exp_month: 13 is above the maximum 12",
            "number: does not match `^[0-9]{14,16}$`"
        ]
    );
}
