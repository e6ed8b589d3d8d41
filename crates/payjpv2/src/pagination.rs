//! Walking `GET /v2/payment_intents` page by page (`has_more` + `offset`) as one stream.

use payintent_runtime::__generated::pages::{self, Pages, Turn};

use crate::apis::PaymentIntentsApi;
use crate::models::{PaymentIntentListResponse, PaymentIntentResponse};
use crate::{Call, Client, Error, Stream};

impl PaymentIntentsApi {
    /// Every payment intent, fetched a page at a time as the stream is read.
    ///
    /// Pages of `page_size` intents (the server's default of 10 when `None`) are requested with
    /// a growing `offset` until a page says `has_more: false` (or comes back empty). An error
    /// ends the stream after the intents already yielded; nothing is skipped. Each page is one
    /// [`get_all_payment_intent`](Self::get_all_payment_intent) call, retried as a read, never
    /// with an idempotency key. The stream owns a clone of the API value, so it can outlive it
    /// and be moved into a task.
    ///
    /// ```no_run
    /// use payjpv2::StreamExt;
    ///
    /// # async fn example(client: payjpv2::Client) -> Result<(), payjpv2::Error> {
    /// let mut intents = std::pin::pin!(client.payment_intents_api().all_payment_intents(Some(100)));
    /// while let Some(intent) = intents.next().await {
    ///     let intent = intent?;
    ///     println!("{} {:?}", intent.id, intent.status);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn all_payment_intents(
        &self,
        page_size: Option<i64>,
    ) -> impl Stream<Item = Result<PaymentIntentResponse, Error>> + Send + 'static {
        self.all_payment_intents_with(page_size, |page| page)
    }

    /// [`all_payment_intents`](Self::all_payment_intents), with `configure` applied to the call of
    /// every page: that call's options, such as a merchant's `credential`, a `timeout`, a `retry`
    /// policy or a `header`. A page is a read, so its call offers no `idempotency_key`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use payjpv2::{Credential, StreamExt};
    ///
    /// # async fn example(client: payjpv2::Client, merchant_key: String) -> Result<(), payjpv2::Error> {
    /// // One merchant's intents, through the platform's client.
    /// let merchant = Credential::secret_key(merchant_key);
    /// let pages = client.payment_intents_api().all_payment_intents_with(Some(100), move |page| {
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
        page_size: Option<i64>,
        configure: F,
    ) -> impl Stream<Item = Result<PaymentIntentResponse, Error>> + Send + 'static
    where
        F: for<'c> Fn(Call<'c, PaymentIntentListResponse>) -> Call<'c, PaymentIntentListResponse>
            + Send
            + Sync
            + 'static,
    {
        pages::stream(IntentPages { api: self.clone(), page_size }, 0, configure)
    }
}

/// The list walked by offset: each page starts where the one before ended.
struct IntentPages {
    api: PaymentIntentsApi,
    page_size: Option<i64>,
}

impl Pages for IntentPages {
    type Vendor = Client;
    /// The `offset` of the page.
    type Cursor = i64;
    type Page = PaymentIntentListResponse;
    type Item = PaymentIntentResponse;

    fn ask<'a>(&'a self, offset: &'a i64) -> Call<'a, PaymentIntentListResponse> {
        self.api.get_all_payment_intent(self.page_size, Some(*offset))
    }

    fn turn(&self, offset: i64, page: PaymentIntentListResponse) -> Result<Turn<Self>, Error> {
        let fetched = i64::try_from(page.data.len()).unwrap_or(i64::MAX);
        // An empty page that claims more would be asked for again and again: it ends the walk.
        let next = (page.has_more && fetched > 0).then(|| offset.saturating_add(fetched));
        Ok(Turn { items: page.data, next })
    }
}
