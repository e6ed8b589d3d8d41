//! Paytree: `PaymentIntent`, its payments and refunds, and the numbered list page.

use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
pub struct PaymentIntent {
    pub id: String,
    pub username: String,
    pub transaction_ref: String,
    pub client_ref: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub amount: String,
    pub currency: String,
    pub base_amount: Option<String>,
    pub base_currency: String,
    pub method: Option<Method>,
    pub payment_link: String,
    pub payment: Vec<Payment>,
    pub actions: Option<Value>,
    pub metadata: Option<Value>,
    pub order_items: Option<Value>,
    pub route_id: String,
    pub route_name: String,
    pub created: String,
}

#[derive(Deserialize)]
pub struct Payment {
    pub id: String,
    pub amount: String,
    pub currency: String,
    pub base_amount: Option<String>,
    pub base_currency: String,
    pub fee: String,
    pub refunded: Option<String>,
    pub status: Option<Status>,
    pub refund: Vec<Refund>,
    pub created: String,
}

#[derive(Deserialize)]
pub struct Refund {
    pub id: String,
    pub amount: String,
    pub currency: String,
    pub payment: String,
    pub gateway_id: String,
    pub created: String,
}

#[derive(Deserialize)]
pub struct PaginatedPaymentIntentList {
    pub count: i64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<PaymentIntent>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Crypto,
    Wire,
    Paypal,
    Klarna,
    Ideal,
    Bancontact,
    Trustly,
    Kakaopay,
    P24,
    Blik,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Partial,
    Success,
    Failed,
    Canceled,
    Expired,
    Authorized,
    Refunded,
    PartialRefunded,
    Disputed,
    DisputedWon,
    DisputedLost,
    DisputedClose,
}
