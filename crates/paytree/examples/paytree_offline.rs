//! Paytree's payment-intent flow against an in-process mock server: create an intent, find it
//! by its `transaction_ref`, retrieve it by id, and decode a 404 into `paytree::Error`.
//!
//! Nothing leaves the machine; every mock checks the request it receives, so the example fails
//! if the client sends something else than Paytree expects.
//!
//! ```sh
//! cargo run -p paytree --example paytree_offline
//! ```

use mockito::Matcher;
use paytree::Client;
use paytree::apis::TransactionPaymentIntentListParams;
use paytree::models::{
    AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, MethodEnum,
    PaymentIntentCreateRequest, SessionRequest,
};
use serde_json::json;

/// A test token; the mock only accepts requests that carry it.
const TOKEN: &str = "pt_test_4c1d8f0e2a";
const INTENT_ID: &str = "8e2b6f1a-0c3d-4e5f-9a7b-1c2d3e4f5a6b";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut server = mockito::Server::new_async().await;
    let authorization = format!("Token {TOKEN}");

    // Paytree answers a create with its numeric id and the page the customer pays on.
    let create = server
        .mock("POST", "/v1/transaction/payment_intent/")
        .match_header("authorization", authorization.as_str())
        .match_header("content-type", "application/json")
        .match_body(Matcher::PartialJson(json!({
            "transaction_ref": "order-2291",
            "amount": "42.50",
            "amount_currency": "EUR",
            "method": "card",
            "customer": { "email": "grace@example.com" },
        })))
        .with_status(201)
        .with_header("content-type", "application/json")
        .with_body(
            json!({ "id": 5210, "client_ref": "customer-88", "payment_link": "https://pay.paytree.example/l/8e2b6f1a" })
                .to_string(),
        )
        .create_async()
        .await;

    // The list, filtered by the reference we chose, gives the intent's id.
    let list = server
        .mock("GET", "/v1/transaction/payment_intent/")
        .match_header("authorization", authorization.as_str())
        .match_query(Matcher::UrlEncoded("transaction_ref".into(), "order-2291".into()))
        .with_header("content-type", "application/json")
        .with_body(json!({ "count": 1, "next": null, "previous": null, "results": [intent()] }).to_string())
        .create_async()
        .await;

    let retrieve = server
        .mock("GET", format!("/v1/transaction/payment_intent/{INTENT_ID}/").as_str())
        .match_header("authorization", authorization.as_str())
        .with_header("content-type", "application/json")
        .with_body(intent().to_string())
        .create_async()
        .await;

    // Paytree's spec declares no error body: the client keeps the raw one.
    let missing = server
        .mock("GET", "/v1/transaction/payment_intent/no-such-intent/")
        .match_header("authorization", authorization.as_str())
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail":"Not found."}"#)
        .create_async()
        .await;

    // http:// is accepted because the mock listens on loopback.
    let client = Client::builder().base_url(server.url()).token(TOKEN).build()?;
    let api = client.transaction_api();
    println!("Paytree mock at {}\n", client.base_url());

    let request = PaymentIntentCreateRequest::new(
        "order-2291",
        "customer-88",
        "42.50",
        AmountCurrencyEnum::Eur,
        CustomerRequest::new("Grace", "Hopper", "grace@example.com"),
        AddressRequest::new(CountryEnum::Ie).with_city("Dublin"),
        SessionRequest::new("198.51.100.23", "Mozilla/5.0"),
        CallbackRequest::new("https://shop.example/return"),
    )
    .with_method(MethodEnum::Card);
    println!(
        "-> POST /v1/transaction/payment_intent/  transaction_ref={} amount={} {}",
        request.transaction_ref,
        request.amount,
        request.amount_currency.as_str()
    );
    let created = api.transaction_payment_intent_create(&request).await?;
    println!("<- created id={} client_ref={} payment_link={}\n", created.id, created.client_ref, created.payment_link);

    println!("-> GET /v1/transaction/payment_intent/?transaction_ref=order-2291");
    let page = api
        .transaction_payment_intent_list(&TransactionPaymentIntentListParams::new().with_transaction_ref("order-2291"))
        .await?;
    let found = page.results.first().ok_or("the list is empty")?;
    println!("<- {} intent(s); first id={}\n", page.count, found.id);

    println!("-> GET /v1/transaction/payment_intent/{}/", found.id);
    let intent = api.transaction_payment_intent_retrieve(&found.id).await?;
    println!("<- intent {} ref={} amount={} {}", intent.id, intent.transaction_ref, intent.amount, intent.currency);
    for payment in &intent.payment {
        let status = payment.status.as_ref().map_or("-", |status| status.as_str());
        println!("   payment {} status={status} amount={} fee={}", payment.id, payment.amount, payment.fee);
    }
    println!();

    println!("-> GET /v1/transaction/payment_intent/no-such-intent/");
    match api.transaction_payment_intent_retrieve("no-such-intent").await {
        Ok(intent) => return Err(format!("expected a 404, got intent {}", intent.id).into()),
        Err(error) => {
            let body = String::from_utf8_lossy(error.raw_body().unwrap_or_default());
            println!("<- error: {error}");
            println!("   status={} raw body={body} attempts={}", error.status().unwrap_or_default(), error.attempts());
        }
    }

    // Each mock was hit exactly once, with the headers and body it matches.
    for mock in [create, list, retrieve, missing] {
        mock.assert_async().await;
    }
    println!("\nall requests matched what Paytree expects");
    Ok(())
}

/// A payment intent as Paytree returns it, with one captured card payment.
fn intent() -> serde_json::Value {
    json!({
        "id": INTENT_ID,
        "username": "shop-ie",
        "transaction_ref": "order-2291",
        "client_ref": "customer-88",
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.com",
        "phone": null,
        "address": "Dublin, IE",
        "amount": "42.50",
        "currency": "EUR",
        "base_amount": "42.50",
        "base_currency": "EUR",
        "method": "card",
        "payment_link": "https://pay.paytree.example/l/8e2b6f1a",
        "payment": [{
            "id": "b71c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
            "amount": "42.50",
            "currency": "EUR",
            "base_amount": "42.50",
            "base_currency": "EUR",
            "fee": "0.96",
            "refunded": null,
            "status": "success",
            "refund": [],
            "created": "2025-09-14T08:02:41Z"
        }],
        "actions": { "capture": false },
        "metadata": { "channel": "web" },
        "order_items": [],
        "route_id": "2f3e4d5c-6b7a-4980-a1b2-c3d4e5f60718",
        "route_name": "EU cards",
        "created": "2025-09-14T08:01:57Z"
    })
}
