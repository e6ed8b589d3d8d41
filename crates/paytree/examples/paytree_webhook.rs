//! Receiving Paytree's notifications with axum, offline: Paytree's API is a local mock, the
//! receiver is an axum app on loopback, and the example plays Paytree calling the
//! notification URL.
//!
//! A Paytree notification carries ids and no proof, so the receiver trusts none of it: it
//! reads the payment intent with an authenticated call and acts on that. The example fails if
//! the receiver answers wrongly or the client sends something Paytree would not accept.
//!
//! ```sh
//! cargo run -p paytree --example paytree_webhook
//! ```

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::get;
use paytree::webhooks::Notification;
use serde_json::json;

const TOKEN: &str = "pt_test_4c1d8f0e2a";
const INTENT_ID: &str = "8e2b6f1a-0c3d-4e5f-9a7b-1c2d3e4f5a6b";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Paytree's API: the payment intent the notification is about, paid.
    let mut paytree = mockito::Server::new_async().await;
    let retrieve = paytree
        .mock("GET", format!("/v1/transaction/payment_intent/{INTENT_ID}/").as_str())
        .match_header("authorization", format!("Token {TOKEN}").as_str())
        .with_header("content-type", "application/json")
        .with_body(intent().to_string())
        .expect(1)
        .create_async()
        .await;
    let client = paytree::Client::builder().base_url(paytree.url()).token(TOKEN).build()?;

    // The shop's receiver. Its URL, given as the create request's `callback.notification_url`:
    // http://<host>/paytree/notify?payment_intent={payment_intent_id}
    let app = axum::Router::new().route("/paytree/notify", get(notify)).with_state(Arc::new(client));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let receiver = format!("http://{}/paytree/notify", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // Paytree calls the notification URL with the id filled in.
    let http = reqwest::Client::new();
    let answer = http.get(format!("{receiver}?payment_intent={INTENT_ID}")).send().await?;
    println!("notification answered {}", answer.status());
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    retrieve.assert_async().await;

    // A request without the id is answered 400, and nothing is read.
    let stray = http.get(format!("{receiver}?transaction=1")).send().await?;
    println!("a request without an id answered {}", stray.status());
    assert_eq!(stray.status(), reqwest::StatusCode::BAD_REQUEST);
    Ok(())
}

/// The notification handler: the id from the query, the payment intent from Paytree.
async fn notify(State(client): State<Arc<paytree::Client>>, RawQuery(query): RawQuery) -> StatusCode {
    let notification = match Notification::from_query(query.as_deref().unwrap_or_default(), "payment_intent") {
        Ok(notification) => notification,
        Err(error) => {
            println!("refused: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    match notification.confirm(&client.transaction_api()).await {
        Ok(intent) => {
            for payment in &intent.payment {
                println!(
                    "payment intent {} ({}): {} {} is {:?}",
                    intent.id, intent.transaction_ref, payment.amount, payment.currency, payment.status
                );
            }
            StatusCode::OK
        }
        // Paytree repeats a notification not answered 200: a failed read is retried that way.
        Err(error) => {
            println!("could not read the payment intent: {error}");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// The payment intent as Paytree's retrieve answers it.
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
        "order_items": null,
        "route_id": "r-1",
        "route_name": "cards-eu",
        "created": "2025-09-14T08:01:12Z"
    })
}
