//! The two clients of the request bench, against the canned server: the Hyperswitch SDK, and
//! one plain `reqwest::Client` sending the same method, path, headers and body, then decoding
//! the body with `serde_json::from_slice` into the same SDK type.

use std::error::Error;

use hyperswitch::models::{
    Address, AddressDetails, CaptureMethod, CountryAlpha2, Currency, PaymentRetrieveBody, PaymentsCreateRequest,
    PaymentsResponse, PhoneDetails,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::json;

use crate::payloads;
use crate::server::{Route, Server};

/// The key both clients send and the server checks.
pub const API_KEY: &str = "snd_bench_0123456789abcdef";
/// The payment the retrieve asks for: the one in `payloads/hyperswitch/payment.json`.
pub const PAYMENT_ID: &str = "pay_mbabizu24mvu3mela5njyhpit4";
/// The SDK's own `User-Agent`, which the raw client sends too.
const USER_AGENT: &str = "hyperswitch/0.1.0";

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// A server answering `GET /payments/{PAYMENT_ID}` and `POST /payments` with the payment payload.
pub fn start_server() -> std::io::Result<Server> {
    let payment = payloads::hyperswitch::payment().bytes;
    Server::start(
        API_KEY,
        vec![
            Route { method: "GET", path: format!("/payments/{PAYMENT_ID}"), body: payment.clone() },
            Route { method: "POST", path: "/payments".into(), body: payment },
        ],
    )
}

/// A current-thread runtime, as a single-task caller would use.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()
}

/// Both clients, pointed at one server.
pub struct Clients {
    sdk: hyperswitch::apis::PaymentsApi,
    raw: reqwest::Client,
    base_url: String,
    create: PaymentsCreateRequest,
    retrieve: PaymentRetrieveBody,
}

impl Clients {
    /// Clients of the server at `base_url`.
    pub fn new(base_url: &str) -> Result<Self> {
        let sdk = hyperswitch::Client::builder().base_url(base_url).api_key(API_KEY).build()?.payments_api();
        // The SDK's reqwest settings (redirects off, same connect timeout): only its own layer differs.
        let raw = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(payintent_runtime::__generated::DEFAULT_CONNECT_TIMEOUT)
            // The SDK times every attempt out; the same work here does too.
            .timeout(payintent_runtime::__generated::DEFAULT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            sdk,
            raw,
            base_url: base_url.to_owned(),
            create: create_request(),
            retrieve: PaymentRetrieveBody::new(),
        })
    }

    /// `GET /payments/{id}` through the SDK.
    pub async fn sdk_retrieve(&self) -> Result<PaymentsResponse> {
        Ok(self.sdk.retrieve_a_payment(PAYMENT_ID, &self.retrieve).await?)
    }

    /// `GET /payments/{id}` by hand.
    pub async fn raw_retrieve(&self) -> Result<PaymentsResponse> {
        let body = success(self.retrieve_request().send().await?)?.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }

    fn retrieve_request(&self) -> reqwest::RequestBuilder {
        self.raw
            .get(format!("{}/payments/{PAYMENT_ID}", self.base_url))
            .header("api-key", API_KEY)
            .header(ACCEPT, "application/json")
    }

    /// `GET /payments/{id}` by hand, decoded through the SDK's decode path
    /// (`payintent_runtime::decode_body`): what the SDK would cost if its decoding were all it added.
    pub async fn raw_retrieve_with_decode_body(&self) -> Result<PaymentsResponse> {
        let response = self.retrieve_request().send().await?;
        let content_type =
            response.headers().get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let body = success(response)?.bytes().await?;
        Ok(payintent_runtime::decode_body(content_type.as_deref(), &body)?)
    }

    /// `POST /payments` through the SDK.
    pub async fn sdk_create(&self) -> Result<PaymentsResponse> {
        Ok(self.sdk.create_a_payment(&self.create).await?)
    }

    /// `POST /payments` by hand, the body written for each request as the SDK does.
    pub async fn raw_create(&self) -> Result<PaymentsResponse> {
        let request = self
            .raw
            .post(format!("{}/payments", self.base_url))
            .header("api-key", API_KEY)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&self.create)?);
        let body = success(request.send().await?)?.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }
}

/// The response, when its status is 2xx.
fn success(response: reqwest::Response) -> Result<reqwest::Response> {
    match response.status() {
        status if status.is_success() => Ok(response),
        status => Err(format!("HTTP {status}").into()),
    }
}

/// A create as a shop sends it: amount, customer, addresses, metadata, a `payment_id`.
fn create_request() -> PaymentsCreateRequest {
    let address = Address::new()
        .with_address(
            AddressDetails::new()
                .with_line1("1467 Harrison Street")
                .with_line2("Suite 400")
                .with_city("San Francisco")
                .with_state("California")
                .with_zip("94122")
                .with_country(CountryAlpha2::Us)
                .with_first_name("Joseph")
                .with_last_name("Doe"),
        )
        .with_phone(PhoneDetails::new().with_number("8056594427").with_country_code("+1"));
    let metadata = json!({ "order_id": "1042", "channel": "web" });
    PaymentsCreateRequest::new(6_540, Currency::Usd)
        .with_payment_id(PAYMENT_ID)
        .with_customer_id("cus_y3oqhf46pyzuxjbcn2giaqnb44")
        .with_capture_method(CaptureMethod::Automatic)
        .with_description("Order 1042")
        .with_return_url("https://shop.example.com/return")
        .with_billing(address.clone())
        .with_shipping(address)
        .with_metadata(metadata.as_object().cloned().unwrap_or_default())
}
