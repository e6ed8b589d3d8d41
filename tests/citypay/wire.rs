//! Both operations, in JSON and in XML: the exact request and the decoded response.

use citypay::models::{
    FindPaymentIntentRequest, PaymentIntentReference, PaymentIntentRequestModel, PaymentIntentResponseModel,
};
use citypay::{Client, Server};
use mockito::Matcher;
use payintent_tests::{fixture, reply};

use super::{API_KEY, client, compact, xml_client};

fn seed_request() -> PaymentIntentRequestModel {
    serde_json::from_str(&fixture("citypay", "PaymentIntentRequestModel.json")).unwrap()
}

fn find_request() -> FindPaymentIntentRequest {
    FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444").with_merchantid(11_223_344)
}

#[tokio::test]
async fn create_in_json() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v6/intent/create")
            .match_query(Matcher::Missing)
            .match_header("cp-api-key", API_KEY)
            .match_header("content-type", "application/json")
            .match_header("accept", "application/json")
            .match_body(Matcher::Exact(compact("PaymentIntentRequestModel"))),
        200,
        "application/json",
        r#"{"payment_intent_id":"p13t1111222233334444"}"#,
    )
    .expect(1)
    .create_async()
    .await;

    let reference = client(&server).payment_intent_api().create_payment_intent(&seed_request()).await.unwrap();

    mock.assert_async().await;
    assert_eq!(reference, PaymentIntentReference::new("p13t1111222233334444"));
}

#[tokio::test]
async fn retrieve_in_json() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v6/intent/retrieve")
            .match_header("cp-api-key", API_KEY)
            .match_header("content-type", "application/json")
            .match_header("accept", "application/json")
            .match_body(Matcher::Exact(r#"{"merchantid":11223344,"payment_intent_id":"p13t1111222233334444"}"#.into())),
        200,
        "application/json",
        fixture("citypay", "PaymentIntentResponseModel.json"),
    )
    .expect(1)
    .create_async()
    .await;

    let intent = client(&server).payment_intent_api().get_payment_intent(&find_request()).await.unwrap();

    mock.assert_async().await;
    assert_eq!(intent.intent_status.as_deref(), Some("open"));
    assert_eq!(intent.amount, Some(19_995));
    let adjustments = intent.adjustments.as_deref().unwrap();
    assert_eq!(adjustments[0].percentage.as_deref(), Some("17.5"));
    assert_eq!(adjustments[0].conditions.as_deref().unwrap()[0].duration, Some(7));
    let transaction = &intent.transactions.as_deref().unwrap()[0];
    assert_eq!(transaction.amount_value, Some(3600));
    assert_eq!(transaction.bin_credit, Some(true));
    assert_eq!(transaction.utc.as_deref(), Some("1746299303000"));
}

const CREATE_XML: &str = concat!(
    "<PaymentIntentRequestModel><adjustments><adjustment>discount</adjustment><amount>500</amount>",
    "<conditions><discount_code>SUMMER</discount_code></conditions><conditions><duration>7</duration></conditions>",
    "</adjustments><amount>19995</amount><currency>GBP</currency><external-ref>ABC123</external-ref>",
    "<identifier>95b857a1-5955-4b86-963c-5a6dbfc4fb95</identifier><merchantid>11223344</merchantid>",
    "<tag>web</tag><tag>loyalty</tag></PaymentIntentRequestModel>"
);

fn xml_request() -> PaymentIntentRequestModel {
    use citypay::models::{AdjustmentCondition, Adjustments};
    PaymentIntentRequestModel::new(19_995, "95b857a1-5955-4b86-963c-5a6dbfc4fb95")
        .with_currency("GBP")
        .with_external_ref("ABC123")
        .with_merchantid(11_223_344)
        .with_tag(vec!["web".to_owned(), "loyalty".to_owned()])
        .with_adjustments(vec![Adjustments::new("discount").with_amount(500).with_conditions(vec![
            AdjustmentCondition::new().with_discount_code("SUMMER"),
            AdjustmentCondition::new().with_duration(7),
        ])])
}

#[tokio::test]
async fn create_in_xml_sends_the_model_as_its_root_element_with_lists_as_repeated_elements() {
    let mut server = mockito::Server::new_async().await;
    let mock = reply(
        server
            .mock("POST", "/v6/intent/create")
            .match_header("cp-api-key", API_KEY)
            .match_header("content-type", "text/xml")
            .match_header("accept", "text/xml")
            .match_body(Matcher::Exact(CREATE_XML.into())),
        200,
        "text/xml; charset=utf-8",
        "<PaymentIntentReference><payment_intent_id>p13t1111222233334444</payment_intent_id></PaymentIntentReference>",
    )
    .expect(1)
    .create_async()
    .await;

    let reference = xml_client(&server).payment_intent_api().create_payment_intent(&xml_request()).await.unwrap();

    mock.assert_async().await;
    assert_eq!(reference.payment_intent_id, "p13t1111222233334444");
}

#[tokio::test]
async fn retrieve_in_xml_decodes_repeated_elements_as_lists() {
    let mut server = mockito::Server::new_async().await;
    let response = concat!(
        "<PaymentIntentResponseModel><amount>19995</amount><identifier>95b857a1-5955-4b86-963c-5a6dbfc4fb95</identifier>",
        "<intent_status>paid</intent_status><merchantid>11223344</merchantid>",
        "<payment_intent_id>p13t1111222233334444</payment_intent_id>",
        "<transactions><amount_value>3600</amount_value><bin_credit>true</bin_credit><meta><channel>ecom</channel></meta>",
        "<transno>78416</transno></transactions>",
        "<transactions><amount_value>16395</amount_value><transno>78417</transno></transactions>",
        "<future_member>ignored</future_member></PaymentIntentResponseModel>"
    );
    let mock = reply(
        server
            .mock("POST", "/v6/intent/retrieve")
            .match_header("content-type", "text/xml")
            .match_header("accept", "text/xml")
            .match_body(Matcher::Exact(
                concat!(
                    "<FindPaymentIntentRequest><merchantid>11223344</merchantid>",
                    "<payment_intent_id>p13t1111222233334444</payment_intent_id></FindPaymentIntentRequest>"
                )
                .into(),
            )),
        200,
        "text/xml",
        response,
    )
    .expect(1)
    .create_async()
    .await;

    let intent = xml_client(&server).payment_intent_api().get_payment_intent(&find_request()).await.unwrap();

    mock.assert_async().await;
    assert_eq!(intent.merchantid, 11_223_344);
    let transactions = intent.transactions.unwrap();
    assert_eq!(transactions.len(), 2);
    assert_eq!(transactions[0].meta.as_ref().unwrap()["channel"], "ecom");
    assert_eq!(transactions[1].amount_value, Some(16_395));
}

#[tokio::test]
async fn a_response_is_decoded_by_its_content_type_whatever_was_asked() {
    let mut server = mockito::Server::new_async().await;
    // Asked for JSON, answered in XML.
    reply(
        server.mock("POST", "/v6/intent/create").match_header("accept", "application/json"),
        200,
        "application/xml",
        "<PaymentIntentReference><payment_intent_id>from-xml</payment_intent_id></PaymentIntentReference>",
    )
    .create_async()
    .await;
    // Asked for XML, answered in JSON.
    reply(
        server.mock("POST", "/v6/intent/retrieve").match_header("accept", "text/xml"),
        200,
        "application/json",
        fixture("citypay", "PaymentIntentResponseModel.json"),
    )
    .create_async()
    .await;

    let reference = client(&server).payment_intent_api().create_payment_intent(&seed_request()).await.unwrap();
    assert_eq!(reference.payment_intent_id, "from-xml");
    let intent: PaymentIntentResponseModel =
        xml_client(&server).payment_intent_api().get_payment_intent(&find_request()).await.unwrap();
    assert_eq!(intent.payment_intent_id, "p13t1111222233334444");
}

#[test]
fn the_documented_servers_are_offered_by_name() {
    assert_eq!(Server::Production.url(), "https://api.citypay.com");
    assert_eq!(Server::Sandbox.url(), "https://sandbox.citypay.com");
    let default = Client::builder().api_key(API_KEY).build().unwrap();
    assert_eq!(default.base_url(), "https://api.citypay.com");
    let sandbox = Client::builder().server(Server::Sandbox).build().unwrap();
    assert_eq!(sandbox.base_url(), "https://sandbox.citypay.com");
}
