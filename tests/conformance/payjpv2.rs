//! PAY.JP: all 8 operations of `PaymentIntentsApi` with the secret key, plus a create sent
//! with an `Idempotency-Key`; the optional bodies are sent both present and absent.

use std::collections::BTreeMap;

use payintent_tests::conformance::Run;
use payjpv2::models::{
    CaptureMethod, MetadataValue, PaymentIntentCancelRequest, PaymentIntentCaptureRequest, PaymentIntentConfirmRequest,
    PaymentIntentCreateRequest, PaymentIntentIncrementAuthorizationRequest, PaymentIntentUpdateRequest,
    PaymentMethodBillingAddressRequest, PaymentMethodBillingDetailsRequest, PaymentMethodCardCreateRequest,
    PaymentMethodCreateCardDetailsRequest, PaymentMethodCreateRequest, PaymentMethodOptionsCardRequest,
    PaymentMethodOptionsCardRequestRequestThreeDSecure, PaymentMethodOptionsRequest, PaymentMethodPayPayCreateRequest,
    PaymentMethodTypes, Usage,
};
use payjpv2::{Client, RetryPolicy};

const INTENT: &str = "pi_9d3c1f0b7a2e4c58b6e1a4d2";
const CUSTOMER: &str = "cus_4b7e2a91c0d34f6e8a15";

fn metadata() -> BTreeMap<String, MetadataValue> {
    BTreeMap::from([
        ("order_id".to_owned(), MetadataValue::String("order-20240612-0042".to_owned())),
        ("items".to_owned(), MetadataValue::Integer(3)),
        ("gift".to_owned(), MetadataValue::Boolean(false)),
    ])
}

fn billing_details() -> PaymentMethodBillingDetailsRequest {
    PaymentMethodBillingDetailsRequest::new()
        .with_name("Taro Yamada")
        .with_email("taro.yamada@example.jp")
        .with_phone("+81312345678")
        .with_address(
            PaymentMethodBillingAddressRequest::new()
                .with_country("JP")
                .with_zip("150-0002")
                .with_state("Tokyo")
                .with_city("Shibuya-ku")
                .with_line1("2-21-1 Shibuya")
                .with_line2("Hikarie 11F"),
        )
}

pub async fn round(run: &mut Run<'_>, base_url: &str) {
    let client = Client::builder()
        .base_url(base_url)
        .secret_key("sk_test_conformance")
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL and a secret key make a valid client");
    let api = client.payment_intents_api();

    let card = PaymentMethodCardCreateRequest::new(
        billing_details(),
        PaymentMethodCreateCardDetailsRequest::new("123", 12, 2030, "4242424242424242"),
    )
    .with_customer(CUSTOMER);
    let three_d_secure = PaymentMethodOptionsRequest::new(
        PaymentMethodOptionsCardRequest::new()
            .with_request_three_d_secure(PaymentMethodOptionsCardRequestRequestThreeDSecure::Automatic),
    );
    let create = PaymentIntentCreateRequest::new(3_980)
        .with_capture_method(CaptureMethod::Manual)
        .with_customer(CUSTOMER)
        .with_description("Order 20240612-0042")
        .with_metadata(metadata())
        .with_payment_method_types(vec![PaymentMethodTypes::Card])
        .with_payment_method_data(PaymentMethodCreateRequest::Card(card.clone()))
        .with_payment_method_options(three_d_secure.clone())
        .with_receipt_email("taro.yamada@example.jp")
        .with_return_url("https://shop.example.jp/checkout/complete")
        .with_setup_future_usage(Usage::OffSession);
    run.check("create_payment_intent", api.create_payment_intent(&create)).await;

    // The same create with an idempotency key: `Idempotency-Key` must be acceptable too.
    let keyed = api.create_payment_intent(&create).idempotency_key("order-20240612-0042-create");
    run.check("create_payment_intent", keyed).await;

    run.check("retrieve_payment_intent", api.retrieve_payment_intent(INTENT)).await;

    let update = PaymentIntentUpdateRequest::new()
        .with_amount(4_280)
        .with_description("Order 20240612-0042 (gift wrapping added)")
        .with_metadata(metadata())
        .with_payment_method_types(vec![PaymentMethodTypes::Card, PaymentMethodTypes::Paypay])
        .with_payment_method_data(PaymentMethodCreateRequest::Paypay(
            PaymentMethodPayPayCreateRequest::new().with_billing_details(billing_details()).with_customer(CUSTOMER),
        ))
        .with_receipt_email("taro.yamada@example.jp")
        .with_return_url("https://shop.example.jp/checkout/complete");
    run.check("update_payment_intent", api.update_payment_intent(INTENT, &update)).await;

    let confirm = PaymentIntentConfirmRequest::new()
        .with_capture_method(CaptureMethod::Manual)
        .with_payment_method_data(PaymentMethodCreateRequest::Card(card))
        .with_payment_method_options(three_d_secure)
        .with_receipt_email("taro.yamada@example.jp")
        .with_return_url("https://shop.example.jp/checkout/complete");
    run.check("confirm_payment_intent", api.confirm_payment_intent(INTENT, Some(&confirm))).await;

    let increment = PaymentIntentIncrementAuthorizationRequest::new(500).with_description("Express shipping");
    run.check("increment_authorization_payment_intent", api.increment_authorization_payment_intent(INTENT, &increment))
        .await;

    let capture = PaymentIntentCaptureRequest::new().with_amount_to_capture(4_780);
    run.check("capture_payment_intent", api.capture_payment_intent(INTENT, Some(&capture))).await;
    // Without a body: PAY.JP captures the full authorised amount.
    run.check("capture_payment_intent", api.capture_payment_intent("pi_2a6f8c0e4b1d9e7c3a5f0b8d", None)).await;

    let cancel = PaymentIntentCancelRequest::new().with_cancellation_reason("requested_by_customer");
    run.check("cancel_payment_intent", api.cancel_payment_intent("pi_7e1b3d5f9a0c2e4b6d8f1a3c", Some(&cancel))).await;
    run.check("cancel_payment_intent", api.cancel_payment_intent("pi_0c4e8a2d6f1b3e5a7c9d2f4b", None)).await;

    run.check("get_all_payment_intent", api.get_all_payment_intent(Some(25), Some(50))).await;
    run.check("get_all_payment_intent", api.get_all_payment_intent(None, None)).await;
}
