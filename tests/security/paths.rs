//! A path parameter is one segment, whatever it holds: `/`, `..`, `%2F`, `?`, `#`, spaces and
//! non-ASCII are percent-encoded inside it, and `""`, `.` and `..` (which URL normalisation
//! would resolve away) are refused before anything is sent. Each mock below matches only the
//! exact encoded path; any other path gets mockito's 501 and fails the test.
//!
//! CityPay's two operations take no path parameters (both post a body), so it has no case here.

use std::future::Future;

use mockito::{Matcher, ServerGuard};
use payintent_runtime::{Error, ErrorModel, InvalidReason};

use crate::{hyperswitch_builder, payjp_builder, paytree_builder};

/// Values that would change the path if sent raw, and the one segment each must become.
const HOSTILE: [(&str, &str); 11] = [
    ("a/b", "a%2Fb"),
    ("../../refunds", "..%2F..%2Frefunds"),
    ("%2F", "%252F"),
    ("%2e%2e", "%252e%252e"),
    ("pi_1?expand=all", "pi_1%3Fexpand%3Dall"),
    ("pi_1#fragment", "pi_1%23fragment"),
    ("pay 1", "pay%201"),
    ("支払い", "%E6%94%AF%E6%89%95%E3%81%84"),
    ("a\\b", "a%5Cb"),
    ("a;b=c", "a%3Bb%3Dc"),
    ("\r\nHost: evil", "%0D%0AHost%3A%20evil"),
];

/// Values refused before sending.
const REFUSED: [&str; 3] = ["", ".", ".."];

/// Runs every hostile value through `call` and checks the path that arrived, then checks that
/// the refused values send nothing.
async fn assert_one_segment<E, Fut>(
    server: &mut ServerGuard,
    method: &str,
    (prefix, suffix): (&str, &str),
    call: impl Fn(&'static str) -> Fut,
) where
    E: ErrorModel,
    Fut: Future<Output = Result<(), Error<E>>>,
{
    for (value, segment) in HOSTILE {
        let mock = server
            .mock(method, format!("{prefix}{segment}{suffix}").as_str())
            .match_query(Matcher::Any)
            .with_status(404)
            .with_body("{}")
            .expect(1)
            .create_async()
            .await;
        let error = call(value).await.unwrap_err();
        assert_eq!(error.status(), Some(404), "{value:?} did not arrive as {prefix}{segment}{suffix}: {error}");
        mock.assert_async().await;
        mock.remove_async().await;
    }

    let nothing = server.mock(method, Matcher::Any).expect(0).create_async().await;
    for value in REFUSED {
        let error = call(value).await.unwrap_err();
        let Error::InvalidRequest(invalid) = &error else { panic!("{value:?} was not refused: {error:?}") };
        assert!(matches!(invalid.reason, InvalidReason::PathParameter(_)), "{value:?}: {error}");
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn paytree_ids_stay_one_segment() {
    let mut server = mockito::Server::new_async().await;
    let client = paytree_builder(&server.url()).build().unwrap();
    let api = client.transaction_api();
    let api = &api;
    assert_one_segment(&mut server, "GET", ("/v1/transaction/payment_intent/", "/"), |id| async move {
        api.transaction_payment_intent_retrieve(id).await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn payjp_ids_stay_one_segment() {
    let mut server = mockito::Server::new_async().await;
    let client = payjp_builder(&server.url()).build().unwrap();
    let api = client.payment_intents_api();
    let api = &api;
    assert_one_segment(&mut server, "GET", ("/v2/payment_intents/", ""), |id| async move {
        api.retrieve_payment_intent(id).await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn hyperswitch_ids_stay_one_segment() {
    let mut server = mockito::Server::new_async().await;
    let client = hyperswitch_builder(&server.url()).build().unwrap();
    let api = client.payments_api();
    let api = &api;
    let options = hyperswitch::models::PaymentRetrieveBody::new();
    let options = &options;
    assert_one_segment(&mut server, "GET", ("/payments/", ""), |id| async move {
        api.retrieve_a_payment(id, options).await.map(drop)
    })
    .await;
    assert_one_segment(&mut server, "POST", ("/payments/", "/capture"), |id| async move {
        let capture = hyperswitch::models::PaymentsCaptureRequest::new().with_amount_to_capture(100);
        api.capture_a_payment(id, &capture).await.map(drop)
    })
    .await;
}
