//! Hyperswitch's response models from raw bytes: every type an operation returns, and the
//! error object.
#![no_main]

use hyperswitch::models::{
    GenericErrorResponseOpenApi, PaymentListResponse,
    PaymentsExternalAuthenticationResponse, PaymentsPostSessionTokensResponse, PaymentsResponse,
    PaymentsSessionResponse, PaymentsUpdateMetadataResponse, RetrievePaymentLinkResponse,
};

payintent_fuzz::decode_target!(
    hyperswitch: PaymentsResponse,
    PaymentListResponse,
    PaymentsExternalAuthenticationResponse,
    PaymentsPostSessionTokensResponse,
    PaymentsSessionResponse,
    PaymentsUpdateMetadataResponse,
    RetrievePaymentLinkResponse,
    GenericErrorResponseOpenApi,
);
