//! When to try a request again, and how long to wait first.
//!
//! The rule that keeps money safe: a request that may have reached the gateway is repeated
//! only when repeating it cannot create a second payment — reads, and writes that carry the
//! vendor's own de-duplication key or an idempotency key. Anything else that fails after it
//! may have been sent comes back as an error whose outcome is unknown.
//!
//! The whole rule is one pure function of what an attempt came back with (`decide`); the
//! client's attempt loop only sends, sleeps, and builds the error `decide` ends a call with.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// Whether an operation may be sent again once an attempt may have reached the server.
///
/// The generator decides it once per operation, from the HTTP method and the operation's
/// `read-only` and `dedupe-key` settings, passes it to
/// [`Operation::new`](crate::client::Operation::new) and writes the method's "Retries" section
/// from the same value; the runtime only reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Repeat {
    /// Repeating changes nothing: the operation only reads, whatever its method (a lookup
    /// sent as `POST`).
    ReadOnly,
    /// Repeating changes nothing: the HTTP method is idempotent (`GET`, `HEAD`, `OPTIONS`,
    /// `PUT`, `DELETE`).
    IdempotentMethod,
    /// A write the gateway recognises a repeat of by a member of its body: a call whose body
    /// carries it ([`Request::carries_dedupe_key`](crate::client::Request::carries_dedupe_key))
    /// may be repeated.
    DedupeKey,
    /// A write with nothing in its body to recognise a repeat by: only an idempotency key
    /// makes it safe to repeat.
    Write,
}

impl Repeat {
    /// Whether repeating the operation changes nothing more than doing it once.
    pub const fn changes_nothing(self) -> bool {
        matches!(self, Self::ReadOnly | Self::IdempotentMethod)
    }

    /// Whether a call may be repeated after it may have reached the server: it changes
    /// nothing, or it carries a key the gateway recognises a repeat by (`keyed`: its body's
    /// de-duplication key, or an idempotency key).
    pub(crate) const fn repeatable(self, keyed: bool) -> bool {
        self.changes_nothing() || keyed
    }
}

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

    /// The wait before retry number `retry` (1 for the first retry): a random duration up to
    /// `initial × 2^(retry-1)`, capped at the maximum ("full jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let ceiling = self.initial_backoff.saturating_mul(1 << exponent).min(self.max_backoff);
        if self.jitter { ceiling.mul_f64(fastrand::f64()) } else { ceiling }
    }
}

/// Statuses worth another attempt: rate limited, or a gateway or server briefly unavailable.
const RETRYABLE_STATUSES: &[u16] = &[429, 502, 503, 504];

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP-date (`now` dates it).
/// `None` when there is no header or it cannot be read.
pub(crate) fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// What an attempt that did not succeed came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// No complete response.
    Failure {
        /// The request may have reached the server: anything but a failed connection.
        sent: bool,
        /// Another attempt would fail the same way (a body over the size cap).
        permanent: bool,
    },
    /// A status outside 2xx.
    Status {
        /// The status code.
        status: u16,
        /// The wait its `Retry-After` asks for, when it carries one that can be read.
        retry_after: Option<Duration>,
    },
}

/// Everything [`decide`] weighs after an attempt that did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttemptEnd {
    /// Whether the operation may be repeated.
    pub repeat: Repeat,
    /// The call carries a key the gateway recognises a repeat by: the body's de-duplication
    /// key of a [`Repeat::DedupeKey`] operation, or an idempotency key.
    pub keyed: bool,
    /// The attempt's number, 1 for the first.
    pub attempt: u32,
    /// What it came back with.
    pub answer: Answer,
    /// An earlier attempt of the same call may have taken effect.
    pub earlier_may_have_applied: bool,
    /// The backoff drawn for the retry that would follow (jitter is the caller's, so the
    /// decision stays a function of its inputs).
    pub backoff: Duration,
    /// Time left before the call's overall deadline.
    pub time_left: Duration,
}

/// What the attempt loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait, then send again.
    Retry {
        /// How long to wait first.
        wait: Duration,
        /// Some attempt so far may have taken effect (carried into the next [`AttemptEnd`]).
        may_have_applied: bool,
    },
    /// End the call with this attempt's error.
    Stop {
        /// The call may have taken effect although no answer says so.
        outcome_unknown: bool,
    },
}

/// The retry rule: whether the call is tried again after `end`, and how long it waits first.
///
/// - Retried for every operation: a request that never left (a failed connection), and a 429
///   (refused unprocessed). Retried only for a call that may be repeated
///   ([`Repeat::repeatable`]): a 502/503/504, and a failure after sending. Never retried: any
///   other status, and a failure the next attempt would meet again (a body over the cap).
/// - For an operation that changes something, a 502/503/504 or a failure after sending may
///   have taken effect. Once one has, the call's outcome stays unknown whatever a later
///   attempt answers. A call that ends on such an answer is unknown too, except on a status
///   answering a call that may be repeated (the caller can simply send it again).
/// - The wait is the `Retry-After` asked for, else the backoff; a `Retry-After` beyond the
///   policy's limit ends the retries. A retry needs an attempt left and its wait to end
///   before the deadline.
pub(crate) fn decide(policy: &RetryPolicy, end: &AttemptEnd) -> Decision {
    let repeatable = end.repeat.repeatable(end.keyed);
    let has_effects = !end.repeat.changes_nothing();
    let (retryable, this_may_have_applied, wait) = match end.answer {
        Answer::Failure { sent, permanent } => {
            ((!sent || repeatable) && !permanent, has_effects && sent, Some(end.backoff))
        }
        Answer::Status { status, retry_after } => {
            // A 429 says the request was refused unprocessed; the others may follow processing.
            let retryable = RETRYABLE_STATUSES.contains(&status) && (repeatable || status == 429);
            let wait = match retry_after {
                None => Some(end.backoff),
                Some(asked) if asked <= policy.max_retry_after => Some(asked),
                // Asks for longer than the policy honours: no attempt fits.
                Some(_) => None,
            };
            (retryable, has_effects && matches!(status, 502..=504), wait)
        }
    };
    let may_have_applied = end.earlier_may_have_applied || this_may_have_applied;
    match wait {
        Some(wait) if retryable && end.attempt < policy.max_attempts && wait < end.time_left => {
            Decision::Retry { wait, may_have_applied }
        }
        _ => Decision::Stop {
            outcome_unknown: match end.answer {
                Answer::Failure { .. } => may_have_applied,
                // A repeatable call answered 502–504 may simply be sent again: only earlier
                // attempts leave its outcome open.
                Answer::Status { .. } => end.earlier_may_have_applied || (!repeatable && this_may_have_applied),
            },
        },
    }
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
        assert_eq!(RetryPolicy::default().max_attempts(0), RetryPolicy::default().max_attempts(1), "at least one");
        assert_eq!(RetryPolicy::none(), RetryPolicy::default().max_attempts(1));
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after(&headers("120"), now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(&headers("Sun, 06 Nov 1994 08:49:47 GMT"), now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after(&headers("Sun, 06 Nov 1994 08:49:00 GMT"), now), Some(Duration::ZERO), "past");
        assert_eq!(parse_retry_after(&headers("soon"), now), None);
        assert_eq!(parse_retry_after(&HeaderMap::new(), now), None);
    }

    // The calls of the table: what the operation is, and whether the call carries a key.
    const READ: (Repeat, bool) = (Repeat::ReadOnly, false);
    const GET: (Repeat, bool) = (Repeat::IdempotentMethod, false);
    const WRITE: (Repeat, bool) = (Repeat::Write, false);
    const WRITE_WITH_IDEMPOTENCY_KEY: (Repeat, bool) = (Repeat::Write, true);
    const CREATE_WITH_DEDUPE_KEY: (Repeat, bool) = (Repeat::DedupeKey, true);
    const CREATE_WITHOUT_DEDUPE_KEY: (Repeat, bool) = (Repeat::DedupeKey, false);

    // What an attempt came back with.
    const CONNECT_FAILED: Answer = Answer::Failure { sent: false, permanent: false };
    /// A timeout or a dropped connection once the request was written.
    const NO_RESPONSE_AFTER_SENDING: Answer = Answer::Failure { sent: true, permanent: false };
    const BODY_OVER_THE_CAP: Answer = Answer::Failure { sent: true, permanent: true };

    const fn status(status: u16) -> Answer {
        Answer::Status { status, retry_after: None }
    }

    const fn status_asking(status: u16, seconds: u64) -> Answer {
        Answer::Status { status, retry_after: Some(Duration::from_secs(seconds)) }
    }

    const BACKOFF: Duration = Duration::from_millis(100);

    /// The first of three attempts, a minute before the deadline.
    fn first((repeat, keyed): (Repeat, bool), answer: Answer) -> AttemptEnd {
        AttemptEnd {
            repeat,
            keyed,
            attempt: 1,
            answer,
            earlier_may_have_applied: false,
            backoff: BACKOFF,
            time_left: Duration::from_secs(60),
        }
    }

    /// The same, after an earlier attempt that may have taken effect.
    fn after_an_applied_attempt(call: (Repeat, bool), answer: Answer) -> AttemptEnd {
        AttemptEnd { attempt: 2, earlier_may_have_applied: true, ..first(call, answer) }
    }

    fn last(call: (Repeat, bool), answer: Answer) -> AttemptEnd {
        AttemptEnd { attempt: 3, ..first(call, answer) }
    }

    fn with_time_left(time_left: Duration, end: AttemptEnd) -> AttemptEnd {
        AttemptEnd { time_left, ..end }
    }

    const fn retry(wait: Duration, may_have_applied: bool) -> Decision {
        Decision::Retry { wait, may_have_applied }
    }

    const KNOWN: Decision = Decision::Stop { outcome_unknown: false };
    const UNKNOWN: Decision = Decision::Stop { outcome_unknown: true };

    #[test]
    fn the_retry_rule_row_by_row() {
        let policy = RetryPolicy::default().max_attempts(3).max_retry_after(Duration::from_secs(30));
        let secs = Duration::from_secs;
        #[rustfmt::skip]
        let rows: Vec<(&str, AttemptEnd, Decision)> = vec![
            // Reads change nothing: every transient failure is retried, and nothing is unknown.
            ("read, connection refused", first(READ, CONNECT_FAILED), retry(BACKOFF, false)),
            ("read, no response after sending", first(READ, NO_RESPONSE_AFTER_SENDING), retry(BACKOFF, false)),
            ("GET, no response after sending", first(GET, NO_RESPONSE_AFTER_SENDING), retry(BACKOFF, false)),
            ("read, 429", first(READ, status(429)), retry(BACKOFF, false)),
            ("read, 502", first(READ, status(502)), retry(BACKOFF, false)),
            ("GET, 503", first(GET, status(503)), retry(BACKOFF, false)),
            ("read, 504", first(READ, status(504)), retry(BACKOFF, false)),
            ("read, 503 asking 2 s", first(READ, status_asking(503, 2)), retry(secs(2), false)),
            ("read, 503 asking 0 s", first(READ, status_asking(503, 0)), retry(Duration::ZERO, false)),
            ("read, 503 asking the policy's limit", first(READ, status_asking(503, 30)), retry(secs(30), false)),
            ("read, 503 asking beyond the limit", first(READ, status_asking(503, 31)), KNOWN),
            ("read, 500", first(READ, status(500)), KNOWN),
            ("read, 404", first(READ, status(404)), KNOWN),
            ("read, body over the cap", first(READ, BODY_OVER_THE_CAP), KNOWN),
            ("read, 503 on the last attempt", last(READ, status(503)), KNOWN),
            ("read, failure on the last attempt", last(GET, NO_RESPONSE_AFTER_SENDING), KNOWN),
            // A write without a key: only what proves nothing ran is retried.
            ("write, connection refused", first(WRITE, CONNECT_FAILED), retry(BACKOFF, false)),
            ("write, no response after sending", first(WRITE, NO_RESPONSE_AFTER_SENDING), UNKNOWN),
            ("write, 429", first(WRITE, status(429)), retry(BACKOFF, false)),
            ("write, 429 asking 5 s", first(WRITE, status_asking(429, 5)), retry(secs(5), false)),
            ("write, 429 asking beyond the limit", first(WRITE, status_asking(429, 60)), KNOWN),
            ("write, 502", first(WRITE, status(502)), UNKNOWN),
            ("write, 503", first(WRITE, status(503)), UNKNOWN),
            ("write, 504", first(WRITE, status(504)), UNKNOWN),
            ("write, 503 asking 1 s", first(WRITE, status_asking(503, 1)), UNKNOWN),
            ("write, 500", first(WRITE, status(500)), KNOWN),
            ("write, 422", first(WRITE, status(422)), KNOWN),
            ("write, body over the cap", first(WRITE, BODY_OVER_THE_CAP), UNKNOWN),
            ("write, connection refused on the last attempt", last(WRITE, CONNECT_FAILED), KNOWN),
            // A write with an idempotency key, or a create whose body carries its key, may be repeated.
            ("keyed write, no response after sending", first(WRITE_WITH_IDEMPOTENCY_KEY, NO_RESPONSE_AFTER_SENDING), retry(BACKOFF, true)),
            ("keyed write, 502", first(WRITE_WITH_IDEMPOTENCY_KEY, status(502)), retry(BACKOFF, true)),
            ("keyed write, 503 asking 3 s", first(WRITE_WITH_IDEMPOTENCY_KEY, status_asking(503, 3)), retry(secs(3), true)),
            ("keyed write, 429", first(WRITE_WITH_IDEMPOTENCY_KEY, status(429)), retry(BACKOFF, false)),
            ("keyed create, 504", first(CREATE_WITH_DEDUPE_KEY, status(504)), retry(BACKOFF, true)),
            ("keyed create, no response after sending", first(CREATE_WITH_DEDUPE_KEY, NO_RESPONSE_AFTER_SENDING), retry(BACKOFF, true)),
            ("keyed create, connection refused", first(CREATE_WITH_DEDUPE_KEY, CONNECT_FAILED), retry(BACKOFF, false)),
            ("keyed create, body over the cap", first(CREATE_WITH_DEDUPE_KEY, BODY_OVER_THE_CAP), UNKNOWN),
            // The answer to the first attempt of a repeatable call leaves nothing open.
            ("keyed create, 503 asking beyond the limit", first(CREATE_WITH_DEDUPE_KEY, status_asking(503, 31)), KNOWN),
            ("keyed create, 503 on the last attempt", last(CREATE_WITH_DEDUPE_KEY, status(503)), KNOWN),
            ("keyed create, 400", first(CREATE_WITH_DEDUPE_KEY, status(400)), KNOWN),
            // A create without the key its body may carry is a plain write.
            ("unkeyed create, 503", first(CREATE_WITHOUT_DEDUPE_KEY, status(503)), UNKNOWN),
            ("unkeyed create, no response after sending", first(CREATE_WITHOUT_DEDUPE_KEY, NO_RESPONSE_AFTER_SENDING), UNKNOWN),
            ("unkeyed create, connection refused", first(CREATE_WITHOUT_DEDUPE_KEY, CONNECT_FAILED), retry(BACKOFF, false)),
            ("unkeyed create, 429", first(CREATE_WITHOUT_DEDUPE_KEY, status(429)), retry(BACKOFF, false)),
            // Once an attempt may have taken effect, no later answer can say the call did nothing.
            ("keyed create after an applied attempt, 503", after_an_applied_attempt(CREATE_WITH_DEDUPE_KEY, status(503)), retry(BACKOFF, true)),
            ("keyed create after an applied attempt, connection refused", after_an_applied_attempt(CREATE_WITH_DEDUPE_KEY, CONNECT_FAILED), retry(BACKOFF, true)),
            ("keyed create after an applied attempt, 400", after_an_applied_attempt(CREATE_WITH_DEDUPE_KEY, status(400)), UNKNOWN),
            ("keyed write after an applied attempt, 429 asking beyond the limit", after_an_applied_attempt(WRITE_WITH_IDEMPOTENCY_KEY, status_asking(429, 31)), UNKNOWN),
            ("keyed create after applied attempts, 503 on the last attempt", AttemptEnd { attempt: 3, ..after_an_applied_attempt(CREATE_WITH_DEDUPE_KEY, status(503)) }, UNKNOWN),
            ("keyed create after applied attempts, refused on the last attempt", AttemptEnd { attempt: 3, ..after_an_applied_attempt(CREATE_WITH_DEDUPE_KEY, CONNECT_FAILED) }, UNKNOWN),
            // The overall deadline: a wait must end before it.
            ("read, backoff beyond the deadline", with_time_left(Duration::from_millis(99), first(READ, status(503))), KNOWN),
            ("read, backoff ending at the deadline", with_time_left(BACKOFF, first(READ, status(503))), KNOWN),
            ("read, backoff ending before the deadline", with_time_left(Duration::from_millis(101), first(READ, status(503))), retry(BACKOFF, false)),
            ("read, Retry-After beyond the deadline", with_time_left(secs(2), first(READ, status_asking(503, 2))), KNOWN),
            ("read, deadline passed", with_time_left(Duration::ZERO, first(READ, CONNECT_FAILED)), KNOWN),
            ("keyed create, deadline passed after sending", with_time_left(Duration::ZERO, first(CREATE_WITH_DEDUPE_KEY, NO_RESPONSE_AFTER_SENDING)), UNKNOWN),
        ];
        let failed: Vec<String> = rows
            .iter()
            .filter_map(|(name, end, expected)| {
                let decided = decide(&policy, end);
                (decided != *expected).then(|| format!("{name}: {decided:?}, expected {expected:?}"))
            })
            .collect();
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn one_attempt_allowed_is_never_repeated() {
        for answer in [CONNECT_FAILED, status(429), status(503)] {
            assert_eq!(decide(&RetryPolicy::none(), &first(READ, answer)), KNOWN, "{answer:?}");
        }
    }
}
