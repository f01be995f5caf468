//! Which outcomes are retried (`when`, `classify`), how a Retry-After hint changes the wait, and
//! what `on_retry` is told. Async cases run on tokio's paused clock: every time is exact.
use std::cell::{Cell, RefCell};
use std::io;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use reattempt::{retry, Decision, RetryEvent};
use tokio::time::Instant;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// An error with a method to classify it by; each variant carries the attempt that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ApiError {
    Timeout(u32),
    Busy { attempt: u32, retry_after: Duration },
    Denied(u32),
}

impl ApiError {
    fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    fn attempt(&self) -> u32 {
        match self {
            Self::Timeout(attempt) | Self::Denied(attempt) | Self::Busy { attempt, .. } => *attempt,
        }
    }
}

/// What attempt `n` (1-based) returns.
type Plan = fn(u32) -> Result<u32, ApiError>;

fn always_timeout(attempt: u32) -> Result<u32, ApiError> {
    Err(ApiError::Timeout(attempt))
}

fn always_denied(attempt: u32) -> Result<u32, ApiError> {
    Err(ApiError::Denied(attempt))
}

fn timeout_twice_then_ok(attempt: u32) -> Result<u32, ApiError> {
    if attempt <= 2 {
        Err(ApiError::Timeout(attempt))
    } else {
        Ok(attempt)
    }
}

fn timeout_then_denied(attempt: u32) -> Result<u32, ApiError> {
    if attempt == 1 {
        Err(ApiError::Timeout(attempt))
    } else {
        Err(ApiError::Denied(attempt))
    }
}

// ---------------------------------------------------------------- when

// Pedantic clippy prefers `when = ApiError::is_timeout`; the closure form must work too.
#[allow(clippy::redundant_closure_for_method_calls)]
#[retry(attempts = 4, delay = "1s", when = |e| e.is_timeout())]
async fn when_closure(calls: &mut u32, plan: Plan) -> Result<u32, ApiError> {
    *calls += 1;
    plan(*calls)
}

#[tokio::test(start_paused = true)]
async fn when_closure_retries_the_errors_it_accepts() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(when_closure(&mut calls, timeout_twice_then_ok).await, Ok(3));
    assert_eq!(calls, 3);
    assert_eq!(start.elapsed(), secs(2));
}

#[tokio::test(start_paused = true)]
async fn when_closure_returns_a_rejected_error_after_one_attempt() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(when_closure(&mut calls, always_denied).await, Err(ApiError::Denied(1)));
    assert_eq!(calls, 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn when_closure_stops_at_the_first_rejected_error() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(when_closure(&mut calls, timeout_then_denied).await, Err(ApiError::Denied(2)));
    assert_eq!(calls, 2);
    assert_eq!(start.elapsed(), secs(1));
}

#[tokio::test(start_paused = true)]
async fn when_closure_accepting_every_attempt_returns_the_last_error() {
    let mut calls = 0;
    assert_eq!(when_closure(&mut calls, always_timeout).await, Err(ApiError::Timeout(4)));
    assert_eq!(calls, 4);
}

fn is_retryable(error: &ApiError) -> bool {
    !matches!(error, ApiError::Denied(_))
}

#[retry(attempts = 3, delay = "500ms", when = is_retryable)]
async fn when_path(calls: &mut u32, plan: Plan) -> Result<u32, ApiError> {
    *calls += 1;
    plan(*calls)
}

#[tokio::test(start_paused = true)]
async fn when_path_to_a_fn_decides_like_a_closure() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(when_path(&mut calls, timeout_twice_then_ok).await, Ok(3));
    assert_eq!((calls, start.elapsed()), (3, secs(1)));

    let mut calls = 0;
    assert_eq!(when_path(&mut calls, always_denied).await, Err(ApiError::Denied(1)));
    assert_eq!(calls, 1);

    let mut calls = 0;
    assert_eq!(when_path(&mut calls, timeout_then_denied).await, Err(ApiError::Denied(2)));
    assert_eq!(calls, 2);
}

#[retry(attempts = 5, delay = "10ms", when = |e| e.attempt() < give_up_after)]
async fn when_names_a_parameter(calls: &mut u32, give_up_after: u32) -> Result<u32, ApiError> {
    *calls += 1;
    Err(ApiError::Timeout(*calls))
}

#[tokio::test(start_paused = true)]
async fn when_closure_may_name_the_functions_parameters() {
    let mut calls = 0;
    assert_eq!(when_names_a_parameter(&mut calls, 2).await, Err(ApiError::Timeout(2)));
    assert_eq!(calls, 2);
    let mut calls = 0;
    assert_eq!(when_names_a_parameter(&mut calls, 100).await, Err(ApiError::Timeout(5)));
    assert_eq!(calls, 5);
}

#[retry(attempts = 10, delay = "10ms", when = |_| *budget > 0,
        on_retry = |ev| assert_eq!((ev.attempt(), ev.error()), (*calls, Some(&ApiError::Timeout(*calls)))))]
async fn reads_mut_parameters(calls: &mut u32, budget: &mut u32) -> Result<u32, ApiError> {
    *calls += 1;
    *budget -= 1;
    Err(ApiError::Timeout(*calls))
}

#[tokio::test(start_paused = true)]
async fn closures_may_read_mut_parameters_after_the_attempt() {
    let (mut calls, mut budget) = (0, 3);
    assert_eq!(reads_mut_parameters(&mut calls, &mut budget).await, Err(ApiError::Timeout(3)));
    assert_eq!((calls, budget), (3, 0));
}

#[retry(attempts = 3, delay = "1ms", when = |e| e.kind() == io::ErrorKind::TimedOut)]
fn blocking_when(kinds: &mut Vec<io::ErrorKind>) -> io::Result<usize> {
    let kind = kinds.pop().unwrap_or(io::ErrorKind::Other);
    Err(io::Error::new(kind, format!("{} left", kinds.len())))
}

#[test]
fn when_closure_on_a_plain_fn_with_io_errors() {
    // Popped from the end: TimedOut, TimedOut, then NotFound is not retried.
    let mut kinds = vec![io::ErrorKind::ConnectionRefused, io::ErrorKind::NotFound, io::ErrorKind::TimedOut];
    let error = blocking_when(&mut kinds).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::NotFound);
    assert_eq!(error.to_string(), "1 left");
    assert_eq!(kinds, [io::ErrorKind::ConnectionRefused]);

    let mut kinds = vec![io::ErrorKind::TimedOut; 5];
    let error = blocking_when(&mut kinds).unwrap_err();
    assert_eq!((error.kind(), error.to_string()), (io::ErrorKind::TimedOut, "2 left".to_owned()));
    assert_eq!(kinds.len(), 2);
}

// ---------------------------------------------------------------- classify

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Pending(u32),
    Done(u32),
}

fn until_done(outcome: &Result<Job, ApiError>) -> Decision {
    match outcome {
        Ok(Job::Pending(_)) | Err(ApiError::Timeout(_)) => Decision::Retry,
        Ok(Job::Done(_)) | Err(ApiError::Denied(_)) => Decision::Return,
        Err(ApiError::Busy { retry_after, .. }) => Decision::RetryAfter(*retry_after),
    }
}

#[retry(attempts = 5, delay = "1s", classify = until_done)]
async fn poll_job(polls: &mut u32, ready_at: u32) -> Result<Job, ApiError> {
    *polls += 1;
    if *polls < ready_at {
        Ok(Job::Pending(*polls))
    } else {
        Ok(Job::Done(*polls))
    }
}

#[tokio::test(start_paused = true)]
async fn classify_retries_an_ok_value_until_it_is_ready() {
    let mut polls = 0;
    let start = Instant::now();
    assert_eq!(poll_job(&mut polls, 3).await, Ok(Job::Done(3)));
    assert_eq!(polls, 3);
    assert_eq!(start.elapsed(), secs(2));
}

#[tokio::test(start_paused = true)]
async fn classify_returns_the_last_ok_value_when_attempts_run_out() {
    let mut polls = 0;
    let start = Instant::now();
    assert_eq!(poll_job(&mut polls, 100).await, Ok(Job::Pending(5)));
    assert_eq!(polls, 5);
    assert_eq!(start.elapsed(), secs(4));
}

#[retry(attempts = 5, delay = "1s", classify = until_done)]
async fn job_fails(calls: &mut u32, fail: fn(u32) -> ApiError) -> Result<Job, ApiError> {
    *calls += 1;
    Err(fail(*calls))
}

#[tokio::test(start_paused = true)]
async fn classify_return_on_an_error_stops_after_one_attempt() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(job_fails(&mut calls, ApiError::Denied).await, Err(ApiError::Denied(1)));
    assert_eq!(calls, 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn classify_retry_on_an_error_retries_it() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(job_fails(&mut calls, ApiError::Timeout).await, Err(ApiError::Timeout(5)));
    assert_eq!(calls, 5);
    assert_eq!(start.elapsed(), secs(4));
}

#[retry(attempts = 3, delay = "10ms",
        classify = |r| if r.as_ref().is_ok_and(|value| *value < minimum) { Decision::Retry } else { Decision::Return })]
async fn classify_closure(calls: &mut u32, minimum: u32) -> Result<u32, ApiError> {
    *calls += 1;
    Ok(*calls * 10)
}

#[tokio::test(start_paused = true)]
async fn classify_closure_needs_no_annotations_and_may_name_parameters() {
    let mut calls = 0;
    assert_eq!(classify_closure(&mut calls, 25).await, Ok(30));
    assert_eq!(calls, 3);
    let mut calls = 0;
    assert_eq!(classify_closure(&mut calls, 5).await, Ok(10));
    assert_eq!(calls, 1);
}

// ---------------------------------------------------------------- Retry-After

fn honour_busy(outcome: &Result<u32, ApiError>) -> Decision {
    match outcome {
        Err(ApiError::Busy { retry_after, .. }) => Decision::RetryAfter(*retry_after),
        Err(_) => Decision::Retry,
        Ok(_) => Decision::Return,
    }
}

fn busy(attempt: u32, retry_after: Duration) -> ApiError {
    ApiError::Busy { attempt, retry_after }
}

/// Busy with the given hint for the first `busy_for` attempts, then `Ok(attempt)`.
#[retry(attempts = 4, delay = "500ms", classify = honour_busy,
        on_retry = |ev| waits.borrow_mut().push(ev.wait()))]
async fn busy_server(
    calls: &mut u32,
    busy_for: u32,
    hint: Duration,
    waits: &RefCell<Vec<Duration>>,
) -> Result<u32, ApiError> {
    *calls += 1;
    if *calls <= busy_for {
        Err(busy(*calls, hint))
    } else {
        Ok(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_longer_than_the_backoff_becomes_the_wait() {
    let mut calls = 0;
    let waits = RefCell::default();
    let start = Instant::now();
    assert_eq!(busy_server(&mut calls, 2, secs(2), &waits).await, Ok(3));
    assert_eq!(calls, 3);
    assert_eq!(waits.into_inner(), [secs(2), secs(2)]);
    assert_eq!(start.elapsed(), secs(4));
}

#[tokio::test(start_paused = true)]
async fn retry_after_shorter_than_the_backoff_keeps_the_backoff() {
    let mut calls = 0;
    let waits = RefCell::default();
    let start = Instant::now();
    assert_eq!(busy_server(&mut calls, 2, ms(200), &waits).await, Ok(3));
    assert_eq!(waits.into_inner(), [ms(500), ms(500)]);
    assert_eq!(start.elapsed(), secs(1));
}

#[tokio::test(start_paused = true)]
async fn retry_after_of_zero_keeps_the_backoff() {
    let mut calls = 0;
    let waits = RefCell::default();
    assert_eq!(busy_server(&mut calls, 1, Duration::ZERO, &waits).await, Ok(2));
    assert_eq!(waits.into_inner(), [ms(500)]);
}

#[tokio::test(start_paused = true)]
async fn retry_after_of_exactly_five_minutes_is_honoured_when_max_delay_is_unset() {
    let mut calls = 0;
    let waits = RefCell::default();
    let start = Instant::now();
    assert_eq!(busy_server(&mut calls, 1, secs(300), &waits).await, Ok(2));
    assert_eq!(waits.into_inner(), [secs(300)]);
    assert_eq!(start.elapsed(), secs(300));
}

#[tokio::test(start_paused = true)]
async fn retry_after_over_five_minutes_ends_the_retries_when_max_delay_is_unset() {
    let mut calls = 0;
    let waits = RefCell::default();
    let start = Instant::now();
    let hint = secs(300) + ms(1);
    assert_eq!(busy_server(&mut calls, 1, hint, &waits).await, Err(busy(1, hint)));
    assert_eq!(calls, 1);
    assert!(waits.into_inner().is_empty(), "on_retry is not called when the hint ends the retries");
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[retry(attempts = 4, delay = "1s", max_delay = "5s", classify = honour_busy)]
async fn busy_server_capped(calls: &mut u32, hint: Duration) -> Result<u32, ApiError> {
    *calls += 1;
    if *calls == 1 {
        Err(busy(*calls, hint))
    } else {
        Ok(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_equal_to_max_delay_is_honoured() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(busy_server_capped(&mut calls, secs(5)).await, Ok(2));
    assert_eq!(calls, 2);
    assert_eq!(start.elapsed(), secs(5));
}

#[tokio::test(start_paused = true)]
async fn retry_after_longer_than_max_delay_ends_the_retries_with_that_outcome() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(busy_server_capped(&mut calls, secs(6)).await, Err(busy(1, secs(6))));
    assert_eq!(calls, 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[retry(attempts = 4, delay = "1s", max_elapsed = "10s", classify = honour_busy)]
async fn busy_server_with_budget(calls: &mut u32, hint: Duration) -> Result<u32, ApiError> {
    *calls += 1;
    if *calls == 1 {
        Err(busy(*calls, hint))
    } else {
        Ok(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_counts_against_max_elapsed() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(busy_server_with_budget(&mut calls, secs(10)).await, Ok(2));
    assert_eq!(start.elapsed(), secs(10));

    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(busy_server_with_budget(&mut calls, secs(11)).await, Err(busy(1, secs(11))));
    assert_eq!(calls, 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

// ---------------------------------------------------------------- on_retry

#[derive(Debug, PartialEq, Eq)]
struct Seen {
    attempt: u32,
    error: Option<ApiError>,
    outcome_is_err: bool,
    wait: Duration,
    elapsed: Duration,
}

fn seen<T>(event: &RetryEvent<'_, T, ApiError>) -> Seen {
    Seen {
        attempt: event.attempt(),
        error: event.error().cloned(),
        outcome_is_err: event.outcome().is_err(),
        wait: event.wait(),
        elapsed: event.elapsed(),
    }
}

/// Each attempt takes 100ms before it fails.
#[retry(attempts = 4, delay = "1s", backoff = "exponential", on_retry = |ev| events.borrow_mut().push(seen(ev)))]
async fn slow_and_failing(calls: &mut u32, events: &RefCell<Vec<Seen>>) -> Result<u32, ApiError> {
    *calls += 1;
    tokio::time::sleep(ms(100)).await;
    Err(ApiError::Timeout(*calls))
}

#[tokio::test(start_paused = true)]
async fn on_retry_sees_each_failed_attempt_before_its_wait_and_not_the_last() {
    let mut calls = 0;
    let events = RefCell::default();
    let start = Instant::now();
    assert_eq!(slow_and_failing(&mut calls, &events).await, Err(ApiError::Timeout(4)));
    assert_eq!(calls, 4);
    // Attempts run 0-0.1s, 1.1-1.2s, 3.2-3.3s, 7.3-7.4s.
    assert_eq!(start.elapsed(), ms(7_400));
    let event = |attempt, wait, elapsed| Seen {
        attempt,
        error: Some(ApiError::Timeout(attempt)),
        outcome_is_err: true,
        wait,
        elapsed,
    };
    assert_eq!(
        events.into_inner(),
        [event(1, secs(1), ms(100)), event(2, secs(2), ms(1_200)), event(3, secs(4), ms(3_300))]
    );
}

#[retry(attempts = 3, delay = "1s", classify = until_done, on_retry = |ev| events.borrow_mut().push(seen(ev)))]
async fn poll_with_events(polls: &mut u32, events: &RefCell<Vec<Seen>>) -> Result<Job, ApiError> {
    *polls += 1;
    if *polls < 3 {
        Ok(Job::Pending(*polls))
    } else {
        Ok(Job::Done(*polls))
    }
}

#[tokio::test(start_paused = true)]
async fn on_retry_of_a_retried_ok_value_has_no_error() {
    let mut polls = 0;
    let events = RefCell::default();
    assert_eq!(poll_with_events(&mut polls, &events).await, Ok(Job::Done(3)));
    let pending =
        |attempt, elapsed| Seen { attempt, error: None, outcome_is_err: false, wait: secs(1), elapsed };
    assert_eq!(events.into_inner(), [pending(1, Duration::ZERO), pending(2, secs(1))]);
}

#[tokio::test(start_paused = true)]
async fn on_retry_is_not_called_on_first_attempt_success() {
    // Two polls already made elsewhere: this call finds the job done at once.
    let mut polls = 2;
    let events = RefCell::default();
    assert_eq!(poll_with_events(&mut polls, &events).await, Ok(Job::Done(3)));
    assert_eq!(polls, 3);
    assert!(events.into_inner().is_empty());
}

#[retry(attempts = 3, delay = "1s", classify = until_done, on_retry = |ev| events.borrow_mut().push(seen(ev)))]
async fn busy_job(calls: &mut u32, events: &RefCell<Vec<Seen>>) -> Result<Job, ApiError> {
    *calls += 1;
    Err(busy(*calls, secs(7)))
}

#[tokio::test(start_paused = true)]
async fn on_retry_reports_the_retry_after_wait() {
    let mut calls = 0;
    let events = RefCell::default();
    assert_eq!(busy_job(&mut calls, &events).await, Err(busy(3, secs(7))));
    let event = |attempt, elapsed| Seen {
        attempt,
        error: Some(busy(attempt, secs(7))),
        outcome_is_err: true,
        wait: secs(7),
        elapsed,
    };
    assert_eq!(events.into_inner(), [event(1, Duration::ZERO), event(2, secs(7))]);
}

static LOGGED_ATTEMPTS: AtomicU32 = AtomicU32::new(0);

fn log_attempt(event: &RetryEvent<'_, u32, ApiError>) {
    assert_eq!(event.error().map(ApiError::attempt), Some(event.attempt()));
    LOGGED_ATTEMPTS.fetch_add(event.attempt(), Ordering::SeqCst);
}

#[retry(attempts = 4, delay = "10ms", on_retry = log_attempt)]
async fn logged_by_path(calls: &mut u32) -> Result<u32, ApiError> {
    *calls += 1;
    Err(ApiError::Timeout(*calls))
}

#[tokio::test(start_paused = true)]
async fn on_retry_path_to_a_fn_is_called_once_per_retry() {
    let mut calls = 0;
    assert_eq!(logged_by_path(&mut calls).await, Err(ApiError::Timeout(4)));
    // Attempts 1, 2 and 3 were followed by a retry: 1 + 2 + 3.
    assert_eq!(LOGGED_ATTEMPTS.load(Ordering::SeqCst), 6);
}

#[retry(attempts = 3, delay = "2ms", on_retry = |ev| events.borrow_mut().push(seen(ev)))]
fn blocking_with_events(calls: &mut u32, events: &RefCell<Vec<Seen>>) -> Result<u32, ApiError> {
    *calls += 1;
    Err(ApiError::Timeout(*calls))
}

#[test]
fn on_retry_of_a_plain_fn_reads_the_real_clock() {
    let mut calls = 0;
    let events = RefCell::default();
    assert_eq!(blocking_with_events(&mut calls, &events), Err(ApiError::Timeout(3)));
    let events = events.into_inner();
    assert_eq!(
        events.iter().map(|event| (event.attempt, event.wait)).collect::<Vec<_>>(),
        [(1, ms(2)), (2, ms(2))]
    );
    assert!(events[1].elapsed >= ms(2), "the second event comes after the first 2ms sleep: {events:?}");
    assert!(events[0].elapsed < events[1].elapsed);
}

// ---------------------------------------------------------------- Self and methods

struct Client {
    calls: Cell<u32>,
    fatal_on: u32,
    log: RefCell<Vec<u32>>,
}

impl Client {
    fn new(fatal_on: u32) -> Self {
        Self { calls: Cell::new(0), fatal_on, log: RefCell::default() }
    }

    fn is_fatal(error: &ApiError) -> bool {
        matches!(error, ApiError::Denied(_))
    }

    fn decide(outcome: &Result<u32, ApiError>) -> Decision {
        match outcome {
            Err(error) if Self::is_fatal(error) => Decision::Return,
            Err(_) => Decision::Retry,
            Ok(_) => Decision::Return,
        }
    }

    fn next_outcome(&self) -> Result<u32, ApiError> {
        let call = self.calls.get() + 1;
        self.calls.set(call);
        if call >= self.fatal_on {
            Err(ApiError::Denied(call))
        } else {
            Err(ApiError::Timeout(call))
        }
    }

    #[retry(attempts = 5, delay = "1s", when = |e| !Self::is_fatal(e),
            on_retry = |ev| self.log.borrow_mut().push(ev.attempt()))]
    async fn call(&self) -> Result<u32, ApiError> {
        self.next_outcome()
    }

    #[retry(attempts = 5, delay = "1s", classify = Self::decide)]
    async fn call_classified(&self) -> Result<u32, ApiError> {
        self.next_outcome()
    }

    #[retry(attempts = 5, delay = "1ms", when = |e| !Self::is_fatal(e) && e.attempt() < self.fatal_on)]
    fn call_blocking(&self) -> Result<u32, ApiError> {
        self.next_outcome()
    }
}

#[tokio::test(start_paused = true)]
async fn when_closure_may_name_self_and_on_retry_may_name_self() {
    let client = Client::new(3);
    let start = Instant::now();
    assert_eq!(client.call().await, Err(ApiError::Denied(3)));
    assert_eq!(client.calls.get(), 3);
    assert_eq!(client.log.take(), [1, 2]);
    assert_eq!(start.elapsed(), secs(2));

    let client = Client::new(100);
    assert_eq!(client.call().await, Err(ApiError::Timeout(5)));
    assert_eq!(client.log.take(), [1, 2, 3, 4]);
}

#[tokio::test(start_paused = true)]
async fn classify_may_be_a_path_through_self() {
    let client = Client::new(2);
    assert_eq!(client.call_classified().await, Err(ApiError::Denied(2)));
    assert_eq!(client.calls.get(), 2);
}

#[test]
fn when_closure_naming_self_on_a_plain_method() {
    let client = Client::new(4);
    assert_eq!(client.call_blocking(), Err(ApiError::Denied(4)));
    assert_eq!(client.calls.get(), 4);
}

// ---------------------------------------------------------------- `move` closures as hooks

// The hooks run where they are written, after each attempt, while the parameters are still
// there: a `move` closure captures them by reference, which is the same thing there. Without
// that, moving `name` (a `String`) into the hook of the first retry would leave nothing for the
// second.
#[retry(
    attempts = 4,
    delay = "0s",
    when = move |error: &u32| *error < limit,
    on_retry = move |event| log.borrow_mut().push(format!("{name}: attempt {} failed", event.attempt())),
)]
async fn move_hooks(name: String, limit: u32, log: &RefCell<Vec<String>>) -> Result<(), u32> {
    Err(u32::try_from(log.borrow().len()).unwrap() + 1)
}

#[retry(
    attempts = 3,
    delay = "0s",
    classify = move |outcome| match outcome {
        Err(error) if error != &stop_at => Decision::Retry,
        _ => Decision::Return,
    },
    on_retry = move |_| eprintln!("{name} is retried"),
)]
fn move_hooks_blocking(name: String, stop_at: String, calls: &Cell<u32>) -> Result<(), String> {
    calls.set(calls.get() + 1);
    Err(calls.get().to_string())
}

#[tokio::test(start_paused = true)]
async fn move_closures_are_accepted_as_hooks() {
    let log = RefCell::new(Vec::new());
    assert_eq!(move_hooks("upload".to_owned(), 3, &log).await, Err(3));
    assert_eq!(log.take(), ["upload: attempt 1 failed", "upload: attempt 2 failed"]);

    let calls = Cell::new(0);
    assert_eq!(move_hooks_blocking("sync".to_owned(), "2".to_owned(), &calls), Err("2".to_owned()));
    assert_eq!(calls.get(), 2);
}
