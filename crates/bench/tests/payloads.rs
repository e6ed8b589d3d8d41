//! Every payload decodes through the SDK's decode path and through its mirror, and both read
//! the same values as the JSON itself holds: a baseline that decoded less (or nothing) would
//! make its ratio meaningless.

use payintent_bench::mirror;
use payintent_bench::payloads::{self, LIST_LEN, Payload};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The payload as the SDK reads it, as its mirror reads it, and as plain JSON.
fn decode<S: DeserializeOwned, M: DeserializeOwned>(payload: &Payload) -> (S, M, Value) {
    let sdk = payintent_runtime::decode_body(Some(payload.content_type), &payload.bytes).expect("the SDK decodes it");
    let from_slice: Result<S, _> = serde_json::from_slice(&payload.bytes);
    from_slice.expect("the SDK types decode it through serde_json alone");
    let mirror = serde_json::from_slice(&payload.bytes).expect("the mirror decodes it");
    (sdk, mirror, serde_json::from_slice(&payload.bytes).expect("JSON"))
}

/// The mirror's value of a closed enum for the wire value `text`.
fn closed<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_value(json!(text)).expect("the mirror lists the value")
}

#[test]
fn payloads_are_compact_and_the_hyperswitch_payment_is_full_size() {
    let payment = payloads::hyperswitch::payment().bytes;
    assert!((3_400..4_000).contains(&payment.len()), "{} bytes", payment.len());
    assert!(!payment.contains(&b'\n'));
}

mod hyperswitch {
    use ::hyperswitch::models as sdk;
    use mirror::hyperswitch as plain;

    use super::*;

    fn same_payment(sdk: &sdk::PaymentsResponse, plain: &plain::PaymentsResponse, json: &Value) {
        assert_eq!(json["payment_id"].as_str(), Some(sdk.payment_id.as_str()));
        assert_eq!(plain.payment_id, sdk.payment_id);
        assert_eq!(json["amount"].as_i64(), Some(sdk.amount));
        assert_eq!((plain.amount, plain.net_amount), (sdk.amount, sdk.net_amount));
        assert_eq!(plain.amount_received, sdk.amount_received);
        assert_eq!(json["status"].as_str(), Some(sdk.status.as_str()));
        assert_eq!(plain.status, closed::<plain::IntentStatus>(sdk.status.as_str()));
        assert_eq!(sdk.created.as_deref(), json["created"].as_str());
        assert_eq!(plain.created, sdk.created);
    }

    #[test]
    fn payment() {
        let (sdk, plain, json) =
            decode::<sdk::PaymentsResponse, plain::PaymentsResponse>(&payloads::hyperswitch::payment());
        same_payment(&sdk, &plain, &json);
        assert_eq!(sdk.status, sdk::IntentStatus::Succeeded);
        assert_eq!(sdk.currency, sdk::Currency::Usd);
        assert!(matches!(plain.currency, plain::Currency::Usd));

        // The nested parts decode in both: the card under its tag, both addresses, the metadata.
        let Some(sdk::PaymentsResponsePaymentMethodData::PaymentMethodDataResponseWithBilling(data)) =
            &sdk.payment_method_data
        else {
            panic!("the SDK reads the card data as an object: {:?}", sdk.payment_method_data)
        };
        let Some(sdk::PaymentMethodDataResponse::Card(card)) = &data.payment_method_data_response else {
            panic!("the SDK reads the card: {data:?}")
        };
        let Some(plain::PaymentsResponsePaymentMethodData::PaymentMethodDataResponseWithBilling(plain_data)) =
            &plain.payment_method_data
        else {
            panic!("the mirror reads the card data as an object")
        };
        let Some(plain::PaymentMethodDataResponse::Card(plain_card)) = &plain_data.payment_method_data_response else {
            panic!("the mirror reads the card")
        };
        assert_eq!(card.last4.as_deref(), Some("4242"));
        assert_eq!(plain_card.last4, card.last4);
        assert_eq!(card.card_network, Some(sdk::CardNetwork::Visa));
        assert!(matches!(plain_card.card_network, Some(plain::CardNetwork::Visa)));
        assert_eq!(plain_card.payment_checks, card.payment_checks);

        let city = |address: Option<&sdk::Address>| address?.address.as_ref()?.city.clone();
        let plain_city = |address: Option<&plain::Address>| address?.address.as_ref()?.city.clone();
        assert_eq!(city(sdk.billing.as_ref()).as_deref(), Some("San Francisco"));
        assert_eq!(plain_city(plain.billing.as_ref()), city(sdk.billing.as_ref()));
        assert_eq!(plain_city(plain.shipping.as_ref()), city(sdk.shipping.as_ref()));
        assert_eq!(sdk.metadata.as_ref().map(|m| m.len()), Some(3));
        assert_eq!(plain.metadata, sdk.metadata);
        assert!(sdk.next_action.is_none() && plain.next_action.is_none());
    }

    #[test]
    fn list() {
        let (sdk, plain, json) =
            decode::<sdk::PaymentListResponse, plain::PaymentListResponse>(&payloads::hyperswitch::list());
        assert_eq!((sdk.size, plain.size), (LIST_LEN as i64, LIST_LEN as i64));
        assert_eq!((sdk.data.len(), plain.data.len()), (LIST_LEN, LIST_LEN));
        for (i, (sdk, plain)) in sdk.data.iter().zip(&plain.data).enumerate() {
            same_payment(sdk, plain, &json["data"][i]);
        }
        assert_ne!(sdk.data[0].payment_id, sdk.data[1].payment_id, "items vary");
    }

    #[test]
    fn error() {
        let (sdk, plain, json) = decode::<sdk::GenericErrorResponseOpenApi, plain::GenericErrorResponseOpenApi>(
            &payloads::hyperswitch::error(),
        );
        assert_eq!(json["error"]["code"].as_str(), Some(sdk.error.code.as_str()));
        assert_eq!((plain.error.code, plain.error.message), (sdk.error.code, sdk.error.message));
        assert_eq!(plain.error.r#type, sdk.error.r#type);
    }
}

mod payjpv2 {
    use ::payjpv2::models as sdk;
    use mirror::payjpv2 as plain;

    use super::*;

    fn same_payment(sdk: &sdk::PaymentIntentResponse, plain: &plain::PaymentIntentResponse, json: &Value) {
        assert_eq!(json["id"].as_str(), Some(sdk.id.as_str()));
        assert_eq!(plain.id, sdk.id);
        assert_eq!(json["amount"].as_i64(), Some(sdk.amount));
        assert_eq!(plain.amount, sdk.amount);
        assert_eq!(json["status"].as_str(), Some(sdk.status.as_str()));
        assert_eq!(plain.status, closed::<plain::PaymentIntentStatus>(sdk.status.as_str()));
        assert_eq!(plain.created_at, sdk.created_at);
        let keys = |map: Option<Vec<&String>>| map.unwrap_or_default().into_iter().cloned().collect::<Vec<_>>();
        assert_eq!(keys(plain.metadata.as_ref().map(|m| m.keys().collect())), ["gift", "items", "order"]);
        assert_eq!(keys(sdk.metadata.as_ref().map(|m| m.keys().collect())), ["gift", "items", "order"]);
    }

    #[test]
    fn payment() {
        let (sdk, plain, json) =
            decode::<sdk::PaymentIntentResponse, plain::PaymentIntentResponse>(&payloads::payjpv2::payment());
        same_payment(&sdk, &plain, &json);
    }

    #[test]
    fn list() {
        let (sdk, plain, json) =
            decode::<sdk::PaymentIntentListResponse, plain::PaymentIntentListResponse>(&payloads::payjpv2::list());
        assert_eq!((sdk.data.len(), plain.data.len()), (LIST_LEN, LIST_LEN));
        assert!(sdk.has_more && plain.has_more);
        for (i, (sdk, plain)) in sdk.data.iter().zip(&plain.data).enumerate() {
            same_payment(sdk, plain, &json["data"][i]);
        }
        assert_ne!(sdk.data[0].id, sdk.data[1].id, "items vary");
    }

    #[test]
    fn error() {
        let payload = payloads::payjpv2::error();
        assert_eq!(payload.content_type, "application/problem+json");
        let (sdk, plain, json) = decode::<sdk::ErrorResponse, plain::ErrorResponse>(&payload);
        assert_eq!(json["status"].as_i64(), Some(sdk.status));
        assert_eq!((plain.status, &plain.title), (sdk.status, &sdk.title));
        assert_eq!(sdk.additional_properties["code"], "invalid_amount");
        assert_eq!(plain.additional_properties, sdk.additional_properties);
        assert_eq!(plain.errors, sdk.errors);
    }
}

mod paytree {
    use ::paytree::models as sdk;
    use mirror::paytree as plain;

    use super::*;

    fn same_intent(sdk: &sdk::PaymentIntent, plain: &plain::PaymentIntent, json: &Value) {
        assert_eq!(json["id"].as_str(), Some(sdk.id.as_str()));
        assert_eq!(plain.id, sdk.id);
        assert_eq!(json["amount"].as_str(), Some(sdk.amount.as_str()));
        assert_eq!((&plain.amount, &plain.transaction_ref), (&sdk.amount, &sdk.transaction_ref));
        let status = sdk.payment[0].status.as_ref().expect("a status").as_str();
        assert_eq!(json["payment"][0]["status"].as_str(), Some(status));
        assert_eq!(plain.payment[0].status, Some(closed::<plain::Status>(status)));
        assert_eq!(plain.payment[0].refund[0].gateway_id, sdk.payment[0].refund[0].gateway_id);
    }

    #[test]
    fn payment() {
        let (sdk, plain, json) = decode::<sdk::PaymentIntent, plain::PaymentIntent>(&payloads::paytree::payment());
        same_intent(&sdk, &plain, &json);
    }

    #[test]
    fn list() {
        let (sdk, plain, json) =
            decode::<sdk::PaginatedPaymentIntentList, plain::PaginatedPaymentIntentList>(&payloads::paytree::list());
        assert_eq!((sdk.results.len(), plain.results.len()), (LIST_LEN, LIST_LEN));
        assert_eq!((plain.count, &plain.next), (sdk.count, &sdk.next));
        for (i, (sdk, plain)) in sdk.results.iter().zip(&plain.results).enumerate() {
            same_intent(sdk, plain, &json["results"][i]);
        }
        assert_ne!(sdk.results[0].id, sdk.results[1].id, "items vary");
    }
}

mod citypay {
    use ::citypay::models as sdk;
    use mirror::citypay as plain;

    use super::*;

    #[test]
    fn payment() {
        let (sdk, plain, json) =
            decode::<sdk::PaymentIntentResponseModel, plain::PaymentIntentResponseModel>(&payloads::citypay::payment());
        assert_eq!(json["payment_intent_id"].as_str(), Some(sdk.payment_intent_id.as_str()));
        assert_eq!((&plain.payment_intent_id, plain.amount), (&sdk.payment_intent_id, sdk.amount));
        assert_eq!(plain.external_ref, sdk.external_ref);
        let transaction = &sdk.transactions.as_ref().expect("transactions")[0];
        let plain_transaction = &plain.transactions.as_ref().expect("transactions")[0];
        assert_eq!(transaction.maskedpan.as_deref(), Some("4***********0002"));
        assert_eq!(
            (&plain_transaction.maskedpan, plain_transaction.transno),
            (&transaction.maskedpan, transaction.transno)
        );
        let adjustment = &sdk.adjustments.as_ref().expect("adjustments")[0];
        assert_eq!(adjustment.percentage.as_deref(), Some("17.5"));
        assert_eq!(plain.adjustments.as_ref().expect("adjustments")[0].percentage, adjustment.percentage);
    }

    #[test]
    fn error() {
        let (sdk, plain, json) = decode::<sdk::Error, plain::Error>(&payloads::citypay::error());
        assert_eq!(sdk.code.as_deref(), json["code"].as_str());
        assert_eq!((plain.code, plain.message), (sdk.code, sdk.message));
    }
}
