//! The three operations: the exact request on the wire and the decoded response.

use mockito::Matcher;
use payintent_tests::fixture;
use paytree::apis::TransactionPaymentIntentListParams;
use paytree::models::{
    AddressRequest, AmountCurrencyEnum, CallbackRequest, CountryEnum, CustomerRequest, MethodEnum, OrderItemRequest,
    PaymentIntentCreateRequest, SessionRequest, StatusEnum,
};

use super::{TOKEN, USER_AGENT, client, json_reply};

fn create_request() -> PaymentIntentCreateRequest {
    PaymentIntentCreateRequest::new(
        "order-1042",
        "customer-17",
        "19.99",
        AmountCurrencyEnum::Eur,
        CustomerRequest::new("Ada", "Lovelace", "ada@example.com"),
        AddressRequest::new(CountryEnum::Gb).with_city("London"),
        SessionRequest::new("203.0.113.7", "Mozilla/5.0"),
        CallbackRequest::new("https://shop.example/return").with_notification_url("https://shop.example/notify"),
    )
    .with_method(MethodEnum::Card)
    .with_order_items(vec![OrderItemRequest::new("Tea", 2, "4.50", "TEA-1")])
}

#[tokio::test]
async fn create_posts_the_exact_json_body_and_decodes_the_201() {
    let mut server = mockito::Server::new_async().await;
    let expected_body = concat!(
        r#"{"transaction_ref":"order-1042","client_ref":"customer-17","amount":"19.99","amount_currency":"EUR","#,
        r#""method":"card","customer":{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com"},"#,
        r#""address":{"city":"London","country":"GB"},"session":{"ip_address":"203.0.113.7","user_agent":"Mozilla/5.0"},"#,
        r#""callback":{"notification_url":"https://shop.example/notify","return_url":"https://shop.example/return"},"#,
        r#""order_items":[{"name":"Tea","quantity":2,"unit_price":"4.50","sku":"TEA-1"}]}"#
    );
    let mock = json_reply(
        server
            .mock("POST", "/v1/transaction/payment_intent/")
            .match_query(Matcher::Missing)
            .match_header("authorization", format!("Token {TOKEN}").as_str())
            .match_header("content-type", "application/json")
            .match_header("accept", "application/json")
            .match_header("user-agent", Matcher::Regex(USER_AGENT.into()))
            .match_body(Matcher::Exact(expected_body.into())),
        201,
        fixture("paytree", "PaymentIntentPostResponseSchema.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let created = client(&server).transaction_api().transaction_payment_intent_create(&create_request()).await.unwrap();

    mock.assert_async().await;
    assert_eq!(created.id, 1042);
    assert_eq!(created.client_ref, "customer-17");
    assert_eq!(created.payment_link, "https://pay.paytree.example/l/3f0c9a4e");
}

#[tokio::test]
async fn list_sends_only_the_parameters_set_and_decodes_the_page() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server
            .mock("GET", "/v1/transaction/payment_intent/")
            .match_query(Matcher::Exact("client_email=ada%2Bshop%40example.com&page=2&search=tea+%26+biscuits".into()))
            .match_header("authorization", format!("Token {TOKEN}").as_str())
            .match_header("accept", "application/json")
            .match_header("content-type", Matcher::Missing)
            .match_body(Matcher::Exact(String::new())),
        200,
        fixture("paytree", "PaginatedPaymentIntentList.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let params = TransactionPaymentIntentListParams::new()
        .with_client_email("ada+shop@example.com")
        .with_page(2)
        .with_search("tea & biscuits");
    let page = client(&server).transaction_api().transaction_payment_intent_list(&params).await.unwrap();

    mock.assert_async().await;
    assert_eq!(page.count, 41);
    assert_eq!(page.next.as_deref(), Some("https://api.paytree.example/v1/transaction/payment_intent/?page=3"));
    assert_eq!(page.previous, None);
    let intent = &page.results[0];
    assert_eq!(intent.transaction_ref, "order-1042");
    assert_eq!(intent.method, Some(MethodEnum::Card));
    assert_eq!(intent.phone, None);
    let payment = &intent.payment[0];
    assert_eq!(payment.status, Some(StatusEnum::PartialRefunded));
    assert_eq!(payment.refund[0].gateway_id, "re_3PqR7sT");
}

#[tokio::test]
async fn list_without_parameters_sends_no_query_string() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server.mock("GET", "/v1/transaction/payment_intent/").match_query(Matcher::Missing),
        200,
        r#"{"count":0,"next":null,"previous":null,"results":[]}"#,
    )
    .expect(1)
    .create_async()
    .await;

    let params = TransactionPaymentIntentListParams::default();
    let page = client(&server).transaction_api().transaction_payment_intent_list(&params).await.unwrap();

    mock.assert_async().await;
    assert_eq!(page.count, 0);
    assert!(page.results.is_empty());
}

#[tokio::test]
async fn retrieve_fills_the_path_and_decodes_the_intent() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server
            .mock("GET", "/v1/transaction/payment_intent/3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c0a55/")
            .match_query(Matcher::Missing)
            .match_header("authorization", format!("Token {TOKEN}").as_str())
            .match_header("accept", "application/json"),
        200,
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let intent = client(&server)
        .transaction_api()
        .transaction_payment_intent_retrieve("3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c0a55")
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(intent.id, "3f0c9a4e-5b7d-4c1e-9f6a-2d8b7e1c0a55");
    assert_eq!(intent.amount, "19.99");
    assert_eq!(intent.base_currency, "GBP");
    assert_eq!(intent.metadata, Some(serde_json::json!({"channel": "web", "cart": [1, 2]})));
    assert_eq!(intent.payment[0].fee, "0.45");
}

#[tokio::test]
async fn a_jwt_goes_in_a_bearer_authorization_header() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server
            .mock("GET", "/v1/transaction/payment_intent/abc/")
            .match_header("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"),
        200,
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let client =
        paytree::Client::builder().base_url(server.url()).bearer_token("eyJhbGciOiJIUzI1NiJ9.e30.sig").build().unwrap();
    client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_path_parameter_with_a_slash_stays_one_segment() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server.mock("GET", "/v1/transaction/payment_intent/a%2Fb%3Fc%23d%20%C3%A9/").match_query(Matcher::Missing),
        200,
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;

    client(&server).transaction_api().transaction_payment_intent_retrieve("a/b?c#d é").await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    let mut server = mockito::Server::new_async().await;
    let mock = json_reply(
        server.mock("GET", "/api/v1/transaction/payment_intent/abc/"),
        200,
        fixture("paytree", "PaymentIntent.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let client = paytree::Client::builder().base_url(format!("{}/api/", server.url())).token(TOKEN).build().unwrap();
    client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap();
    mock.assert_async().await;
}
