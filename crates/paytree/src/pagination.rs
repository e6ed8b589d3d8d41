//! Walking `GET /v1/transaction/payment_intent/` page by page (`page` + `next`) as one stream.

use payintent_runtime::__generated::pages::{self, Pages, Turn};

use crate::apis::{TransactionApi, TransactionPaymentIntentListParams};
use crate::models::{PaginatedPaymentIntentList, PaymentIntent};
use crate::{Call, Client, Error, Stream};

impl TransactionApi {
    /// Every payment intent that `params` selects, fetched a page at a time as the stream is
    /// read.
    ///
    /// The list is numbered in pages: the walk asks for the page `params` names (the first
    /// when it names none), then the next number, with every other parameter of `params` on
    /// every page, until a page says there is none after it (`next: null`) or comes back
    /// empty. The `next` link itself is not followed: it is an absolute URL the server builds
    /// from the request it saw, and asking for the next number keeps every request, and the
    /// token, on the client's base URL. An error ends the stream after the intents already
    /// yielded; nothing is skipped. Each page is one
    /// [`transaction_payment_intent_list`](Self::transaction_payment_intent_list) call, retried
    /// as a read. Page numbers count from the head of the list as it is when each page is
    /// read: an intent created or removed during the walk moves others across page
    /// boundaries, so one may then be yielded twice or not at all. The stream owns a clone of the API value, so it can outlive it and be moved into a task.
    ///
    /// ```no_run
    /// use paytree::StreamExt;
    /// use paytree::apis::TransactionPaymentIntentListParams;
    ///
    /// # async fn example(client: paytree::Client) -> Result<(), paytree::Error> {
    /// let params = TransactionPaymentIntentListParams::new().with_client_ref("customer-17");
    /// let mut intents = std::pin::pin!(client.transaction_api().all_payment_intents(&params));
    /// while let Some(intent) = intents.next().await {
    ///     let intent = intent?;
    ///     println!("{} {} {}", intent.transaction_ref, intent.amount, intent.currency);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn all_payment_intents(
        &self,
        params: &TransactionPaymentIntentListParams,
    ) -> impl Stream<Item = Result<PaymentIntent, Error>> + Send + 'static {
        self.all_payment_intents_with(params, |page| page)
    }

    /// [`all_payment_intents`](Self::all_payment_intents), with `configure` applied to the call
    /// of every page: that call's options, such as a merchant's `credential`, a `timeout`, a
    /// `retry` policy, a `header` or a `query_param`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use paytree::apis::TransactionPaymentIntentListParams;
    /// use paytree::{Credential, StreamExt};
    ///
    /// # async fn example(client: paytree::Client, merchant_token: String) -> Result<(), paytree::Error> {
    /// // One merchant's intents, through the platform's client.
    /// let merchant = Credential::token(merchant_token);
    /// let params = TransactionPaymentIntentListParams::new();
    /// let pages = client.transaction_api().all_payment_intents_with(&params, move |page| {
    ///     page.credential(merchant.clone()).timeout(Duration::from_secs(10))
    /// });
    /// let mut intents = std::pin::pin!(pages);
    /// while let Some(intent) = intents.next().await {
    ///     println!("{}", intent?.id);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn all_payment_intents_with<F>(
        &self,
        params: &TransactionPaymentIntentListParams,
        configure: F,
    ) -> impl Stream<Item = Result<PaymentIntent, Error>> + Send + 'static
    where
        F: for<'c> Fn(Call<'c, PaginatedPaymentIntentList>) -> Call<'c, PaginatedPaymentIntentList>
            + Send
            + Sync
            + 'static,
    {
        let mut first = params.clone();
        first.page = Some(params.page.unwrap_or(1));
        pages::stream(IntentPages { api: self.clone() }, first, configure)
    }
}

/// The list walked by page number.
struct IntentPages {
    api: TransactionApi,
}

impl Pages for IntentPages {
    type Vendor = Client;
    /// The caller's parameters, `page` set to the page to ask for.
    type Cursor = TransactionPaymentIntentListParams;
    type Page = PaginatedPaymentIntentList;
    type Item = PaymentIntent;

    fn ask<'a>(&'a self, params: &'a TransactionPaymentIntentListParams) -> Call<'a, PaginatedPaymentIntentList> {
        self.api.transaction_payment_intent_list(params)
    }

    fn turn(
        &self,
        mut params: TransactionPaymentIntentListParams,
        page: PaginatedPaymentIntentList,
    ) -> Result<Turn<Self>, Error> {
        // An empty page that names a next one would lead nowhere: it ends the walk.
        let more = page.next.is_some() && !page.results.is_empty();
        let next = match params.page.and_then(|number| number.checked_add(1)) {
            Some(number) if more => {
                params.page = Some(number);
                Some(params)
            }
            _ => None,
        };
        Ok(Turn { items: page.results, next })
    }
}
