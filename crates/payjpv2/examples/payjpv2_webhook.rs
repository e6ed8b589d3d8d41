//! Receiving PAY.JP's webhooks with axum, offline: the receiver is an axum app on loopback,
//! and the example plays PAY.JP, posting events with the account's webhook token.
//!
//! An event with the right token is answered 200 and printed; one with a wrong token or none
//! is answered 401 and its body is never read. The example fails if any answer is wrong.
//!
//! ```sh
//! cargo run -p payjpv2 --example payjpv2_webhook
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use payjpv2::models::EventResponseData;
use payjpv2::webhooks::{Event, WebhookError, WebhookKey};
use serde_json::json;

/// The webhook token the PAY.JP dashboard shows for the account.
const TOKEN: &str = "whook_3e7b1f0c9a2d4c6e8f1a";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = axum::Router::new().route("/payjp/webhooks", post(receive)).with_state(Arc::new(WebhookKey::new(TOKEN)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/payjp/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let http = reqwest::Client::new();
    let deliver = |event: serde_json::Value, token: Option<&str>| {
        let mut request = http.post(&url).header("content-type", "application/json").body(event.to_string());
        if let Some(token) = token {
            request = request.header("x-payjp-webhook-token", token);
        }
        request.send()
    };

    let paid = deliver(payment_event(), Some(TOKEN)).await?;
    println!("a payment event was answered {}", paid.status());
    assert_eq!(paid.status(), reqwest::StatusCode::OK);

    let checkout = deliver(checkout_event(), Some(TOKEN)).await?;
    println!("a checkout event was answered {}", checkout.status());
    assert_eq!(checkout.status(), reqwest::StatusCode::OK);

    let wrong = deliver(payment_event(), Some("whook_guess")).await?;
    println!("an event with a wrong token was answered {}", wrong.status());
    assert_eq!(wrong.status(), reqwest::StatusCode::UNAUTHORIZED);

    let without = deliver(payment_event(), None).await?;
    println!("an event without a token was answered {}", without.status());
    assert_eq!(without.status(), reqwest::StatusCode::UNAUTHORIZED);
    Ok(())
}

/// The webhook handler: the token checked, then the event read.
async fn receive(State(token): State<Arc<WebhookKey>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let event = match Event::from_request(&headers, &body, &token) {
        Ok(event) => event,
        Err(error @ WebhookError::Decode(_)) => {
            println!("not an event this SDK reads: {error}");
            return StatusCode::BAD_REQUEST;
        }
        Err(error) => {
            println!("refused: {error}");
            return StatusCode::UNAUTHORIZED;
        }
    };
    match &event.data {
        EventResponseData::PaymentIntent(intent) => {
            println!(
                "{} {}: payment intent {} is {:?}, {} yen received",
                event.id,
                event.r#type,
                intent.id,
                intent.status,
                intent.amount_received.unwrap_or_default()
            )
        }
        other => println!("{} {}: {other:?}", event.id, event.r#type),
    }
    StatusCode::OK
}

/// A payment intent that succeeded, as PAY.JP posts it.
fn payment_event() -> serde_json::Value {
    json!({
        "id": "evnt_0c1d2e3f4a5b6c7d8e9f",
        "object": "event",
        "livemode": false,
        "type": "payment_flow.succeeded",
        "created_at": "2025-09-14T10:05:03Z",
        "updated_at": "2025-09-14T10:05:03Z",
        "pending_webhooks": 1,
        "data": {
            "object": "payment_intent",
            "id": "pi_7a8b9c0d1e2f3a4b5c6d",
            "livemode": false,
            "amount": 4_980,
            "amount_capturable": 0,
            "amount_received": 4_980,
            "client_secret": "pi_7a8b9c0d1e2f3a4b5c6d_secret_0f1e2d",
            "confirmation_method": "automatic",
            "payment_method_types": ["card"],
            "status": "succeeded",
            "capture_method": "automatic",
            "customer": null,
            "description": "Order 7731",
            "metadata": { "order_id": "7731" },
            "payment_method": "pm_1a2b3c4d5e6f",
            "created_at": "2025-09-14T10:04:41Z",
            "updated_at": "2025-09-14T10:05:03Z"
        }
    })
}

/// A completed checkout session: a kind of object this crate keeps as JSON.
fn checkout_event() -> serde_json::Value {
    json!({
        "id": "evnt_9f8e7d6c5b4a3f2e1d0c",
        "object": "event",
        "livemode": false,
        "type": "checkout.session.completed",
        "created_at": "2025-09-14T10:06:10Z",
        "updated_at": "2025-09-14T10:06:10Z",
        "pending_webhooks": 1,
        "data": { "object": "checkout.session", "id": "cs_5e6f7a8b9c0d", "status": "complete" }
    })
}
