//! What Paytree sends you when a payment intent changes, and why none of it can be believed.
//!
//! Paytree calls the `notification_url` of the create request's `callback` whenever the
//! payment intent's status changes. The call is a `GET` that carries the payment intent's id
//! (and the transaction's) where your URL marks them: Paytree fills placeholders such as
//! `{payment_intent_id}` in the URL you gave. It carries nothing else, and in particular **no
//! signature, secret or token**: anyone who learns the URL can call it with any id.
//!
//! So a notification is a hint that something changed, never the change itself. Read the
//! payment intent with an authenticated call and act on what Paytree answers there:
//! [`Notification::from_query`] takes the id out of the request, and
//! [`Notification::confirm`] reads the payment intent. Answer the notification with a 200:
//! Paytree repeats one answered otherwise (ten times, 30 seconds apart).
//!
//! ```no_run
//! use paytree::webhooks::Notification;
//!
//! # async fn receive(client: &paytree::Client, query: &str) -> Result<(), Box<dyn std::error::Error>> {
//! // The notification URL given at create:
//! // https://shop.example.com/paytree/notify?payment_intent={payment_intent_id}
//! let notification = Notification::from_query(query, "payment_intent")?;
//! let intent = notification.confirm(&client.transaction_api()).await?;
//! for payment in &intent.payment {
//!     println!("{}: {} {} is {:?}", intent.transaction_ref, payment.amount, payment.currency, payment.status);
//! }
//! # Ok(())
//! # }
//! ```

use payintent_runtime::__generated::webhooks as shared;
pub use payintent_runtime::WebhookError;

use crate::Call;
use crate::apis::TransactionApi;
use crate::models::PaymentIntent;

/// A notification from Paytree: the id of the payment intent whose status changed. Nothing
/// proves it came from Paytree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Notification {
    /// The payment intent's id, as the request carried it.
    pub payment_intent_id: String,
}

impl Notification {
    /// Reads the payment intent's id from `query`, the notification request's query string
    /// (without `?`), in the parameter `parameter` your notification URL puts it in.
    ///
    /// Fails with [`WebhookError::Unverifiable`] when the parameter is absent or empty, and
    /// [`WebhookError::MalformedQuery`] when it is given twice.
    pub fn from_query(query: &str, parameter: &str) -> Result<Self, WebhookError> {
        match shared::query_parameter(query, parameter)? {
            Some(id) if !id.trim().is_empty() => Ok(Self { payment_intent_id: id }),
            _ => Err(WebhookError::Unverifiable(format!("the notification has no `{parameter}` parameter"))),
        }
    }

    /// The payment intent as Paytree reports it now, read with `api`'s credentials: the part of
    /// a notification to act on. The id is sent as one path segment whatever it holds.
    pub fn confirm<'a>(&'a self, api: &TransactionApi) -> Call<'a, PaymentIntent> {
        api.transaction_payment_intent_retrieve(&self.payment_intent_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_read_from_the_parameter_the_url_names() {
        let notification = Notification::from_query("payment_intent=3f2a-77&transaction=9", "payment_intent").unwrap();
        assert_eq!(notification.payment_intent_id, "3f2a-77");
        let encoded = Notification::from_query("pi=a%2F..%2Fb", "pi").unwrap();
        assert_eq!(encoded.payment_intent_id, "a/../b", "decoded here; the retrieve encodes it as one segment");
    }

    #[test]
    fn a_missing_empty_or_repeated_id_is_refused() {
        for query in ["transaction=9", "payment_intent=", "payment_intent=%20", ""] {
            let error = Notification::from_query(query, "payment_intent").unwrap_err();
            assert!(matches!(error, WebhookError::Unverifiable(_)), "{query}: {error:?}");
        }
        let error = Notification::from_query("payment_intent=1&payment_intent=2", "payment_intent").unwrap_err();
        assert!(matches!(error, WebhookError::MalformedQuery { .. }), "{error:?}");
    }
}
