//! The event PAY.JP posts to a webhook endpoint, `EventResponse`, in both shapes PAY.JP's own
//! tools send: the API's (`created_at`, `updated_at`, `livemode`, `pending_webhooks`; the fixture
//! `EventResponse.json`) and the one `payjp-cli listen --forward-to` re-encodes (`created` in Unix
//! seconds, no `created_at`/`updated_at`, `livemode: false` and `pending_webhooks: 0` left out,
//! `data` with its members in key order). `data` is the resource itself: a payment intent is
//! typed, any other kind is kept as received.
//!
//! PAY.JP names event types after the resource (`payment_flow.succeeded`,
//! `checkout.session.completed` in its documentation); the payment-intent names below follow
//! that pattern for the payment-intent API this crate covers. The crate keeps whatever string
//! comes.

use payintent_tests::{assert_round_trip, fixture};
use payjpv2::models::{
    CaptureMethod, EventResponse, EventResponseData, EventResponseObject, PaymentIntentResponse,
    PaymentIntentResponseObject, PaymentIntentStatus,
};
use serde_json::{Value, json};

/// The fixture event's payment intent.
fn fixture_intent() -> Value {
    let event: Value = serde_json::from_str(&fixture("payjpv2", "EventResponse.json")).unwrap();
    event["data"].clone()
}

fn payment_intent(event: &EventResponse) -> &PaymentIntentResponse {
    let EventResponseData::PaymentIntent(intent) = &event.data else { panic!("{:?}", event.data) };
    intent
}

#[test]
fn a_payment_intent_event_holds_the_payment_intent() {
    let event = assert_round_trip::<EventResponse>(&fixture("payjpv2", "EventResponse.json"));
    assert_eq!(event.id, "evnt_7d1c2b3a4f5e6d7c");
    assert_eq!(event.r#type, "payment_intent.succeeded");
    assert_eq!(event.object, Some(EventResponseObject::Event));
    assert_eq!(event.created_at.as_deref(), Some("2025-08-01T10:00:07+09:00"));
    assert_eq!(event.updated_at.as_deref(), Some("2025-08-01T10:00:07+09:00"));
    assert_eq!((event.livemode, event.pending_webhooks, event.created), (Some(false), Some(1), None));
    let intent = payment_intent(&event);
    assert_eq!(intent.id, "pi_1Ab2Cd3");
    assert_eq!(intent.status, PaymentIntentStatus::Succeeded);
    assert_eq!(intent.capture_method, CaptureMethod::Automatic);
    assert_eq!((intent.amount, intent.amount_received), (1000, Some(1000)));
    assert_eq!(intent.object, Some(PaymentIntentResponseObject::PaymentIntent));

    // The payment intent's client secret never shows in Debug.
    let shown = format!("{event:?}");
    assert!(!shown.contains("pi_1Ab2Cd3_secret_9Zy8Xw") && shown.contains("pi_1Ab2Cd3"), "{shown}");
}

#[test]
fn the_payment_intent_is_read_whatever_the_place_of_its_object_member() {
    // `object` first: the variant is read as the document streams by, the tag given back to the
    // payment intent, whose `object` is optional.
    let mut members = serde_json::Map::new();
    members.insert("object".into(), json!("payment_intent"));
    members.extend(fixture_intent().as_object().unwrap().clone().into_iter().filter(|(key, _)| key != "object"));
    let body = json!({"data": members, "id": "evnt_7d1c2b3a4f5e6d7c", "type": "payment_intent.succeeded"});
    let event = assert_round_trip::<EventResponse>(&body.to_string());
    assert_eq!(payment_intent(&event).object, Some(PaymentIntentResponseObject::PaymentIntent));
    assert_eq!(payment_intent(&event).id, "pi_1Ab2Cd3");
}

#[test]
fn a_checkout_session_event_keeps_the_session_as_received() {
    let session = json!({
        "amount_subtotal": 3980,
        "amount_total": 3980,
        "billing_address_collection": "auto",
        "cancel_url": "https://shop.example.jp/cart",
        "created_at": "2025-08-01T10:00:00+09:00",
        "currency": "jpy",
        "customer": null,
        "customer_details": {"email": "taro@example.jp"},
        "customer_email": "taro@example.jp",
        "expires_at": "2025-08-02T10:00:00+09:00",
        "id": "cs_4Kx9Lm2Nq7Rt",
        "livemode": false,
        "locale": "ja",
        "mode": "payment",
        "object": "checkout.session",
        "payment_intent": "pi_9Zy8Xw7Vu6",
        "payment_method_options": null,
        "payment_method_types": ["card"],
        "submit_type": "pay",
        "success_url": "https://shop.example.jp/thanks",
        "ui_mode": "hosted",
        "updated_at": "2025-08-01T10:03:12+09:00",
        "url": "https://checkout.pay.jp/cs_4Kx9Lm2Nq7Rt"
    });
    let body = json!({
        "created_at": "2025-08-01T10:03:12+09:00",
        "data": session,
        "id": "evnt_3e4f5a6b7c8d9e0f",
        "livemode": false,
        "object": "event",
        "pending_webhooks": 1,
        "type": "checkout.session.completed",
        "updated_at": "2025-08-01T10:03:12+09:00"
    });
    let event = assert_round_trip::<EventResponse>(&body.to_string());
    assert_eq!(event.r#type, "checkout.session.completed");
    assert_eq!(event.data, EventResponseData::Unknown(session));
}

#[test]
fn a_resource_this_crate_has_no_model_for_is_kept_as_received() {
    // PAY.JP's current API calls the payment a payment flow (`object: "payment_flow"`).
    let flow = json!({"amount": 1000, "id": "pfw_5Hj8Kl1Mn4", "object": "payment_flow", "status": "succeeded"});
    let body = json!({
        "created_at": "2025-08-01T10:00:07+09:00",
        "data": flow,
        "id": "evnt_0a1b2c3d4e5f6a7b",
        "livemode": true,
        "object": "event",
        "pending_webhooks": 0,
        "type": "payment_flow.succeeded",
        "updated_at": "2025-08-01T10:00:07+09:00"
    });
    let event = assert_round_trip::<EventResponse>(&body.to_string());
    assert_eq!(event.data, EventResponseData::Unknown(flow));
    assert_eq!((event.livemode, event.pending_webhooks), (Some(true), Some(0)));
}

#[test]
fn a_test_event_forwarded_by_payjp_cli_decodes() {
    // payjp-cli posts json.Marshal of its event message: members in the message's order, each
    // left out when zero (so `livemode: false` and `pending_webhooks: 0` are gone), `created`
    // in Unix seconds and no `created_at`/`updated_at`; `data` is re-encoded with its members
    // in key order.
    let body = format!(
        r#"{{"created":1754010007,"data":{},"id":"evnt_7d1c2b3a4f5e6d7c","object":"event","type":"payment_intent.succeeded"}}"#,
        fixture_intent()
    );
    let event = assert_round_trip::<EventResponse>(&body);
    assert_eq!(event.created, Some(1_754_010_007));
    assert_eq!((event.created_at.as_deref(), event.updated_at.as_deref()), (None, None));
    assert_eq!((event.livemode, event.pending_webhooks), (None, None));
    assert_eq!(event.r#type, "payment_intent.succeeded");
    let intent = payment_intent(&event);
    assert_eq!((intent.id.as_str(), &intent.status), ("pi_1Ab2Cd3", &PaymentIntentStatus::Succeeded));
}

#[test]
fn an_event_without_its_data_is_an_error() {
    let error = serde_json::from_str::<EventResponse>(r#"{"id":"evnt_1","type":"payment_intent.succeeded"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing field `data`"), "{error}");
}
