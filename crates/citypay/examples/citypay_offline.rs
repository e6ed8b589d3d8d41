//! CityPay's payment-intent flow against an in-process mock server: create and retrieve an
//! intent in JSON, do the same in XML, and decode a 422 into `citypay::Error`.
//!
//! The client derives a fresh `cp-api-key` from a licence key for every request; the mock plays
//! CityPay's side and recomputes each key before answering. Every mock checks the request it
//! receives, so the example fails if the client sends something else than CityPay expects.
//!
//! ```sh
//! cargo run -p citypay --example citypay_offline
//! ```

use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use citypay::models::{ContactDetails, FindPaymentIntentRequest, PaymentIntentRequestModel};
use citypay::{Client, Format};
use mockito::Matcher;
use serde_json::json;

const CLIENT_ID: &str = "PC2";
/// A test licence key: it never goes on the wire, only keys derived from it do.
const LICENCE_KEY: &str = "4R7KQ2M9TZ8WLC1V";
const MERCHANT_ID: i32 = 42_424_242;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut server = mockito::Server::new_async().await;
    let json_client = Client::builder().base_url(server.url()).licence_key(CLIENT_ID, LICENCE_KEY).build()?;
    let xml_client =
        Client::builder().base_url(server.url()).licence_key(CLIENT_ID, LICENCE_KEY).format(Format::Xml).build()?;
    println!("CityPay mock at {}", json_client.base_url());
    println!("credential: licence key of client {CLIENT_ID}; every request carries a fresh cp-api-key\n");

    // --- JSON ---------------------------------------------------------------------------------
    let create_json = server
        .mock("POST", "/v6/intent/create")
        .match_request(carries_a_valid_key)
        .match_header("content-type", "application/json")
        .match_body(Matcher::PartialJson(
            json!({ "amount": 4_999, "currency": "GBP", "identifier": "order-3107-a1", "merchantid": MERCHANT_ID }),
        ))
        .with_header("content-type", "application/json")
        .with_body(json!({ "payment_intent_id": "p13t9000111122223333" }).to_string())
        .create_async()
        .await;
    let retrieve_json = server
        .mock("POST", "/v6/intent/retrieve")
        .match_request(carries_a_valid_key)
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({ "merchantid": MERCHANT_ID, "payment_intent_id": "p13t9000111122223333" })))
        .with_header("content-type", "application/json")
        .with_body(intent_json().to_string())
        .create_async()
        .await;

    let api = json_client.payment_intent_api();
    let request = PaymentIntentRequestModel::new(4_999, "order-3107-a1")
        .with_currency("GBP")
        .with_merchantid(MERCHANT_ID)
        .with_bill_to(ContactDetails::new().with_firstname("Ada").with_email("ada@example.com"));
    println!(
        "-> POST /v6/intent/create (JSON)  identifier={} amount={} {}",
        request.identifier,
        request.amount,
        request.currency.as_deref().unwrap_or("-")
    );
    let reference = api.create_payment_intent(&request).await?;
    println!("<- payment_intent_id={}\n", reference.payment_intent_id);

    let find = FindPaymentIntentRequest::new()
        .with_payment_intent_id(&reference.payment_intent_id)
        .with_merchantid(MERCHANT_ID);
    println!("-> POST /v6/intent/retrieve (JSON)  payment_intent_id={}", reference.payment_intent_id);
    let intent = api.get_payment_intent(&find).await?;
    print_intent(&intent);

    // Each mock was hit exactly once, with the headers and body it matches. Removing the JSON
    // mocks leaves the XML requests to the XML mocks.
    for mock in [create_json, retrieve_json] {
        mock.assert_async().await;
        mock.remove_async().await;
    }

    // --- XML: the same calls, other bodies on the wire ------------------------------------------
    let xml_request = PaymentIntentRequestModel::new(12_500, "order-3108-b2")
        .with_currency("GBP")
        .with_merchantid(MERCHANT_ID)
        .with_tag(vec!["web".to_owned(), "gift".to_owned()]);
    // The root element is named after the model; the list `tag` becomes repeated elements.
    let expected_xml = concat!(
        "<PaymentIntentRequestModel><amount>12500</amount><currency>GBP</currency>",
        "<identifier>order-3108-b2</identifier><merchantid>42424242</merchantid>",
        "<tag>web</tag><tag>gift</tag></PaymentIntentRequestModel>"
    );
    let create_xml = server
        .mock("POST", "/v6/intent/create")
        .match_request(carries_a_valid_key)
        .match_header("content-type", "text/xml")
        .match_header("accept", "text/xml")
        .match_body(Matcher::Exact(expected_xml.to_owned()))
        .with_header("content-type", "text/xml; charset=utf-8")
        .with_body("<PaymentIntentReference><payment_intent_id>p13t9000444455556666</payment_intent_id></PaymentIntentReference>")
        .create_async()
        .await;
    let retrieve_xml = server
        .mock("POST", "/v6/intent/retrieve")
        .match_header("content-type", "text/xml")
        .match_body(Matcher::Exact(
            "<FindPaymentIntentRequest><payment_intent_id>p13t9000444455556666</payment_intent_id></FindPaymentIntentRequest>"
                .to_owned(),
        ))
        .with_header("content-type", "text/xml")
        .with_body(intent_xml())
        .create_async()
        .await;

    let api = xml_client.payment_intent_api();
    println!("-> POST /v6/intent/create (XML)\n   {expected_xml}");
    let reference = api.create_payment_intent(&xml_request).await?;
    println!("<- payment_intent_id={}\n", reference.payment_intent_id);

    println!("-> POST /v6/intent/retrieve (XML)  payment_intent_id={}", reference.payment_intent_id);
    let intent = api
        .get_payment_intent(&FindPaymentIntentRequest::new().with_payment_intent_id(&reference.payment_intent_id))
        .await?;
    print_intent(&intent);

    // --- An error: CityPay answers 422 with its error body ------------------------------------
    let unknown = server
        .mock("POST", "/v6/intent/retrieve")
        .match_header("content-type", "application/json")
        .match_body(Matcher::PartialJson(json!({ "payment_intent_id": "p13t0000000000000000" })))
        .with_status(422)
        .with_header("content-type", "application/json")
        .with_body(
            json!({
                "code": "P003",
                "context": "intent.retrieve",
                "message": "No payment intent matches the request",
                "response_dt": "2025-09-14T09:12:03Z"
            })
            .to_string(),
        )
        .create_async()
        .await;
    println!("-> POST /v6/intent/retrieve (JSON)  payment_intent_id=p13t0000000000000000");
    let find = FindPaymentIntentRequest::new().with_payment_intent_id("p13t0000000000000000");
    match json_client.payment_intent_api().get_payment_intent(&find).await {
        Ok(intent) => return Err(format!("expected a 422, got {}", intent.payment_intent_id).into()),
        Err(error) => {
            println!("<- error: {error}");
            let body = error.api_error().ok_or("the 422 body did not decode")?;
            println!(
                "   status={} code={} message={}",
                error.status().unwrap_or_default(),
                body.code.as_deref().unwrap_or("-"),
                body.message.as_deref().unwrap_or("-")
            );
            println!("   raw body: {}", String::from_utf8_lossy(error.raw_body().unwrap_or_default()));
        }
    }

    for mock in [create_xml, retrieve_xml, unknown] {
        mock.assert_async().await;
    }
    println!("\nall requests matched what CityPay expects");
    Ok(())
}

fn print_intent(intent: &citypay::models::PaymentIntentResponseModel) {
    println!(
        "<- intent {} identifier={} status={} amount={} {}",
        intent.payment_intent_id,
        intent.identifier,
        intent.intent_status.as_deref().unwrap_or("-"),
        intent.amount.unwrap_or_default(),
        intent.currency.as_deref().unwrap_or("-")
    );
    for transaction in intent.transactions.iter().flatten() {
        println!(
            "   transaction {} {} {} authcode={}",
            transaction.transno.unwrap_or_default(),
            transaction.scheme.as_deref().unwrap_or("-"),
            transaction.maskedpan.as_deref().unwrap_or("-"),
            transaction.authcode.as_deref().unwrap_or("-")
        );
    }
    println!();
}

/// CityPay's check of a `cp-api-key`: base64 of `client_id:NONCE:HMAC`; the HMAC is recomputed
/// from the licence key for this minute (or the previous one, should the minute have turned).
fn carries_a_valid_key(request: &mockito::Request) -> bool {
    let Some(key) = request.header("cp-api-key").first().and_then(|value| value.to_str().ok()) else { return false };
    let Ok(plain) = STANDARD.decode(key) else { return false };
    let prefix = format!("{CLIENT_ID}:");
    let Some(hex) = plain.strip_prefix(prefix.as_bytes()).and_then(|rest| rest.get(..32)) else { return false };
    let mut nonce = [0_u8; 16];
    for (byte, pair) in nonce.iter_mut().zip(hex.chunks(2)) {
        let Some(value) = std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok()) else {
            return false;
        };
        *byte = value;
    }
    let now = SystemTime::now();
    [now, now - Duration::from_secs(60)]
        .into_iter()
        .any(|at| citypay::api_key(CLIENT_ID, LICENCE_KEY, nonce, at) == key)
}

/// A retrieved intent in JSON, with one authorised card transaction.
fn intent_json() -> serde_json::Value {
    json!({
        "amount": 4_999,
        "created": "2025-09-14T09:10:22Z",
        "currency": "GBP",
        "identifier": "order-3107-a1",
        "intent_status": "paid",
        "merchantid": MERCHANT_ID,
        "payment_intent_id": "p13t9000111122223333",
        "transactions": [{
            "amount": "49.99",
            "amount_value": 4_999,
            "authcode": "A7731C",
            "currency": "GBP",
            "maskedpan": "4***********1111",
            "merchantid": MERCHANT_ID,
            "scheme": "Visa",
            "transno": 10_512
        }]
    })
}

/// The XML intent: `<transactions>` repeated once per transaction, read back as a list.
fn intent_xml() -> String {
    concat!(
        "<PaymentIntentResponseModel><amount>12500</amount><currency>GBP</currency>",
        "<identifier>order-3108-b2</identifier><intent_status>paid</intent_status><merchantid>42424242</merchantid>",
        "<payment_intent_id>p13t9000444455556666</payment_intent_id>",
        "<transactions><authcode>B1120D</authcode><maskedpan>5***********4444</maskedpan><scheme>Mastercard</scheme>",
        "<transno>10513</transno></transactions>",
        "<transactions><authcode>B1121E</authcode><maskedpan>4***********0002</maskedpan><scheme>Visa</scheme>",
        "<transno>10514</transno></transactions>",
        "</PaymentIntentResponseModel>"
    )
    .to_owned()
}
