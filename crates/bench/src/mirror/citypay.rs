//! CityPay: `PaymentIntentResponseModel` with its adjustments and transactions, and `Error`.
//! CityPay has no list operation.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
pub struct PaymentIntentResponseModel {
    pub adjustments: Option<Vec<Adjustments>>,
    pub amount: Option<i64>,
    pub created: Option<String>,
    pub currency: Option<String>,
    pub due: Option<String>,
    pub expires: Option<String>,
    #[serde(rename = "external-ref")]
    pub external_ref: Option<String>,
    #[serde(rename = "external-ref-source")]
    pub external_ref_source: Option<String>,
    pub identifier: String,
    pub intent_status: Option<String>,
    pub merchantid: i32,
    #[serde(rename = "payment-type")]
    pub payment_type: Option<String>,
    pub payment_intent_id: String,
    pub transactions: Option<Vec<AuthReference>>,
}

#[derive(Deserialize)]
pub struct Adjustments {
    pub accumulate: Option<String>,
    pub adjustment: String,
    pub amount: Option<i64>,
    pub conditions: Option<Vec<AdjustmentCondition>>,
    pub description: Option<String>,
    pub percentage: Option<String>,
}

#[derive(Deserialize)]
pub struct AdjustmentCondition {
    pub anchor: Option<String>,
    pub discount_code: Option<String>,
    pub duration: Option<i32>,
    pub end_date: Option<String>,
    pub start_date: Option<String>,
}

#[derive(Deserialize)]
pub struct AuthReference {
    pub address: Option<String>,
    pub amount: Option<String>,
    pub amount_value: Option<i64>,
    pub atrn: Option<String>,
    pub authcode: Option<String>,
    pub authen_result: Option<String>,
    pub batchno: Option<String>,
    pub bin_commercial: Option<bool>,
    pub bin_consumer: Option<bool>,
    pub bin_corporate: Option<bool>,
    pub bin_credit: Option<bool>,
    pub bin_debit: Option<bool>,
    pub cardholder_agreement: Option<String>,
    pub currency: Option<String>,
    pub datetime: Option<String>,
    pub eci: Option<String>,
    pub email: Option<String>,
    pub env: Option<String>,
    pub identifier: Option<String>,
    pub initiation: Option<String>,
    pub instrument: Option<String>,
    pub maskedpan: Option<String>,
    pub merchantid: Option<i32>,
    pub meta: Option<BTreeMap<String, String>>,
    pub name_on_card: Option<String>,
    pub postcode: Option<String>,
    pub result: Option<String>,
    pub result_id: Option<String>,
    pub scheme: Option<String>,
    pub scheme_logo: Option<String>,
    pub trans_status: Option<String>,
    pub trans_type: Option<String>,
    pub transno: Option<i32>,
    pub r#type: Option<String>,
    pub utc: Option<String>,
}

#[derive(Deserialize)]
pub struct Error {
    pub code: Option<String>,
    pub context: Option<String>,
    pub identifier: Option<String>,
    pub message: Option<String>,
    pub response_dt: Option<String>,
}
