//! Walking `GET /v2/payment_intents` page by page (`has_more` + `offset`) as one stream.

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::Error;
use crate::apis::PaymentIntentsApi;
use crate::models::PaymentIntentResponse;

impl<'a> PaymentIntentsApi<'a> {
    /// Every payment intent, fetched a page at a time as the stream is read.
    ///
    /// Pages of `page_size` intents (the server's default of 10 when `None`) are requested with
    /// a growing `offset` until a page says `has_more: false` (or comes back empty). An error
    /// ends the stream after the intents already yielded; nothing is retried or skipped.
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
    ) -> impl Stream<Item = Result<PaymentIntentResponse, Error>> + Send + 'a {
        let api = self.clone();
        let pages = stream::unfold(Some(0_i64), move |offset| {
            let api = api.clone();
            async move {
                let offset = offset?;
                match api.get_all_payment_intent(page_size, Some(offset)).await {
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
