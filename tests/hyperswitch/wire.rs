//! Every operation: method, path, query (with dotted names), the `api-key` of the scheme the
//! operation declares, the body, and the decoded response.

use hyperswitch::Error;
use hyperswitch::apis::ListAllPaymentsParams;
use hyperswitch::models::*;
use mockito::Matcher;
use payintent_tests::reply;

use super::{API_KEY, PUBLISHABLE_KEY, client, payment};

struct Expected<'a> {
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    key: &'a str,
    body: Option<&'a str>,
    response: String,
}

async fn expect(server: &mut mockito::ServerGuard, expected: Expected<'_>) -> mockito::Mock {
    let mock = server
        .mock(expected.method, expected.path)
        .match_query(expected.query.map_or(Matcher::Missing, |query| Matcher::Exact(query.into())))
        .match_header("api-key", expected.key)
        .match_header("accept", "application/json");
    let mock = match expected.body {
        Some(body) => {
            mock.match_header("content-type", "application/json").match_body(Matcher::JsonString(body.into()))
        }
        None => mock.match_header("content-type", Matcher::Missing).match_body(Matcher::Exact(String::new())),
    };
    reply(mock, 200, "application/json", expected.response).expect(1).create_async().await
}

fn json<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap()
}

#[tokio::test]
async fn create_a_payment_uses_the_api_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"amount":6540,"currency":"USD","authentication_type":"three_ds"}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let request = PaymentsCreateRequest::new(6540, Currency::Usd).with_authentication_type(AuthenticationType::ThreeDs);
    let created = client(&server).payments_api().create_a_payment(&request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(created.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    assert_eq!(created.status, IntentStatus::RequiresCustomerAction);
}

// The client secret rule: Hyperswitch takes the publishable key only with the payment's
// client_secret and refuses a client_secret sent with the secret key, so the request decides
// the key. Every client below holds both keys unless it says otherwise.

#[tokio::test]
async fn confirm_with_the_client_secret_sends_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"client_secret":"pay_1_secret_x","payment_method":"card"}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/confirm",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let request: PaymentsConfirmRequest = json(body);
    client(&server).payments_api().confirm_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn confirm_without_the_client_secret_sends_the_secret_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"payment_method":"card","off_session":true}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/confirm",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let request: PaymentsConfirmRequest = json(body);
    client(&server).payments_api().confirm_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn update_with_the_client_secret_sends_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(r#"{"client_secret":"pay_1_secret_x","amount":7654}"#),
            response: payment(),
        },
    )
    .await;
    let request = PaymentsUpdateRequest::new().with_client_secret("pay_1_secret_x").with_amount(7654);
    let updated = client(&server).payments_api().update_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(updated.payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
}

#[tokio::test]
async fn update_without_the_client_secret_sends_the_secret_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1",
            query: None,
            key: API_KEY,
            body: Some(r#"{"amount":7654}"#),
            response: payment(),
        },
    )
    .await;
    client(&server)
        .payments_api()
        .update_a_payment("pay_1", &PaymentsUpdateRequest::new().with_amount(7654))
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn retrieve_with_the_client_secret_in_the_query_sends_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payments/pay_1",
            query: Some("client_secret=pay_1_secret_x"),
            key: PUBLISHABLE_KEY,
            body: None,
            response: payment(),
        },
    )
    .await;
    let options = PaymentRetrieveBody::new().with_client_secret("pay_1_secret_x");
    client(&server).payments_api().retrieve_a_payment("pay_1", &options).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn retrieve_without_the_client_secret_sends_the_secret_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payments/pay_1",
            query: Some("force_sync=true"),
            key: API_KEY,
            body: None,
            response: payment(),
        },
    )
    .await;
    let options = PaymentRetrieveBody::new().with_force_sync(true);
    client(&server).payments_api().retrieve_a_payment("pay_1", &options).await.unwrap();
    mock.assert_async().await;
}

fn payment_link() -> String {
    r#"{"payment_link_id":"plink_1","merchant_id":"merchant_1","link_to_pay":"https://pay.example/plink_1","amount":6540,"created_at":"2025-05-20T10:11:12Z","expiry":null,"description":null,"status":"active","currency":null,"secure_link":null}"#.into()
}

#[tokio::test]
async fn retrieve_a_payment_link_with_the_client_secret_in_the_query_sends_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payment_link/plink_1",
            query: Some("client_secret=pay_1_secret_x"),
            key: PUBLISHABLE_KEY,
            body: None,
            response: payment_link(),
        },
    )
    .await;
    let request = RetrievePaymentLinkRequest::new().with_client_secret("pay_1_secret_x");
    let link = client(&server).payments_api().retrieve_a_payment_link("plink_1", &request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(link.link_to_pay, "https://pay.example/plink_1");
}

#[tokio::test]
async fn retrieve_a_payment_link_without_the_client_secret_sends_the_secret_key() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payment_link/plink_1",
            query: None,
            key: API_KEY,
            body: None,
            response: payment_link(),
        },
    )
    .await;
    let link = client(&server)
        .payments_api()
        .retrieve_a_payment_link("plink_1", &RetrievePaymentLinkRequest::new())
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(link.payment_link_id, "plink_1");
}

/// The key the rule asks for is missing: the call fails before sending, says which key it needs
/// and why, and never goes out with the other key.
#[tokio::test]
async fn a_call_whose_key_the_client_secret_rule_needs_is_missing_fails_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let no_post = server.mock("POST", Matcher::Any).expect(0).create_async().await;
    let no_get = server.mock("GET", Matcher::Any).expect(0).create_async().await;
    let server_side = hyperswitch::Client::builder().base_url(server.url()).api_key(API_KEY).build().unwrap();
    let browser =
        hyperswitch::Client::builder().base_url(server.url()).publishable_key(PUBLISHABLE_KEY).build().unwrap();

    let confirm = PaymentsConfirmRequest::new().with_client_secret("pay_1_secret_x");
    let error = server_side.payments_api().confirm_a_payment("pay_1", &confirm).await.unwrap_err();
    let Error::MissingCredential(missing) = &error else { panic!("{error:?}") };
    assert_eq!((missing.accepted.as_slice(), error.attempts()), (&["publishable_key".to_owned()][..], 0));
    assert_eq!(
        error.to_string(),
        "Confirm a Payment: no credential configured for this call; it needs publishable_key, because the request \
         carries `client_secret`: Hyperswitch accepts the publishable key only with the payment's client secret, and \
         refuses a client secret sent with the secret key (422). The call was not sent with another credential in its \
         place"
    );

    let error = browser
        .payments_api()
        .retrieve_a_payment("pay_1", &PaymentRetrieveBody::new().with_force_sync(true))
        .await
        .unwrap_err();
    assert!(error.is_unsent(), "{error:?}");
    assert!(
        error.to_string().starts_with(
            "Retrieve a Payment: no credential configured for this call; it needs api_key, because the request carries \
             no `client_secret`: "
        ),
        "{error}"
    );

    let link = RetrievePaymentLinkRequest::new().with_client_secret("pay_1_secret_x");
    let error = server_side.payments_api().retrieve_a_payment_link("plink_1", &link).await.unwrap_err();
    assert!(
        matches!(&error, Error::MissingCredential(missing) if missing.accepted == ["publishable_key"]),
        "{error:?}"
    );
    no_post.assert_async().await;
    no_get.assert_async().await;
}

#[tokio::test]
async fn capture_a_payment() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/capture",
            query: None,
            key: API_KEY,
            body: Some(r#"{"amount_to_capture":654}"#),
            response: payment(),
        },
    )
    .await;
    let captured = client(&server)
        .payments_api()
        .capture_a_payment("pay_1", &PaymentsCaptureRequest::new().with_amount_to_capture(654))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(captured.amount, 6540);
}

#[tokio::test]
async fn cancel_returns_the_payment_or_none_on_an_empty_200() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"cancellation_reason":"requested_by_customer"}"#;
    let with_payment = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/cancel",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let empty = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_2/cancel",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: String::new(),
        },
    )
    .await;
    let request = PaymentsCancelRequest::new().with_cancellation_reason("requested_by_customer");
    let api = client(&server);
    let cancelled = api.payments_api().cancel_a_payment("pay_1", &request).await.unwrap();
    assert_eq!(cancelled.unwrap().payment_id, "pay_mbabizu24mvu3mela5njyhpit4");
    assert_eq!(api.payments_api().cancel_a_payment("pay_2", &request).await.unwrap(), None);
    with_payment.assert_async().await;
    empty.assert_async().await;
}

#[tokio::test]
async fn complete_authorize_is_served_under_payments_with_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"client_secret":"pay_1_secret_x"}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/complete_authorize",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let request: PaymentsCompleteAuthorizeRequest = json(body);
    client(&server).payments_api().complete_authorize_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn session_tokens_use_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"payment_id":"pay_1","client_secret":"pay_1_secret_x","wallets":["apple_pay"]}"#;
    let response = r#"{"payment_id":"pay_1","client_secret":"pay_1_secret_x","session_token":[{"wallet_name":"no_session_token_received"}]}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/session_tokens",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: response.into(),
        },
    )
    .await;
    let request = PaymentsSessionRequest::new("pay_1", "pay_1_secret_x", vec![PaymentMethodType::ApplePay]);
    let session = client(&server).payments_api().create_session_tokens_for_a_payment(&request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(session.session_token, vec![SessionToken::NoSessionTokenReceived]);
}

#[tokio::test]
async fn post_session_tokens_take_the_payment_id_from_the_path() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"client_secret":"pay_1_secret_x","payment_method_type":"paypal","payment_method":"wallet"}"#;
    let response = r#"{"payment_id":"pay_1","next_action":null,"status":"requires_customer_action"}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/post_session_tokens",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: response.into(),
        },
    )
    .await;
    let request =
        PaymentsPostSessionTokensRequest::new("pay_1_secret_x", PaymentMethodType::Paypal, PaymentMethod::Wallet);
    let answer =
        client(&server).payments_api().create_post_session_tokens_for_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(answer.status, IntentStatus::RequiresCustomerAction);
}

#[tokio::test]
async fn incremental_authorization() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/incremental_authorization",
            query: None,
            key: API_KEY,
            body: Some(r#"{"amount":7000}"#),
            response: payment(),
        },
    )
    .await;
    client(&server)
        .payments_api()
        .increment_authorized_amount_for_a_payment("pay_1", &PaymentsIncrementalAuthorizationRequest::new(7000))
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn external_3ds_authentication_uses_the_publishable_key() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"client_secret":"pay_1_secret_x","device_channel":"BRW","threeds_method_comp_ind":"Y"}"#;
    let response = r#"{"trans_status":"Y","three_ds_requestor_url":"https://example.com/3ds","three_ds_requestor_app_url":null,"acs_url":null,"challenge_request":null,"acs_reference_number":null,"acs_trans_id":null,"three_dsserver_trans_id":null,"acs_signed_content":null}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/3ds/authentication",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: response.into(),
        },
    )
    .await;
    let request: PaymentsExternalAuthenticationRequest = json(body);
    let answer =
        client(&server).payments_api().initiate_external_authentication_for_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
    assert_eq!(answer.trans_status, TransactionStatus::Y);
}

#[tokio::test]
async fn list_sends_the_time_filters_with_dots() {
    let mut server = mockito::Server::new_async().await;
    let query = "customer_id=cus_1&limit=25&created.lt=2025-06-01T00%3A00%3A00Z&created.gte=2025-05-01T00%3A00%3A00Z";
    let response = format!(r#"{{"size":1,"data":[{}]}}"#, payment());
    let filtered = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payments/list",
            query: Some(query),
            key: API_KEY,
            body: None,
            response: response.clone(),
        },
    )
    .await;
    let everything = expect(
        &mut server,
        Expected { method: "GET", path: "/payments/list", query: None, key: API_KEY, body: None, response },
    )
    .await;

    let api = client(&server);
    let params = ListAllPaymentsParams::new()
        .with_customer_id("cus_1")
        .with_limit(25)
        .with_created_lt("2025-06-01T00:00:00Z")
        .with_created_gte("2025-05-01T00:00:00Z");
    let page = api.payments_api().list_all_payments(&params).await.unwrap();
    assert_eq!((page.size, page.data.len()), (1, 1));
    api.payments_api().list_all_payments(&ListAllPaymentsParams::default()).await.unwrap();
    filtered.assert_async().await;
    everything.assert_async().await;
}

#[tokio::test]
async fn retrieve_reads_its_options_from_the_query_string_not_a_body() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "GET",
            path: "/payments/pay_1",
            query: Some("force_sync=true&expand_attempts=true"),
            key: API_KEY,
            body: None,
            response: payment(),
        },
    )
    .await;
    let options = PaymentRetrieveBody::new().with_force_sync(true).with_expand_attempts(true);
    let payment = client(&server).payments_api().retrieve_a_payment("pay_1", &options).await.unwrap();
    mock.assert_async().await;
    assert!(matches!(payment.next_action, Some(NextActionData::RedirectToUrl(_))));
}

#[tokio::test]
async fn update_metadata_takes_the_payment_id_from_the_path() {
    let mut server = mockito::Server::new_async().await;
    let body = r#"{"metadata":{"order":"1042"}}"#;
    let response = r#"{"payment_id":"pay_1","metadata":{"order":"1042"}}"#;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/update_metadata",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: response.into(),
        },
    )
    .await;
    let request: PaymentsUpdateMetadataRequest = json(body);
    client(&server).payments_api().update_metadata_for_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_missing_key_fails_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let nothing = server.mock("POST", Matcher::Any).expect(0).create_async().await;
    let server_side = hyperswitch::Client::builder().base_url(server.url()).api_key(API_KEY).build().unwrap();
    let request = PaymentsSessionRequest::new("pay_1", "pay_1_secret_x", vec![]);
    let error = server_side.payments_api().create_session_tokens_for_a_payment(&request).await.unwrap_err();
    nothing.assert_async().await;
    assert!(matches!(error, Error::MissingCredential(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "Create Session tokens for a Payment: no credential configured; it accepts publishable_key"
    );
}

// Requests as the server reads them: the `archipel` connector, routing and encoded connector
// details, and members it reads as optional left out when unset.

/// `encoded_data` is a string holding the base64 of the connector details, and the routing
/// algorithm is serde's adjacently tagged `{"type", "data"}`.
#[tokio::test]
async fn the_archipel_connector_routing_and_encoded_connector_details_are_sent_as_the_server_reads_them() {
    use base64::Engine;
    let details = r#"{"connector_account_details":{"auth_type":"HeaderKey","api_key":"test_archipel_key"}}"#;
    let encoded = base64::engine::general_purpose::STANDARD.encode(details);
    let body = format!(
        concat!(
            r#"{{"amount":6540,"currency":"EUR","connector":["archipel"],"#,
            r#""routing":{{"type":"single","data":{{"connector":"archipel","merchant_connector_id":"mca_arch1"}}}},"#,
            r#""merchant_connector_details":{{"creds_identifier":"archipel_eu","encoded_data":"{}"}}}}"#
        ),
        encoded
    );
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments",
            query: None,
            key: API_KEY,
            body: Some(&body),
            response: payment(),
        },
    )
    .await;
    let choice = RoutableConnectorChoice::new(RoutableConnectors::Archipel).with_merchant_connector_id("mca_arch1");
    let request = PaymentsCreateRequest::new(6540, Currency::Eur)
        .with_connector(vec![Connector::Archipel])
        .with_routing(StraightThroughAlgorithm::Single(StraightThroughAlgorithmSingle::new(choice)))
        .with_merchant_connector_details(MerchantConnectorDetailsWrap::new("archipel_eu").with_encoded_data(encoded));
    client(&server).payments_api().create_a_payment(&request).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_card_without_its_holder_name_is_sent_without_it() {
    let mut server = mockito::Server::new_async().await;
    let body = concat!(
        r#"{"client_secret":"pay_1_secret_x","payment_method":"card","payment_method_type":"credit","#,
        r#""payment_method_data":{"card":{"card_number":"4242424242424242","card_exp_month":"10","#,
        r#""card_exp_year":"30","card_cvc":"123"}}}"#
    );
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/confirm",
            query: None,
            key: PUBLISHABLE_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let card = Card::new("4242424242424242", "10", "30", "123");
    let request = PaymentsConfirmRequest::new()
        .with_client_secret("pay_1_secret_x")
        .with_payment_method(PaymentMethod::Card)
        .with_payment_method_type(PaymentMethodType::Credit)
        .with_payment_method_data(
            PaymentMethodDataRequest::new().with_payment_method_data(PaymentMethodData::Card(card)),
        );
    client(&server).payments_api().confirm_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}

/// Without an amount the server captures everything capturable.
#[tokio::test]
async fn capture_without_an_amount_sends_an_empty_object() {
    let mut server = mockito::Server::new_async().await;
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/capture",
            query: None,
            key: API_KEY,
            body: Some("{}"),
            response: payment(),
        },
    )
    .await;
    client(&server).payments_api().capture_a_payment("pay_1", &PaymentsCaptureRequest::new()).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn an_ach_bank_debit_without_holder_names_is_sent_without_them() {
    let mut server = mockito::Server::new_async().await;
    let body = concat!(
        r#"{"payment_method":"bank_debit","payment_method_type":"ach","payment_method_data":"#,
        r#"{"bank_debit":{"ach_bank_debit":{"account_number":"000123456789","routing_number":"110000000"}}}}"#
    );
    let mock = expect(
        &mut server,
        Expected {
            method: "POST",
            path: "/payments/pay_1/confirm",
            query: None,
            key: API_KEY,
            body: Some(body),
            response: payment(),
        },
    )
    .await;
    let debit = BankDebitData::AchBankDebit(BankDebitDataAchBankDebit::new("000123456789", "110000000"));
    let request = PaymentsConfirmRequest::new()
        .with_payment_method(PaymentMethod::BankDebit)
        .with_payment_method_type(PaymentMethodType::Ach)
        .with_payment_method_data(
            PaymentMethodDataRequest::new().with_payment_method_data(PaymentMethodData::BankDebit(debit)),
        );
    client(&server).payments_api().confirm_a_payment("pay_1", &request).await.unwrap();
    mock.assert_async().await;
}
