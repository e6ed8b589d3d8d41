//! Page streams: a list read a page at a time, offered as one stream of its items.
//!
//! A vendor crate says how its list is walked by implementing [`Pages`] — the call that asks
//! for the page at a cursor, and what a page yields and where the next one starts — and
//! [`stream`] does the rest, the same way for every vendor:
//!
//! - a page is asked for only when the stream is read past the items of the one before;
//! - an error is the stream's last item, after the items already yielded: nothing is skipped
//!   and nothing is asked for after it;
//! - the caller's `configure` sets options (a credential, a timeout, a retry policy, a header)
//!   on the call of every page. A page is a read: its call is [`Unkeyed`], so no idempotency
//!   key can be given to it.
//!
//! The stream owns what it needs (the vendor's API value is one `Arc`), so it can outlive the
//! value it came from and be moved into a task.

use std::sync::Arc;

pub use futures_core::Stream;
pub use futures_util::StreamExt;
use futures_util::stream::{iter, unfold};
use serde::de::DeserializeOwned;

use crate::call::{Call, Unkeyed, Vendor};
use crate::error::Error;

/// The error of vendor `V`'s calls.
pub type VendorError<V> = Error<<V as Vendor>::ErrorModel>;

/// How one vendor's list is walked: what [`stream`] needs from a vendor crate.
pub trait Pages: Send + Sync + 'static {
    /// The vendor crate's `Client`.
    type Vendor: Vendor;
    /// Where a page starts: an offset, a page number, a query holding a cursor.
    type Cursor: Send + Sync + 'static;
    /// A page as the list operation answers it.
    type Page: DeserializeOwned + Send + 'static;
    /// One item of the list.
    type Item: Send + 'static;

    /// The call that asks for the page at `cursor`.
    fn ask<'a>(&'a self, cursor: &'a Self::Cursor) -> Call<'a, Self::Page, Self::Vendor, Unkeyed>;

    /// What `page`, asked for at `cursor`, yields and where the next page starts. An error
    /// ends the stream after the items of the pages before.
    fn turn(&self, cursor: Self::Cursor, page: Self::Page) -> Result<Turn<Self>, VendorError<Self::Vendor>>;
}

/// What one page of `P` yields, and where the next one starts.
pub struct Turn<P: Pages + ?Sized> {
    /// The page's items to yield, in order.
    pub items: Vec<P::Item>,
    /// The cursor of the next page; `None` when this page was the last.
    pub next: Option<P::Cursor>,
}

/// Every item of the list `pages` walks, from the page at `first` on, each page's call set up
/// by `configure`.
pub fn stream<P, F>(
    pages: P,
    first: P::Cursor,
    configure: F,
) -> impl Stream<Item = Result<P::Item, VendorError<P::Vendor>>> + Send + 'static
where
    P: Pages,
    F: for<'c> Fn(Call<'c, P::Page, P::Vendor>) -> Call<'c, P::Page, P::Vendor> + Send + Sync + 'static,
{
    let walk = Arc::new((pages, configure));
    let turns = unfold(Some(first), move |cursor| {
        let walk = Arc::clone(&walk);
        async move {
            let cursor = cursor?;
            let (pages, configure) = &*walk;
            let answer = configure(pages.ask(&cursor)).await;
            Some(match answer.and_then(|page| pages.turn(cursor, page)) {
                Ok(Turn { items, next }) => (Ok(items), next),
                // No cursor after an error: it is the stream's last item.
                Err(error) => (Err(error), None),
            })
        }
    });
    turns.flat_map(|turn| match turn {
        Ok(items) => iter(items.into_iter().map(Ok)).left_stream(),
        Err(error) => iter([Err(error)]).right_stream(),
    })
}
