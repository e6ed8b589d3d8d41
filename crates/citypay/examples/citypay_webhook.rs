//! Receiving CityPay's Paylink postbacks with axum, offline: the receiver is an axum app on
//! loopback, and the example plays CityPay posting to it.
//!
//! The postback is the one in CityPay's Paylink documentation, with its digest and licence
//! key. The receiver checks the digest and answers 200; a postback whose amount was changed
//! on the way is answered 401. The example fails if either answer is wrong.
//!
//! ```sh
//! cargo run -p citypay --example citypay_webhook
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use citypay::webhooks::{Postback, WebhookError, WebhookKey};

/// The licence key of CityPay's documented example.
const LICENCE_KEY: &str = "BWCG00WES4JSH0Q6";

/// CityPay's documented postback, as it is posted.
const POSTBACK: &str = r#"{"authcode":"88A123","amount":1500,"errorcode":"000","merchantid":123456,"transno":8601,"identifier":"TX-0001","authorised":"true","currency":"GBP","sha256":"xnKflRW1tqa9BTgu79sGZsES7e3c+LpJ4+hJHt8VfwI="}"#;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = Arc::new(WebhookKey::new(LICENCE_KEY));
    let app = axum::Router::new().route("/citypay/postback", post(postback)).with_state(key);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/citypay/postback", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let http = reqwest::Client::new();
    let post = |body: String| http.post(&url).header("content-type", "application/json").body(body).send();

    let answer = post(POSTBACK.to_owned()).await?;
    println!("the postback was answered {}", answer.status());
    assert_eq!(answer.status(), reqwest::StatusCode::OK);

    // Someone changes the amount on the way: the digest no longer matches.
    let answer = post(POSTBACK.replace("\"amount\":1500", "\"amount\":15")).await?;
    println!("a changed postback was answered {}", answer.status());
    assert_eq!(answer.status(), reqwest::StatusCode::UNAUTHORIZED);
    Ok(())
}

/// The postback handler: verified values only; what the digest leaves out is read with an
/// authenticated call before anything ships.
async fn postback(State(key): State<Arc<WebhookKey>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    match Postback::from_request(&headers, &body, &key) {
        Ok(postback) => {
            println!(
                "verified: transaction {} for {} paid {} (minor units), authorised: {:?}",
                postback.transno,
                postback.identifier,
                postback.amount,
                postback.authorised()
            );
            StatusCode::OK
        }
        Err(error @ WebhookError::Decode(_)) => {
            println!("not a postback: {error}");
            StatusCode::BAD_REQUEST
        }
        Err(error) => {
            println!("refused: {error}");
            StatusCode::UNAUTHORIZED
        }
    }
}
