//! Walking `GET /v2/payment_intents` page by page (`has_more` + `offset`) as one stream.

use std::sync::Arc;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::apis::PaymentIntentsApi;
use crate::models::{PaymentIntentListResponse, PaymentIntentResponse};
use crate::{Call, Error};

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
        let (api, configure) = (self.clone(), Arc::new(configure));
        let pages = stream::unfold(Some(0_i64), move |offset| {
            let (api, configure) = (api.clone(), Arc::clone(&configure));
            async move {
                let offset = offset?;
                match configure(api.get_all_payment_intent(page_size, Some(offset))).await {
                    Ok(page) => {
                        let fetched = i64::try_from(page.data.len()).unwrap_or(i64::MAX);
                        let next = (page.has_more && fetched > 0).then(|| offset.saturating_add(fetched));
                        Some((Ok(page.data), next))
                    }
                    // The error is the stream's last item.
                    Err(error) => Some((Err(error), None)),
                }
            }
        });
        pages.flat_map(|page| match page {
            Ok(intents) => stream::iter(intents.into_iter().map(Ok)).left_stream(),
            Err(error) => stream::iter([Err(error)]).right_stream(),
        })
    }
}
