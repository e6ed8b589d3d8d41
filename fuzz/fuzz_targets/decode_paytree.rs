//! Paytree's response models from raw bytes.
#![no_main]

use paytree::models::{PaginatedPaymentIntentList, Payment, PaymentIntent, PaymentIntentPostResponseSchema, Refund};

payintent_fuzz::decode_target!(paytree: PaymentIntent, PaginatedPaymentIntentList, PaymentIntentPostResponseSchema, Payment, Refund);
