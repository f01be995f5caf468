//! Ready `classify` functions for reqwest (feature `reqwest`).
//!
//! They classify `Result<reqwest::Response, reqwest::Error>` — the result of `send()` — so
//! they see the status and the headers, and honour `Retry-After`:
//!
//! ```no_run
//! use reattempt::retry;
//! use reattempt_runtime::http;
//!
//! // `http::Error` holds a `reqwest::Error` or, with `timeout`, an `Elapsed`.
//! #[retry(attempts = 4, delay = "200ms", backoff = "exponential", jitter = "full",
//!         max_elapsed = "30s", timeout = "10s", classify = http::idempotent)]
//! async fn get(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, http::Error> {
//!     Ok(client.get(url).send().await?)
//! }
//!
//! #[retry(attempts = 3, delay = "500ms", classify = reattempt_runtime::http::non_idempotent)]
//! async fn charge(client: &reqwest::Client, body: &str) -> Result<reqwest::Response, reqwest::Error> {
//!     client.post("https://payments.example/charges").body(body.to_owned()).send().await
//! }
//! ```
//!
//! A `Retry-After` longer than the policy's `max_delay` (5 minutes when unset) ends the retries
//! and returns that response: a server asking for an hour does not hang the call for an hour.
//!
//! reqwest's `is_connect()` covers every failure before a connection was established: refused
//! and unreachable hosts, but also DNS resolution and TLS handshake failures. Both classifiers
//! retry them, because the request cannot have reached the server; a misspelled host name or
//! an untrusted certificate is therefore tried `attempts` times before its error is returned.

use core::time::Duration;
use std::error::Error as StdError;
use std::time::SystemTime;

use core::fmt;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

use crate::transient::is_transient_kind;
use crate::{Decision, Elapsed, Transient};

/// What can go wrong with one HTTP attempt: the classifiers accept any error type that says.
///
/// Implemented for `reqwest::Error` and for [`Error`], which adds the per-attempt timeout.
/// Implement it for your own error type to use the classifiers with it.
pub trait Failure {
    /// The reqwest error, if this is one.
    fn request_error(&self) -> Option<&reqwest::Error>;

    /// Whether `#[retry(timeout = ...)]` cut the attempt.
    fn timed_out(&self) -> bool;
}

impl Failure for reqwest::Error {
    fn request_error(&self) -> Option<&reqwest::Error> {
        Some(self)
    }

    fn timed_out(&self) -> bool {
        false
    }
}

/// A `reqwest::Error` or an attempt cut by `timeout`: the error type to return from a
/// `#[retry(timeout = ..., classify = http::idempotent)]` function, since `reqwest::Error`
/// cannot be built from an [`Elapsed`]. `?` converts both.
///
/// ```
/// use reattempt_runtime::{http, Elapsed};
///
/// let error = http::Error::from(Elapsed::new(std::time::Duration::from_secs(5)));
/// assert_eq!(error.to_string(), "attempt timed out after 5s");
/// assert!(matches!(error, http::Error::TimedOut(_)));
/// ```
#[derive(Debug)]
pub enum Error {
    /// The request failed.
    Request(reqwest::Error),
    /// The attempt ran past its `timeout`.
    TimedOut(Elapsed),
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Request(error) => error.fmt(formatter),
            Self::TimedOut(elapsed) => elapsed.fmt(formatter),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Request(error) => error.source(),
            Self::TimedOut(_) => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        Self::Request(error)
    }
}

impl From<Elapsed> for Error {
    fn from(elapsed: Elapsed) -> Self {
        Self::TimedOut(elapsed)
    }
}

impl Failure for Error {
    fn request_error(&self) -> Option<&reqwest::Error> {
        match self {
            Self::Request(error) => Some(error),
            Self::TimedOut(_) => None,
        }
    }

    fn timed_out(&self) -> bool {
        matches!(self, Self::TimedOut(_))
    }
}

impl Transient for Error {
    fn is_transient(&self) -> bool {
        match self {
            Self::Request(error) => error.is_transient(),
            Self::TimedOut(_) => true,
        }
    }
}

/// For requests that are safe to repeat (GET, HEAD, PUT, DELETE, or any request with an
/// idempotency key): retries transport failures — connect errors, timeouts (reqwest's or
/// `#[retry(timeout)]`'s), a connection closed or reset before a full response — and the
/// statuses 408, 425, 429, 500, 502, 503 and 504, honouring `Retry-After`. Every other status,
/// 4xx included, is returned at once.
///
/// ```
/// use reattempt::Decision;
/// use reattempt_runtime::http::idempotent;
///
/// fn sent(status: u16, retry_after: &str) -> Result<reqwest::Response, reqwest::Error> {
///     let response = http::Response::builder().status(status).header("retry-after", retry_after);
///     Ok(reqwest::Response::from(response.body("").unwrap()))
/// }
///
/// assert_eq!(idempotent(&sent(503, "2")), Decision::RetryAfter(std::time::Duration::from_secs(2)));
/// assert_eq!(idempotent(&sent(404, "2")), Decision::Return);
/// ```
#[must_use]
pub fn idempotent<E: Failure>(outcome: &Result<reqwest::Response, E>) -> Decision {
    match outcome {
        Ok(response) if is_retryable_status(response.status()) => match retry_after(response.headers()) {
            Some(hint) => Decision::RetryAfter(hint),
            None => Decision::Retry,
        },
        Err(error) if error.timed_out() || error.request_error().is_some_and(Transient::is_transient) => {
            Decision::Retry
        }
        Ok(_) | Err(_) => Decision::Return,
    }
}

/// For requests that must not run twice (POST without an idempotency key): retries only when
/// the server surely did not process the request — a connect error (nothing was sent), or a
/// 429 or 503 that carries `Retry-After` (the server refused it and said when to come back).
/// A timeout (reqwest's or `#[retry(timeout)]`'s), a reset connection or a 500 may hide a
/// processed request, so they are returned.
///
/// ```
/// use reattempt::Decision;
/// use reattempt_runtime::http::non_idempotent;
///
/// fn sent(status: u16, retry_after: &str) -> Result<reqwest::Response, reqwest::Error> {
///     let response = http::Response::builder().status(status).header("retry-after", retry_after);
///     Ok(reqwest::Response::from(response.body("").unwrap()))
/// }
///
/// assert_eq!(non_idempotent(&sent(500, "1")), Decision::Return);
/// assert_eq!(non_idempotent(&sent(429, "1")), Decision::RetryAfter(std::time::Duration::from_secs(1)));
/// ```
#[must_use]
pub fn non_idempotent<E: Failure>(outcome: &Result<reqwest::Response, E>) -> Decision {
    match outcome {
        Ok(response) if matches!(response.status().as_u16(), 429 | 503) => {
            retry_after(response.headers()).map_or(Decision::Return, Decision::RetryAfter)
        }
        Err(error) if error.request_error().is_some_and(reqwest::Error::is_connect) => Decision::Retry,
        Ok(_) | Err(_) => Decision::Return,
    }
}

/// Request Timeout, Too Early, Too Many Requests, Internal Server Error, Bad Gateway, Service
/// Unavailable, Gateway Timeout: the statuses that say "not now" rather than "not this".
fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 425 | 429 | 500 | 502 | 503 | 504)
}

/// The `Retry-After` of a response, in delta-seconds or HTTP-date form (a date in the past is
/// zero). An unparsable value counts as absent. HTTP-dates are read against the wall clock.
///
/// ```
/// use std::time::Duration;
/// use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("120"));
/// assert_eq!(reattempt_runtime::http::retry_after(&headers), Some(Duration::from_secs(120)));
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
/// assert_eq!(reattempt_runtime::http::retry_after(&headers), Some(Duration::ZERO));
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
/// assert_eq!(reattempt_runtime::http::retry_after(&headers), None);
/// ```
#[must_use]
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // Too many digits for a u64 is still a number of seconds: longer than any cap.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = parse_http_date(value)?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An HTTP-date as leniently as urllib3 (Python's `email.utils.parsedate_tz`) reads one: the
/// three forms of RFC 9110 (IMF-fixdate, RFC 850, asctime), then any RFC 2822 date — one-digit
/// days, two-digit years, no seconds, `UT`, `UTC`, `Z` or a US zone for `GMT`, numeric offsets
/// such as `+0000` or `-0500`, a weekday that does not match the date, or none.
fn parse_http_date(value: &str) -> Option<SystemTime> {
    static LENIENT: jiff::fmt::rfc2822::DateTimeParser =
        jiff::fmt::rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(date) = httpdate::parse_http_date(value) {
        return Some(date);
    }
    LENIENT.parse_timestamp(value).ok().map(SystemTime::from)
}

/// Connect errors, timeouts, retryable statuses (from `error_for_status`), and connections
/// closed or reset before a full response are transient. `reqwest::Error` carries no headers,
/// so its `retry_after` is `None`: use [`idempotent`] or [`non_idempotent`] on the `send()`
/// result to honour `Retry-After`.
impl Transient for reqwest::Error {
    fn is_transient(&self) -> bool {
        self.is_connect()
            || self.is_timeout()
            || self.status().is_some_and(is_retryable_status)
            || connection_was_cut(self)
    }
}

/// Whether the error's causes include a connection that closed or reset before the response
/// was complete.
fn connection_was_cut(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            if is_transient_kind(io.kind()) {
                return true;
            }
        }
        if let Some(hyper) = error.downcast_ref::<hyper::Error>() {
            if hyper.is_incomplete_message() || hyper.is_closed() || hyper.is_canceled() {
                return true;
            }
        }
        cause = error.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn reads_delta_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 3600 ", now), Some(Duration::from_secs(3_600)));
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::MAX));
    }

    #[test]
    fn reads_http_dates_against_now() {
        // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(parse_retry_after(date, at(1_445_412_480 - 90)), Some(Duration::from_secs(90)));
        assert_eq!(parse_retry_after(date, at(1_445_412_480 + 5)), Some(Duration::ZERO), "past");
        // The obsolete forms HTTP still accepts.
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", at(1_445_412_480 - 1)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            parse_retry_after("Wed Oct 21 07:28:00 2015", at(1_445_412_480 - 1)),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn reads_http_dates_as_leniently_as_urllib3() {
        // 1559563200 is Mon, 03 Jun 2019 12:00:00 GMT; each form is read 60 s before it.
        let before = at(1_559_563_200 - 60);
        for value in [
            "Mon, 3 Jun 2019 12:00:00 UTC",    // one-digit day, `UTC`
            "Mon, 3 Jun 2019 12:00:00 UT",     // `UT`
            "Mon, 03 Jun 2019 12:00:00 Z",     // `Z`
            "Mon, 03 Jun 2019 12:00:00 +0000", // a numeric offset
            "Mon, 03 Jun 2019 14:00:00 +0200", // east of Greenwich
            "Mon, 03 Jun 2019 07:00:00 -0500", // west of Greenwich
            "Mon, 03 Jun 2019 08:00:00 EDT",   // a US zone
            "3 Jun 2019 12:00:00 GMT",         // no weekday
            "Tue, 03 Jun 2019 12:00:00 GMT",   // the wrong weekday
            "Mon, 03 Jun 2019 12:00 GMT",      // no seconds
            "Mon, 3 Jun 19 12:00:00 GMT",      // a two-digit year
            "mon, 03 jun 2019 12:00:00 gmt",   // lower case
            "Mon,3 Jun 2019 12:00:00 GMT",     // no space after the comma
        ] {
            assert_eq!(parse_retry_after(value, before), Some(Duration::from_secs(60)), "{value:?}");
        }
    }

    #[test]
    fn unparsable_values_are_absent() {
        let now = SystemTime::now();
        for value in [
            "",
            "soon",
            "-1",
            "1.5",
            "2 seconds",
            "Wed, 32 Oct 2015 07:28:00 GMT",
            "Mon, 03 Jun 2019 25:00:00 GMT",
            "Mon, 03 Jun 2019 12:00:00",
            "Mon, 03 Foo 2019 12:00:00 GMT",
            "Wat, 03 Jun 2019 12:00:00 GMT",
        ] {
            assert_eq!(parse_retry_after(value, now), None, "{value:?}");
        }
    }

    #[allow(clippy::unnecessary_wraps)] // the classifiers take the result of `send()`
    fn response(status: u16, retry_after: Option<&str>) -> Result<reqwest::Response, Error> {
        let mut builder = http::Response::builder().status(status);
        if let Some(value) = retry_after {
            builder = builder.header(RETRY_AFTER, value);
        }
        Ok(reqwest::Response::from(builder.body(String::new()).unwrap()))
    }

    #[test]
    fn idempotent_retries_the_statuses_that_mean_not_now() {
        for status in [408, 425, 429, 500, 502, 503, 504] {
            assert_eq!(idempotent(&response(status, None)), Decision::Retry, "{status}");
            assert_eq!(
                idempotent(&response(status, Some("7"))),
                Decision::RetryAfter(Duration::from_secs(7)),
                "{status}"
            );
        }
        for status in [200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 410, 422, 501, 505] {
            assert_eq!(idempotent(&response(status, Some("7"))), Decision::Return, "{status}");
        }
    }

    #[test]
    fn non_idempotent_retries_only_refusals_with_a_retry_after() {
        assert_eq!(non_idempotent(&response(503, Some("1"))), Decision::RetryAfter(Duration::from_secs(1)));
        assert_eq!(non_idempotent(&response(429, Some("2"))), Decision::RetryAfter(Duration::from_secs(2)));
        for (status, retry_after) in
            [(503, None), (429, None), (500, Some("1")), (502, Some("1")), (504, None)]
        {
            assert_eq!(non_idempotent(&response(status, retry_after)), Decision::Return, "{status}");
        }
        assert_eq!(non_idempotent(&response(429, Some("later"))), Decision::Return, "unparsable");
    }

    #[test]
    fn an_attempt_cut_by_timeout_is_retried_only_when_idempotent() {
        let error = Error::from(Elapsed::new(Duration::from_secs(1)));
        assert!(error.is_transient());
        let timed_out: Result<reqwest::Response, Error> = Err(error);
        assert_eq!(idempotent(&timed_out), Decision::Retry);
        assert_eq!(non_idempotent(&timed_out), Decision::Return);
    }
}
