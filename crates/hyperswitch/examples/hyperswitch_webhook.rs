//! Receiving Hyperswitch's webhooks with axum, offline: the receiver is an axum app on
//! loopback, and the example plays Hyperswitch, signing each event body with the profile's
//! payment response hash key as the server does.
//!
//! A signed event is answered 200 and printed; the same event with its amount changed, one
//! signed with another key and one without a signature are answered 401. The example fails if
//! any answer is wrong.
//!
//! ```sh
//! cargo run -p hyperswitch --example hyperswitch_webhook
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hyperswitch::models::OutgoingWebhookContent;
use hyperswitch::webhooks::{self, Event, WebhookError, WebhookKey};
use serde_json::json;

/// A profile's payment response hash key (Hyperswitch makes them 64 letters and digits).
const HASH_KEY: &str = "Vq3kO0bR7xY2cW9mT4nJ6pL1sD8fH5gK0aZ3eU7iX2oB9vC4yN6tM1rQ8wE5uI0j";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = WebhookKey::new(HASH_KEY);
    let app = axum::Router::new().route("/hyperswitch/webhooks", post(receive)).with_state(Arc::new(key.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/hyperswitch/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // The body Hyperswitch posts: compact JSON, members in the server's order.
    let body = serde_json::to_vec(&event())?;
    let http = reqwest::Client::new();
    let deliver = |body: Vec<u8>, signature: Option<String>| {
        let mut request = http.post(&url).header("content-type", "application/json").body(body);
        if let Some(signature) = signature {
            request = request.header("x-webhook-signature-512", signature);
        }
        request.send()
    };

    let signed = deliver(body.clone(), Some(webhooks::sign(&body, &key)?)).await?;
    println!("a signed event was answered {}", signed.status());
    assert_eq!(signed.status(), reqwest::StatusCode::OK);

    let changed = String::from_utf8(body.clone())?.replace("12900", "129").into_bytes();
    let tampered = deliver(changed, Some(webhooks::sign(&body, &key)?)).await?;
    println!("the event with its amount changed was answered {}", tampered.status());
    assert_eq!(tampered.status(), reqwest::StatusCode::UNAUTHORIZED);

    let forged = deliver(body.clone(), Some(webhooks::sign(&body, &WebhookKey::new("a guess"))?)).await?;
    println!("an event signed with another key was answered {}", forged.status());
    assert_eq!(forged.status(), reqwest::StatusCode::UNAUTHORIZED);

    let unsigned = deliver(body, None).await?;
    println!("an unsigned event was answered {}", unsigned.status());
    assert_eq!(unsigned.status(), reqwest::StatusCode::UNAUTHORIZED);
    Ok(())
}

/// The webhook handler: the raw body and headers in, the verified event out.
async fn receive(State(key): State<Arc<WebhookKey>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let event = match Event::from_request(&headers, &body, &key) {
        Ok(event) => event,
        Err(error @ WebhookError::Decode(_)) => {
            println!("signed, but not an event this SDK reads: {error}");
            return StatusCode::BAD_REQUEST;
        }
        Err(error) => {
            println!("refused: {error}");
            return StatusCode::UNAUTHORIZED;
        }
    };
    // Hyperswitch resends an event with the same `event_id`: a real receiver skips ids it has
    // handled before acting.
    match &event.content {
        OutgoingWebhookContent::PaymentDetails(details) => println!(
            "{} {:?}: payment {} is {:?}, {} {:?} received",
            event.event_id,
            event.event_type,
            details.object.payment_id,
            details.object.status,
            details.object.amount_received.unwrap_or_default(),
            details.object.currency,
        ),
        other => println!("{} {:?}: {other:?}", event.event_id, event.event_type),
    }
    StatusCode::OK
}

/// A `payment_succeeded` event as Hyperswitch sends it.
fn event() -> serde_json::Value {
    json!({
        "merchant_id": "merchant_shop_eu",
        "event_id": "evt_0196f1c2a3b47c5d8e9f0a1b2c3d4e5f",
        "event_type": "payment_succeeded",
        "content": {
            "type": "payment_details",
            "object": {
                "payment_id": "pay_mbabizu24mvu3mela5njyhpit4",
                "merchant_id": "merchant_shop_eu",
                "status": "succeeded",
                "amount": 12_900,
                "net_amount": 12_900,
                "amount_capturable": 0,
                "amount_received": 12_900,
                "connector": "stripe",
                "client_secret": "pay_mbabizu24mvu3mela5njyhpit4_secret_a1b2c3",
                "created": "2025-09-14T10:05:00.000Z",
                "currency": "EUR",
                "description": "Order 5531",
                "capture_method": "automatic",
                "payment_method": "card",
                "next_action": null,
                "attempt_count": 1
            }
        },
        "timestamp": "2025-09-14T10:05:03.412Z"
    })
}
