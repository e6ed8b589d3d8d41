//! Paytree: create, list and retrieve, authenticated with `Authorization: Token …`.

use payintent_tests::conformance::Run;
use paytree::apis::TransactionPaymentIntentListParams;
use paytree::models::{
    AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, MethodEnum, OrderItemRequest,
    PaymentIntentCreateRequest, SessionRequest,
};
use paytree::{Client, RetryPolicy};

pub async fn round(run: &mut Run<'_>, base_url: &str) {
    let client = Client::builder()
        .base_url(base_url)
        .token("conformance-token")
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL and a token make a valid client");
    let api = client.transaction_api();

    let request = PaymentIntentCreateRequest::new(
        "order-1042",
        "customer-17",
        "19.99",
        AmountCurrencyEnum::Eur,
        CustomerRequest::new("Ada", "Lovelace", "ada@example.com").with_phone("+442071234567"),
        AddressRequest::new(CountryEnum::Gb).with_city("London").with_zip("EC1A 1BB"),
        SessionRequest::new("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)"),
        CallbackRequest::new("https://shop.example/return"),
    )
    .with_method(MethodEnum::Card)
    .with_order_items(vec![OrderItemRequest::new("Tea", 2, "9.99", "TEA-01")]);
    run.check("transaction_payment_intent_create", api.transaction_payment_intent_create(&request)).await;

    let params = TransactionPaymentIntentListParams::new().with_client_ref("customer-17").with_page(1);
    run.check("transaction_payment_intent_list", api.transaction_payment_intent_list(&params)).await;

    run.check(
        "transaction_payment_intent_retrieve",
        api.transaction_payment_intent_retrieve("3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c0a55"),
    )
    .await;
}
