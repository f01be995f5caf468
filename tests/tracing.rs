#![cfg(feature = "tracing")]
//! Feature `tracing`: what a `#[retry]` function reports. A hand-written subscriber records every
//! event (any target, any level) as strings, so each test asserts the complete list: one `WARN`
//! per retry, one `WARN` when the call gives up on a failure it would have retried, and nothing
//! else. Async cases run on tokio's paused clock, so the waits in the events are exact.
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reattempt::{retry, Decision};
use tokio::time::Instant;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

// ---------------------------------------------------------------------------------------------
// A minimal capturing subscriber.

/// One recorded event; the message is the field `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Captured {
    target: String,
    level: Level,
    fields: BTreeMap<String, String>,
}

/// Writes every field as a string: `&str` values as they are, everything else by `Debug`.
struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

type Log = Arc<Mutex<Vec<Captured>>>;

/// Enables everything, records events, ignores spans.
struct Capture(Log);

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let captured = Captured {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            fields,
        };
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(captured);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

fn take(log: &Log) -> Vec<Captured> {
    std::mem::take(&mut *log.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Runs a blocking call with the capturing subscriber as this thread's default.
fn capture<R>(call: impl FnOnce() -> R) -> (R, Vec<Captured>) {
    let log = Log::default();
    let output = tracing::subscriber::with_default(Capture(Arc::clone(&log)), call);
    (output, take(&log))
}

/// Polls a future with the capturing subscriber as this thread's default. The test runtime is
/// `current_thread`: every poll happens on the test thread, inside the guard.
async fn capture_async<F: Future>(call: F) -> (F::Output, Vec<Captured>) {
    let log = Log::default();
    let output = {
        let _guard = tracing::subscriber::set_default(Capture(Arc::clone(&log)));
        call.await
    };
    (output, take(&log))
}

/// The event emitted before the wait of a retry.
fn retrying(function: &str, attempt: u32, wait: Duration, error: &str) -> Captured {
    Captured {
        target: "reattempt".to_owned(),
        level: Level::WARN,
        fields: BTreeMap::from([
            ("message".to_owned(), "attempt failed; retrying".to_owned()),
            ("function".to_owned(), function.to_owned()),
            ("attempt".to_owned(), attempt.to_string()),
            ("wait".to_owned(), format!("{wait:?}")),
            ("error".to_owned(), error.to_owned()),
        ]),
    }
}

/// The event emitted when a call returns a failure it would have retried.
fn giving_up(function: &str, attempts: u32, reason: &str, error: &str) -> Captured {
    Captured {
        target: "reattempt".to_owned(),
        level: Level::WARN,
        fields: BTreeMap::from([
            ("message".to_owned(), "giving up".to_owned()),
            ("function".to_owned(), function.to_owned()),
            ("attempts".to_owned(), attempts.to_string()),
            ("reason".to_owned(), reason.to_owned()),
            ("error".to_owned(), error.to_owned()),
        ]),
    }
}

// ---------------------------------------------------------------------------------------------
// Functions under test.

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// Counts a call; returns its 1-based number.
fn next(calls: &Cell<u32>) -> u32 {
    calls.set(calls.get() + 1);
    calls.get()
}

/// Each variant carries the attempt that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ApiError {
    Timeout(u32),
    Busy(u32),
    Denied(u32),
}

impl ApiError {
    fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }
}

/// An error type with no `Debug`.
struct Opaque(u32);

#[retry(attempts = 5, delay = "100ms", backoff = "linear")]
async fn flaky(calls: &Cell<u32>) -> Result<u32, ApiError> {
    let attempt = next(calls);
    if attempt <= 2 {
        Err(ApiError::Timeout(attempt))
    } else {
        Ok(attempt)
    }
}

#[retry(attempts = 3, delay = "1s")]
async fn always_failing(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Timeout(next(calls)))
}

#[retry(attempts = 10, delay = "100ms", max_elapsed = "250ms")]
async fn out_of_time(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Timeout(next(calls)))
}

#[retry(attempts = 10, delay = "100ms", budget = budget)]
async fn over_budget(calls: &Cell<u32>, budget: &reattempt::TokenBucket) -> Result<u32, ApiError> {
    Err(ApiError::Timeout(next(calls)))
}

#[retry(
    attempts = 10,
    delay = "100ms",
    max_delay = "1s",
    classify = |outcome| match outcome {
        Err(ApiError::Busy(1)) => Decision::RetryAfter(ms(500)),
        Err(ApiError::Busy(_)) => Decision::RetryAfter(secs(10)),
        _ => Decision::Return,
    },
)]
async fn rate_limited(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Busy(next(calls)))
}

#[retry(attempts = 5, delay = "100ms", when = |e| matches!(e, ApiError::Timeout(_)))]
async fn timeout_then_denied(calls: &Cell<u32>) -> Result<u32, ApiError> {
    let attempt = next(calls);
    if attempt == 1 {
        Err(ApiError::Timeout(attempt))
    } else {
        Err(ApiError::Denied(attempt))
    }
}

#[retry(attempts = 5, delay = "100ms", when = ApiError::is_timeout)]
async fn denied(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Denied(next(calls)))
}

#[retry(
    attempts = 5,
    delay = "100ms",
    classify = |outcome| match outcome {
        Err(ApiError::Denied(_)) | Ok(_) => Decision::Return,
        Err(_) => Decision::Retry,
    },
)]
async fn denied_by_classify(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Denied(next(calls)))
}

#[retry(attempts = 3, delay = "100ms")]
async fn succeeds(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Ok(next(calls))
}

#[retry(attempts = 2, delay = "10ms")]
async fn opaque(calls: &Cell<u32>) -> Result<(), Opaque> {
    Err(Opaque(next(calls)))
}

/// No `Debug` bound on `E`: must compile, and adds none.
#[retry(attempts = 2, delay = "10ms")]
async fn generic<E>(calls: &Cell<u32>, make: fn(u32) -> E) -> Result<(), E> {
    Err(make(next(calls)))
}

/// With a `Debug` bound the error is shown by `Debug`.
#[retry(attempts = 2, delay = "10ms")]
async fn generic_debug<E: fmt::Debug>(calls: &Cell<u32>, make: fn(u32) -> E) -> Result<(), E> {
    Err(make(next(calls)))
}

/// `Ok` values below 2 are retried.
#[retry(
    attempts = 3,
    delay = "10ms",
    classify = |outcome| match outcome {
        Ok(n) if *n < 2 => Decision::Retry,
        _ => Decision::Return,
    },
)]
async fn small_ok(calls: &Cell<u32>) -> Result<u32, Opaque> {
    Ok(next(calls))
}

/// Every `Ok` is retried, until the attempts are used up.
#[retry(attempts = 2, delay = "10ms", classify = |_| Decision::Retry)]
async fn never_good_enough(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Ok(next(calls))
}

struct Client {
    calls: Cell<u32>,
}

impl Client {
    #[retry(attempts = 2, delay = "10ms")]
    async fn fetch(&self) -> Result<u32, ApiError> {
        Err(ApiError::Timeout(next(&self.calls)))
    }
}

#[retry(attempts = 3, delay = "1ms")]
fn blocking_always_failing(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Timeout(next(calls)))
}

#[retry(attempts = 3, delay = "1ms", backoff = "linear")]
fn blocking_flaky(calls: &Cell<u32>) -> Result<u32, ApiError> {
    let attempt = next(calls);
    if attempt <= 2 {
        Err(ApiError::Timeout(attempt))
    } else {
        Ok(attempt)
    }
}

#[retry(attempts = 3, delay = "1ms", when = ApiError::is_timeout)]
fn blocking_denied(calls: &Cell<u32>) -> Result<u32, ApiError> {
    Err(ApiError::Denied(next(calls)))
}

#[retry(attempts = 2, delay = "1ms")]
fn blocking_opaque(calls: &Cell<u32>) -> Result<(), Opaque> {
    Err(Opaque(next(calls)))
}

// ---------------------------------------------------------------------------------------------
// Async functions.

#[tokio::test(start_paused = true)]
async fn two_failures_then_success_emit_two_retry_events_and_no_giving_up() {
    let calls = Cell::new(0);
    let start = Instant::now();
    let (result, events) = capture_async(flaky(&calls)).await;
    assert_eq!(result, Ok(3));
    assert_eq!(start.elapsed(), ms(300));
    assert_eq!(
        events,
        [retrying("flaky", 1, ms(100), "Timeout(1)"), retrying("flaky", 2, ms(200), "Timeout(2)")]
    );
}

#[tokio::test(start_paused = true)]
async fn exhausting_attempts_emits_retries_then_gives_up_with_the_last_error() {
    let calls = Cell::new(0);
    let start = Instant::now();
    let (result, events) = capture_async(always_failing(&calls)).await;
    assert_eq!(result, Err(ApiError::Timeout(3)));
    assert_eq!(start.elapsed(), secs(2));
    assert_eq!(
        events,
        [
            retrying("always_failing", 1, secs(1), "Timeout(1)"),
            retrying("always_failing", 2, secs(1), "Timeout(2)"),
            giving_up("always_failing", 3, "attempts used up", "Timeout(3)"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_reached_gives_up_with_its_reason() {
    let calls = Cell::new(0);
    let start = Instant::now();
    let (result, events) = capture_async(out_of_time(&calls)).await;
    assert_eq!(result, Err(ApiError::Timeout(3)));
    assert_eq!(start.elapsed(), ms(200));
    assert_eq!(
        events,
        [
            retrying("out_of_time", 1, ms(100), "Timeout(1)"),
            retrying("out_of_time", 2, ms(100), "Timeout(2)"),
            giving_up("out_of_time", 3, "max_elapsed reached", "Timeout(3)"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_refused_retry_gives_up_with_its_reason() {
    let (calls, budget) = (Cell::new(0), reattempt::TokenBucket::new(2, 0.1));
    let (result, events) = capture_async(over_budget(&calls, &budget)).await;
    assert_eq!(result, Err(ApiError::Timeout(2)));
    assert_eq!(
        events,
        [
            retrying("over_budget", 1, ms(100), "Timeout(1)"),
            giving_up("over_budget", 2, "retry budget exhausted", "Timeout(2)"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_longer_than_max_delay_gives_up_with_its_reason() {
    let calls = Cell::new(0);
    let start = Instant::now();
    let (result, events) = capture_async(rate_limited(&calls)).await;
    assert_eq!(result, Err(ApiError::Busy(2)));
    assert_eq!(start.elapsed(), ms(500));
    assert_eq!(
        events,
        [
            retrying("rate_limited", 1, ms(500), "Busy(1)"),
            giving_up("rate_limited", 2, "Retry-After longer than max_delay", "Busy(2)"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn error_rejected_by_when_emits_nothing() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(denied(&calls)).await;
    assert_eq!(result, Err(ApiError::Denied(1)));
    assert_eq!(calls.get(), 1);
    assert_eq!(events, []);
}

#[tokio::test(start_paused = true)]
async fn error_returned_by_classify_emits_nothing() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(denied_by_classify(&calls)).await;
    assert_eq!(result, Err(ApiError::Denied(1)));
    assert_eq!(calls.get(), 1);
    assert_eq!(events, []);
}

#[tokio::test(start_paused = true)]
async fn error_rejected_after_a_retry_emits_the_retry_but_no_giving_up() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(timeout_then_denied(&calls)).await;
    assert_eq!(result, Err(ApiError::Denied(2)));
    assert_eq!(events, [retrying("timeout_then_denied", 1, ms(100), "Timeout(1)")]);
}

#[tokio::test(start_paused = true)]
async fn success_emits_nothing() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(succeeds(&calls)).await;
    assert_eq!(result, Ok(1));
    assert_eq!(events, []);
}

#[tokio::test(start_paused = true)]
async fn error_without_debug_is_described_by_its_type_name() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(opaque(&calls)).await;
    assert!(matches!(result, Err(Opaque(2))));
    let name = format!("<{}>", std::any::type_name::<Opaque>());
    assert!(name.ends_with("::Opaque>"), "{name}");
    assert_eq!(
        events,
        [retrying("opaque", 1, ms(10), &name), giving_up("opaque", 2, "attempts used up", &name)]
    );
}

#[tokio::test(start_paused = true)]
async fn generic_error_without_debug_bound_is_described_by_its_type_name() {
    // Without a `Debug` bound the expansion cannot see `Debug` at the generic type, so even an
    // error type that is `Debug` once instantiated is described by its type name.
    let calls = Cell::new(0);
    let (result, events) = capture_async(generic(&calls, |n| n.to_string())).await;
    assert_eq!(result, Err("2".to_owned()));
    let name = format!("<{}>", std::any::type_name::<String>());
    assert_eq!(
        events,
        [retrying("generic", 1, ms(10), &name), giving_up("generic", 2, "attempts used up", &name)]
    );

    let calls = Cell::new(0);
    let (result, events) = capture_async(generic(&calls, Opaque)).await;
    assert!(matches!(result, Err(Opaque(2))));
    let name = format!("<{}>", std::any::type_name::<Opaque>());
    assert_eq!(
        events,
        [retrying("generic", 1, ms(10), &name), giving_up("generic", 2, "attempts used up", &name)]
    );
}

#[tokio::test(start_paused = true)]
async fn generic_error_with_debug_bound_is_described_by_debug() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(generic_debug(&calls, ApiError::Denied)).await;
    assert_eq!(result, Err(ApiError::Denied(2)));
    assert_eq!(
        events,
        [
            retrying("generic_debug", 1, ms(10), "Denied(1)"),
            giving_up("generic_debug", 2, "attempts used up", "Denied(2)"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn ok_value_retried_by_classify_reads_as_such() {
    let calls = Cell::new(0);
    let (result, events) = capture_async(small_ok(&calls)).await;
    assert!(matches!(result, Ok(2)));
    assert_eq!(events, [retrying("small_ok", 1, ms(10), "Ok(..) retried by classify")]);

    let calls = Cell::new(0);
    let (result, events) = capture_async(never_good_enough(&calls)).await;
    assert_eq!(result, Ok(2));
    assert_eq!(
        events,
        [
            retrying("never_good_enough", 1, ms(10), "Ok(..) retried by classify"),
            giving_up("never_good_enough", 2, "attempts used up", "Ok(..) retried by classify"),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn method_is_named_by_its_own_name() {
    let client = Client { calls: Cell::new(0) };
    let (result, events) = capture_async(client.fetch()).await;
    assert_eq!(result, Err(ApiError::Timeout(2)));
    assert_eq!(
        events,
        [retrying("fetch", 1, ms(10), "Timeout(1)"), giving_up("fetch", 2, "attempts used up", "Timeout(2)")]
    );
}

// ---------------------------------------------------------------------------------------------
// Plain (blocking) functions: the same events. They really sleep, so the waits are 1ms.

#[test]
fn blocking_fn_exhausting_attempts_emits_the_same_events() {
    let calls = Cell::new(0);
    let (result, events) = capture(|| blocking_always_failing(&calls));
    assert_eq!(result, Err(ApiError::Timeout(3)));
    assert_eq!(
        events,
        [
            retrying("blocking_always_failing", 1, ms(1), "Timeout(1)"),
            retrying("blocking_always_failing", 2, ms(1), "Timeout(2)"),
            giving_up("blocking_always_failing", 3, "attempts used up", "Timeout(3)"),
        ]
    );
}

#[test]
fn blocking_fn_recovering_emits_retries_only() {
    let calls = Cell::new(0);
    let (result, events) = capture(|| blocking_flaky(&calls));
    assert_eq!(result, Ok(3));
    assert_eq!(
        events,
        [
            retrying("blocking_flaky", 1, ms(1), "Timeout(1)"),
            retrying("blocking_flaky", 2, ms(2), "Timeout(2)"),
        ]
    );
}

#[test]
fn blocking_fn_with_rejected_error_emits_nothing() {
    let calls = Cell::new(0);
    let (result, events) = capture(|| blocking_denied(&calls));
    assert_eq!(result, Err(ApiError::Denied(1)));
    assert_eq!(events, []);
}

#[test]
fn blocking_fn_error_without_debug_is_described_by_its_type_name() {
    let calls = Cell::new(0);
    let (result, events) = capture(|| blocking_opaque(&calls));
    assert!(matches!(result, Err(Opaque(2))));
    let name = format!("<{}>", std::any::type_name::<Opaque>());
    assert_eq!(
        events,
        [
            retrying("blocking_opaque", 1, ms(1), &name),
            giving_up("blocking_opaque", 2, "attempts used up", &name),
        ]
    );
}
