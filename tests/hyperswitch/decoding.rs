//! Decoding as Hyperswitch's server writes it. `mandate_type` is serde's externally tagged
//! `MandateType`, and its `multi_use` holds an optional amount: the server writes
//! `{"multi_use": null}` as well as `{"multi_use": {…}}`, and a payment carrying either decodes.
//! A `null` where the data is required (`single_use`) still fails, with its path.
//!
//! Also the property test of the decoders: the fixtures mutated every way the schema allows
//! still decode (unknown enum values come back out unchanged); hostile mutations never panic.
//! Run with `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per
//! property.

use hyperswitch::models::{Currency, MandateAmountData, MandateType, PaymentRetrieveBody, PaymentsResponse};
use payintent_tests::{decoding_case, mutate, reply};
use serde_json::{Value, json};

use super::{client, payment};

#[test]
fn mutated_responses_decode_or_fail_cleanly() {
    let figures = mutate::check_decoding("hyperswitch", &[decoding_case!(PaymentsResponse, "PaymentsResponse.json")]);
    println!("hyperswitch decoding: {figures}");
}

/// The seed's payment with `mandate_data` as the server writes it (every member present, `null`
/// when unset) around `mandate_type`.
fn payment_with_mandate(mandate_type: Value) -> String {
    let mut payment: Value = serde_json::from_str(&payment()).unwrap();
    payment["mandate_data"] = json!({
        "update_mandate_id": null,
        "customer_acceptance": {"acceptance_type": "offline", "accepted_at": "2025-05-20T10:11:12.000Z", "online": null},
        "mandate_type": mandate_type
    });
    payment.to_string()
}

/// Retrieves `pay_1` from a server answering `body`.
async fn retrieve(body: String) -> Result<PaymentsResponse, hyperswitch::Error> {
    let mut server = mockito::Server::new_async().await;
    let mock =
        reply(server.mock("GET", "/payments/pay_1"), 200, "application/json", body).expect(1).create_async().await;
    let result = client(&server).payments_api().retrieve_a_payment("pay_1", &PaymentRetrieveBody::new()).await;
    mock.assert_async().await;
    result
}

fn mandate_type(payment: &PaymentsResponse) -> Option<&MandateType> {
    payment.mandate_data.as_ref().and_then(|mandate| mandate.mandate_type.as_ref())
}

#[tokio::test]
async fn a_multi_use_mandate_without_an_amount_decodes_as_none() {
    let payment = retrieve(payment_with_mandate(json!({"multi_use": null}))).await.unwrap();
    assert_eq!(mandate_type(&payment), Some(&MandateType::MultiUse(None)));
    assert_eq!(payment.payment_id, "pay_mbabizu24mvu3mela5njyhpit4", "the rest of the payment decodes too");
}

#[tokio::test]
async fn a_multi_use_mandate_with_an_amount_decodes_as_some() {
    let amount = json!({"amount": 1000, "currency": "USD", "start_date": null, "end_date": null, "metadata": null});
    let payment = retrieve(payment_with_mandate(json!({"multi_use": amount}))).await.unwrap();
    assert_eq!(mandate_type(&payment), Some(&MandateType::MultiUse(Some(MandateAmountData::new(1000, Currency::Usd)))));

    let single = json!({"single_use": {"amount": 6540, "currency": "EUR"}});
    let payment = retrieve(payment_with_mandate(single)).await.unwrap();
    assert_eq!(mandate_type(&payment), Some(&MandateType::SingleUse(MandateAmountData::new(6540, Currency::Eur))));
}

#[test]
fn a_multi_use_mandate_without_an_amount_is_written_back_as_null() {
    let decoded: MandateType = serde_json::from_str(r#"{"multi_use":null}"#).unwrap();
    assert_eq!(decoded, MandateType::MultiUse(None));
    assert_eq!(serde_json::to_string(&decoded).unwrap(), r#"{"multi_use":null}"#);
    let with_amount = MandateType::MultiUse(Some(MandateAmountData::new(1000, Currency::Usd)));
    assert_eq!(serde_json::to_string(&with_amount).unwrap(), r#"{"multi_use":{"amount":1000,"currency":"USD"}}"#);

    let payment: PaymentsResponse = serde_json::from_str(&payment_with_mandate(json!({"multi_use": null}))).unwrap();
    let encoded = serde_json::to_value(&payment).unwrap();
    assert_eq!(encoded["mandate_data"]["mandate_type"], json!({"multi_use": null}));
    assert_eq!(serde_json::from_value::<PaymentsResponse>(encoded).unwrap(), payment);
}

#[tokio::test]
async fn null_where_the_variant_requires_its_data_fails_with_its_path_and_the_body_kept() {
    let body = payment_with_mandate(json!({"single_use": null}));
    let error = retrieve(body.clone()).await.unwrap_err();
    let hyperswitch::Error::Decode(decode) = &error else { panic!("expected a decode error, got {error:?}") };
    assert_eq!(decode.path, "mandate_data.mandate_type", "{error}");
    let reason = decode.source.to_string();
    assert!(
        reason.contains("invalid type: null, expected struct MandateAmountData (at `single_use` inside the variant)"),
        "{error}"
    );
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}
