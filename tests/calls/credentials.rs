//! A call with a credential of its own (one client, many merchants): that credential on the
//! wire, none of the client's beside it or in its place, and the next call back on the
//! client's.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mockito::Matcher;
use payintent_runtime::Error;
use payintent_tests::{fixture, reply};
use payjpv2::models::PaymentIntentCreateRequest;

use super::{
    CITYPAY_API_KEY, HYPERSWITCH_API_KEY, PAYJP_KEY, citypay, hyperswitch, nothing_sent, payjp, payjp_intent, paytree,
};

#[tokio::test]
async fn payjp_sends_the_merchants_key_for_that_call_only() {
    let mut server = mockito::Server::new_async().await;
    let merchant = reply(
        server.mock("POST", "/v2/payment_intents").match_header("authorization", "Bearer sk_test_merchant_b"),
        200,
        "application/json",
        payjp_intent(),
    )
    .expect(1)
    .create_async()
    .await;
    let platform = reply(
        server
            .mock("POST", "/v2/payment_intents")
            .match_header("authorization", format!("Bearer {PAYJP_KEY}").as_str()),
        200,
        "application/json",
        payjp_intent(),
    )
    .expect(1)
    .create_async()
    .await;
    let api = payjp(&server).payment_intents_api();
    let request = PaymentIntentCreateRequest::new(1000);
    let call = api.create_payment_intent(&request).credential(payjpv2::Credential::secret_key("sk_test_merchant_b"));
    call.idempotency_key("merchant-b-order-1").await.unwrap();
    api.create_payment_intent(&request).await.unwrap();
    merchant.assert_async().await;
    platform.assert_async().await;
}

/// A client that holds no credential at all can still make calls that bring their own.
#[tokio::test]
async fn paytree_sends_a_bearer_token_given_to_the_call_by_a_client_without_credentials() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("GET", "/v1/transaction/payment_intent/abc/")
            .match_header("authorization", "Bearer jwt.merchant.c"),
        200,
        "application/json",
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;
    let bare = paytree::Client::builder().base_url(server.url()).build().unwrap();
    let call = bare.transaction_api().transaction_payment_intent_retrieve("abc");
    call.credential(paytree::Credential::bearer_token("jwt.merchant.c")).await.unwrap();
    mock.assert_async().await;

    // The client's own token would have come first; the call's JWT replaced all of the client's.
    let with_token = reply(
        server
            .mock("GET", "/v1/transaction/payment_intent/def/")
            .match_header("authorization", "Bearer jwt.merchant.d"),
        200,
        "application/json",
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;
    let call = paytree(&server).transaction_api().transaction_payment_intent_retrieve("def");
    call.credential(paytree::Credential::bearer_token("jwt.merchant.d")).await.unwrap();
    with_token.assert_async().await;
}

/// The client secret rule still decides which of the call's keys goes: the merchant's
/// publishable key with a client secret; and without the publishable key the call fails, with
/// neither the merchant's secret key nor the platform's keys in its place.
#[tokio::test]
async fn hyperswitch_applies_the_client_secret_rule_to_the_calls_keys() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/payments/pay_1/confirm")
            .match_header("api-key", "pk_snd_merchant_e")
            .match_body(Matcher::Exact(r#"{"client_secret":"pay_1_secret_x"}"#.into())),
        200,
        "application/json",
        fixture("hyperswitch", "PaymentsResponse.json"),
    )
    .expect(1)
    .create_async()
    .await;
    let client = hyperswitch(&server);
    let api = client.payments_api();
    let confirm = hyperswitch::models::PaymentsConfirmRequest::new().with_client_secret("pay_1_secret_x");
    api.confirm_a_payment("pay_1", &confirm)
        .credential(hyperswitch::Credential::api_key("snd_merchant_e"))
        .credential(hyperswitch::Credential::publishable_key("pk_snd_merchant_e"))
        .await
        .unwrap();
    mock.assert_async().await;

    let none = nothing_sent(&mut server).await;
    let error = api
        .confirm_a_payment("pay_1", &confirm)
        .credential(hyperswitch::Credential::api_key("snd_merchant_e"))
        .await
        .unwrap_err();
    let Error::MissingCredential(missing) = &error else { panic!("{error:?}") };
    assert_eq!(missing.accepted, ["publishable_key"]);
    let text = format!("{error} {error:?}");
    for key in ["snd_merchant_e", HYPERSWITCH_API_KEY] {
        assert!(!text.contains(key), "{text}");
    }
    none.assert().await;
}

/// CityPay's temporal key for one call: derived from that merchant's licence key on the call's
/// attempt, with that merchant's client id, in place of the client's fixed key.
#[tokio::test]
async fn citypay_derives_the_merchants_temporal_key_for_that_call() {
    let mut server = mockito::Server::new_async().await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let recorded = std::sync::Arc::clone(&seen);
    let mock = reply(
        server.mock("POST", "/v6/intent/retrieve").match_request(move |request| {
            let key = request.header("cp-api-key").first().and_then(|value| value.to_str().ok()).map(str::to_owned);
            recorded.lock().unwrap().push(key.unwrap_or_default());
            true
        }),
        200,
        "application/json",
        fixture("citypay", "PaymentIntentResponseModel.json"),
    )
    .expect(2)
    .create_async()
    .await;
    let client = citypay(&server);
    let api = client.payment_intent_api();
    let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1");
    let call = api.get_payment_intent(&find).credential(citypay::Credential::licence_key("PC7", "MERCHANTLICENCE7"));
    call.await.unwrap();
    api.get_payment_intent(&find).await.unwrap();
    mock.assert_async().await;

    let keys = seen.lock().unwrap().clone();
    let merchant = STANDARD.decode(&keys[0]).unwrap();
    assert!(merchant.starts_with(b"PC7:"), "the merchant's client id leads the derived key: {}", keys[0]);
    assert_eq!(keys[1], CITYPAY_API_KEY, "the next call is the client's again");
}
