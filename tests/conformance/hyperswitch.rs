//! Hyperswitch: all 14 operations of `PaymentsApi`, with the API key or the publishable key each
//! declares (the operations that accept either are called with both).

use hyperswitch::apis::ListAllPaymentsParams;
use hyperswitch::models::{
    AcceptanceType, Address, AddressDetails, AuthenticationType, BrowserInformation, CaptureMethod, Card, CardNetwork,
    CountryAlpha2, Currency, CustomerAcceptance, CustomerDetails, DeviceChannel, FutureUsage, OnlineMandate,
    OrderDetailsWithAmount, PaymentMethod, PaymentMethodData, PaymentMethodDataRequest, PaymentMethodType,
    PaymentRetrieveBody, PaymentsCancelRequest, PaymentsCaptureRequest, PaymentsCompleteAuthorizeRequest,
    PaymentsConfirmRequest, PaymentsCreateRequest, PaymentsExternalAuthenticationRequest,
    PaymentsIncrementalAuthorizationRequest, PaymentsPostSessionTokensRequest, PaymentsSessionRequest,
    PaymentsUpdateMetadataRequest, PaymentsUpdateRequest, PhoneDetails, ProductType, RetrievePaymentLinkRequest,
    ThreeDsCompletionIndicator,
};
use hyperswitch::{Client, RetryPolicy};
use payintent_tests::conformance::Run;
use serde_json::{Map, Value, json};

const API_KEY: &str = "snd_conformance_api_key";
const PUBLISHABLE_KEY: &str = "pk_snd_conformance_publishable_key";
/// Hyperswitch payment ids are 30 characters: `pay_` and 26 more.
const PAYMENT: &str = "pay_mbabizu24mvu3mela5njyhpit4";
const CLIENT_SECRET: &str = "pay_mbabizu24mvu3mela5njyhpit4_secret_kz3l8dBuExvgKeyAcmQ8";
const CUSTOMER: &str = "cus_y3oqhf46pyzuxjbcn2giaqnb44";
const RETURN_URL: &str = "https://shop.example.com/checkout/complete";
const USER_AGENT: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                          Version/17.4 Safari/605.1.15";

fn billing() -> Address {
    Address::new()
        .with_address(
            AddressDetails::new()
                .with_first_name("Jane")
                .with_last_name("Doe")
                .with_line1("1467 Harrison Street")
                .with_line2("Suite 200")
                .with_city("San Francisco")
                .with_state("California")
                .with_zip("94122")
                .with_country(CountryAlpha2::Us),
        )
        .with_phone(PhoneDetails::new().with_number("4155550132").with_country_code("+1"))
        .with_email("jane.doe@example.com")
}

fn card() -> PaymentMethodDataRequest {
    PaymentMethodDataRequest::new()
        .with_payment_method_data(PaymentMethodData::Card(
            Card::new("4242424242424242", "12", "2030", "123")
                .with_card_holder_name("Jane Doe")
                .with_card_network(CardNetwork::Visa),
        ))
        .with_billing(billing())
}

fn browser() -> BrowserInformation {
    BrowserInformation::new()
        .with_user_agent(USER_AGENT)
        .with_accept_header("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .with_language("en-US")
        .with_color_depth(24)
        .with_screen_height(1117)
        .with_screen_width(1728)
        .with_time_zone(-420)
        .with_java_enabled(false)
        .with_java_script_enabled(true)
        .with_ip_address("203.0.113.42")
}

fn metadata(entries: Value) -> Map<String, Value> {
    match entries {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

pub async fn round(run: &mut Run<'_>, base_url: &str) {
    // The merchant's server holds the secret API key; the checkout page only the publishable one.
    let server = Client::builder()
        .base_url(base_url)
        .api_key(API_KEY)
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL and an API key make a valid client");
    let checkout = Client::builder()
        .base_url(base_url)
        .publishable_key(PUBLISHABLE_KEY)
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL and a publishable key make a valid client");
    let api = server.payments_api();
    let browser_api = checkout.payments_api();

    let order = vec![
        OrderDetailsWithAmount::new("Merino wool sweater", 1, 5_900)
            .with_product_id("SKU-MW-0042")
            .with_category("apparel")
            .with_product_type(ProductType::Physical)
            .with_requires_shipping(true),
        OrderDetailsWithAmount::new("Gift wrapping", 1, 640).with_product_type(ProductType::Digital),
    ];
    let create = PaymentsCreateRequest::new(6_540, Currency::Usd)
        .with_payment_id(PAYMENT)
        .with_capture_method(CaptureMethod::Manual)
        .with_authentication_type(AuthenticationType::ThreeDs)
        .with_confirm(false)
        .with_customer(
            CustomerDetails::new(CUSTOMER)
                .with_name("Jane Doe")
                .with_email("jane.doe@example.com")
                .with_phone("4155550132")
                .with_phone_country_code("+1"),
        )
        .with_description("Order #1042 from shop.example.com")
        .with_return_url(RETURN_URL)
        .with_setup_future_usage(FutureUsage::OnSession)
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_type(PaymentMethodType::Credit)
        .with_billing(billing())
        .with_shipping(billing())
        .with_statement_descriptor_name("SHOP EXAMPLE")
        .with_statement_descriptor_suffix("ORDER1042")
        .with_order_details(order.clone())
        .with_business_country(CountryAlpha2::Us)
        .with_metadata(metadata(json!({ "order_id": "1042", "channel": "web" })))
        .with_merchant_order_reference_id("order-1042")
        .with_request_incremental_authorization(true)
        .with_session_expiry(900);
    run.check("create_a_payment", api.create_a_payment(&create)).await;

    let retrieve =
        PaymentRetrieveBody::new().with_force_sync(true).with_expand_attempts(true).with_expand_captures(true);
    run.check("retrieve_a_payment", api.retrieve_a_payment(PAYMENT, &retrieve)).await;
    // The checkout page polls the status with the client secret.
    let poll = PaymentRetrieveBody::new().with_client_secret(CLIENT_SECRET);
    run.check("retrieve_a_payment", browser_api.retrieve_a_payment(PAYMENT, &poll)).await;

    let update = PaymentsUpdateRequest::new()
        .with_amount(7_180)
        .with_currency(Currency::Usd)
        .with_shipping_cost(640)
        .with_description("Order #1042 from shop.example.com, express shipping")
        .with_order_details(order)
        .with_shipping(billing());
    run.check("update_a_payment", api.update_a_payment(PAYMENT, &update)).await;
    // The checkout page updates the payment with its client secret, and so with the publishable key.
    let update_email = PaymentsUpdateRequest::new()
        .with_client_secret(CLIENT_SECRET)
        .with_billing(billing())
        .with_return_url(RETURN_URL);
    run.check("update_a_payment", browser_api.update_a_payment(PAYMENT, &update_email)).await;

    let confirm = PaymentsConfirmRequest::new()
        .with_client_secret(CLIENT_SECRET)
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_type(PaymentMethodType::Credit)
        .with_payment_method_data(card())
        .with_browser_info(browser())
        .with_return_url(RETURN_URL)
        .with_customer_acceptance(
            CustomerAcceptance::new(AcceptanceType::Online)
                .with_accepted_at("2025-05-14T09:31:07Z")
                .with_online(OnlineMandate::new(USER_AGENT).with_ip_address("203.0.113.42")),
        );
    run.check("confirm_a_payment", browser_api.confirm_a_payment(PAYMENT, &confirm)).await;
    let server_confirm = PaymentsConfirmRequest::new()
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_data(card())
        .with_off_session(false)
        .with_browser_info(browser());
    run.check("confirm_a_payment", api.confirm_a_payment(PAYMENT, &server_confirm)).await;

    let session = PaymentsSessionRequest::new(
        PAYMENT,
        CLIENT_SECRET,
        vec![PaymentMethodType::ApplePay, PaymentMethodType::GooglePay, PaymentMethodType::Paypal],
    );
    run.check("create_session_tokens_for_a_payment", browser_api.create_session_tokens_for_a_payment(&session)).await;

    let post_session =
        PaymentsPostSessionTokensRequest::new(CLIENT_SECRET, PaymentMethodType::Paypal, PaymentMethod::Wallet);
    run.check(
        "create_post_session_tokens_for_a_payment",
        browser_api.create_post_session_tokens_for_a_payment(PAYMENT, &post_session),
    )
    .await;

    let authentication =
        PaymentsExternalAuthenticationRequest::new(CLIENT_SECRET, DeviceChannel::Brw, ThreeDsCompletionIndicator::Y);
    run.check(
        "initiate_external_authentication_for_a_payment",
        browser_api.initiate_external_authentication_for_a_payment(PAYMENT, &authentication),
    )
    .await;

    let complete = PaymentsCompleteAuthorizeRequest::new(CLIENT_SECRET)
        .with_shipping(billing())
        .with_threeds_method_comp_ind(ThreeDsCompletionIndicator::Y);
    run.check("complete_authorize_a_payment", browser_api.complete_authorize_a_payment(PAYMENT, &complete)).await;

    let increment = PaymentsIncrementalAuthorizationRequest::new(7_820).with_reason("Customer added express shipping");
    run.check(
        "increment_authorized_amount_for_a_payment",
        api.increment_authorized_amount_for_a_payment(PAYMENT, &increment),
    )
    .await;

    let capture = PaymentsCaptureRequest::new()
        .with_amount_to_capture(7_180)
        .with_refund_uncaptured_amount(false)
        .with_statement_descriptor_suffix("ORDER1042");
    run.check("capture_a_payment", api.capture_a_payment(PAYMENT, &capture)).await;

    let update_metadata = PaymentsUpdateMetadataRequest::new(metadata(
        json!({ "order_id": "1042", "channel": "web", "fulfilment": "shipped", "tracking": "1Z999AA10123456784" }),
    ));
    run.check("update_metadata_for_a_payment", api.update_metadata_for_a_payment(PAYMENT, &update_metadata)).await;

    let cancel = PaymentsCancelRequest::new().with_cancellation_reason("requested_by_customer");
    run.check("cancel_a_payment", api.cancel_a_payment("pay_q8x2m4k7t1w9c3v6b5n0z2l4j8", &cancel)).await;

    let list = ListAllPaymentsParams::new()
        .with_customer_id(CUSTOMER)
        .with_limit(25)
        .with_created_gte("2025-05-01T00:00:00Z")
        .with_created_lt("2025-06-01T00:00:00Z");
    run.check("list_all_payments", api.list_all_payments(&list)).await;
    run.check("list_all_payments", api.list_all_payments(&ListAllPaymentsParams::new())).await;

    // The merchant looks the link up with the secret key alone; the checkout page with the client secret.
    let link = RetrievePaymentLinkRequest::new();
    run.check("retrieve_a_payment_link", api.retrieve_a_payment_link("plink_4Yb8nR2tK6wQ0sV3xZ7cJ1", &link)).await;
    let link = RetrievePaymentLinkRequest::new().with_client_secret(CLIENT_SECRET);
    run.check("retrieve_a_payment_link", browser_api.retrieve_a_payment_link("plink_4Yb8nR2tK6wQ0sV3xZ7cJ1", &link))
        .await;
}
