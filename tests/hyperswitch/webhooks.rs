//! The webhook body, `OutgoingWebhook`, as Hyperswitch's server writes it
//! (crates/api_models/src/webhooks.rs): compact JSON, members in the struct's order, `content`
//! tagged by `type` with the object under `object`, every `Option` written out as `null`.
//! One body per kind of content (the mandate event is the fixture `OutgoingWebhook.json`, which
//! the decoders' property test mutates too), then what the crate does not know: a content
//! `type` and an event type it does not list are kept, not errors.

use hyperswitch::models::{
    AcceptanceType, CardNetwork, Currency, DisputeStage, DisputeStatus, EventType, IntentStatus, MandateStatus,
    OutgoingWebhook, OutgoingWebhookContent, RefundStatus,
};
use payintent_tests::{assert_round_trip, fixture};
use serde_json::{Value, json};

use super::payment;

const MERCHANT_ID: &str = "merchant_1668273825";
/// `evt_` and a UUIDv7 in simple form, as the server makes event ids.
const EVENT_ID: &str = "evt_0197a6b2c3d47e8f9a0b1c2d3e4f5a6b";
/// UTC with exactly three fraction digits and a `Z`, as the server writes the timestamp.
const TIMESTAMP: &str = "2025-06-01T12:34:56.789Z";

/// The body the server posts for `event_type`, with `object` as the content of kind `kind`.
fn webhook(event_type: &str, kind: &str, object: Value) -> String {
    json!({
        "merchant_id": MERCHANT_ID,
        "event_id": EVENT_ID,
        "event_type": event_type,
        "content": {"type": kind, "object": object},
        "timestamp": TIMESTAMP
    })
    .to_string()
}

/// Decodes `body`, checks that it encodes back to the same JSON, and checks the members every
/// body shares.
fn decoded(body: &str) -> OutgoingWebhook {
    let event = assert_round_trip::<OutgoingWebhook>(body);
    assert_eq!(event.merchant_id, MERCHANT_ID);
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.timestamp, TIMESTAMP);
    event
}

/// The seed's payment once it succeeded: what the server sends with `payment_succeeded`.
fn succeeded_payment() -> Value {
    let mut payment: Value = serde_json::from_str(&payment()).unwrap();
    let members = payment.as_object_mut().unwrap();
    members.insert("status".into(), json!("succeeded"));
    members.insert("amount_capturable".into(), json!(0));
    members.insert("amount_received".into(), json!(6540));
    members.insert("next_action".into(), Value::Null);
    payment
}

#[test]
fn a_payment_event_holds_the_payment() {
    let event = decoded(&webhook("payment_succeeded", "payment_details", succeeded_payment()));
    assert_eq!(event.event_type, EventType::PaymentSucceeded);
    let OutgoingWebhookContent::PaymentDetails(details) = &event.content else { panic!("{:?}", event.content) };
    let payment = &details.object;
    assert_eq!(payment.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    assert_eq!(payment.status, IntentStatus::Succeeded);
    assert_eq!((payment.amount, payment.amount_received), (6540, Some(6540)));
    assert_eq!(payment.currency, Currency::Usd);
    assert_eq!(payment.next_action, None);

    // The payment's client secret never shows in Debug.
    let shown = format!("{event:?}");
    assert!(!shown.contains("secret_el9ksDkiB8hi6j9N78yo") && shown.contains("pay_mbabizu24mvu3mela5njyhpit4"));
}

#[test]
fn a_refund_event_holds_the_refund_and_its_amount_has_no_lower_bound() {
    // The spec documents `minimum: 100` for the amount, but the server's type is any integer
    // (MinorUnit): a refund of 50 minor units decodes as it is.
    let refund = json!({
        "refund_id": "ref_Tq3YfB0nHvJ8mW2kL5sX",
        "payment_id": "pay_mbabizu24mvu3mela5njyhpit4",
        "amount": 50,
        "currency": "USD",
        "status": "succeeded",
        "reason": "Customer returned one item",
        "metadata": null,
        "error_message": null,
        "error_code": null,
        "unified_code": null,
        "unified_message": null,
        "created_at": "2025-06-01T12:30:00.000Z",
        "updated_at": "2025-06-01T12:34:56.000Z",
        "connector": "stripe",
        "profile_id": "pro_2WzEeiNyj8fSCP4Y7uMc",
        "merchant_connector_id": "mca_1a2B3c4D5e6F7g8H9i0J",
        "split_refunds": null,
        "issuer_error_code": null,
        "issuer_error_message": null
    });
    let event = decoded(&webhook("refund_succeeded", "refund_details", refund));
    assert_eq!(event.event_type, EventType::RefundSucceeded);
    let OutgoingWebhookContent::RefundDetails(details) = &event.content else { panic!("{:?}", event.content) };
    let refund = &details.object;
    assert_eq!(refund.refund_id, "ref_Tq3YfB0nHvJ8mW2kL5sX");
    assert_eq!(refund.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    assert_eq!(refund.amount, 50);
    assert_eq!(refund.status, RefundStatus::Succeeded);
    assert_eq!(refund.reason.as_deref(), Some("Customer returned one item"));
    assert_eq!(refund.error_code, None);
}

#[test]
fn a_dispute_event_holds_the_dispute_with_its_amount_as_text() {
    let dispute = json!({
        "dispute_id": "dp_5YqZ1wXk8Lm3Np7Rt2Vb",
        "payment_id": "pay_mbabizu24mvu3mela5njyhpit4",
        "attempt_id": "pay_mbabizu24mvu3mela5njyhpit4_1",
        "amount": "6540",
        "currency": "USD",
        "dispute_stage": "dispute",
        "dispute_status": "dispute_opened",
        "connector": "stripe",
        "connector_status": "needs_response",
        "connector_dispute_id": "dp_1QxYz2AbCdEfGh3I",
        "connector_reason": "fraudulent",
        "connector_reason_code": null,
        "challenge_required_by": "2025-06-15T23:59:59.000Z",
        "connector_created_at": "2025-06-01T09:00:00.000Z",
        "connector_updated_at": null,
        "created_at": "2025-06-01T12:34:50.000Z",
        "profile_id": "pro_2WzEeiNyj8fSCP4Y7uMc",
        "merchant_connector_id": "mca_1a2B3c4D5e6F7g8H9i0J"
    });
    let event = decoded(&webhook("dispute_opened", "dispute_details", dispute));
    assert_eq!(event.event_type, EventType::DisputeOpened);
    let OutgoingWebhookContent::DisputeDetails(details) = &event.content else { panic!("{:?}", event.content) };
    let dispute = &details.object;
    assert_eq!(dispute.dispute_id, "dp_5YqZ1wXk8Lm3Np7Rt2Vb");
    assert_eq!(dispute.amount, "6540");
    assert_eq!(dispute.currency, Currency::Usd);
    assert_eq!(
        (&dispute.dispute_stage, &dispute.dispute_status),
        (&DisputeStage::Dispute, &DisputeStatus::DisputeOpened)
    );
    assert_eq!(dispute.challenge_required_by.as_deref(), Some("2025-06-15T23:59:59.000Z"));
    assert_eq!(dispute.connector_updated_at, None);
}

#[test]
fn a_mandate_event_holds_the_mandate_with_its_card_and_acceptance() {
    let event = decoded(&fixture("hyperswitch", "OutgoingWebhook.json"));
    assert_eq!(event.event_type, EventType::MandateActive);
    let OutgoingWebhookContent::MandateDetails(details) = &event.content else { panic!("{:?}", event.content) };
    let mandate = &details.object;
    assert_eq!(mandate.mandate_id, "man_Yf4Kq7Zt1Wb9Xc2Vn6Ms");
    assert_eq!(mandate.status, MandateStatus::Active);
    let card = mandate.card.as_ref().unwrap();
    assert_eq!((card.last4_digits.as_deref(), card.card_network.as_ref()), (Some("4242"), Some(&CardNetwork::Visa)));
    let acceptance = mandate.customer_acceptance.as_ref().unwrap();
    assert_eq!(acceptance.acceptance_type, AcceptanceType::Online);
    assert_eq!(acceptance.online.as_ref().unwrap().ip_address.as_deref(), Some("203.0.113.7"));

    // The vault's card token never shows in Debug.
    let shown = format!("{event:?}");
    assert!(!shown.contains("token_Hq2Wm8Zx4Lp6Nt0Rb3Vy") && shown.contains("4242"), "{shown}");
}

#[test]
fn a_payout_event_keeps_the_payout_as_raw_json() {
    // What the server writes where the published PayoutCreateResponse differs: members it
    // requires written as null, and no `attempts` at all.
    let payout = json!({
        "payout_id": "payout_Rm4Tq8Wz2Xc6Vb1Nk9Lh",
        "merchant_id": MERCHANT_ID,
        "amount": 1000,
        "currency": "EUR",
        "connector": "adyen",
        "payout_type": "bank",
        "payout_method_data": null,
        "billing": null,
        "auto_fulfill": true,
        "customer_id": null,
        "customer": null,
        "client_secret": null,
        "return_url": null,
        "business_country": null,
        "business_label": null,
        "description": "Seller payout for May",
        "entity_type": "Individual",
        "recurring": false,
        "metadata": null,
        "merchant_connector_id": "mca_1a2B3c4D5e6F7g8H9i0J",
        "status": "success",
        "error_message": null,
        "error_code": null,
        "profile_id": "pro_2WzEeiNyj8fSCP4Y7uMc",
        "created": "2025-06-01T12:00:00.000Z",
        "connector_transaction_id": "LKXZ4Q8W2P6N3R7T",
        "priority": null,
        "payout_link": null,
        "email": null,
        "name": null,
        "phone": null,
        "phone_country_code": null,
        "unified_code": null,
        "unified_message": null,
        "payout_method_id": null
    });
    let event = decoded(&webhook("payout_success", "payout_details", payout.clone()));
    assert_eq!(event.event_type, EventType::PayoutSuccess);
    let OutgoingWebhookContent::PayoutDetails(details) = &event.content else { panic!("{:?}", event.content) };
    let raw = details.object.as_ref().unwrap();
    assert_eq!(raw, &payout);
    assert_eq!(raw["payout_id"], "payout_Rm4Tq8Wz2Xc6Vb1Nk9Lh");
    assert_eq!(raw["status"], "success");
}

#[test]
fn a_content_type_and_an_event_type_the_crate_does_not_list_are_kept() {
    let content = json!({"type": "subscription_details", "object": {"subscription_id": "sub_1", "status": "active"}});
    let body = json!({
        "merchant_id": MERCHANT_ID,
        "event_id": EVENT_ID,
        "event_type": "subscription_renewed",
        "content": content,
        "timestamp": TIMESTAMP
    })
    .to_string();
    let event = decoded(&body);
    assert!(matches!(event.event_type, EventType::Unknown(_)), "{:?}", event.event_type);
    assert_eq!(event.event_type.as_str(), "subscription_renewed");
    assert_eq!(event.content, OutgoingWebhookContent::Unknown(content));
}

#[test]
fn an_event_type_the_crate_does_not_list_leaves_the_content_typed() {
    let event = decoded(&webhook("payment_expired", "payment_details", succeeded_payment()));
    assert!(matches!(event.event_type, EventType::Unknown(_)), "{:?}", event.event_type);
    assert_eq!(event.event_type.as_str(), "payment_expired");
    let OutgoingWebhookContent::PaymentDetails(details) = &event.content else { panic!("{:?}", event.content) };
    assert_eq!(details.object.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
}

#[test]
fn content_that_is_not_what_its_type_says_is_an_error() {
    let body = webhook("refund_succeeded", "refund_details", json!({"refund_id": "ref_1"}));
    let error = serde_json::from_str::<OutgoingWebhook>(&body).unwrap_err().to_string();
    assert!(error.contains("missing field `payment_id`"), "{error}");
}
