//! A hostile or broken server cannot exhaust memory: response bodies are read up to the
//! client's `max_response_bytes`, whether the length is declared or the body is chunked, and an
//! oversized body fails once (it is not retried: it would be just as large again).

use std::future::Future;

use mockito::{Matcher, ServerGuard};
use payintent_runtime::{Error, ErrorModel, ResponseTooLarge};

use crate::{citypay_builder, hyperswitch_builder, payjp_builder, paytree_builder};

/// How the test server frames the body.
#[derive(Debug, Clone, Copy)]
enum Framing {
    ContentLength,
    Chunked,
}

/// Serves `body` at `method path` and checks `call(limit)`: it decodes at a limit of exactly the
/// body's length, and one byte less fails with [`ResponseTooLarge`] after a single request.
async fn assert_capped<E, Fut>(
    server: &mut ServerGuard,
    (method, path): (&str, &str),
    body: String,
    call: impl Fn(usize) -> Fut,
) where
    E: ErrorModel,
    Fut: Future<Output = Result<(), Error<E>>>,
{
    let length = body.len();
    for framing in [Framing::ContentLength, Framing::Chunked] {
        let mock = server.mock(method, path).match_query(Matcher::Any).with_header("content-type", "application/json");
        let mock = match framing {
            Framing::ContentLength => mock.with_body(body.clone()),
            Framing::Chunked => {
                let body = body.clone().into_bytes();
                mock.with_chunked_body(move |writer| {
                    // Several chunks, so the cap is checked as the body streams in.
                    body.chunks(97).try_for_each(|chunk| writer.write_all(chunk))
                })
            }
        };
        let mock = mock.expect(2).create_async().await;

        call(length).await.unwrap_or_else(|error| panic!("{framing:?}: a body of exactly the limit failed: {error}"));
        let error = call(length - 1).await.expect_err("an oversized body was accepted");
        let Error::Transport(transport) = &error else { panic!("{framing:?}: {error:?}") };
        let too_large = transport.source.downcast_ref::<ResponseTooLarge>().expect("the cause is ResponseTooLarge");
        assert_eq!((too_large.limit, too_large.status), (length - 1, 200), "{framing:?}");
        assert_eq!(transport.attempts, 1, "{framing:?}: an oversized body was fetched again");
        mock.assert_async().await;
        mock.remove_async().await;
    }
}

#[tokio::test]
async fn paytree_reads_bodies_under_the_cap() {
    let mut server = mockito::Server::new_async().await;
    let url = server.url();
    let body = payintent_tests::fixture("paytree", "PaymentIntent.json");
    assert_capped(&mut server, ("GET", "/v1/transaction/payment_intent/abc/"), body, |limit| {
        let client = paytree_builder(&url).max_response_bytes(limit).build().unwrap();
        async move { client.transaction_api().transaction_payment_intent_retrieve("abc").await.map(drop) }
    })
    .await;
}

#[tokio::test]
async fn citypay_reads_bodies_under_the_cap() {
    let mut server = mockito::Server::new_async().await;
    let url = server.url();
    let body = payintent_tests::fixture("citypay", "PaymentIntentResponseModel.json");
    assert_capped(&mut server, ("POST", "/v6/intent/retrieve"), body, |limit| {
        let client = citypay_builder(&url).max_response_bytes(limit).build().unwrap();
        let find = citypay::models::FindPaymentIntentRequest::new().with_payment_intent_id("p13t1111222233334444");
        async move { client.payment_intent_api().get_payment_intent(&find).await.map(drop) }
    })
    .await;
}

#[tokio::test]
async fn payjp_reads_bodies_under_the_cap() {
    let mut server = mockito::Server::new_async().await;
    let url = server.url();
    let body = payintent_tests::fixture("payjpv2", "PaymentIntentResponse.json");
    assert_capped(&mut server, ("GET", "/v2/payment_intents/pi_1"), body, |limit| {
        let client = payjp_builder(&url).max_response_bytes(limit).build().unwrap();
        async move { client.payment_intents_api().retrieve_payment_intent("pi_1").await.map(drop) }
    })
    .await;
}

#[tokio::test]
async fn hyperswitch_reads_bodies_under_the_cap() {
    let mut server = mockito::Server::new_async().await;
    let url = server.url();
    let body = payintent_tests::fixture("hyperswitch", "PaymentsResponse.json");
    assert_capped(&mut server, ("GET", "/payments/pay_1"), body, |limit| {
        let client = hyperswitch_builder(&url).max_response_bytes(limit).build().unwrap();
        let options = hyperswitch::models::PaymentRetrieveBody::new();
        async move { client.payments_api().retrieve_a_payment("pay_1", &options).await.map(drop) }
    })
    .await;
}

#[tokio::test]
async fn a_supplied_http_client_reads_bodies_under_the_same_cap() {
    // The cap is the SDK's, applied as it reads the body, whatever client carries the request.
    let mut server = mockito::Server::new_async().await;
    let url = server.url();
    let body = payintent_tests::fixture("paytree", "PaymentIntent.json");
    assert_capped(&mut server, ("GET", "/v1/transaction/payment_intent/abc/"), body, |limit| {
        let http = paytree::reqwest::Client::new();
        let client = paytree_builder(&url).http_client(http).max_response_bytes(limit).build().unwrap();
        async move { client.transaction_api().transaction_payment_intent_retrieve("abc").await.map(drop) }
    })
    .await;
}
