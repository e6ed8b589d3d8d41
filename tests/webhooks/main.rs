//! Webhook receivers of Hyperswitch and PAY.JP, end to end: the request as the gateway sends
//! it (headers and raw body) in, the verified event or the reason for refusing it out.
//!
//! Every signature here was computed outside this code, with openssl, over the exact body
//! bytes in the constant next to it:
//!
//! ```sh
//! printf '%s' "$BODY" | openssl dgst -sha512 -hmac "$HASH_KEY"
//! ```
#![allow(clippy::unwrap_used)]

use hyperswitch::webhooks::HeaderMap;

/// A profile's payment response hash key.
const HASH_KEY: &str = "Vq3kO0bR7xY2cW9mT4nJ6pL1sD8fH5gK0aZ3eU7iX2oB9vC4yN6tM1rQ8wE5uI0j";

/// A `payment_succeeded` event, compact, members in the server's order.
const PAYMENT_EVENT: &str = r#"{"merchant_id":"merchant_shop_eu","event_id":"evt_0196f1c2a3b47c5d8e9f0a1b2c3d4e5f","event_type":"payment_succeeded","content":{"type":"payment_details","object":{"payment_id":"pay_mbabizu24mvu3mela5njyhpit4","merchant_id":"merchant_shop_eu","status":"succeeded","amount":12900,"net_amount":12900,"amount_capturable":0,"amount_received":12900,"connector":"stripe","client_secret":"pay_mbabizu24mvu3mela5njyhpit4_secret_a1b2c3","created":"2025-09-14T10:05:00.000Z","currency":"EUR","capture_method":"automatic","payment_method":"card","attempt_count":1}},"timestamp":"2025-09-14T10:05:03.412Z"}"#;
const PAYMENT_EVENT_SIGNATURE: &str = "63ed3d1a514950c4fd59cd0628571f7311cd6e8f2c5a226d6f91adfbef1a0101107e18ec160f7086693f1aad297cec71a29a8772eb364a993b69d8abbb35119f";

/// An event of a type and content kind this crate has never heard of.
const UNKNOWN_EVENT: &str = r#"{"merchant_id":"merchant_shop_eu","event_id":"evt_0196f1c2a3b47c5d8e9f0a1b2c3d4e5f","event_type":"payment_partially_refunded_v9","content":{"type":"subscription_details","object":{"id":"sub_1"}},"timestamp":"2025-09-14T10:05:03.412Z"}"#;
const UNKNOWN_EVENT_SIGNATURE: &str = "763e8949121f2485b93f9ebbc58750c402c3d6f439367b310559ec39f6ab63689b37f1307a4e3d6d5cdb077d688ef1bb7c5f116de494497afd6c3d159313da76";

/// `not json`, signed.
const NOT_JSON_SIGNATURE: &str = "26a65353415ad18f151e0712d5282961875992696aa89db6241a284d14a01669a67b5e1e40563710b39c4cca8abb1206c357465dbd86aae4d5312ecaa4ebcd37";

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.append(*name, value.parse().unwrap());
    }
    headers
}

mod hyperswitch_events {
    use hyperswitch::models::{Currency, EventType, IntentStatus, OutgoingWebhookContent};
    use hyperswitch::webhooks::{self, Event, WebhookError, WebhookKey};

    use super::*;

    fn signed(signature: &str) -> HeaderMap {
        // Header names as Hyperswitch writes them: matched without regard to case.
        headers(&[("Content-Type", "application/json"), ("X-Webhook-Signature-512", signature)])
    }

    #[test]
    fn a_signed_event_is_verified_and_read() {
        let key = WebhookKey::new(HASH_KEY);
        let event = Event::from_request(&signed(PAYMENT_EVENT_SIGNATURE), PAYMENT_EVENT.as_bytes(), &key).unwrap();
        assert_eq!(event.event_id, "evt_0196f1c2a3b47c5d8e9f0a1b2c3d4e5f");
        assert_eq!(event.event_type, EventType::PaymentSucceeded);
        assert_eq!(event.timestamp, "2025-09-14T10:05:03.412Z");
        let OutgoingWebhookContent::PaymentDetails(details) = &event.content else { panic!("{:?}", event.content) };
        assert_eq!(details.object.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
        assert_eq!(details.object.status, IntentStatus::Succeeded);
        assert_eq!(details.object.amount_received, Some(12_900));
        assert_eq!(details.object.currency, Currency::Eur);
        // Our signer agrees with openssl.
        assert_eq!(webhooks::sign(PAYMENT_EVENT.as_bytes(), &key).unwrap(), PAYMENT_EVENT_SIGNATURE);
    }

    #[test]
    fn an_unknown_event_type_and_content_are_kept() {
        let key = WebhookKey::new(HASH_KEY);
        let event = Event::from_request(&signed(UNKNOWN_EVENT_SIGNATURE), UNKNOWN_EVENT.as_bytes(), &key).unwrap();
        assert_eq!(serde_json::to_value(&event.event_type).unwrap(), "payment_partially_refunded_v9");
        let OutgoingWebhookContent::Unknown(content) = &event.content else { panic!("{:?}", event.content) };
        assert_eq!(content["type"], "subscription_details");
        assert_eq!(content["object"]["id"], "sub_1");
    }

    #[test]
    fn a_changed_body_or_another_key_is_refused() {
        let key = WebhookKey::new(HASH_KEY);
        let changed = PAYMENT_EVENT.replace("12900", "129");
        let error = Event::from_request(&signed(PAYMENT_EVENT_SIGNATURE), changed.as_bytes(), &key).unwrap_err();
        assert!(matches!(error, WebhookError::Mismatch("signature")), "{error:?}");
        // The same JSON, written again with spaces: not the bytes Hyperswitch signed.
        let rewritten =
            serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(PAYMENT_EVENT).unwrap()).unwrap();
        assert!(Event::from_request(&signed(PAYMENT_EVENT_SIGNATURE), rewritten.as_bytes(), &key).is_err());
        let other = WebhookKey::new(&HASH_KEY[1..]);
        let error =
            Event::from_request(&signed(PAYMENT_EVENT_SIGNATURE), PAYMENT_EVENT.as_bytes(), &other).unwrap_err();
        assert!(matches!(error, WebhookError::Mismatch(_)), "{error:?}");
    }

    #[test]
    fn a_missing_malformed_or_repeated_signature_is_refused() {
        let key = WebhookKey::new(HASH_KEY);
        let body = PAYMENT_EVENT.as_bytes();
        let unsigned = headers(&[("content-type", "application/json")]);
        assert!(matches!(
            Event::from_request(&unsigned, body, &key),
            Err(WebhookError::MissingHeader("x-webhook-signature-512"))
        ));
        for malformed in ["sha512=abc", &PAYMENT_EVENT_SIGNATURE[..64], "not hex at all"] {
            let error = Event::from_request(&signed(malformed), body, &key).unwrap_err();
            assert!(matches!(error, WebhookError::MalformedHeader { .. }), "{malformed}: {error:?}");
        }
        let twice = headers(&[
            ("x-webhook-signature-512", PAYMENT_EVENT_SIGNATURE),
            ("x-webhook-signature-512", PAYMENT_EVENT_SIGNATURE),
        ]);
        assert!(matches!(Event::from_request(&twice, body, &key), Err(WebhookError::MalformedHeader { .. })));
    }

    #[test]
    fn a_signed_body_that_is_not_an_event_keeps_its_bytes() {
        let key = WebhookKey::new(HASH_KEY);
        let error = Event::from_request(&signed(NOT_JSON_SIGNATURE), b"not json", &key).unwrap_err();
        assert!(matches!(error, WebhookError::Decode(_)), "{error:?}");
        assert_eq!(error.body().map(|body| &body[..]), Some(&b"not json"[..]));
    }

    #[test]
    fn the_key_never_shows() {
        let key = WebhookKey::new(HASH_KEY);
        let forged = "0".repeat(128);
        let errors = [
            Event::from_request(&signed(&forged), PAYMENT_EVENT.as_bytes(), &key).unwrap_err(),
            Event::from_request(&signed(NOT_JSON_SIGNATURE), b"not json", &key).unwrap_err(),
        ];
        for error in errors {
            let shown = format!("{error} {error:?} {key:?}");
            assert!(!shown.contains(HASH_KEY) && !shown.contains(&HASH_KEY[..16]), "{shown}");
        }
    }
}

mod payjp_events {
    use payjpv2::models::{EventResponseData, PaymentIntentStatus};
    use payjpv2::webhooks::{Event, WebhookError, WebhookKey};

    use super::*;

    const TOKEN: &str = "whook_3e7b1f0c9a2d4c6e8f1a";

    const PAYMENT_EVENT: &str = r#"{"id":"evnt_0c1d2e3f4a5b6c7d8e9f","object":"event","livemode":false,"type":"payment_flow.succeeded","created_at":"2025-09-14T10:05:03Z","updated_at":"2025-09-14T10:05:03Z","pending_webhooks":1,"data":{"object":"payment_intent","id":"pi_7a8b9c0d1e2f3a4b5c6d","livemode":false,"amount":4980,"amount_capturable":0,"amount_received":4980,"client_secret":"pi_7a8b9c0d1e2f3a4b5c6d_secret_0f1e2d","confirmation_method":"automatic","payment_method_types":["card"],"status":"succeeded","capture_method":"automatic","customer":null,"metadata":{"order_id":"7731"},"created_at":"2025-09-14T10:04:41Z","updated_at":"2025-09-14T10:05:03Z"}}"#;

    fn with_token(token: &str) -> HeaderMap {
        headers(&[("content-type", "application/json"), ("X-Payjp-Webhook-Token", token)])
    }

    #[test]
    fn an_event_with_the_token_is_read() {
        let event = Event::from_request(&with_token(TOKEN), PAYMENT_EVENT.as_bytes(), &WebhookKey::new(TOKEN)).unwrap();
        assert_eq!((event.id.as_str(), event.r#type.as_str()), ("evnt_0c1d2e3f4a5b6c7d8e9f", "payment_flow.succeeded"));
        assert_eq!(event.livemode, Some(false));
        let EventResponseData::PaymentIntent(intent) = &event.data else { panic!("{:?}", event.data) };
        assert_eq!(intent.id, "pi_7a8b9c0d1e2f3a4b5c6d");
        assert_eq!(intent.status, PaymentIntentStatus::Succeeded);
        assert_eq!(intent.amount_received, Some(4_980));
    }

    #[test]
    fn a_wrong_missing_or_repeated_token_is_refused_before_the_body_is_read() {
        let token = WebhookKey::new(TOKEN);
        // Not JSON: a body read before the token check would fail differently.
        let body = b"not json";
        for wrong in ["whook_3e7b1f0c9a2d4c6e8f1", "whook_3e7b1f0c9a2d4c6e8f1a0", "WHOOK_3E7B1F0C9A2D4C6E8F1A", ""] {
            let error = Event::from_request(&with_token(wrong), body, &token).unwrap_err();
            assert!(matches!(error, WebhookError::Mismatch("token")), "{wrong}: {error:?}");
        }
        let without = headers(&[("content-type", "application/json")]);
        assert!(matches!(
            Event::from_request(&without, body, &token),
            Err(WebhookError::MissingHeader("x-payjp-webhook-token"))
        ));
        let twice = headers(&[("x-payjp-webhook-token", TOKEN), ("x-payjp-webhook-token", "whook_other")]);
        assert!(matches!(Event::from_request(&twice, body, &token), Err(WebhookError::MalformedHeader { .. })));
        let error = Event::from_request(&with_token(TOKEN), body, &token).unwrap_err();
        assert_eq!(error.body().map(|kept| &kept[..]), Some(&body[..]));
    }

    #[test]
    fn an_object_of_another_kind_is_kept_as_sent() {
        let body = r#"{"id":"evnt_9f8e7d6c5b4a3f2e1d0c","object":"event","livemode":true,"type":"checkout.session.completed","created_at":"2025-09-14T10:06:10Z","updated_at":"2025-09-14T10:06:10Z","pending_webhooks":0,"data":{"object":"checkout.session","id":"cs_5e6f7a8b9c0d","status":"complete"}}"#;
        let event = Event::from_request(&with_token(TOKEN), body.as_bytes(), &WebhookKey::new(TOKEN)).unwrap();
        let EventResponseData::Unknown(data) = &event.data else { panic!("{:?}", event.data) };
        assert_eq!((data["object"].as_str(), data["id"].as_str()), (Some("checkout.session"), Some("cs_5e6f7a8b9c0d")));
    }

    #[test]
    fn the_token_never_shows() {
        let token = WebhookKey::new(TOKEN);
        let error = Event::from_request(&with_token("whook_guess_of_the_token"), b"{}", &token).unwrap_err();
        let shown = format!("{error} {error:?} {token:?}");
        assert!(!shown.contains(TOKEN) && !shown.contains("whook_guess"), "{shown}");
    }
}
