//! Decoding as CityPay's sources show it. Its API page gives `adjustments`, `conditions` and
//! `transactions` as lists and `percentage` as a decimal string; its published spec and
//! official clients give single objects and a number. Both shapes decode, in JSON and in XML;
//! anything else still fails with its path.
//!
//! Also the property test of the decoders: the fixtures mutated every way the schema allows
//! still decode (unknown enum values come back out unchanged); hostile mutations never panic.
//! Run with `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per
//! property.

use citypay::models::{
    AdjustmentCondition, Adjustments, Error, FindPaymentIntentRequest, PaymentIntentReference,
    PaymentIntentRequestModel, PaymentIntentResponseModel,
};
use mockito::Matcher;
use payintent_tests::{decoding_case, fixture, mutate, reply};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{client, compact, xml_client};

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

/// The API page's example of `model` (every list in it has one item) as the published spec
/// and the official clients shape it: each disputed list is its single object, the percentage
/// a JSON number.
pub(crate) fn published_spec_shape(model: &str) -> String {
    let mut value: Value = serde_json::from_str(&fixture("citypay", &format!("{model}.json"))).unwrap();
    to_published_spec_shape(&mut value);
    value.to_string()
}

fn to_published_spec_shape(value: &mut Value) {
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                to_published_spec_shape(member);
                match (name.as_str(), &mut *member) {
                    ("adjustments" | "conditions" | "transactions", Value::Array(items)) => {
                        assert_eq!(items.len(), 1, "{name}: the page's example has one item");
                        *member = items.remove(0);
                    }
                    ("percentage", Value::String(text)) => *member = Value::from(text.parse::<f64>().unwrap()),
                    _ => {}
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_published_spec_shape),
        _ => {}
    }
}

fn json<T: DeserializeOwned>(body: &str) -> T {
    citypay::decode_body(Some("application/json"), body.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{body}"))
}

fn xml<T: DeserializeOwned>(body: &str) -> T {
    citypay::decode_body(Some("text/xml"), body.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{body}"))
}

#[test]
fn json_in_the_published_spec_shape_decodes_like_the_api_page() {
    fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(model: &str) {
        let page: T = json(&fixture("citypay", &format!("{model}.json")));
        let published = published_spec_shape(model);
        assert!(published.contains(r#""percentage":17.5"#), "{published}");
        assert!(!published.contains(r#":[{"#), "every disputed list is a single object: {published}");
        assert_eq!(json::<T>(&published), page, "{model}");
    }
    same::<PaymentIntentRequestModel>("PaymentIntentRequestModel");
    same::<PaymentIntentResponseModel>("PaymentIntentResponseModel");
    same::<Adjustments>("Adjustments");

    let intent: PaymentIntentResponseModel = json(&published_spec_shape("PaymentIntentResponseModel"));
    let adjustments = intent.adjustments.unwrap();
    assert_eq!(adjustments.len(), 1);
    assert_eq!(adjustments[0].percentage.as_deref(), Some("17.5"));
    assert_eq!(adjustments[0].conditions.as_ref().unwrap()[0].end_date.as_deref(), Some("2024-08-31"));
    assert_eq!(intent.transactions.unwrap()[0].transno, Some(78_416));
}

#[test]
fn a_percentage_sent_as_a_number_becomes_the_decimal_a_person_writes() {
    for (number, text) in [
        ("17.5", "17.5"),
        ("20", "20"),
        ("-2.5", "-2.5"),
        ("0.1", "0.1"),
        ("1e2", "100"),
        ("1.25E1", "12.5"),
        ("2.5e-1", "0.25"),
        ("\"17.50\"", "17.50"),
    ] {
        let adjustment: Adjustments = json(&format!(r#"{{"adjustment":"surcharge","percentage":{number}}}"#));
        assert_eq!(adjustment.percentage.as_deref(), Some(text), "{number}");
    }
    let absent: Adjustments = json(r#"{"adjustment":"surcharge"}"#);
    assert_eq!((absent.percentage, absent.conditions), (None, None));
    let null: Adjustments = json(r#"{"adjustment":"surcharge","percentage":null,"conditions":null}"#);
    assert_eq!((null.percentage, null.conditions), (None, None));
}

#[test]
fn lists_of_several_still_decode_in_json() {
    let body = r#"{"adjustments":[{"adjustment":"a","conditions":[{"duration":1},{"duration":2}]},
        {"adjustment":"b","conditions":{"duration":3}}],"amount":100,"identifier":"order-0001"}"#;
    let request: PaymentIntentRequestModel = json(body);
    let adjustments = request.adjustments.unwrap();
    let durations: Vec<Vec<Option<i32>>> = adjustments
        .iter()
        .map(|adjustment| adjustment.conditions.iter().flatten().map(|condition| condition.duration).collect())
        .collect();
    assert_eq!(durations, [vec![Some(1), Some(2)], vec![Some(3)]]);
}

/// In XML a lone element and a list of one are the same document; repeated elements are a
/// list of several.
#[test]
fn xml_one_element_is_one_item_and_repeated_elements_are_several() {
    let one = concat!(
        "<PaymentIntentResponseModel><adjustments><adjustment>discount</adjustment>",
        "<conditions><duration>7</duration></conditions><percentage>17.5</percentage></adjustments>",
        "<identifier>order-0001</identifier><merchantid>11223344</merchantid>",
        "<payment_intent_id>p13t1</payment_intent_id>",
        "<transactions><transno>1</transno></transactions></PaymentIntentResponseModel>"
    );
    let intent: PaymentIntentResponseModel = xml(one);
    let adjustments = intent.adjustments.unwrap();
    assert_eq!(adjustments.len(), 1);
    assert_eq!(adjustments[0].conditions, Some(vec![AdjustmentCondition::new().with_duration(7)]));
    assert_eq!(adjustments[0].percentage.as_deref(), Some("17.5"));
    assert_eq!(intent.transactions.unwrap().len(), 1);

    let several = concat!(
        "<PaymentIntentResponseModel><adjustments><adjustment>discount</adjustment>",
        "<conditions><duration>7</duration></conditions><conditions><discount_code>SUMMER</discount_code></conditions>",
        "<percentage>17.50</percentage></adjustments><adjustments><adjustment>surcharge</adjustment></adjustments>",
        "<identifier>order-0001</identifier><merchantid>11223344</merchantid>",
        "<payment_intent_id>p13t1</payment_intent_id>",
        "<transactions><transno>1</transno></transactions><transactions><transno>2</transno></transactions>",
        "<transactions><transno>3</transno></transactions></PaymentIntentResponseModel>"
    );
    let intent: PaymentIntentResponseModel = citypay::xml::from_str(several).unwrap();
    let adjustments = intent.adjustments.unwrap();
    assert_eq!(adjustments.len(), 2);
    assert_eq!(
        adjustments[0].conditions,
        Some(vec![
            AdjustmentCondition::new().with_duration(7),
            AdjustmentCondition::new().with_discount_code("SUMMER")
        ])
    );
    assert_eq!(adjustments[0].percentage.as_deref(), Some("17.50"), "XML text is kept as written");
    assert_eq!((adjustments[1].adjustment.as_str(), adjustments[1].conditions.as_ref()), ("surcharge", None));
    let numbers: Vec<Option<i32>> = intent.transactions.unwrap().iter().map(|t| t.transno).collect();
    assert_eq!(numbers, [Some(1), Some(2), Some(3)]);

    let request: PaymentIntentRequestModel = xml(concat!(
        "<PaymentIntentRequestModel><adjustments><adjustment>a</adjustment></adjustments>",
        "<adjustments><adjustment>b</adjustment><percentage>5</percentage></adjustments>",
        "<amount>100</amount><identifier>order-0001</identifier></PaymentIntentRequestModel>"
    ));
    let adjustments = request.adjustments.unwrap();
    assert_eq!(adjustments, [Adjustments::new("a"), Adjustments::new("b").with_percentage("5")]);
}

#[tokio::test]
async fn the_client_reads_the_published_spec_shape_in_json_and_xml() {
    let mut server = mockito::Server::new_async().await;
    reply(
        server.mock("POST", "/v6/intent/retrieve").match_header("accept", "application/json"),
        200,
        "application/json",
        published_spec_shape("PaymentIntentResponseModel"),
    )
    .expect(1)
    .create_async()
    .await;
    reply(
        server.mock("POST", "/v6/intent/retrieve").match_header("accept", "text/xml"),
        200,
        "text/xml",
        concat!(
            "<PaymentIntentResponseModel><adjustments><adjustment>discount</adjustment>",
            "<conditions><duration>7</duration></conditions><percentage>17.5</percentage></adjustments>",
            "<identifier>order-0001</identifier><merchantid>11223344</merchantid>",
            "<payment_intent_id>p13t1</payment_intent_id><transactions><transno>1</transno></transactions>",
            "<transactions><transno>2</transno></transactions></PaymentIntentResponseModel>"
        ),
    )
    .expect(1)
    .create_async()
    .await;
    let find = FindPaymentIntentRequest::new().with_payment_intent_id("p13t1");

    let from_json = client(&server).payment_intent_api().get_payment_intent(&find).await.unwrap();
    let page: PaymentIntentResponseModel = json(&fixture("citypay", "PaymentIntentResponseModel.json"));
    assert_eq!(from_json, page);

    let from_xml = xml_client(&server).payment_intent_api().get_payment_intent(&find).await.unwrap();
    let adjustments = from_xml.adjustments.unwrap();
    assert_eq!(adjustments[0].conditions.as_ref().map(Vec::len), Some(1));
    assert_eq!(adjustments[0].percentage.as_deref(), Some("17.5"));
    assert_eq!(from_xml.transactions.map(|list| list.len()), Some(2));
}

/// However a request model was read, it is sent as the API page shows it: lists and strings.
#[tokio::test]
async fn a_request_read_in_the_published_spec_shape_is_sent_as_lists_and_strings() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v6/intent/create")
            .match_header("content-type", "application/json")
            .match_body(Matcher::Exact(compact("PaymentIntentRequestModel"))),
        200,
        "application/json",
        r#"{"payment_intent_id":"p13t1"}"#,
    )
    .expect(1)
    .create_async()
    .await;
    let request: PaymentIntentRequestModel = json(&published_spec_shape("PaymentIntentRequestModel"));

    client(&server).payment_intent_api().create_payment_intent(&request).await.unwrap();

    mock.assert_async().await;
}

#[tokio::test]
async fn other_shapes_still_fail_with_their_path_and_the_body_kept() {
    let cases = [
        (r#"{"identifier":"order-0001","merchantid":1,"payment_intent_id":"p","transactions":true}"#, "transactions"),
        (r#"{"identifier":"order-0001","merchantid":1,"payment_intent_id":"p","transactions":"none"}"#, "transactions"),
        (
            r#"{"identifier":"order-0001","merchantid":1,"payment_intent_id":"p","adjustments":[{"adjustment":"a","percentage":true}]}"#,
            "adjustments[0].percentage",
        ),
        (
            r#"{"identifier":"order-0001","merchantid":1,"payment_intent_id":"p","adjustments":{"adjustment":"a","percentage":{"value":1}}}"#,
            "adjustments.percentage",
        ),
        (
            r#"{"identifier":"order-0001","merchantid":1,"payment_intent_id":"p","adjustments":{"adjustment":"a","conditions":{"duration":"7"}}}"#,
            "adjustments.conditions.duration",
        ),
    ];
    let mut server = mockito::Server::new_async().await;
    for (body, path) in cases {
        let mock =
            reply(server.mock("POST", "/v6/intent/retrieve"), 200, "application/json", body).create_async().await;
        let find = FindPaymentIntentRequest::new().with_payment_intent_id("p");

        let error = client(&server).payment_intent_api().get_payment_intent(&find).await.unwrap_err();

        let citypay::Error::Decode(decode) = &error else { panic!("expected a decode error, got {error:?}") };
        assert_eq!(decode.path, path, "{body}: {error}");
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        mock.remove_async().await;
    }
}
