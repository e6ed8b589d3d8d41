//! A call never answers with a body from another URL than its own. The client the SDK builds
//! follows no redirect (a 3xx is an `Error::Api`); a client supplied with `http_client` may
//! follow them, and the call then fails with `RedirectFollowed` before anything is decoded.

use mockito::ServerGuard;
use paytree::{Error, RedirectFollowed};

use crate::paytree_builder;

const PAYMENT: &str = "/v1/transaction/payment_intent/abc/";

/// `PAYMENT` answers 302 to `/elsewhere?…`, which answers 200 with a body that would decode as
/// the payment: following the redirect silently would return it. `/elsewhere` expects
/// `followed` requests.
async fn redirecting_server(server: &mut ServerGuard, followed: usize) -> (mockito::Mock, mockito::Mock) {
    let redirect = server
        .mock("GET", PAYMENT)
        .with_status(302)
        .with_header("location", "/elsewhere?session=s3cret-in-query")
        .create_async()
        .await;
    let elsewhere = server
        .mock("GET", "/elsewhere")
        .match_query(mockito::Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(payintent_tests::fixture("paytree", "PaymentIntent.json"))
        .expect(followed)
        .create_async()
        .await;
    (redirect, elsewhere)
}

#[tokio::test]
async fn a_supplied_client_that_follows_a_redirect_fails_the_call() {
    let mut server = mockito::Server::new_async().await;
    let (redirect, elsewhere) = redirecting_server(&mut server, 1).await;
    // reqwest's default policy follows up to ten redirects.
    let client = paytree_builder(&server.url()).http_client(paytree::reqwest::Client::new()).build().unwrap();

    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();

    let Error::Transport(transport) = &error else { panic!("expected a transport error, got {error:?}") };
    let followed = transport.source.downcast_ref::<RedirectFollowed>().expect("the cause is RedirectFollowed");
    assert_eq!(followed.to, format!("{}/elsewhere", server.url()), "shown without its query");
    assert_eq!(followed.status, 200);
    assert_eq!(transport.attempts, 1, "a followed redirect is not retried");
    assert!(!format!("{error}{error:?}").contains("s3cret-in-query"));
    // The client did follow: the call refused the answer, it was not spared the request.
    redirect.assert_async().await;
    elsewhere.assert_async().await;
}

#[tokio::test]
async fn the_sdks_own_client_reports_a_redirect_as_its_status() {
    let mut server = mockito::Server::new_async().await;
    let (redirect, elsewhere) = redirecting_server(&mut server, 0).await;
    let client = paytree_builder(&server.url()).build().unwrap();

    let error = client.transaction_api().transaction_payment_intent_retrieve("abc").await.unwrap_err();

    let Error::Api(api) = &error else { panic!("expected the 302 as an API error, got {error:?}") };
    assert_eq!(api.status, 302);
    redirect.assert_async().await;
    elsewhere.assert_async().await;
}

#[tokio::test]
async fn a_redirected_write_ends_with_its_outcome_unknown() {
    // reqwest turns a POST answered 302 into a GET of the new location: the create would be
    // "answered" by whatever is there.
    let mut server = mockito::Server::new_async().await;
    let create = server
        .mock("POST", PAYMENT.trim_end_matches("abc/"))
        .with_status(302)
        .with_header("location", "/elsewhere")
        .expect(1)
        .create_async()
        .await;
    let elsewhere = server
        .mock("GET", "/elsewhere")
        .with_header("content-type", "application/json")
        .with_body(payintent_tests::fixture("paytree", "PaymentIntentPostResponseSchema.json"))
        .expect(1)
        .create_async()
        .await;
    let client = paytree_builder(&server.url()).http_client(paytree::reqwest::Client::new()).build().unwrap();
    let request: paytree::models::PaymentIntentCreateRequest =
        serde_json::from_str(&payintent_tests::fixture("paytree", "PaymentIntentCreateRequest.json")).unwrap();

    let error = client.transaction_api().transaction_payment_intent_create(&request).await.unwrap_err();

    let Error::Transport(transport) = &error else { panic!("expected a transport error, got {error:?}") };
    assert!(transport.source.is::<RedirectFollowed>(), "{error:?}");
    assert_eq!(transport.outcome, paytree::Outcome::Unknown, "the POST reached the server");
    assert_eq!(transport.attempts, 1, "a followed redirect is not retried");
    create.assert_async().await;
    elsewhere.assert_async().await;
}
