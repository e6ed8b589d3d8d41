//! Every CityPay model round-trips through JSON and through XML; the request and response
//! JSON of CityPay's API page decode and re-encode to the same JSON.

use citypay::models::*;
use payintent_tests::{assert_round_trip, fixture, fixtures_dir};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// XML has no form for an empty list, so lists in the fixtures are never empty here.
fn assert_xml_round_trip<T>(root: &str, value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let xml = citypay::xml::to_string(root, value).unwrap_or_else(|error| panic!("{root} to XML: {error}"));
    assert!(xml.starts_with(&format!("<{root}>")), "{xml}");
    let back: T = citypay::xml::from_str(&xml).unwrap_or_else(|error| panic!("{root} from XML: {error}\n{xml}"));
    assert_eq!(&back, value, "{root} did not round-trip through XML:\n{xml}");
}

macro_rules! round_trips {
    ($($model:ident),* $(,)?) => {
        /// Every model: those listed, and the request model (tested on its own below).
        const MODELS: &[&str] = &["PaymentIntentRequestModel", $(stringify!($model)),*];

        #[test]
        fn every_model_round_trips_through_json_and_xml() {
            $(
                let decoded = assert_round_trip::<$model>(&fixture("citypay", concat!(stringify!($model), ".json")));
                assert_xml_round_trip(stringify!($model), &decoded);
            )*
        }
    };
}

round_trips!(
    AdjustmentCondition,
    Adjustments,
    AuthReference,
    ContactDetails,
    Error,
    FindPaymentIntentRequest,
    PaymentIntentReference,
    PaymentIntentResponseModel,
);

/// The API page's request carries `"tag": []`. XML has no form for an empty list (it is
/// written as nothing and read back as absent), so the XML round trip gives it tags.
#[test]
fn the_request_model_round_trips_through_json_and_xml() {
    let mut request =
        assert_round_trip::<PaymentIntentRequestModel>(&fixture("citypay", "PaymentIntentRequestModel.json"));
    assert_eq!(request.tag, Some(Vec::new()));
    request.tag = Some(vec!["web".into(), "loyalty".into()]);
    assert_xml_round_trip("PaymentIntentRequestModel", &request);
}

#[test]
fn the_round_trip_list_covers_every_schema() {
    let models_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/citypay/src/generated/models");
    let generated = std::fs::read_dir(models_dir)
        .unwrap()
        .filter(|entry| entry.as_ref().map(|entry| entry.file_name() != "mod.rs").unwrap_or(false));
    assert_eq!(generated.count(), MODELS.len());
    assert_eq!(std::fs::read_dir(fixtures_dir("citypay")).unwrap().count(), MODELS.len());
}

#[test]
fn the_api_page_examples_keep_their_exact_json() {
    for model in ["PaymentIntentRequestModel", "PaymentIntentResponseModel", "FindPaymentIntentRequest"] {
        let text = fixture("citypay", &format!("{model}.json"));
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let encoded = match model {
            "PaymentIntentRequestModel" => {
                serde_json::to_value(serde_json::from_str::<PaymentIntentRequestModel>(&text).unwrap())
            }
            "PaymentIntentResponseModel" => {
                serde_json::to_value(serde_json::from_str::<PaymentIntentResponseModel>(&text).unwrap())
            }
            _ => serde_json::to_value(serde_json::from_str::<FindPaymentIntentRequest>(&text).unwrap()),
        }
        .unwrap();
        assert_eq!(encoded, original, "{model}");
        // Byte for byte too: members keep the page's order.
        assert_eq!(encoded.to_string(), original.to_string(), "{model}");
    }
}

#[test]
fn amounts_beyond_int32_fit() {
    let json = r#"{"amount":999999999999,"identifier":"big-amount-0001"}"#;
    let request: PaymentIntentRequestModel = serde_json::from_str(json).unwrap();
    assert_eq!(request.amount, 999_999_999_999);
    assert_eq!(serde_json::to_string(&request).unwrap(), json);
}

/// Read in the published spec's shape (single objects, a number), a model writes itself back
/// in the API page's (lists, decimal strings), byte for byte, and round-trips from there.
#[test]
fn the_published_spec_shape_round_trips_to_the_api_page_shape() {
    fn check<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(model: &str) -> T {
        let published = super::decoding::published_spec_shape(model);
        let decoded: T = serde_json::from_str(&published).unwrap();
        let encoded = serde_json::to_string(&decoded).unwrap();
        assert_eq!(encoded, super::compact(model), "{model} is written as the API page shows it");
        assert_eq!(serde_json::from_str::<T>(&encoded).unwrap(), decoded);
        decoded
    }
    let mut request = check::<PaymentIntentRequestModel>("PaymentIntentRequestModel");
    // The page's `"tag": []` has no XML form (see above).
    request.tag = Some(vec!["web".into()]);
    assert_xml_round_trip("PaymentIntentRequestModel", &request);
    assert_xml_round_trip(
        "PaymentIntentResponseModel",
        &check::<PaymentIntentResponseModel>("PaymentIntentResponseModel"),
    );
    assert_xml_round_trip("Adjustments", &check::<Adjustments>("Adjustments"));
}

/// XML has one form for a list of one and a single object, so the count of items is what a
/// round trip must keep.
#[test]
fn lists_of_one_and_of_several_round_trip_through_xml() {
    let condition = |days| AdjustmentCondition::new().with_duration(days);
    for adjustments in [
        vec![Adjustments::new("discount").with_conditions(vec![condition(7)]).with_percentage("17.5")],
        vec![
            Adjustments::new("discount").with_conditions(vec![condition(7), condition(14)]).with_percentage("20"),
            Adjustments::new("surcharge").with_amount(250),
            Adjustments::new("fee").with_conditions(vec![condition(1)]),
        ],
    ] {
        let request = PaymentIntentRequestModel::new(19_995, "order-1042-7f3a").with_adjustments(adjustments.clone());
        assert_xml_round_trip("PaymentIntentRequestModel", &request);
        let xml = citypay::xml::to_string("PaymentIntentRequestModel", &request).unwrap();
        assert_eq!(xml.matches("<adjustments>").count(), adjustments.len(), "{xml}");
    }
}
