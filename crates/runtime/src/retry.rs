//! When to try a request again, and how long to wait first.
//!
//! The rule that keeps money safe: a request that may have reached the gateway is repeated
//! only when repeating it cannot create a second payment — reads, and writes that carry the
//! vendor's own de-duplication key or an idempotency key. Anything else that fails after it
//! may have been sent comes back as an error whose outcome is unknown.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// How a client retries: attempts, exponential backoff with full jitter, and how long it
/// honours a server's `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts; backoff from 250 ms doubling up to 4 s, fully jittered; a `Retry-After`
    /// of up to 30 s is honoured.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
            jitter: true,
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// One attempt, never repeated.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Attempts in all, the first included (at least 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; it doubles for each further one.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Waits the full backoff instead of a random share of it (tests, mostly).
    #[must_use]
    pub fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// The longest `Retry-After` honoured; a longer one ends the retries.
    #[must_use]
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry): a random duration up to
    /// `initial × 2^(retry-1)`, capped at the maximum ("full jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let ceiling = self.initial_backoff.saturating_mul(1 << exponent).min(self.max_backoff);
        if self.jitter { ceiling.mul_f64(fastrand::f64()) } else { ceiling }
    }

    /// The wait a response asks for, when it carries a `Retry-After` this policy honours.
    /// `Ok(None)`: no header; `Err(())`: it asks for longer than the policy allows.
    pub(crate) fn retry_after(&self, headers: &HeaderMap, now: SystemTime) -> Result<Option<Duration>, ()> {
        let Some(wait) = retry_after(headers, now) else { return Ok(None) };
        if wait > self.max_retry_after { Err(()) } else { Ok(Some(wait)) }
    }
}

/// Statuses worth another attempt: rate limited, or a gateway or server briefly unavailable.
pub(crate) const RETRYABLE_STATUSES: &[u16] = &[429, 502, 503, 504];

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP-date.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_stays_below_it() {
        let policy =
            RetryPolicy::default().initial_backoff(Duration::from_millis(100)).max_backoff(Duration::from_millis(350));
        let fixed = policy.clone().without_jitter();
        let waits: Vec<u128> = (1..=4).map(|retry| fixed.backoff(retry).as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350]);
        for retry in 1..=4 {
            for _ in 0..50 {
                assert!(policy.backoff(retry) <= fixed.backoff(retry));
            }
        }
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        assert_eq!(RetryPolicy::none().attempts(), 1);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(retry_after(&headers("120"), now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(&headers("Sun, 06 Nov 1994 08:49:47 GMT"), now), Some(Duration::from_secs(10)));
        assert_eq!(retry_after(&headers("Sun, 06 Nov 1994 08:49:00 GMT"), now), Some(Duration::ZERO), "in the past");
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);

        let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(60));
        assert_eq!(policy.retry_after(&headers("61"), now), Err(()));
        assert_eq!(policy.retry_after(&headers("60"), now), Ok(Some(Duration::from_secs(60))));
    }
}
