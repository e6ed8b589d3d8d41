//! The seed's request examples encode to exactly their JSON; a full payment response decodes
//! and encodes back unchanged, unknown enum values included.

use hyperswitch::models::*;

fn encoded<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

fn seed(json: &str) -> serde_json::Value {
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_seed_request_examples_encode_exactly() {
    let create = PaymentsCreateRequest::new(6540, Currency::Usd).with_authentication_type(AuthenticationType::ThreeDs);
    assert_eq!(encoded(&create), seed(r#"{"amount":6540,"authentication_type":"three_ds","currency":"USD"}"#));

    let capture = PaymentsCaptureRequest::new().with_amount_to_capture(654);
    assert_eq!(encoded(&capture), seed(r#"{"amount_to_capture":654}"#));

    let cancel = PaymentsCancelRequest::new().with_cancellation_reason("requested_by_customer");
    assert_eq!(encoded(&cancel), seed(r#"{"cancellation_reason":"requested_by_customer"}"#));

    let update = PaymentsUpdateRequest::new().with_amount(7654);
    assert_eq!(encoded(&update), seed(r#"{"amount":7654}"#));

    let card = Card::new("4242424242424242", "10", "25", "123").with_card_holder_name("joseph Doe");
    let confirm = PaymentsConfirmRequest::new()
        .with_customer_acceptance(
            CustomerAcceptance::new(AcceptanceType::Online)
                .with_accepted_at("1963-05-03T04:07:52.723Z")
                .with_online(OnlineMandate::new("amet irure esse").with_ip_address("127.0.0.1")),
        )
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_data(
            PaymentMethodDataRequest::new().with_payment_method_data(PaymentMethodData::Card(card)),
        )
        .with_payment_method_type(PaymentMethodType::Credit);
    assert_eq!(
        encoded(&confirm),
        seed(concat!(
            r#"{"customer_acceptance":{"acceptance_type":"online","accepted_at":"1963-05-03T04:07:52.723Z","online":"#,
            r#"{"ip_address":"127.0.0.1","user_agent":"amet irure esse"}},"payment_method":"card","payment_method_data":"#,
            r#"{"card":{"card_cvc":"123","card_exp_month":"10","card_exp_year":"25","card_holder_name":"joseph Doe","#,
            r#""card_number":"4242424242424242"}},"payment_method_type":"credit"}"#
        ))
    );
}

#[test]
fn a_full_payment_response_decodes_and_encodes_back_unchanged() {
    let text = payintent_tests::fixture("hyperswitch", "PaymentsResponse.json");
    let payment = payintent_tests::assert_round_trip::<PaymentsResponse>(&text);

    assert_eq!(payment.status, IntentStatus::RequiresCustomerAction);
    let Some(NextActionData::RedirectToUrl(redirect)) = &payment.next_action else {
        panic!("{:?}", payment.next_action)
    };
    assert!(redirect.redirect_to_url.starts_with("https://sandbox.hyperswitch.io/payments/redirect/"));
    let Some(PaymentsResponsePaymentMethodData::PaymentMethodDataResponseWithBilling(data)) =
        &payment.payment_method_data
    else {
        panic!("{:?}", payment.payment_method_data)
    };
    let method = data.payment_method_data_response.as_ref();
    let Some(PaymentMethodDataResponse::Card(card)) = method else { panic!("{method:?}") };
    assert_eq!(card.last4.as_deref(), Some("4242"));
    // Values this crate does not list survive.
    assert!(
        matches!(&payment.payment_method_type, Some(PaymentMethodType::Unknown(v)) if v.as_str() == "tap_to_phone_credit")
    );
    assert!(matches!(&payment.card_discovery, Some(CardDiscovery::Unknown(v)) if v.as_str() == "wallet_pass"));
    assert_eq!(payment.metadata.as_ref().unwrap()["order"], "1042");
}

#[test]
fn unions_keep_what_they_do_not_know() {
    let future: NextActionData = serde_json::from_str(r#"{"type":"show_barcode","barcode":"123"}"#).unwrap();
    assert_eq!(future, NextActionData::Unknown(serde_json::json!({"type": "show_barcode", "barcode": "123"})));
    let voucher: VoucherData = serde_json::from_str(r#""efecty""#).unwrap();
    assert_eq!(voucher, VoucherData::Efecty);
    let new_voucher: VoucherData = serde_json::from_str(r#"{"konbini":{"store":"lawson"}}"#).unwrap();
    assert!(matches!(new_voucher, VoucherData::Unknown(_)));
    let connector: Connector = serde_json::from_str(r#""newpay""#).unwrap();
    assert_eq!(serde_json::to_string(&connector).unwrap(), r#""newpay""#);
    assert_eq!(serde_json::from_str::<Currency>(r#""JPY""#).unwrap(), Currency::Jpy);
}
