//! Walking `GET /payments/list` page by page as one stream, newest payment first.
//!
//! What the server does with the list's cursors, read in its source at the commit the spec was
//! made from (`openapi/hyperswitch/import/server.toml`; paths under `crates/`):
//!
//! - The page is ordered by creation time, newest first, and cut at `limit`
//!   (`storage_impl/src/payments/payment_intent.rs:741`, `:749-751`).
//! - A cursor stands for the creation time of its payment, which the server looks up:
//!   `starting_after` keeps the payments created at that time or later, `ending_before` those
//!   created at that time or earlier (`:760-796`). Both include the cursor payment itself, and
//!   `starting_after` leads back to the newest payments, the head of the list. The walk goes on
//!   towards older ones with `ending_before` = the last payment of the page before; that
//!   payment comes again at the head of the next page, with any other created in the same
//!   microsecond, and the walk leaves out what it yielded already. So that they do not take
//!   the place of new payments, the next page asks for as many more as it can repeat, up to
//!   the server's maximum of 100 (`router/src/core/payments/helpers.rs:3013-3030`).
//! - `created`, `created.lt` and `created.lte` take the place of `ending_before` when one is
//!   sent (`hyperswitch_domain_models/src/payments/payment_intent.rs:1351`), and are compared
//!   with `<=` all three. From the second page on they are therefore replaced by the cursor:
//!   every payment yielded so far is within them, so everything older than the cursor is too.
//!   `created` is also a lower bound (`:1350`), which stays as `created.gte` when the caller
//!   sent none.
//! - A payment whose attempt is missing is left out of its page
//!   (`router/src/core/payments.rs:5807-5818`), so a page can be shorter than `limit` with
//!   more to come: the walk ends on a page that brings no payment it has not yielded.
//! - `created` is written to the millisecond (`common_utils/src/custom_serde.rs:20-24`) and
//!   compared to the microsecond, so what a page can repeat is tracked per millisecond.

use std::collections::HashSet;

use payintent_runtime::__generated::invalid_request;
use payintent_runtime::__generated::pages::{self, Pages, Turn};

use crate::apis::{ListAllPaymentsParams, PaymentsApi};
use crate::models::{PaymentListResponse, PaymentsResponse};
use crate::{Call, Client, Error, InvalidReason, Stream};

/// The page size when `limit` is not sent (`api_models/src/payments.rs:5797`).
const DEFAULT_LIMIT: i64 = 10;
/// The largest `limit` the server accepts (`router/src/core/payments/helpers.rs:3013-3030`).
const MAX_LIMIT: i64 = 100;

impl PaymentsApi {
    /// Every payment that `params` selects, newest first, fetched a page at a time as the
    /// stream is read.
    ///
    /// The first page is [`list_all_payments`](Self::list_all_payments) with `params` as given,
    /// `limit` payments (10 when unset, at most 100). Each next one asks for the payments
    /// created up to the last one yielded (`ending_before`), with the caller's other filters,
    /// and leaves out those it yielded already: the server sends the cursor payment again, and
    /// any other created in the same instant, so the page asks for that many more than `limit`
    /// (up to 100) to bring `limit` new ones. The walk ends on a page that brings nothing new.
    /// An error ends the stream after the payments already yielded; nothing is skipped. Each
    /// page is a read, retried as one.
    ///
    /// How this follows Hyperswitch's server (its source: `storage_impl`'s
    /// `filter_payment_intent_by_constraints`, `router`'s `list_payments`): the list is ordered
    /// newest first, and both cursors stand for their payment's creation time and include that
    /// payment — `starting_after` keeps the payments created since it, so it leads back to the
    /// head of the list, and `ending_before` is the one that moves on. `created`,
    /// `created.lt` and `created.lte` (all three read as "at or before") override
    /// `ending_before`, so from the second page on the cursor stands in for them: every
    /// payment older than it is within them. The lower bounds (`created.gte`, `created.gt`,
    /// `starting_after`, and `created` itself) stay on every page. A page can be shorter than
    /// `limit` before the end (the server leaves out a payment whose attempt is missing), so a
    /// short page does not end the walk. More than 100 payments created in one microsecond
    /// cannot be walked past: the stream then ends with `Error::InvalidRequest`
    /// ([`InvalidReason::NextPage`]).
    ///
    /// The stream owns a clone of the API value, so it can outlive it and be moved into a task.
    ///
    /// ```no_run
    /// use hyperswitch::StreamExt;
    /// use hyperswitch::apis::ListAllPaymentsParams;
    ///
    /// # async fn example(client: hyperswitch::Client) -> Result<(), hyperswitch::Error> {
    /// let params = ListAllPaymentsParams::new()
    ///     .with_customer_id("cus_y3oqhf46pyzuxjbcn2giaqnb44")
    ///     .with_created_gte("2025-05-01T00:00:00Z")
    ///     .with_limit(100);
    /// let mut payments = std::pin::pin!(client.payments_api().all_payments(&params));
    /// while let Some(payment) = payments.next().await {
    ///     let payment = payment?;
    ///     println!("{} {:?} {}", payment.payment_id, payment.status, payment.amount);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn all_payments(
        &self,
        params: &ListAllPaymentsParams,
    ) -> impl Stream<Item = Result<PaymentsResponse, Error>> + Send + 'static {
        self.all_payments_with(params, |page| page)
    }

    /// [`all_payments`](Self::all_payments), with `configure` applied to the call of every page:
    /// that call's options, such as a merchant's `credential`, a `timeout`, a `retry` policy
    /// or a `header`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use hyperswitch::apis::ListAllPaymentsParams;
    /// use hyperswitch::{Credential, StreamExt};
    ///
    /// # async fn example(client: hyperswitch::Client, merchant_key: String) -> Result<(), hyperswitch::Error> {
    /// // One merchant's payments, through the platform's client.
    /// let merchant = Credential::api_key(merchant_key);
    /// let params = ListAllPaymentsParams::new().with_limit(100);
    /// let pages = client.payments_api().all_payments_with(&params, move |page| {
    ///     page.credential(merchant.clone()).timeout(Duration::from_secs(10))
    /// });
    /// let mut payments = std::pin::pin!(pages);
    /// while let Some(payment) = payments.next().await {
    ///     println!("{}", payment?.payment_id);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn all_payments_with<F>(
        &self,
        params: &ListAllPaymentsParams,
        configure: F,
    ) -> impl Stream<Item = Result<PaymentsResponse, Error>> + Send + 'static
    where
        F: for<'c> Fn(Call<'c, PaymentListResponse>) -> Call<'c, PaymentListResponse> + Send + Sync + 'static,
    {
        let page_size = params.limit.unwrap_or(DEFAULT_LIMIT);
        let walk = PaymentPages { api: self.clone(), later: later_pages(params), page_size };
        let first = Position { params: params.clone(), created: None, yielded: HashSet::new() };
        pages::stream(walk, first, configure)
    }
}

/// The list walked towards older payments, the last payment of each page the cursor of the
/// next.
struct PaymentPages {
    api: PaymentsApi,
    /// The query of every page after the first, but its cursor and `limit`.
    later: ListAllPaymentsParams,
    /// How many new payments a page brings at most.
    page_size: i64,
}

/// Where a page starts, and what it may repeat.
struct Position {
    /// The page's query.
    params: ListAllPaymentsParams,
    /// `created` of the cursor payment (`None` on the first page).
    created: Option<String>,
    /// The payments already yielded that the page can bring again: those created in the
    /// cursor's millisecond. Only these, so the set stays about as small as a page.
    yielded: HashSet<String>,
}

/// The query of the pages after the first: the caller's, without the upper time bounds the
/// cursor stands in for (they would override it), `created`'s lower half kept as
/// `created.gte` (unless another lower bound overrides it).
fn later_pages(params: &ListAllPaymentsParams) -> ListAllPaymentsParams {
    let mut later = params.clone();
    let created = later.created.take();
    if later.created_gte.is_none() && later.created_gt.is_none() {
        later.created_gte = created;
    }
    later.created_lt = None;
    later.created_lte = None;
    later
}

impl Pages for PaymentPages {
    type Vendor = Client;
    type Cursor = Position;
    type Page = PaymentListResponse;
    type Item = PaymentsResponse;

    fn ask<'a>(&'a self, position: &'a Position) -> Call<'a, PaymentListResponse> {
        self.api.list_all_payments(&position.params)
    }

    fn turn(&self, position: Position, page: PaymentListResponse) -> Result<Turn<Self>, Error> {
        let asked = position.params.limit.unwrap_or(DEFAULT_LIMIT);
        let full = i64::try_from(page.data.len()).is_ok_and(|size| size >= asked);
        let last = page.data.last().map(|payment| (payment.payment_id.clone(), payment.created.clone()));
        let fresh: Vec<PaymentsResponse> =
            page.data.into_iter().filter(|payment| !position.yielded.contains(&payment.payment_id)).collect();
        let Some((cursor, created)) = last.filter(|_| !fresh.is_empty()) else {
            // Nothing new: the end of the list, unless the page was full — then all of it
            // (as many as the server sends) was created in the cursor's microsecond, and more
            // may have been.
            return if full { Err(stalled()) } else { Ok(Turn { items: fresh, next: None }) };
        };
        let mut yielded = if created == position.created { position.yielded } else { HashSet::new() };
        yielded.extend(fresh.iter().filter(|payment| payment.created == created).map(|p| p.payment_id.clone()));
        let mut params = self.later.clone();
        params.ending_before = Some(cursor);
        let repeats = i64::try_from(yielded.len()).unwrap_or(i64::MAX);
        params.limit = Some(self.page_size.saturating_add(repeats).min(MAX_LIMIT));
        Ok(Turn { items: fresh, next: Some(Position { params, created, yielded }) })
    }
}

fn stalled() -> Error {
    let reason = InvalidReason::NextPage(
        "more payments were created in one instant than the server sends in a page (100), and its cursor is a \
         creation time",
    );
    invalid_request("List all Payments", reason)
}
