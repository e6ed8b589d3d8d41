//! CityPay: both operations of `PaymentIntentApi` (create and retrieve) in JSON, with a fresh
//! `cp-api-key` derived from a licence key for every request.

use citypay::models::{
    AdjustmentCondition, Adjustments, ContactDetails, FindPaymentIntentRequest, PaymentIntentRequestModel,
};
use citypay::{Client, RetryPolicy};
use payintent_tests::conformance::Run;

const MERCHANT_ID: i32 = 11_223_344;

pub async fn round(run: &mut Run<'_>, base_url: &str) {
    let client = Client::builder()
        .base_url(base_url)
        .licence_key("PC2", "4R7KQ2M9TZ8WLC1V")
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL and a licence key make a valid client");
    let api = client.payment_intent_api();

    let bill_to = ContactDetails::new()
        .with_title("Ms")
        .with_firstname("Ada")
        .with_lastname("Lovelace")
        .with_company("Analytical Engines Ltd")
        .with_address1("12 St John's Square")
        .with_area("London")
        .with_postcode("EC1V 4NA")
        .with_country("GB")
        .with_email("ada@example.com")
        .with_telephone_no("+442071234567")
        .with_mobile_no("+447700900123");
    let ship_to = ContactDetails::new()
        .with_firstname("Ada")
        .with_lastname("Lovelace")
        .with_address1("1 Poultry")
        .with_area("London")
        .with_postcode("EC2R 8EJ")
        .with_country("GB");
    let request = PaymentIntentRequestModel::new(4_999, "order-3107-a1")
        .with_currency("GBP")
        .with_merchantid(MERCHANT_ID)
        .with_external_ref("INV-2024-0042")
        .with_external_ref_source("xero")
        .with_trans_info("Order 3107, 2 items")
        .with_tag(vec!["web".to_owned(), "loyalty".to_owned()])
        .with_adjustments(vec![
            Adjustments::new("discount").with_description("Summer sale").with_amount(500).with_conditions(vec![
                AdjustmentCondition::new().with_discount_code("SUMMER24"),
                AdjustmentCondition::new().with_start_date("2024-06-01").with_end_date("2024-08-31"),
            ]),
        ])
        .with_bill_to(bill_to)
        .with_ship_to(ship_to);
    run.check("create_payment_intent", api.create_payment_intent(&request)).await;

    let find =
        FindPaymentIntentRequest::new().with_payment_intent_id("p13t9000111122223333").with_merchantid(MERCHANT_ID);
    run.check("get_payment_intent", api.get_payment_intent(&find)).await;
}
