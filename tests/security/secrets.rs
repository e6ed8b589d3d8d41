//! No credential shows in any `Debug` or `Display` text a caller can produce: builders, clients,
//! API classes, call values and the credentials given to one call, and every kind of error with
//! its whole source chain, after the gateway refused the key, answered garbage, echoed the
//! request (headers, path and query) back in its answer, refused the connection or stalled.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use payintent_runtime::{Error, ErrorModel, RetryPolicy};

use crate::{
    CITYPAY_MERCHANT_LICENCE_KEY, HYPERSWITCH_MERCHANT_KEY, PAYJP_MERCHANT_KEY, PAYTREE_MERCHANT_TOKEN,
    assert_no_secret, citypay_builder, hyperswitch_builder, payjp_builder, paytree_builder,
};

/// The Debug and Display text of `error` and of every error in its source chain.
fn error_text<E: ErrorModel>(error: &Error<E>) -> String {
    let mut text = format!("{error:?}\n{error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n{cause:?}\n{cause}"));
        source = cause.source();
    }
    text
}

/// A gateway, proxy or firewall page that writes the request back into its answer: every header
/// and the path with its query. `seen` collects the credential values it was sent.
fn echo(request: &mockito::Request, seen: &Mutex<Vec<String>>) -> Vec<u8> {
    let mut dump = format!("{} ", request.path_and_query());
    for (name, value) in request.headers() {
        let value = value.to_str().unwrap_or_default();
        dump.push_str(&format!("{name}: {value}; "));
        if ["api-key", "authorization", "cp-api-key"].contains(&name.as_str()) {
            let mut seen = seen.lock().unwrap();
            seen.push(value.to_owned());
            // `Token <key>` / `Bearer <key>`: the key alone too.
            seen.extend(value.split_once(' ').map(|(_, key)| key.to_owned()));
        }
    }
    let query = request.path_and_query().split_once('?').map(|(_, query)| query.to_owned()).unwrap_or_default();
    for pair in query.split('&') {
        if let Some(("cp-domain-key" | "client_secret", value)) = pair.split_once('=') {
            seen.lock().unwrap().push(value.to_owned());
        }
    }
    serde_json::to_vec(&serde_json::json!({
        "error": {"type": "invalid_request", "code": "ECHO", "message": dump},
        "detail": dump,
        "message": dump,
        "code": "ECHO",
    }))
    .unwrap()
}

/// Runs `call(base_url)` against a gateway that refuses the key (401), one that answers 200 with
/// an HTML page, one that echoes the request back in a 401 and then in a 200 that does not
/// decode, a closed port and a stalled server, and checks the text of every error: no
/// credential the call sent shows, though the raw bodies of the echoes hold them.
async fn assert_errors_hide_secrets<E, Fut>(vendor: &str, (method, path): (&str, &str), call: impl Fn(String) -> Fut)
where
    E: ErrorModel,
    Fut: Future<Output = Result<(), Error<E>>>,
{
    let mut server = mockito::Server::new_async().await;
    let refused = server
        .mock(method, path)
        .match_query(mockito::Matcher::Any)
        .with_status(401)
        .with_header("content-type", "application/json")
        .with_body(r#"{"error":"invalid credentials"}"#)
        .expect(1)
        .create_async()
        .await;
    let garbage = server
        .mock(method, path)
        .match_query(mockito::Matcher::Any)
        .with_header("content-type", "text/html")
        .with_body("<html>Authorization required</html>")
        .expect(1)
        .create_async()
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let echoes = [401, 200].map(|status| {
        let seen = Arc::clone(&seen);
        server
            .mock(method, path)
            .match_query(mockito::Matcher::Any)
            .with_status(status)
            .with_header("content-type", "application/json")
            .with_body_from_request(move |request| echo(request, &seen))
            .expect(1)
    });
    let mut echoed = Vec::new();
    for mock in echoes {
        echoed.push(mock.create_async().await);
    }
    let (stalled, held) = payintent_tests::stalled_server().await;
    let targets =
        [server.url(), server.url(), server.url(), server.url(), payintent_tests::closed_port_url().await, stalled];
    let mut kinds = Vec::new();
    for target in targets {
        let error = call(target).await.expect_err("every target fails");
        kinds.push(match &error {
            Error::Api(_) => "api",
            Error::Decode(_) => "decode",
            Error::Transport(_) => "transport",
            Error::Timeout(_) => "timeout",
            _ => "other",
        });
        let what = format!("{vendor} {}", kinds.last().unwrap());
        let text = error_text(&error);
        assert_no_secret(&what, &text);
        let seen = seen.lock().unwrap().clone();
        for value in &seen {
            assert!(!text.contains(value.as_str()), "{what} shows a credential it sent: {text}");
        }
        if let Some(body) = error.raw_body().filter(|body| body.starts_with(b"{\"error\":{\"type\"")) {
            let body = String::from_utf8_lossy(body);
            assert!(seen.iter().any(|value| body.contains(value.as_str())), "{what}: the echo holds the credential");
        }
    }
    assert_eq!(kinds, ["api", "decode", "api", "decode", "transport", "timeout"], "{vendor}");
    assert!(!seen.lock().unwrap().is_empty(), "{vendor}: the echoes saw a credential");
    refused.assert_async().await;
    garbage.assert_async().await;
    for mock in echoed {
        mock.assert_async().await;
    }
    held.abort();
}

const QUICK: Duration = Duration::from_millis(200);

#[tokio::test]
async fn paytree_never_shows_its_token() {
    let builder = paytree_builder("https://gateway.example");
    assert_no_secret("paytree builder", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret("paytree client", &format!("{client:?} {:?}", client.transaction_api()));
    // The JWT scheme too.
    let jwt = || paytree::Client::builder().base_url("https://gateway.example").bearer_token(crate::PAYTREE_TOKEN);
    assert_no_secret("paytree jwt", &format!("{:?} {:?}", jwt(), jwt().build().unwrap()));

    assert_errors_hide_secrets("paytree", ("GET", "/v1/transaction/payment_intent/abc/"), |url| async move {
        let client = paytree_builder(&url).retry(RetryPolicy::none()).timeout(QUICK).build().unwrap();
        client.transaction_api().transaction_payment_intent_retrieve("abc").await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn citypay_never_shows_its_keys() {
    let builder = citypay_builder("https://gateway.example");
    assert_no_secret("citypay builder", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret("citypay client", &format!("{client:?} {:?}", client.payment_intent_api()));
    let fixed = || citypay::Client::builder().base_url("https://gateway.example").api_key(crate::CITYPAY_API_KEY);
    assert_no_secret("citypay api key", &format!("{:?} {:?}", fixed(), fixed().build().unwrap()));

    assert_errors_hide_secrets("citypay", ("POST", "/v6/intent/retrieve"), |url| async move {
        let client = citypay_builder(&url).retry(RetryPolicy::none()).timeout(QUICK).build().unwrap();
        let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444");
        client.payment_intent_api().get_payment_intent(&find).await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn payjp_never_shows_its_secret_key() {
    let builder = payjp_builder("https://gateway.example");
    assert_no_secret("payjpv2 builder", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    let api = client.payment_intents_api();
    let request = payjpv2::models::PaymentIntentCreateRequest::new(1000);
    let call = api.create_payment_intent(&request).idempotency_key("order-1042");
    assert_no_secret("payjpv2 client", &format!("{client:?} {api:?} {call:?}"));

    assert_errors_hide_secrets("payjpv2", ("GET", "/v2/payment_intents/pi_1"), |url| async move {
        let client = payjp_builder(&url).retry(RetryPolicy::none()).timeout(QUICK).build().unwrap();
        client.payment_intents_api().retrieve_payment_intent("pi_1").await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn hyperswitch_never_shows_its_keys_or_a_client_secret() {
    const CLIENT_SECRET: &str = "pay_1_secret_Zx81wq0Vb3";
    let builder = hyperswitch_builder("https://gateway.example");
    assert_no_secret("hyperswitch builder", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret("hyperswitch client", &format!("{client:?} {:?}", client.payments_api()));

    // The client secret travels in the query string: no error may repeat the URL.
    assert_errors_hide_secrets("hyperswitch", ("GET", "/payment_link/plink_1"), |url| async move {
        let client = hyperswitch_builder(&url).retry(RetryPolicy::none()).timeout(QUICK).build().unwrap();
        let request = hyperswitch::models::RetrievePaymentLinkRequest::new().with_client_secret(CLIENT_SECRET);
        let result = client.payments_api().retrieve_a_payment_link("plink_1", &request).await.map(drop);
        if let Err(error) = &result {
            let text = error_text(error);
            assert!(!text.contains(CLIENT_SECRET), "the client secret shows: {text}");
        }
        result
    })
    .await;
}

/// A credential given to one call (another merchant's) never shows: not in the credential's or
/// the call's `Debug`, not in any error of a call made with it, not when it does not fit.
#[tokio::test]
async fn a_credential_given_to_one_call_never_shows() {
    let payjp = payjpv2::Credential::secret_key(PAYJP_MERCHANT_KEY);
    let hyperswitch = hyperswitch::Credential::api_key(HYPERSWITCH_MERCHANT_KEY);
    let paytree = paytree::Credential::token(PAYTREE_MERCHANT_TOKEN);
    let citypay = citypay::Credential::licence_key("PC9", CITYPAY_MERCHANT_LICENCE_KEY);
    assert_no_secret("credentials", &format!("{payjp:?} {hyperswitch:?} {paytree:?} {citypay:?}"));
    let client = payjp_builder("https://gateway.example").build().unwrap();
    let call = client.payment_intents_api().retrieve_payment_intent("pi_1").credential(payjp.clone());
    assert_no_secret("payjpv2 call", &format!("{call:?}"));

    assert_errors_hide_secrets("payjpv2 per call", ("GET", "/v2/payment_intents/pi_1"), |url| async move {
        let client = payjpv2::Client::builder().base_url(url).retry(RetryPolicy::none()).timeout(QUICK).build();
        let call = client.unwrap().payment_intents_api().retrieve_payment_intent("pi_1");
        call.credential(payjpv2::Credential::secret_key(PAYJP_MERCHANT_KEY)).await.map(drop)
    })
    .await;
    assert_errors_hide_secrets("paytree per call", ("GET", "/v1/transaction/payment_intent/abc/"), |url| async move {
        let client = paytree::Client::builder().base_url(url).retry(RetryPolicy::none()).timeout(QUICK).build();
        let call = client.unwrap().transaction_api().transaction_payment_intent_retrieve("abc");
        call.credential(paytree::Credential::token(PAYTREE_MERCHANT_TOKEN)).await.map(drop)
    })
    .await;
    assert_errors_hide_secrets("citypay per call", ("POST", "/v6/intent/retrieve"), |url| async move {
        let client = citypay::Client::builder().base_url(url).retry(RetryPolicy::none()).timeout(QUICK).build();
        let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444");
        let call = client.unwrap().payment_intent_api().get_payment_intent(&find);
        call.credential(citypay::Credential::licence_key("PC9", CITYPAY_MERCHANT_LICENCE_KEY)).await.map(drop)
    })
    .await;
    assert_errors_hide_secrets("hyperswitch per call", ("GET", "/payments/pay_1"), |url| async move {
        let client = hyperswitch::Client::builder().base_url(url).retry(RetryPolicy::none()).timeout(QUICK).build();
        let options = hyperswitch::models::PaymentRetrieveBody::new();
        let call = client.unwrap().payments_api().retrieve_a_payment("pay_1", &options);
        call.credential(hyperswitch::Credential::api_key(HYPERSWITCH_MERCHANT_KEY)).await.map(drop)
    })
    .await;

    // A call whose own credential does not fit fails before sending, and says so without it.
    let client = hyperswitch_builder("https://gateway.example").build().unwrap();
    let confirm = hyperswitch::models::PaymentsConfirmRequest::new().with_client_secret("pay_1_secret_x");
    let error = client.payments_api().confirm_a_payment("pay_1", &confirm).credential(hyperswitch).await.unwrap_err();
    assert!(matches!(error, Error::MissingCredential(_)), "{error:?}");
    assert_no_secret("hyperswitch missing", &error_text(&error));
}

/// Card data a gateway writes back from the request body (a validation error quoting the card,
/// a proxy's echo) never shows in the error's text or `Debug`; the raw body keeps it.
#[tokio::test]
async fn card_data_echoed_from_the_request_body_never_shows() {
    use paytree::models::{
        AddressRequest, AmountCurrencyEnum, CallbackRequest, CardRequest, CountryEnum, CustomerRequest,
        PaymentIntentCreateRequest, SessionRequest,
    };
    const NUMBER: &str = "4111111111111111";
    const CVC: &str = "7391";
    let mut server = mockito::Server::new_async().await;
    let echo = server
        .mock("POST", "/v1/transaction/payment_intent/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body_from_request(|request| {
            let sent = String::from_utf8_lossy(request.body().unwrap_or(&Vec::new())).into_owned();
            serde_json::to_vec(&serde_json::json!({ "detail": format!("invalid request {sent}") })).unwrap()
        })
        .expect(1)
        .create_async()
        .await;
    let client = paytree_builder(&server.url()).retry(RetryPolicy::none()).build().unwrap();
    let request = PaymentIntentCreateRequest::new(
        "order-1042",
        "customer-17",
        "19.99",
        AmountCurrencyEnum::Eur,
        CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
        AddressRequest::new(CountryEnum::Gb),
        SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
        CallbackRequest::new("https://shop.example/return"),
    )
    .with_card(CardRequest::new().with_number(NUMBER).with_cvc(CVC).with_exp_month("03").with_exp_year("2030"));
    let error = client.transaction_api().transaction_payment_intent_create(&request).await.unwrap_err();
    let raw = String::from_utf8_lossy(error.raw_body().unwrap()).into_owned();
    assert!(raw.contains(NUMBER) && raw.contains(CVC), "the echo holds the card: {raw}");
    let text = error_text(&error);
    assert!(!text.contains(NUMBER), "the card number shows: {text}");
    assert!(!text.contains(CVC), "the CVC shows: {text}");
    assert!(text.contains("invalid request"), "{text}");
    echo.assert_async().await;
}
