//! A Hyperswitch card payment against an in-process mock server: create it with the secret
//! key, confirm it with the publishable key and the client secret (as a browser would), capture
//! and retrieve it, and decode a 404 into `hyperswitch::Error`.
//!
//! Nothing leaves the machine; every mock checks the request it receives, so the example fails
//! if the client sends something else than Hyperswitch expects.
//!
//! ```sh
//! cargo run -p hyperswitch --example hyperswitch_offline
//! ```

use hyperswitch::Client;
use hyperswitch::models::{
    CaptureMethod, Card, Currency, PaymentMethod, PaymentMethodData, PaymentMethodDataRequest, PaymentRetrieveBody,
    PaymentsCaptureRequest, PaymentsConfirmRequest, PaymentsCreateRequest,
};
use mockito::Matcher;
use serde_json::json;

/// Test keys; each mock accepts only the key its operation should be called with.
const API_KEY: &str = "snd_offline_example_api_key";
const PUBLISHABLE_KEY: &str = "pk_snd_offline_example_key";
const PAYMENT_ID: &str = "order_5531";
const CLIENT_SECRET: &str = "order_5531_secret_Qm4Zr8Lx2Wv";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut server = mockito::Server::new_async().await;

    let create = server
        .mock("POST", "/payments")
        .match_header("api-key", API_KEY)
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({
            "amount": 12_900,
            "currency": "EUR",
            "payment_id": PAYMENT_ID,
            "capture_method": "manual",
            "description": "Order 5531"
        })))
        .with_header("content-type", "application/json")
        .with_body(payment("requires_payment_method", 0, None).to_string())
        .create_async()
        .await;

    // The browser confirms with the publishable key; the client secret proves it may.
    let confirm = server
        .mock("POST", format!("/payments/{PAYMENT_ID}/confirm").as_str())
        .match_header("api-key", PUBLISHABLE_KEY)
        .match_body(Matcher::PartialJson(json!({
            "client_secret": CLIENT_SECRET,
            "payment_method": "card",
            "payment_method_data": { "card": { "card_number": "4242424242424242" } }
        })))
        .with_header("content-type", "application/json")
        .with_body(payment("requires_capture", 12_900, None).to_string())
        .create_async()
        .await;

    let capture = server
        .mock("POST", format!("/payments/{PAYMENT_ID}/capture").as_str())
        .match_header("api-key", API_KEY)
        .match_body(Matcher::Json(json!({ "amount_to_capture": 12_900 })))
        .with_header("content-type", "application/json")
        .with_body(payment("succeeded", 0, Some(12_900)).to_string())
        .create_async()
        .await;

    // Retrieve options travel in the query string.
    let retrieve = server
        .mock("GET", format!("/payments/{PAYMENT_ID}").as_str())
        .match_header("api-key", API_KEY)
        .match_query(Matcher::Exact("force_sync=true".into()))
        .with_header("content-type", "application/json")
        .with_body(payment("succeeded", 0, Some(12_900)).to_string())
        .create_async()
        .await;

    let missing = server
        .mock("GET", "/payments/order_0000")
        .match_header("api-key", API_KEY)
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_body(
            json!({ "error": {
                "type": "invalid_request",
                "code": "HE_02",
                "message": "Payment does not exist in our records"
            }})
            .to_string(),
        )
        .create_async()
        .await;

    // http:// is accepted because the mock listens on loopback.
    let server_side = Client::builder().base_url(server.url()).api_key(API_KEY).build()?;
    let browser = Client::builder().base_url(server.url()).publishable_key(PUBLISHABLE_KEY).build()?;
    println!("Hyperswitch mock at {}\n", server_side.base_url());

    // payment_id makes the create safe to retry: Hyperswitch recognises a repeat by it.
    let request = PaymentsCreateRequest::new(12_900, Currency::Eur)
        .with_payment_id(PAYMENT_ID)
        .with_capture_method(CaptureMethod::Manual)
        .with_description("Order 5531");
    println!("-> POST /payments  api-key=<secret>  payment_id={PAYMENT_ID} amount=12900 EUR capture_method=manual");
    let created = server_side.payments_api().create_a_payment(&request).await?;
    println!(
        "<- {} status={} amount={} client_secret received: {}\n",
        created.payment_id,
        created.status.as_str(),
        created.amount,
        created.client_secret.is_some()
    );

    let client_secret = created.client_secret.ok_or("the create response has no client secret")?;
    let card = Card::new("4242424242424242", "10", "2030", "123").with_card_holder_name("Joseph Doe");
    let confirm_request = PaymentsConfirmRequest::new()
        .with_client_secret(client_secret)
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_data(
            PaymentMethodDataRequest::new().with_payment_method_data(PaymentMethodData::Card(card)),
        );
    println!("-> POST /payments/{PAYMENT_ID}/confirm  api-key=<publishable>  client_secret, card ending 4242");
    let confirmed = browser.payments_api().confirm_a_payment(PAYMENT_ID, &confirm_request).await?;
    println!("<- status={} amount_capturable={}\n", confirmed.status.as_str(), confirmed.amount_capturable);

    println!("-> POST /payments/{PAYMENT_ID}/capture  api-key=<secret>  amount_to_capture=12900");
    let captured = server_side
        .payments_api()
        .capture_a_payment(PAYMENT_ID, &PaymentsCaptureRequest::new().with_amount_to_capture(12_900))
        .await?;
    println!(
        "<- status={} amount_received={}\n",
        captured.status.as_str(),
        captured.amount_received.unwrap_or_default()
    );

    println!("-> GET /payments/{PAYMENT_ID}?force_sync=true");
    let payment = server_side
        .payments_api()
        .retrieve_a_payment(PAYMENT_ID, &PaymentRetrieveBody::new().with_force_sync(true))
        .await?;
    println!(
        "<- {} status={} amount={} {} connector={}\n",
        payment.payment_id,
        payment.status.as_str(),
        payment.amount,
        payment.currency.as_str(),
        payment.connector.as_deref().unwrap_or("-")
    );

    println!("-> GET /payments/order_0000");
    match server_side.payments_api().retrieve_a_payment("order_0000", &PaymentRetrieveBody::new()).await {
        Ok(payment) => return Err(format!("expected a 404, got {}", payment.payment_id).into()),
        Err(error) => {
            println!("<- error: {error}");
            let body = error.api_error().ok_or("the error body did not decode")?;
            println!(
                "   status={} type={} code={} raw body: {}",
                error.status().unwrap_or_default(),
                body.error.kind().unwrap_or("-"),
                body.error.code,
                String::from_utf8_lossy(error.raw_body().unwrap_or_default())
            );
        }
    }

    // Each mock was hit exactly once, with the key, query and body it matches.
    for mock in [create, confirm, capture, retrieve, missing] {
        mock.assert_async().await;
    }
    println!("\nall requests matched what Hyperswitch expects");
    Ok(())
}

/// The payment as Hyperswitch returns it at each step.
fn payment(status: &str, amount_capturable: i64, amount_received: Option<i64>) -> serde_json::Value {
    json!({
        "payment_id": PAYMENT_ID,
        "merchant_id": "merchant_shop_eu",
        "status": status,
        "amount": 12_900,
        "net_amount": 12_900,
        "amount_capturable": amount_capturable,
        "amount_received": amount_received,
        "connector": if status == "requires_payment_method" { None } else { Some("stripe") },
        "client_secret": CLIENT_SECRET,
        "created": "2025-09-14T10:05:00.000Z",
        "currency": "EUR",
        "description": "Order 5531",
        "capture_method": "manual",
        "payment_method": "card",
        "next_action": null,
        "attempt_count": 1
    })
}
