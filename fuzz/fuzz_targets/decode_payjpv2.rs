//! PAY.JP v2's response models and problem documents from raw bytes.
#![no_main]

use payjpv2::models::{ErrorResponse, PaymentIntentListResponse, PaymentIntentResponse};

payintent_fuzz::decode_target!(payjpv2: PaymentIntentResponse, PaymentIntentListResponse, ErrorResponse);
