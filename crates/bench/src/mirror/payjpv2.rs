//! PAY.JP v2: `PaymentIntentResponse`, the list page and the problem document.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
pub struct PaymentIntentResponse {
    pub amount: i64,
    pub amount_capturable: Option<i64>,
    pub amount_received: Option<i64>,
    pub capture_method: CaptureMethod,
    pub client_secret: String,
    pub confirmation_method: Option<String>,
    pub created_at: String,
    pub customer: Option<String>,
    pub description: Option<String>,
    pub id: String,
    pub livemode: bool,
    pub metadata: Option<BTreeMap<String, MetadataValue>>,
    pub next_action: Option<Map<String, Value>>,
    pub object: Option<PaymentIntentObject>,
    pub payment_method: Option<String>,
    pub payment_method_options: Option<Map<String, Value>>,
    pub payment_method_types: Vec<String>,
    pub receipt_email: Option<String>,
    pub return_url: Option<String>,
    pub status: PaymentIntentStatus,
    pub updated_at: String,
}

/// A metadata value is a boolean, an integer or a string.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum MetadataValue {
    Boolean(bool),
    Integer(i64),
    String(String),
}

#[derive(Deserialize)]
pub struct PaymentIntentListResponse {
    pub data: Vec<PaymentIntentResponse>,
    pub has_more: bool,
    pub object: Option<ListObject>,
    pub url: String,
}

#[derive(Deserialize)]
pub struct ErrorResponse {
    pub detail: Option<String>,
    pub errors: Option<Vec<BTreeMap<String, String>>>,
    pub instance: Option<String>,
    pub status: i64,
    pub title: String,
    pub r#type: String,
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMethod {
    Automatic,
    AutomaticAsync,
    Manual,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum PaymentIntentStatus {
    Canceled,
    Processing,
    RequiresAction,
    RequiresCapture,
    RequiresConfirmation,
    RequiresPaymentMethod,
    Succeeded,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentIntentObject {
    PaymentIntent,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListObject {
    List,
}
