//! Decoding as Hyperswitch's server writes it, through the client: every body below follows
//! the server's own types (members it writes as `null` included), reshaped from the seed's full
//! payment. Grouped by the correction each group covers:
//!
//! - the mandate type, serde's externally tagged `MandateType` whose `multi_use` holds an
//!   optional amount (`{"multi_use": null}` and `{"multi_use": {…}}` both decode; `null` where the
//!   data is required still fails, with its path);
//! - a payment with no payment method yet (`payment_method` and `payment_method_data` null), as
//!   create, retrieve, cancel and list answer it, and create answering the whole payment;
//! - `payment_method_data` as the bare string `"reward"` or as the object;
//! - next actions: QR codes with either URL null, voucher details as an object, the popup
//!   redirect, Doku bank transfer instructions with an integer or null expiry;
//! - members the published spec requires that the server writes as `null`.
//!
//! Also the property test of the decoders: the fixtures mutated every way the schema allows
//! still decode (unknown enum values come back out unchanged); hostile mutations never panic.
//! Run with `--nocapture` to see the figures; `PAYINTENT_DECODE_CASES` sets the cases per
//! property.

use hyperswitch::apis::ListAllPaymentsParams;
use hyperswitch::models::{
    AcceptanceType, AdyenConnectorMetadata, AdyenTestingData, BankTransferInstructions, BraintreeData, CardNetwork,
    Currency, IntentStatus, MandateAmountData, MandateType, NextActionData, NextActionDataQrCodeInformation,
    NextActionDataRedirectInsidePopup, OnlineMandate, OutgoingWebhook, PaymentMethod, PaymentMethodDataResponse,
    PaymentRetrieveBody, PaymentsCancelRequest, PaymentsCreateRequest, PaymentsResponse,
    PaymentsResponsePaymentMethodData, VoucherNextStepData,
};
use mockito::{Mock, ServerGuard};
use payintent_tests::{decoding_case, mutate, reply};
use serde_json::{Value, json};

use super::{client, payment};

#[test]
fn mutated_responses_decode_or_fail_cleanly() {
    let figures = mutate::check_decoding(
        "hyperswitch",
        &[
            decoding_case!(PaymentsResponse, "PaymentsResponse.json"),
            decoding_case!(OutgoingWebhook, "OutgoingWebhook.json"),
        ],
    );
    println!("hyperswitch decoding: {figures}");
}

/// The seed's payment with its top-level `members` replaced or added.
fn reshaped(members: Value) -> Value {
    let mut payment: Value = serde_json::from_str(&payment()).unwrap();
    let Value::Object(members) = members else { panic!("members must be an object: {members}") };
    payment.as_object_mut().unwrap().extend(members);
    payment
}

/// A server answering `method path` once with `body`.
async fn answering(method: &str, path: &str, body: String) -> (ServerGuard, Mock) {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(server.mock(method, path), 200, "application/json", body).expect(1).create_async().await;
    (server, mock)
}

/// Retrieves `pay_1` from a server answering `body`.
async fn retrieve(body: String) -> Result<PaymentsResponse, hyperswitch::Error> {
    let (server, mock) = answering("GET", "/payments/pay_1", body).await;
    let result = client(&server).payments_api().retrieve_a_payment("pay_1", &PaymentRetrieveBody::new()).await;
    mock.assert_async().await;
    result
}

// The mandate type.

/// The seed's payment with `mandate_data` as the server writes it (every member present, `null`
/// when unset) around `customer_acceptance` and `mandate_type`.
fn payment_with_mandate_data(customer_acceptance: Value, mandate_type: Value) -> String {
    let mandate_data =
        json!({"update_mandate_id": null, "customer_acceptance": customer_acceptance, "mandate_type": mandate_type});
    reshaped(json!({"setup_future_usage": "off_session", "mandate_data": mandate_data})).to_string()
}

/// The seed's payment with an offline acceptance around `mandate_type`.
fn payment_with_mandate(mandate_type: Value) -> String {
    let offline = json!({"acceptance_type": "offline", "accepted_at": "2025-05-20T10:11:12.000Z", "online": null});
    payment_with_mandate_data(offline, mandate_type)
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
    assert_eq!(decode.path, "mandate_data.mandate_type.single_use", "{error}");
    let reason = decode.source.to_string();
    assert!(reason.starts_with("invalid type: null, expected a `MandateAmountData` object"), "{error}");
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
}

// A payment with no payment method yet: the server writes `payment_method` and
// `payment_method_data` as null until one is attached, and create answers the whole
// PaymentsResponse (customer, capture_on, unified_code and unified_message included).

/// A payment created without a payment method, as the server writes it: nothing routed, no
/// attempt details, no next action. `attempts` and `captures` are left out, as the server skips
/// them when it has none.
fn payment_without_a_method() -> Value {
    let mut payment = reshaped(json!({
        "status": "requires_payment_method",
        "connector": null,
        "payment_method": null,
        "payment_method_data": null,
        "payment_method_type": null,
        "next_action": null,
        "connector_label": null,
        "merchant_connector_id": null,
        "connector_transaction_id": null,
        "card_discovery": null,
        "manual_retry_allowed": null,
        "attempt_count": 1
    }));
    let members = payment.as_object_mut().unwrap();
    members.remove("attempts");
    members.remove("captures");
    payment
}

fn assert_without_a_method(payment: &PaymentsResponse) {
    assert_eq!(payment.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    assert_eq!((payment.payment_method.as_ref(), payment.payment_method_data.as_ref()), (None, None));
    assert_eq!((payment.connector.as_deref(), payment.next_action.as_ref()), (None, None));
    assert_eq!(payment.amount, 6540);
}

#[tokio::test]
async fn create_answers_a_payment_without_a_method_with_both_members_null() {
    let mut body = payment_without_a_method();
    body["ephemeral_key"] = json!({
        "customer_id": "cus_y3oqhf46pyzuxjbcn2giaqnb44",
        "created_at": 1747735872,
        "expires": 1747739472,
        "secret": "epk_7b1c0f6e4a2d4f0a9c3b5e8d2f1a6c4e"
    });
    let (server, mock) = answering("POST", "/payments", body.to_string()).await;
    let request = PaymentsCreateRequest::new(6540, Currency::Usd).with_customer_id("cus_y3oqhf46pyzuxjbcn2giaqnb44");
    let created: PaymentsResponse = client(&server).payments_api().create_a_payment(&request).await.unwrap();
    mock.assert_async().await;
    assert_without_a_method(&created);
    assert_eq!(created.status, IntentStatus::RequiresPaymentMethod);
    let customer = created.customer.as_ref().unwrap();
    assert_eq!(customer.id.as_deref(), Some("cus_y3oqhf46pyzuxjbcn2giaqnb44"));
    assert_eq!(created.ephemeral_key.as_ref().map(|key| key.expires), Some(1747739472));
}

/// The members the docs-only PaymentsCreateResponseOpenApi leaves out, in a declined card
/// payment's answer to create. The server always writes `capture_on` as null
/// (crates/router/src/core/payments/transformers.rs:2785), so that is what it holds here.
#[tokio::test]
async fn create_answers_the_whole_payment_with_its_customer_and_unified_error() {
    let body = reshaped(json!({
        "status": "failed",
        "next_action": null,
        "error_code": "card_declined",
        "error_message": "Your card was declined.",
        "unified_code": "UE_9000",
        "unified_message": "Something went wrong",
        "manual_retry_allowed": true
    }));
    let (server, mock) = answering("POST", "/payments", body.to_string()).await;
    let request = PaymentsCreateRequest::new(6540, Currency::Usd);
    let created: PaymentsResponse = client(&server).payments_api().create_a_payment(&request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(created.status, IntentStatus::Failed);
    assert_eq!(created.unified_code.as_deref(), Some("UE_9000"));
    assert_eq!(created.unified_message.as_deref(), Some("Something went wrong"));
    assert_eq!(created.capture_on, None);
    let customer = created.customer.as_ref().unwrap();
    assert_eq!(
        (customer.id.as_deref(), customer.name.as_deref(), customer.email.as_deref()),
        (Some("cus_y3oqhf46pyzuxjbcn2giaqnb44"), Some("Joseph Doe"), Some("joseph@example.com"))
    );
    assert_eq!((customer.phone.as_deref(), customer.phone_country_code.as_deref()), (Some("999999999"), Some("+1")));
}

#[tokio::test]
async fn retrieve_decodes_a_payment_without_a_method() {
    let payment = retrieve(payment_without_a_method().to_string()).await.unwrap();
    assert_without_a_method(&payment);
    assert_eq!(payment.status, IntentStatus::RequiresPaymentMethod);
}

#[tokio::test]
async fn cancel_decodes_a_payment_cancelled_before_a_method_was_attached() {
    let mut body = payment_without_a_method();
    body["status"] = json!("cancelled");
    body["cancellation_reason"] = json!("requested_by_customer");
    let (server, mock) = answering("POST", "/payments/pay_1/cancel", body.to_string()).await;
    let request = PaymentsCancelRequest::new().with_cancellation_reason("requested_by_customer");
    let cancelled = client(&server).payments_api().cancel_a_payment("pay_1", &request).await.unwrap().unwrap();
    mock.assert_async().await;
    assert_without_a_method(&cancelled);
    assert_eq!(cancelled.status, IntentStatus::Cancelled);
    assert_eq!(cancelled.cancellation_reason.as_deref(), Some("requested_by_customer"));
}

#[tokio::test]
async fn list_decodes_payments_without_a_method() {
    let body = json!({"size": 1, "data": [payment_without_a_method()]});
    let (server, mock) = answering("GET", "/payments/list", body.to_string()).await;
    let page = client(&server).payments_api().list_all_payments(&ListAllPaymentsParams::new()).await.unwrap();
    mock.assert_async().await;
    assert_eq!((page.size, page.data.len()), (1, 1));
    assert_without_a_method(&page.data[0]);
}

// payment_method_data: the server writes a reward payment's data as the bare string "reward",
// any other as the object.

#[tokio::test]
async fn reward_payment_method_data_decodes_as_the_string() {
    let body = reshaped(json!({
        "connector": "cashtocode",
        "payment_method": "reward",
        "payment_method_type": "classic",
        "payment_method_data": "reward"
    }));
    let payment = retrieve(body.to_string()).await.unwrap();
    assert_eq!(payment.payment_method, Some(PaymentMethod::Reward));
    assert_eq!(payment.payment_method_data, Some(PaymentsResponsePaymentMethodData::String("reward".into())));
}

#[tokio::test]
async fn card_payment_method_data_decodes_as_the_object() {
    let payment = retrieve(payment()).await.unwrap();
    assert_eq!(payment.payment_method, Some(PaymentMethod::Card));
    let Some(PaymentsResponsePaymentMethodData::PaymentMethodDataResponseWithBilling(data)) =
        &payment.payment_method_data
    else {
        panic!("expected the object, got {:?}", payment.payment_method_data)
    };
    let Some(PaymentMethodDataResponse::Card(card)) = &data.payment_method_data_response else {
        panic!("expected a card, got {:?}", data.payment_method_data_response)
    };
    assert_eq!((card.last4.as_deref(), card.card_network.as_ref()), (Some("4242"), Some(&CardNetwork::Visa)));
    assert_eq!(card.card_holder_name.as_deref(), Some("Joseph Doe"));
    assert_eq!(card.payment_checks, Some(json!({"cvc_check": "pass", "address_line1_check": "pass"})));
    assert_eq!(data.billing, None);
}

// Next actions.

/// The seed's payment waiting on the customer to act on `next_action`, paid by
/// `payment_method_type` of `payment_method`.
async fn retrieve_with_next_action(
    payment_method: &str,
    payment_method_type: &str,
    next_action: Value,
) -> NextActionData {
    let body = reshaped(json!({
        "payment_method": payment_method,
        "payment_method_type": payment_method_type,
        "payment_method_data": null,
        "next_action": next_action
    }));
    let payment = retrieve(body.to_string()).await.unwrap();
    assert_eq!(payment.status, IntentStatus::RequiresCustomerAction);
    payment.next_action.unwrap()
}

#[tokio::test]
async fn a_qr_code_without_an_image_decodes_with_the_connectors_url() {
    let next_action = json!({
        "type": "qr_code_information",
        "image_data_url": null,
        "display_to_timestamp": 1747740672000_i64,
        "qr_code_url": "https://pix.example.com/qr/7f3a9c",
        "display_text": null,
        "border_color": null
    });
    let NextActionData::QrCodeInformation(qr) = retrieve_with_next_action("bank_transfer", "pix", next_action).await
    else {
        panic!("expected qr_code_information")
    };
    let mut expected = NextActionDataQrCodeInformation::new();
    expected.qr_code_url = Some("https://pix.example.com/qr/7f3a9c".into());
    expected.display_to_timestamp = Some(1747740672000);
    assert_eq!(qr, expected);
}

#[tokio::test]
async fn a_qr_code_without_a_connector_url_decodes_with_the_image() {
    let image = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    let next_action = json!({
        "type": "qr_code_information",
        "image_data_url": image,
        "display_to_timestamp": null,
        "qr_code_url": null,
        "display_text": "Scan to pay",
        "border_color": "#0070E0"
    });
    let NextActionData::QrCodeInformation(qr) = retrieve_with_next_action("wallet", "we_chat_pay", next_action).await
    else {
        panic!("expected qr_code_information")
    };
    assert_eq!((qr.image_data_url.as_deref(), qr.qr_code_url.as_deref()), (Some(image), None));
    assert_eq!((qr.display_text.as_deref(), qr.border_color.as_deref()), (Some("Scan to pay"), Some("#0070E0")));
    assert_eq!(qr.display_to_timestamp, None);
}

#[tokio::test]
async fn voucher_details_decode_as_an_object_with_an_integer_expiry() {
    let reference = "34191.79001 01043.510047 91020.150008 1 10260000006540";
    let next_action = json!({
        "type": "display_voucher_information",
        "voucher_details": {
            "expires_at": 1747826472000_i64,
            "reference": reference,
            "download_url": "https://vouchers.example.com/boleto/7f3a9c.pdf",
            "instructions_url": null
        }
    });
    let NextActionData::DisplayVoucherInformation(voucher) =
        retrieve_with_next_action("voucher", "boleto", next_action).await
    else {
        panic!("expected display_voucher_information")
    };
    let mut expected = VoucherNextStepData::new(reference);
    expected.expires_at = Some(1747826472000);
    expected.download_url = Some("https://vouchers.example.com/boleto/7f3a9c.pdf".into());
    assert_eq!(voucher.voucher_details, expected);
}

#[tokio::test]
async fn voucher_details_decode_with_a_null_expiry_and_only_instructions() {
    let next_action = json!({
        "type": "display_voucher_information",
        "voucher_details": {
            "expires_at": null,
            "reference": "59168313206930",
            "download_url": null,
            "instructions_url": "https://vouchers.example.com/oxxo/59168313206930"
        }
    });
    let NextActionData::DisplayVoucherInformation(voucher) =
        retrieve_with_next_action("voucher", "oxxo", next_action).await
    else {
        panic!("expected display_voucher_information")
    };
    let mut expected = VoucherNextStepData::new("59168313206930");
    expected.instructions_url = Some("https://vouchers.example.com/oxxo/59168313206930".into());
    assert_eq!(voucher.voucher_details, expected);
}

#[tokio::test]
async fn redirect_inside_popup_decodes_as_its_own_variant() {
    let popup_url = "https://sandbox.hyperswitch.io/payments/redirect/pay_mbabizu24mvu3mela5njyhpit4/popup";
    let next_action = json!({"type": "redirect_inside_popup", "popup_url": popup_url});
    let next = retrieve_with_next_action("card", "credit", next_action).await;
    assert_eq!(next, NextActionData::RedirectInsidePopup(NextActionDataRedirectInsidePopup::new(popup_url)));
}

/// Doku's instructions as the server writes them: BankTransferNextStepsData flattens the
/// externally tagged BankTransferInstructions beside `receiver`.
async fn retrieve_doku_instructions(instructions: Value) -> BankTransferInstructions {
    let next_action = json!({
        "type": "display_bank_transfer_information",
        "bank_transfer_steps_and_charges_details": {
            "doku_bank_transfer_instructions": instructions,
            "receiver": null
        }
    });
    let NextActionData::DisplayBankTransferInformation(transfer) =
        retrieve_with_next_action("bank_transfer", "mandiri_va", next_action).await
    else {
        panic!("expected display_bank_transfer_information")
    };
    assert_eq!(transfer.bank_transfer_steps_and_charges_details.receiver, None);
    transfer.bank_transfer_steps_and_charges_details.bank_transfer_instructions
}

#[tokio::test]
async fn doku_instructions_decode_an_integer_expiry_and_a_null_instructions_url() {
    let instructions =
        json!({"expires_at": 1747826472000_i64, "reference": "8808123456789012", "instructions_url": null});
    let BankTransferInstructions::DokuBankTransferInstructions(doku) = retrieve_doku_instructions(instructions).await
    else {
        panic!("expected doku_bank_transfer_instructions")
    };
    assert_eq!(
        (doku.expires_at, doku.reference.as_str(), doku.instructions_url),
        (Some(1747826472000), "8808123456789012", None)
    );
}

#[tokio::test]
async fn doku_instructions_decode_a_null_expiry() {
    let instructions = json!({
        "expires_at": null,
        "reference": "8808123456789012",
        "instructions_url": "https://doku.example.com/instructions/8808123456789012"
    });
    let BankTransferInstructions::DokuBankTransferInstructions(doku) = retrieve_doku_instructions(instructions).await
    else {
        panic!("expected doku_bank_transfer_instructions")
    };
    assert_eq!(doku.expires_at, None);
    assert_eq!(doku.instructions_url.as_deref(), Some("https://doku.example.com/instructions/8808123456789012"));
}

// Members the published spec requires that the server writes as null (an Option without
// skip_serializing_if).

/// `connector_metadata` is the request's ConnectorMetadata stored as the server encoded it:
/// every member written, `null` when unset.
#[tokio::test]
async fn connector_metadata_decodes_braintree_and_adyen_data_with_null_members() {
    let braintree = json!({"merchant_account_id": null, "merchant_config_currency": "USD"});
    let metadata = json!({"apple_pay": null, "airwallex": null, "noon": null, "braintree": braintree, "adyen": null});
    let body = reshaped(json!({"connector": "braintree", "connector_metadata": metadata}));
    let payment = retrieve(body.to_string()).await.unwrap();
    let metadata = payment.connector_metadata.unwrap();
    assert_eq!(metadata.braintree, Some(BraintreeData::new().with_merchant_config_currency("USD")));
    assert_eq!((metadata.apple_pay, metadata.adyen), (None, None));

    let adyen = json!({"testing": {"holder_name": null}});
    let metadata = json!({"apple_pay": null, "airwallex": null, "noon": null, "braintree": null, "adyen": adyen});
    let body = reshaped(json!({"connector": "adyen", "connector_metadata": metadata}));
    let payment = retrieve(body.to_string()).await.unwrap();
    let metadata = payment.connector_metadata.unwrap();
    assert_eq!(metadata.adyen, Some(AdyenConnectorMetadata::new(AdyenTestingData::new())));
    assert_eq!(metadata.braintree, None);
}

#[tokio::test]
async fn a_card_token_without_a_holder_name_decodes() {
    let body = reshaped(json!({"payment_method_data": {"card_token": {"card_holder_name": null}, "billing": null}}));
    let payment = retrieve(body.to_string()).await.unwrap();
    let Some(PaymentsResponsePaymentMethodData::PaymentMethodDataResponseWithBilling(data)) =
        &payment.payment_method_data
    else {
        panic!("expected the object, got {:?}", payment.payment_method_data)
    };
    let Some(PaymentMethodDataResponse::CardToken(token)) = &data.payment_method_data_response else {
        panic!("expected a card token, got {:?}", data.payment_method_data_response)
    };
    let additional = token.card_token_additional_data.as_ref().unwrap();
    assert_eq!(additional.card_holder_name, None);
}

#[tokio::test]
async fn an_online_mandate_without_an_ip_address_decodes() {
    let user_agent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    let online = json!({
        "acceptance_type": "online",
        "accepted_at": "2025-05-20T10:11:12.000Z",
        "online": {"ip_address": null, "user_agent": user_agent}
    });
    let body = payment_with_mandate_data(online, json!({"single_use": {"amount": 6540, "currency": "USD"}}));
    let payment = retrieve(body).await.unwrap();
    let acceptance = payment.mandate_data.as_ref().and_then(|mandate| mandate.customer_acceptance.as_ref()).unwrap();
    assert_eq!(acceptance.acceptance_type, AcceptanceType::Online);
    assert_eq!(acceptance.online, Some(OnlineMandate::new(user_agent)));
    assert_eq!(mandate_type(&payment), Some(&MandateType::SingleUse(MandateAmountData::new(6540, Currency::Usd))));
}

// Generated structs read objects member by member (their `Deserialize` is written out, not
// derived): what serde's derive would do for an object, checked on one model.
#[test]
fn a_model_reads_its_members_by_name_whatever_their_order_or_escapes() {
    let decoded: MandateAmountData =
        serde_json::from_str(r#"{"currency":"EUR","extra":{"a":[1]},"\u0061mount":6540,"end_date":null}"#).unwrap();
    assert_eq!(decoded, MandateAmountData::new(6540, Currency::Eur));
}

#[test]
fn a_model_refuses_missing_or_repeated_members_lists_and_other_types_with_their_reason() {
    let twice = serde_json::from_str::<MandateAmountData>(r#"{"amount":1,"currency":"EUR","amount":2}"#).unwrap_err();
    assert_eq!(twice.to_string(), "duplicate field `amount` at line 1 column 37");
    let missing = serde_json::from_str::<MandateAmountData>(r#"{"currency":"EUR"}"#).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `amount` at line 1 column 18");
    let list = serde_json::from_str::<MandateAmountData>(r#"[6540,"EUR"]"#).unwrap_err();
    assert_eq!(list.to_string(), "invalid type: sequence, expected a `MandateAmountData` object at line 1 column 0");
    let text = serde_json::from_str::<MandateAmountData>(r#""6540 EUR""#).unwrap_err();
    assert!(text.to_string().starts_with("invalid type: string \"6540 EUR\", expected a `MandateAmountData` object"));
}
