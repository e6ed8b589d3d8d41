//! PAY.JP v2's payment-intent flow against an in-process mock server: create an intent with an
//! idempotency key, retrieve it, walk a three-page list with the page stream, and decode a 404
//! problem into `payjpv2::Error`.
//!
//! Nothing leaves the machine; every mock checks the request it receives, so the example fails
//! if the client sends something else than PAY.JP expects.
//!
//! ```sh
//! cargo run -p payjpv2 --example payjpv2_offline
//! ```

use std::collections::BTreeMap;

use mockito::Matcher;
use payjpv2::models::{CaptureMethod, MetadataValue, PaymentIntentCreateRequest, PaymentMethodTypes};
use payjpv2::{Client, StreamExt};
use serde_json::json;

/// A test secret key; the mock only accepts requests that carry it.
const SECRET_KEY: &str = "sk_test_offline_example";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut server = mockito::Server::new_async().await;
    let authorization = format!("Bearer {SECRET_KEY}");

    // The key rides in Idempotency-Key: PAY.JP would answer a repeat with the first result.
    let create = server
        .mock("POST", "/v2/payment_intents")
        .match_header("authorization", authorization.as_str())
        .match_header("idempotency-key", "order-B-2207-create")
        .match_header("content-type", "application/json")
        .match_body(Matcher::PartialJson(json!({
            "amount": 3_500,
            "capture_method": "manual",
            "payment_method_types": ["card"],
            "metadata": { "order": "B-2207", "items": 2 },
        })))
        .with_header("content-type", "application/json")
        .with_body(intent("pi_7Qx2Lm9", 3_500, "requires_payment_method").to_string())
        .create_async()
        .await;

    let retrieve = server
        .mock("GET", "/v2/payment_intents/pi_7Qx2Lm9")
        .match_header("authorization", authorization.as_str())
        .with_header("content-type", "application/json")
        .with_body(intent("pi_7Qx2Lm9", 3_500, "requires_capture").to_string())
        .create_async()
        .await;

    // Three pages of two: the stream asks for the next offset while `has_more` is true.
    let pages = [
        (0, vec![intent("pi_7Qx2Lm9", 3_500, "requires_capture"), intent("pi_6Kd1Wn4", 1_200, "succeeded")], true),
        (2, vec![intent("pi_5Hb8Tr2", 9_800, "succeeded"), intent("pi_4Ga3Qe7", 500, "canceled")], true),
        (4, vec![intent("pi_3Fz6Pc1", 2_400, "succeeded")], false),
    ];
    let mut page_mocks = Vec::new();
    for (offset, data, has_more) in pages {
        let body = json!({ "data": data, "has_more": has_more, "object": "list", "url": "/v2/payment_intents" });
        let mock = server
            .mock("GET", "/v2/payment_intents")
            .match_header("authorization", authorization.as_str())
            .match_query(Matcher::Exact(format!("limit=2&offset={offset}")))
            .with_header("content-type", "application/json")
            .with_body(body.to_string())
            .create_async()
            .await;
        page_mocks.push(mock);
    }

    // PAY.JP's errors are RFC 7807 problems; `code` is a member the schema does not name.
    let missing = server
        .mock("GET", "/v2/payment_intents/pi_missing")
        .match_header("authorization", authorization.as_str())
        .with_status(404)
        .with_header("content-type", "application/problem+json")
        .with_body(
            json!({
                "type": "https://pay.jp/docs/api/#error",
                "title": "Not Found",
                "status": 404,
                "detail": "No such payment_intent: pi_missing",
                "instance": "/v2/payment_intents/pi_missing",
                "code": "resource_missing"
            })
            .to_string(),
        )
        .create_async()
        .await;

    // http:// is accepted because the mock listens on loopback.
    let client = Client::builder().base_url(server.url()).secret_key(SECRET_KEY).build()?;
    println!("PAY.JP mock at {}\n", client.base_url());

    let metadata = BTreeMap::from([
        ("order".to_owned(), MetadataValue::String("B-2207".into())),
        ("items".to_owned(), MetadataValue::Integer(2)),
    ]);
    let request = PaymentIntentCreateRequest::new(3_500)
        .with_capture_method(CaptureMethod::Manual)
        .with_payment_method_types(vec![PaymentMethodTypes::Card])
        .with_metadata(metadata);
    println!(
        "-> POST /v2/payment_intents  Idempotency-Key: order-B-2207-create  amount={} capture_method=manual",
        request.amount
    );
    let created =
        client.payment_intents_api().create_payment_intent(&request).idempotency_key("order-B-2207-create").await?;
    println!(
        "<- {} status={} amount={} client_secret=(kept for the browser)\n",
        created.id,
        created.status.as_str(),
        created.amount
    );

    // Meanwhile the customer's browser confirms the intent with its client secret.
    println!("-> GET /v2/payment_intents/{}", created.id);
    let intent = client.payment_intents_api().retrieve_payment_intent(&created.id).await?;
    println!(
        "<- {} status={} amount_capturable={}\n",
        intent.id,
        intent.status.as_str(),
        intent.amount_capturable.unwrap_or_default()
    );

    println!("-> GET /v2/payment_intents?limit=2&offset=0, then 2, then 4, as the stream is read");
    let api = client.payment_intents_api();
    let mut intents = std::pin::pin!(api.all_payment_intents(Some(2)));
    let mut total = 0;
    while let Some(intent) = intents.next().await {
        let intent = intent?;
        total += intent.amount;
        println!("<- {} {:>5} JPY {}", intent.id, intent.amount, intent.status.as_str());
    }
    println!("   {total} JPY over every page\n");

    println!("-> GET /v2/payment_intents/pi_missing");
    match client.payment_intents_api().retrieve_payment_intent("pi_missing").await {
        Ok(intent) => return Err(format!("expected a 404, got {}", intent.id).into()),
        Err(error) => {
            println!("<- error: {error}");
            let problem = error.api_error().ok_or("the problem body did not decode")?;
            println!(
                "   status={} title={} detail={} code={}",
                error.status().unwrap_or_default(),
                problem.title,
                problem.detail.as_deref().unwrap_or("-"),
                problem.additional_properties.get("code").and_then(|code| code.as_str()).unwrap_or("-")
            );
        }
    }

    // Each mock was hit exactly once, with the headers, query and body it matches.
    for mock in [create, retrieve, missing].into_iter().chain(page_mocks) {
        mock.assert_async().await;
    }
    println!("\nall requests matched what PAY.JP expects");
    Ok(())
}

/// A payment intent as PAY.JP returns it.
fn intent(id: &str, amount: i64, status: &str) -> serde_json::Value {
    json!({
        "amount": amount,
        "amount_capturable": if status == "requires_capture" { amount } else { 0 },
        "amount_received": if status == "succeeded" { amount } else { 0 },
        "capture_method": "manual",
        "client_secret": format!("{id}_secret_Yt5Rw"),
        "confirmation_method": null,
        "created_at": "2025-09-14T17:20:00+09:00",
        "customer": null,
        "description": null,
        "id": id,
        "livemode": false,
        "metadata": { "order": "B-2207", "items": 2 },
        "next_action": null,
        "object": "payment_intent",
        "payment_method": null,
        "payment_method_options": null,
        "payment_method_types": ["card"],
        "receipt_email": null,
        "return_url": null,
        "status": status,
        "updated_at": "2025-09-14T17:20:04+09:00"
    })
}
