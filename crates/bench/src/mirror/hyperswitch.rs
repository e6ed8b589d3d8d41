//! Hyperswitch: `PaymentsResponse` and what a card payment reaches of it, the list page and the
//! error body. The big enums (currencies, countries, payment method types) list every value
//! the SDK lists, so matching a value costs the mirror what it costs the SDK.

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
pub struct PaymentsResponse {
    pub payment_id: String,
    pub merchant_id: String,
    pub status: IntentStatus,
    pub amount: i64,
    pub net_amount: i64,
    pub shipping_cost: Option<i64>,
    pub amount_capturable: i64,
    pub amount_received: Option<i64>,
    pub connector: Option<String>,
    pub client_secret: Option<String>,
    pub created: Option<String>,
    pub currency: Currency,
    pub customer_id: Option<String>,
    pub customer: Option<CustomerDetailsResponse>,
    pub description: Option<String>,
    pub refunds: Option<Vec<Value>>,
    pub disputes: Option<Vec<Value>>,
    pub attempts: Option<Vec<Value>>,
    pub captures: Option<Vec<Value>>,
    pub mandate_id: Option<String>,
    pub mandate_data: Option<Value>,
    pub setup_future_usage: Option<Value>,
    pub off_session: Option<bool>,
    pub capture_on: Option<String>,
    pub capture_method: Option<CaptureMethod>,
    pub payment_method: Option<PaymentMethod>,
    pub payment_method_data: Option<PaymentsResponsePaymentMethodData>,
    pub payment_token: Option<String>,
    pub shipping: Option<Address>,
    pub billing: Option<Address>,
    pub order_details: Option<Vec<Value>>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub return_url: Option<String>,
    pub authentication_type: Option<AuthenticationType>,
    pub statement_descriptor_name: Option<String>,
    pub statement_descriptor_suffix: Option<String>,
    pub next_action: Option<Value>,
    pub cancellation_reason: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub unified_code: Option<String>,
    pub unified_message: Option<String>,
    pub payment_experience: Option<Value>,
    pub payment_method_type: Option<PaymentMethodType>,
    pub connector_label: Option<String>,
    pub business_country: Option<CountryAlpha2>,
    pub business_label: Option<String>,
    pub business_sub_label: Option<String>,
    pub allowed_payment_method_types: Option<Vec<PaymentMethodType>>,
    pub ephemeral_key: Option<Value>,
    pub manual_retry_allowed: Option<bool>,
    pub connector_transaction_id: Option<String>,
    pub frm_message: Option<Value>,
    pub metadata: Option<Map<String, Value>>,
    pub connector_metadata: Option<Value>,
    pub feature_metadata: Option<Value>,
    pub reference_id: Option<String>,
    pub payment_link: Option<Value>,
    pub profile_id: Option<String>,
    pub surcharge_details: Option<Value>,
    pub attempt_count: i32,
    pub merchant_decision: Option<String>,
    pub merchant_connector_id: Option<String>,
    pub incremental_authorization_allowed: Option<bool>,
    pub authorization_count: Option<i32>,
    pub incremental_authorizations: Option<Vec<Value>>,
    pub external_authentication_details: Option<Value>,
    pub external_3ds_authentication_attempted: Option<bool>,
    pub expires_on: Option<String>,
    pub fingerprint: Option<String>,
    pub browser_info: Option<Value>,
    pub payment_method_id: Option<String>,
    pub payment_method_status: Option<Value>,
    pub updated: Option<String>,
    pub split_payments: Option<Value>,
    pub frm_metadata: Option<Map<String, Value>>,
    pub extended_authorization_applied: Option<bool>,
    pub capture_before: Option<String>,
    pub merchant_order_reference_id: Option<String>,
    pub order_tax_amount: Option<i64>,
    pub connector_mandate_id: Option<String>,
    pub card_discovery: Option<CardDiscovery>,
    pub force_3ds_challenge: Option<bool>,
    pub force_3ds_challenge_trigger: Option<bool>,
    pub issuer_error_code: Option<String>,
    pub issuer_error_message: Option<String>,
    pub whole_connector_response: Option<String>,
    pub is_iframe_redirection_enabled: Option<bool>,
}

#[derive(Deserialize)]
pub struct PaymentListResponse {
    pub size: i64,
    pub data: Vec<PaymentsResponse>,
}

#[derive(Deserialize)]
pub struct GenericErrorResponseOpenApi {
    pub error: GenericErrorResponseOpenApiError,
}

#[derive(Deserialize)]
pub struct GenericErrorResponseOpenApiError {
    pub r#type: Option<String>,
    pub error_type: Option<String>,
    pub message: String,
    pub code: String,
    pub payment_id: Option<String>,
    pub data: Option<Value>,
    pub connector: Option<String>,
    pub reason: Option<String>,
    pub connector_transaction_id: Option<String>,
}

#[derive(Deserialize)]
pub struct CustomerDetailsResponse {
    pub id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_country_code: Option<String>,
}

/// The object, or the bare string the server writes for a reward payment.
#[allow(clippy::large_enum_variant)] // unboxed, as in the SDK
#[derive(Deserialize)]
#[serde(untagged)]
pub enum PaymentsResponsePaymentMethodData {
    PaymentMethodDataResponseWithBilling(PaymentMethodDataResponseWithBilling),
    String(String),
}

#[derive(Deserialize)]
pub struct PaymentMethodDataResponseWithBilling {
    #[serde(flatten)]
    pub payment_method_data_response: Option<PaymentMethodDataResponse>,
    pub billing: Option<Address>,
}

/// Only `card` is reached; the other payloads stay JSON.
#[allow(clippy::large_enum_variant)] // unboxed, as in the SDK
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodDataResponse {
    Card(CardResponse),
    BankTransfer(Value),
    Wallet(Value),
    PayLater(Value),
    BankRedirect(Value),
    Crypto(Value),
    BankDebit(Value),
    MandatePayment(Map<String, Value>),
    Reward(Map<String, Value>),
    RealTimePayment(Value),
    Upi(Value),
    Voucher(Value),
    GiftCard(Value),
    CardRedirect(Value),
    CardToken(Value),
    OpenBanking(Value),
    MobilePayment(Value),
}

#[derive(Deserialize)]
pub struct CardResponse {
    pub last4: Option<String>,
    pub card_type: Option<String>,
    pub card_network: Option<CardNetwork>,
    pub card_issuer: Option<String>,
    pub card_issuing_country: Option<String>,
    pub card_isin: Option<String>,
    pub card_extended_bin: Option<String>,
    pub card_exp_month: Option<String>,
    pub card_exp_year: Option<String>,
    pub card_holder_name: Option<String>,
    pub payment_checks: Option<Value>,
    pub authentication_data: Option<Value>,
}

#[derive(Deserialize)]
pub struct Address {
    pub address: Option<AddressDetails>,
    pub phone: Option<PhoneDetails>,
    pub email: Option<String>,
}

#[derive(Deserialize)]
pub struct AddressDetails {
    pub city: Option<String>,
    pub country: Option<CountryAlpha2>,
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub line3: Option<String>,
    pub zip: Option<String>,
    pub state: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

#[derive(Deserialize)]
pub struct PhoneDetails {
    pub number: Option<String>,
    pub country_code: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum IntentStatus {
    Succeeded,
    Failed,
    Cancelled,
    Processing,
    RequiresCustomerAction,
    RequiresMerchantAction,
    RequiresPaymentMethod,
    RequiresConfirmation,
    RequiresCapture,
    PartiallyCaptured,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMethod {
    Automatic,
    Manual,
    ManualMultiple,
    Scheduled,
    SequentialAutomatic,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    CardRedirect,
    PayLater,
    Wallet,
    BankRedirect,
    BankTransfer,
    Crypto,
    BankDebit,
    Reward,
    RealTimePayment,
    Upi,
    Voucher,
    GiftCard,
    OpenBanking,
    MobilePayment,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthenticationType {
    ThreeDs,
    NoThreeDs,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardDiscovery {
    Manual,
    SavedCard,
    ClickToPay,
}

#[derive(Deserialize)]
pub enum CardNetwork {
    Visa,
    Mastercard,
    AmericanExpress,
    #[serde(rename = "JCB")]
    Jcb,
    DinersClub,
    Discover,
    CartesBancaires,
    UnionPay,
    Interac,
    RuPay,
    Maestro,
    Star,
    Pulse,
    Accel,
    Nyce,
}

// The three long value lists stay a few per line: one variant per line would bury them.

#[rustfmt::skip]
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodType {
    Ach, Affirm, AfterpayClearpay, Alfamart, AliPay, AliPayHk, Alma, AmazonPay, ApplePay, Atome,
    Bacs, BancontactCard, Becs, Benefit, Bizum, Blik, Boleto, BcaBankTransfer, BniVa, BriVa,
    CardRedirect, CimbVa, Classic, Credit, CryptoCurrency, Cashapp, Dana, DanamonVa, Debit,
    DuitNow, Efecty, Eft, Eps, Fps, Evoucher, Giropay, Givex, GooglePay, GoPay, Gcash, Ideal,
    Interac, Indomaret, Klarna, KakaoPay, LocalBankRedirect, MandiriVa, Knet, MbWay, MobilePay,
    Momo, MomoAtm, Multibanco, OnlineBankingThailand, OnlineBankingCzechRepublic,
    OnlineBankingFinland, OnlineBankingFpx, OnlineBankingPoland, OnlineBankingSlovakia, Oxxo,
    PagoEfectivo, PermataBankTransfer, OpenBankingUk, PayBright, Paypal, Paze, Pix, PaySafeCard,
    Przelewy24, PromptPay, Pse, RedCompra, RedPagos, SamsungPay, Sepa, SepaBankTransfer, Sofort,
    Swish, TouchNGo, Trustly, Twint, UpiCollect, UpiIntent, Vipps, VietQr, Venmo, Walley,
    WeChatPay, SevenEleven, Lawson, MiniStop, FamilyMart, Seicomart, PayEasy, LocalBankTransfer,
    Mifinity, OpenBankingPis, DirectCarrierBilling, InstantBankTransfer,
}

/// ISO 4217 codes, as the SDK lists them.
#[rustfmt::skip]
#[derive(Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Aed, Afn, All, Amd, Ang, Aoa, Ars, Aud, Awg, Azn, Bam, Bbd, Bdt, Bgn, Bhd, Bif, Bmd, Bnd, Bob,
    Brl, Bsd, Btn, Bwp, Byn, Bzd, Cad, Cdf, Chf, Clf, Clp, Cny, Cop, Crc, Cuc, Cup, Cve, Czk, Djf,
    Dkk, Dop, Dzd, Egp, Ern, Etb, Eur, Fjd, Fkp, Gbp, Gel, Ghs, Gip, Gmd, Gnf, Gtq, Gyd, Hkd, Hnl,
    Hrk, Htg, Huf, Idr, Ils, Inr, Iqd, Irr, Isk, Jmd, Jod, Jpy, Kes, Kgs, Khr, Kmf, Kpw, Krw, Kwd,
    Kyd, Kzt, Lak, Lbp, Lkr, Lrd, Lsl, Lyd, Mad, Mdl, Mga, Mkd, Mmk, Mnt, Mop, Mru, Mur, Mvr, Mwk,
    Mxn, Myr, Mzn, Nad, Ngn, Nio, Nok, Npr, Nzd, Omr, Pab, Pen, Pgk, Php, Pkr, Pln, Pyg, Qar, Ron,
    Rsd, Rub, Rwf, Sar, Sbd, Scr, Sdg, Sek, Sgd, Shp, Sle, Sll, Sos, Srd, Ssp, Std, Stn, Svc, Syp,
    Szl, Thb, Tjs, Tmt, Tnd, Top, Try, Ttd, Twd, Tzs, Uah, Ugx, Usd, Uyu, Uzs, Ves, Vnd, Vuv, Wst,
    Xaf, Xcd, Xof, Xpf, Yer, Zar, Zmw, Zwl,
}

/// ISO 3166-1 alpha-2 codes, as the SDK lists them.
#[rustfmt::skip]
#[derive(Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CountryAlpha2 {
    Af, Ax, Al, Dz, As, Ad, Ao, Ai, Aq, Ag, Ar, Am, Aw, Au, At, Az, Bs, Bh, Bd, Bb, By, Be, Bz, Bj,
    Bm, Bt, Bo, Bq, Ba, Bw, Bv, Br, Io, Bn, Bg, Bf, Bi, Kh, Cm, Ca, Cv, Ky, Cf, Td, Cl, Cn, Cx, Cc,
    Co, Km, Cg, Cd, Ck, Cr, Ci, Hr, Cu, Cw, Cy, Cz, Dk, Dj, Dm, Do, Ec, Eg, Sv, Gq, Er, Ee, Et, Fk,
    Fo, Fj, Fi, Fr, Gf, Pf, Tf, Ga, Gm, Ge, De, Gh, Gi, Gr, Gl, Gd, Gp, Gu, Gt, Gg, Gn, Gw, Gy, Ht,
    Hm, Va, Hn, Hk, Hu, Is, In, Id, Ir, Iq, Ie, Im, Il, It, Jm, Jp, Je, Jo, Kz, Ke, Ki, Kp, Kr, Kw,
    Kg, La, Lv, Lb, Ls, Lr, Ly, Li, Lt, Lu, Mo, Mk, Mg, Mw, My, Mv, Ml, Mt, Mh, Mq, Mr, Mu, Yt, Mx,
    Fm, Md, Mc, Mn, Me, Ms, Ma, Mz, Mm, Na, Nr, Np, Nl, Nc, Nz, Ni, Ne, Ng, Nu, Nf, Mp, No, Om, Pk,
    Pw, Ps, Pa, Pg, Py, Pe, Ph, Pn, Pl, Pt, Pr, Qa, Re, Ro, Ru, Rw, Bl, Sh, Kn, Lc, Mf, Pm, Vc, Ws,
    Sm, St, Sa, Sn, Rs, Sc, Sl, Sg, Sx, Sk, Si, Sb, So, Za, Gs, Ss, Es, Lk, Sd, Sr, Sj, Sz, Se, Ch,
    Sy, Tw, Tj, Tz, Th, Tl, Tg, Tk, To, Tt, Tn, Tr, Tm, Tc, Tv, Ug, Ua, Ae, Gb, Um, Uy, Uz, Vu, Ve,
    Vn, Vg, Vi, Wf, Eh, Ye, Zm, Zw, Us,
}
