//! CityPay's response models from raw bytes, in JSON and in XML (picked by the content type).
#![no_main]

use citypay::models::{Error, PaymentIntentReference, PaymentIntentResponseModel};

payintent_fuzz::decode_target!(citypay: PaymentIntentResponseModel, PaymentIntentReference, Error);
