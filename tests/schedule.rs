//! The retry schedule a user relies on: how many attempts, how long between them, when the
//! retries stop, and what is returned. Async cases run on tokio's paused clock, so every wait is
//! exact and instant.
use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use reattempt::retry;
use tokio::time::Instant;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// An error that says which attempt produced it.
#[derive(Debug, PartialEq, Eq)]
struct Failed(u32);

/// Counts attempts and records when each one started, relative to the probe's creation.
struct Probe {
    start: Instant,
    times: Vec<Duration>,
}

impl Probe {
    fn new() -> Self {
        Self { start: Instant::now(), times: Vec::new() }
    }

    /// Records an attempt; returns its 1-based number.
    fn attempt(&mut self) -> u32 {
        self.times.push(self.start.elapsed());
        u32::try_from(self.times.len()).unwrap()
    }

    fn count(&self) -> usize {
        self.times.len()
    }
}

/// Polls a future once with a waker that does nothing, outside any runtime.
fn poll_once<F: Future>(future: F) -> Poll<F::Output> {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut context = Context::from_waker(&waker);
    pin!(future).poll(&mut context)
}

// ---------------------------------------------------------------- backoff kinds

#[retry(attempts = 4, delay = "1s", backoff = "fixed")]
async fn always_fails_fixed(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn fixed_backoff_waits_the_delay_between_every_attempt() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_fixed(&mut probe).await, Err(Failed(4)));
    assert_eq!(start.elapsed(), ms(3_000));
    assert_eq!(probe.times, [ms(0), ms(1_000), ms(2_000), ms(3_000)]);
}

#[retry(attempts = 5, delay = "100ms", backoff = "linear")]
async fn always_fails_linear(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn linear_backoff_grows_by_the_delay() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_linear(&mut probe).await, Err(Failed(5)));
    // Waits 100 + 200 + 300 + 400.
    assert_eq!(start.elapsed(), ms(1_000));
    assert_eq!(probe.times, [ms(0), ms(100), ms(300), ms(600), ms(1_000)]);
}

#[retry(attempts = 5, delay = "100ms", backoff = "exponential")]
async fn always_fails_exponential(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_doubles_by_default() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_exponential(&mut probe).await, Err(Failed(5)));
    // Waits 100 + 200 + 400 + 800.
    assert_eq!(start.elapsed(), ms(1_500));
    assert_eq!(probe.times, [ms(0), ms(100), ms(300), ms(700), ms(1_500)]);
}

#[retry(attempts = 5, delay = "100ms", backoff = "exponential", factor = 3)]
async fn always_fails_factor_3(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_with_an_integer_factor() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_factor_3(&mut probe).await, Err(Failed(5)));
    // Waits 100 + 300 + 900 + 2700.
    assert_eq!(start.elapsed(), ms(4_000));
    assert_eq!(probe.times, [ms(0), ms(100), ms(400), ms(1_300), ms(4_000)]);
}

#[retry(attempts = 5, delay = "200ms", backoff = "exponential", factor = 1.5)]
async fn always_fails_factor_1_5(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_with_a_fractional_factor() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_factor_1_5(&mut probe).await, Err(Failed(5)));
    // Waits 200 + 300 + 450 + 675.
    assert_eq!(start.elapsed(), ms(1_625));
    assert_eq!(probe.times, [ms(0), ms(200), ms(500), ms(950), ms(1_625)]);
}

#[retry(attempts = 5, delay = "100ms", backoff = "exponential", factor = 1.5,
        on_retry = |ev| waits.borrow_mut().push(ev.wait()))]
async fn sub_millisecond_waits(waits: &RefCell<Vec<Duration>>) -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn fractional_waits_are_computed_to_the_nanosecond() {
    let waits = RefCell::default();
    let start = Instant::now();
    assert_eq!(sub_millisecond_waits(&waits).await, Err(Failed(0)));
    assert_eq!(waits.into_inner(), [ms(100), ms(150), ms(225), Duration::from_micros(337_500)]);
    // tokio's timer counts whole milliseconds: the 337.5ms sleep ends on the 338th.
    assert_eq!(start.elapsed(), ms(813));
}

#[retry(attempts = 6, delay = "100ms", backoff = "exponential", max_delay = "250ms")]
async fn always_fails_capped(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn max_delay_caps_every_wait() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(always_fails_capped(&mut probe).await, Err(Failed(6)));
    // Waits 100 + 200 + 250 + 250 + 250 (400 and 800 capped).
    assert_eq!(start.elapsed(), ms(1_050));
    assert_eq!(probe.times, [ms(0), ms(100), ms(300), ms(550), ms(800), ms(1_050)]);
}

#[retry(attempts = 5, delay = "1s", backoff = "linear", max_delay = "2500ms")]
async fn always_fails_linear_capped(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn max_delay_caps_linear_backoff() {
    let mut probe = Probe::new();
    assert_eq!(always_fails_linear_capped(&mut probe).await, Err(Failed(5)));
    // Waits 1 + 2 + 2.5 + 2.5 seconds.
    assert_eq!(probe.times, [ms(0), ms(1_000), ms(3_000), ms(5_500), ms(8_000)]);
}

// ---------------------------------------------------------------- max_elapsed

#[retry(attempts = 10, delay = "1s", max_elapsed = "3s")]
async fn budget_ends_on_a_retry(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_allows_a_wait_that_ends_exactly_on_the_budget() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(budget_ends_on_a_retry(&mut probe).await, Err(Failed(4)));
    // The third wait ends at 3s, exactly on the budget; a fourth would end at 4s.
    assert_eq!(probe.times, [ms(0), ms(1_000), ms(2_000), ms(3_000)]);
    assert_eq!(start.elapsed(), ms(3_000));
}

#[retry(attempts = 10, delay = "1s", max_elapsed = "2999ms")]
async fn budget_just_short(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_refuses_a_wait_that_would_end_past_the_budget() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(budget_just_short(&mut probe).await, Err(Failed(3)));
    // The wait after attempt 3 would end at 3s > 2.999s: the last error is returned at once.
    assert_eq!(probe.times, [ms(0), ms(1_000), ms(2_000)]);
    assert_eq!(start.elapsed(), ms(2_000));
}

#[retry(attempts = 10, delay = "1s", max_elapsed = "4s")]
async fn slow_attempts_within_4s(probe: &mut Probe) -> Result<u32, Failed> {
    let attempt = probe.attempt();
    tokio::time::sleep(ms(500)).await;
    Err(Failed(attempt))
}

#[retry(attempts = 10, delay = "1s", max_elapsed = "4500ms")]
async fn slow_attempts_within_4500ms(probe: &mut Probe) -> Result<u32, Failed> {
    let attempt = probe.attempt();
    tokio::time::sleep(ms(500)).await;
    Err(Failed(attempt))
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_counts_the_time_spent_in_attempts() {
    // Each attempt takes 500ms, each wait 1s: attempts start at 0, 1.5s, 3s, 4.5s, ...
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(slow_attempts_within_4s(&mut probe).await, Err(Failed(3)));
    // After attempt 3 ends at 3.5s a wait would end at 4.5s > 4s.
    assert_eq!(probe.times, [ms(0), ms(1_500), ms(3_000)]);
    assert_eq!(start.elapsed(), ms(3_500));

    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(slow_attempts_within_4500ms(&mut probe).await, Err(Failed(4)));
    // The wait after attempt 3 ends exactly on 4.5s; after attempt 4 (ending at 5s) none fits.
    assert_eq!(probe.times, [ms(0), ms(1_500), ms(3_000), ms(4_500)]);
    assert_eq!(start.elapsed(), ms(5_000));
}

#[retry(attempts = 10, delay = "0s", max_elapsed = "2500ms")]
async fn slow_attempts_no_delay(probe: &mut Probe) -> Result<u32, Failed> {
    let attempt = probe.attempt();
    tokio::time::sleep(ms(1_000)).await;
    Err(Failed(attempt))
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_stops_zero_delay_retries_once_the_budget_is_spent() {
    let mut probe = Probe::new();
    let start = Instant::now();
    // Attempts end at 1s and 2s (within 2.5s: retried at once) and at 3s (past it: returned).
    assert_eq!(slow_attempts_no_delay(&mut probe).await, Err(Failed(3)));
    assert_eq!(probe.times, [ms(0), ms(1_000), ms(2_000)]);
    assert_eq!(start.elapsed(), ms(3_000));
}

#[retry(attempts = 10, delay = "10ms", max_elapsed = "1s")]
async fn first_attempt_over_budget(probe: &mut Probe) -> Result<u32, Failed> {
    let attempt = probe.attempt();
    tokio::time::sleep(ms(1_500)).await;
    Err(Failed(attempt))
}

#[tokio::test(start_paused = true)]
async fn an_attempt_that_outlasts_the_budget_is_not_retried() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(first_attempt_over_budget(&mut probe).await, Err(Failed(1)));
    assert_eq!(start.elapsed(), ms(1_500));
}

#[tokio::test(start_paused = true)]
async fn max_elapsed_counts_from_the_first_poll_not_the_call() {
    let mut probe = Probe::new();
    let future = budget_ends_on_a_retry(&mut probe);
    tokio::time::advance(ms(10_000)).await;
    let polled = Instant::now();
    assert_eq!(future.await, Err(Failed(4)));
    assert_eq!(polled.elapsed(), ms(3_000));
    assert_eq!(probe.times, [ms(10_000), ms(11_000), ms(12_000), ms(13_000)]);
}

// ---------------------------------------------------------------- defaults and outcomes

#[retry]
async fn with_defaults(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn no_arguments_means_3_attempts_100ms_apart() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(with_defaults(&mut probe).await, Err(Failed(3)));
    assert_eq!(probe.times, [ms(0), ms(100), ms(200)]);
    assert_eq!(start.elapsed(), ms(200));
}

#[retry(attempts = 1, delay = "1s")]
async fn single_attempt(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn one_attempt_never_retries() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(single_attempt(&mut probe).await, Err(Failed(1)));
    assert_eq!(probe.count(), 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[retry(attempts = 5, delay = "1s", backoff = "exponential")]
async fn succeeds_on(probe: &mut Probe, success_at: u32) -> Result<u32, Failed> {
    let attempt = probe.attempt();
    if attempt < success_at {
        Err(Failed(attempt))
    } else {
        Ok(attempt * 10)
    }
}

#[tokio::test(start_paused = true)]
async fn success_on_the_first_attempt_returns_at_once() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(succeeds_on(&mut probe, 1).await, Ok(10));
    assert_eq!(probe.count(), 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn success_on_attempt_k_stops_retrying() {
    for (success_at, elapsed) in [(2, 1_000), (3, 3_000), (4, 7_000), (5, 15_000)] {
        let mut probe = Probe::new();
        let start = Instant::now();
        assert_eq!(succeeds_on(&mut probe, success_at).await, Ok(success_at * 10));
        assert_eq!(probe.count(), usize::try_from(success_at).unwrap());
        assert_eq!(start.elapsed(), ms(elapsed), "success on attempt {success_at}");
    }
}

#[tokio::test(start_paused = true)]
async fn all_attempts_failing_returns_the_last_error_unchanged() {
    let mut probe = Probe::new();
    let start = Instant::now();
    // Never succeeds within 5 attempts: the error of attempt 5, not of attempt 1.
    assert_eq!(succeeds_on(&mut probe, 6).await, Err(Failed(5)));
    assert_eq!(probe.count(), 5);
    assert_eq!(start.elapsed(), ms(15_000));
}

#[derive(Debug, PartialEq, Eq)]
enum Rich {
    Io { attempt: u32, message: String },
}

#[retry(attempts = 3, delay = "10ms")]
async fn fails_with_data(probe: &mut Probe) -> Result<(), Rich> {
    let attempt = probe.attempt();
    Err(Rich::Io { attempt, message: format!("attempt {attempt} failed") })
}

#[tokio::test(start_paused = true)]
async fn the_last_error_keeps_its_type_and_data() {
    let mut probe = Probe::new();
    let error: Rich = fails_with_data(&mut probe).await.unwrap_err();
    assert_eq!(error, Rich::Io { attempt: 3, message: "attempt 3 failed".to_owned() });
}

#[retry(attempts = 5, delay = "0s")]
async fn no_delay(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn zero_delay_retries_without_advancing_the_clock() {
    let mut probe = Probe::new();
    let start = Instant::now();
    assert_eq!(no_delay(&mut probe).await, Err(Failed(5)));
    assert_eq!(probe.times, [Duration::ZERO; 5]);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[retry(attempts = 4, delay = "0s")]
async fn no_delay_counting(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    Err(*calls)
}

#[test]
fn zero_delay_never_touches_the_timer() {
    // No tokio runtime here: creating a tokio timer would panic. The whole call completes on
    // its first poll.
    let mut calls = 0;
    assert_eq!(poll_once(no_delay_counting(&mut calls)), Poll::Ready(Err(4)));
    assert_eq!(calls, 4);
}

/// A second task of the same current-thread runtime: counts how often it runs until told to
/// stop (at most a million times, so the test ends whatever happens).
fn spawn_neighbour(runs: &Arc<AtomicU32>, stop: &Arc<AtomicBool>) -> tokio::task::JoinHandle<()> {
    let (runs, stop) = (Arc::clone(runs), Arc::clone(stop));
    tokio::spawn(async move {
        for _ in 0..1_000_000 {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            runs.fetch_add(1, Ordering::Relaxed);
            tokio::task::yield_now().await;
        }
    })
}

#[retry(attempts = 10_000, delay = "0s")]
async fn fails_without_waiting(
    attempts: &mut u32,
    neighbour_runs: &AtomicU32,
    seen: &mut u32,
) -> Result<(), u32> {
    *attempts += 1;
    *seen = neighbour_runs.load(Ordering::Relaxed);
    Err(*attempts)
}

async fn instant_timer(_: Duration) {}

#[retry(attempts = 10_000, delay = "0s", sleep = instant_timer)]
async fn fails_without_waiting_custom_timer(
    attempts: &mut u32,
    neighbour_runs: &AtomicU32,
    seen: &mut u32,
) -> Result<(), u32> {
    *attempts += 1;
    *seen = neighbour_runs.load(Ordering::Relaxed);
    Err(*attempts)
}

#[tokio::test]
async fn zero_waits_let_other_tasks_of_the_executor_run() {
    let (runs, stop) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicBool::new(false)));
    let neighbour = spawn_neighbour(&runs, &stop);
    let (mut attempts, mut seen_by_last_attempt) = (0, 0);
    let outcome = fails_without_waiting(&mut attempts, &runs, &mut seen_by_last_attempt).await;
    stop.store(true, Ordering::Relaxed);
    neighbour.await.unwrap();
    assert_eq!((outcome, attempts), (Err(10_000), 10_000));
    // tokio's budget is 128 units a turn: the neighbour ran about every 128 attempts.
    assert!(seen_by_last_attempt >= 10_000 / 128 - 1, "the neighbour ran {seen_by_last_attempt} times");
}

#[tokio::test]
async fn zero_waits_yield_under_a_custom_timer_too() {
    let (runs, stop) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicBool::new(false)));
    let neighbour = spawn_neighbour(&runs, &stop);
    let (mut attempts, mut seen_by_last_attempt) = (0, 0);
    let outcome = fails_without_waiting_custom_timer(&mut attempts, &runs, &mut seen_by_last_attempt).await;
    stop.store(true, Ordering::Relaxed);
    neighbour.await.unwrap();
    assert_eq!((outcome, attempts), (Err(10_000), 10_000));
    // One yield per zero wait: the neighbour ran between every two attempts.
    assert!(seen_by_last_attempt >= 9_999 - 1, "the neighbour ran {seen_by_last_attempt} times");
}

// ---------------------------------------------------------------- duration strings

type Seen = RefCell<Vec<Duration>>;

#[retry(attempts = 2, delay = "1.5s", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_fractional_seconds(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "1m30s", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_minutes_and_seconds(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "2h", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_hours(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "250us", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_microseconds(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

// As `{:?}` prints a `Duration`: the micro sign, and the Greek mu that looks the same.
#[retry(attempts = 2, delay = "5µs", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_micro_sign(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "7μs", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_greek_mu(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "1500ns", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_nanoseconds(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[retry(attempts = 2, delay = "1h1m1s1ms", on_retry = |ev| seen.borrow_mut().push(ev.wait()))]
async fn delay_every_unit(seen: &Seen) -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn duration_strings_are_read_exactly() {
    let seen = Seen::default();
    let start = Instant::now();
    delay_fractional_seconds(&seen).await.unwrap_err();
    delay_minutes_and_seconds(&seen).await.unwrap_err();
    delay_hours(&seen).await.unwrap_err();
    delay_microseconds(&seen).await.unwrap_err();
    delay_micro_sign(&seen).await.unwrap_err();
    delay_greek_mu(&seen).await.unwrap_err();
    delay_nanoseconds(&seen).await.unwrap_err();
    delay_every_unit(&seen).await.unwrap_err();
    let hms = Duration::from_secs(3_661) + ms(1);
    assert_eq!(
        seen.into_inner(),
        [
            ms(1_500),
            Duration::from_secs(90),
            Duration::from_secs(7_200),
            Duration::from_micros(250),
            Duration::from_micros(5),
            Duration::from_micros(7),
            Duration::from_nanos(1_500),
            hms
        ]
    );
    // The sub-millisecond waits each end on the next millisecond of tokio's timer.
    assert_eq!(start.elapsed(), ms(1_500) + Duration::from_secs(90 + 7_200) + ms(4) + hms);
}

// ---------------------------------------------------------------- const values

const MAX_TRIES: u32 = 4;
const BASE_DELAY: Duration = Duration::from_millis(250);
const GROWTH: f64 = 3.0;
const CAP: Duration = Duration::from_secs(1);
const BUDGET: Duration = Duration::from_millis(1_500);

#[retry(attempts = MAX_TRIES, delay = BASE_DELAY)]
async fn const_attempts_and_delay(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn const_attempts_and_delay_are_used() {
    let mut probe = Probe::new();
    assert_eq!(const_attempts_and_delay(&mut probe).await, Err(Failed(4)));
    assert_eq!(probe.times, [ms(0), ms(250), ms(500), ms(750)]);
}

#[retry(attempts = MAX_TRIES, delay = BASE_DELAY, backoff = "exponential", factor = GROWTH)]
async fn const_factor(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn const_factor_is_used() {
    let mut probe = Probe::new();
    assert_eq!(const_factor(&mut probe).await, Err(Failed(4)));
    // Waits 250 + 750 + 2250.
    assert_eq!(probe.times, [ms(0), ms(250), ms(1_000), ms(3_250)]);
}

#[retry(attempts = 3, delay = Duration::from_millis(5))]
async fn expression_delay(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn const_expression_delay_is_used() {
    let mut probe = Probe::new();
    assert_eq!(expression_delay(&mut probe).await, Err(Failed(3)));
    assert_eq!(probe.times, [ms(0), ms(5), ms(10)]);
}

#[retry(attempts = 10, delay = BASE_DELAY, backoff = "exponential", max_delay = CAP, max_elapsed = BUDGET)]
async fn const_cap_and_budget(probe: &mut Probe) -> Result<u32, Failed> {
    Err(Failed(probe.attempt()))
}

#[tokio::test(start_paused = true)]
async fn const_max_delay_and_max_elapsed_are_used() {
    let mut probe = Probe::new();
    assert_eq!(const_cap_and_budget(&mut probe).await, Err(Failed(3)));
    // Waits 250, 500, then min(1000, 1s) would end at 1.75s > 1.5s: the third is refused.
    assert_eq!(probe.times, [ms(0), ms(250), ms(750)]);
}

// ---------------------------------------------------------------- jitter

const RUNS: usize = 1_000;

/// Every wait announced to `on_retry`, per run, with the failed attempt's number.
type Waits = RefCell<Vec<(u32, Duration)>>;

/// tokio's timer counts whole milliseconds, so each sleep of a jittered wait ends on the next
/// millisecond: the clock moves by the waits' sum plus less than 1ms per wait.
fn assert_slept(elapsed: Duration, waits: &[(u32, Duration)]) {
    let total: Duration = waits.iter().map(|(_, wait)| *wait).sum();
    let slack = ms(u64::try_from(waits.len()).unwrap());
    assert!(elapsed >= total && elapsed < total + slack, "slept {elapsed:?} for waits {waits:?}");
}

/// Backoff waits before jitter: 100ms, 200ms, then 300ms (capped).
fn capped_backoff(attempt: u32) -> Duration {
    [ms(100), ms(200), ms(300)][usize::try_from(attempt).unwrap() - 1]
}

fn mean(values: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, count) = values.into_iter().fold((0.0, 0.0), |(sum, count), value| (sum + value, count + 1.0));
    sum / count
}

#[retry(attempts = 4, delay = "100ms", backoff = "exponential", max_delay = "300ms", jitter = "full",
        on_retry = |ev| waits.borrow_mut().push((ev.attempt(), ev.wait())))]
async fn full_jitter(waits: &Waits) -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn full_jitter_draws_between_zero_and_the_capped_wait() {
    let waits = Waits::default();
    for run in 0..RUNS {
        let before = waits.borrow().len();
        let start = Instant::now();
        assert_eq!(full_jitter(&waits).await, Err(Failed(0)));
        let this_run: Vec<_> = waits.borrow()[before..].to_vec();
        assert_eq!(this_run.iter().map(|(attempt, _)| *attempt).collect::<Vec<_>>(), [1, 2, 3], "run {run}");
        assert_slept(start.elapsed(), &this_run);
    }
    let waits = waits.into_inner();
    assert_eq!(waits.len(), 3 * RUNS);
    for &(attempt, wait) in &waits {
        assert!(wait <= capped_backoff(attempt), "retry {attempt}: {wait:?}");
    }
    // U(0, w) has mean w/2: the draws as fractions of w average 0.5. With 3,000 draws the
    // standard error is 0.005; the tolerance is 0.03.
    let fraction =
        mean(waits.iter().map(|&(attempt, wait)| wait.as_secs_f64() / capped_backoff(attempt).as_secs_f64()));
    assert!((fraction - 0.5).abs() < 0.03, "mean fraction {fraction}");
    // Per retry, the mean is near w/2 too (tolerance 5% of w, about 5 standard errors).
    for attempt in 1..=3 {
        let w = capped_backoff(attempt).as_secs_f64();
        let m = mean(waits.iter().filter(|(a, _)| *a == attempt).map(|(_, wait)| wait.as_secs_f64()));
        assert!((m - w / 2.0).abs() < 0.05 * w, "retry {attempt}: mean {m}, w {w}");
    }
}

#[retry(attempts = 4, delay = "100ms", backoff = "exponential", max_delay = "300ms", jitter = "equal",
        on_retry = |ev| waits.borrow_mut().push((ev.attempt(), ev.wait())))]
async fn equal_jitter(waits: &Waits) -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn equal_jitter_draws_between_half_and_all_of_the_capped_wait() {
    let waits = Waits::default();
    for _ in 0..RUNS {
        let before = waits.borrow().len();
        let start = Instant::now();
        assert_eq!(equal_jitter(&waits).await, Err(Failed(0)));
        assert_slept(start.elapsed(), &waits.borrow()[before..]);
    }
    let waits = waits.into_inner();
    assert_eq!(waits.len(), 3 * RUNS);
    for &(attempt, wait) in &waits {
        let w = capped_backoff(attempt);
        assert!((w / 2..=w).contains(&wait), "retry {attempt}: {wait:?}");
    }
    // w/2 + U(0, w/2) has mean 3w/4: standard error about 0.0026 of w over 3,000 draws.
    let fraction =
        mean(waits.iter().map(|&(attempt, wait)| wait.as_secs_f64() / capped_backoff(attempt).as_secs_f64()));
    assert!((fraction - 0.75).abs() < 0.02, "mean fraction {fraction}");
}

#[retry(attempts = 6, delay = "100ms", max_delay = "1s", jitter = "decorrelated",
        on_retry = |ev| waits.borrow_mut().push((ev.attempt(), ev.wait())))]
async fn decorrelated_jitter(waits: &Waits) -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn decorrelated_jitter_draws_between_delay_and_three_times_the_previous_wait() {
    let delay = ms(100);
    let cap = ms(1_000);
    let waits = Waits::default();
    let mut firsts = Vec::new();
    let mut uncapped_fractions = Vec::new();
    let mut reached_cap = 0;
    for run in 0..RUNS {
        let before = waits.borrow().len();
        let start = Instant::now();
        assert_eq!(decorrelated_jitter(&waits).await, Err(Failed(0)));
        let this_run: Vec<_> = waits.borrow()[before..].to_vec();
        assert_eq!(this_run.len(), 5, "run {run}");
        assert_slept(start.elapsed(), &this_run);
        let mut previous = delay;
        for (attempt, wait) in this_run {
            let high = (previous * 3).min(cap);
            assert!(
                (delay..=high).contains(&wait),
                "run {run}, retry {attempt}: {wait:?} after {previous:?}"
            );
            if attempt == 1 {
                firsts.push(wait.as_secs_f64());
            }
            if previous * 3 <= cap {
                let span = (previous * 3).saturating_sub(delay);
                uncapped_fractions.push(wait.saturating_sub(delay).as_secs_f64() / span.as_secs_f64());
            }
            if wait == cap {
                reached_cap += 1;
            }
            previous = wait;
        }
    }
    // The first draw is U(100ms, 300ms): mean 200ms, standard error 1.8ms over 1,000 draws.
    let first = mean(firsts);
    assert!((first - 0.2).abs() < 0.01, "first wait mean {first}");
    // Below the cap each draw is uniform over [delay, 3·previous]: its position averages 0.5.
    let position = mean(uncapped_fractions.iter().copied());
    assert!(uncapped_fractions.len() > RUNS, "{}", uncapped_fractions.len());
    assert!((position - 0.5).abs() < 0.03, "mean position {position}");
    // The waits grow: some runs reach the cap by their fifth retry.
    assert!(reached_cap > 0);
}

// ---------------------------------------------------------------- plain fn

#[retry(attempts = 4, delay = "1ms", backoff = "linear", jitter = "equal",
        on_retry = |ev| waits.borrow_mut().push((ev.attempt(), ev.wait())))]
fn blocking_with_jitter(calls: &mut u32, waits: &Waits) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[test]
fn plain_fn_blocks_for_its_jittered_waits() {
    let mut calls = 0;
    let waits = Waits::default();
    let start = std::time::Instant::now();
    assert_eq!(blocking_with_jitter(&mut calls, &waits), Err(Failed(4)));
    let elapsed = start.elapsed();
    assert_eq!(calls, 4);
    let waits = waits.into_inner();
    assert_eq!(waits.iter().map(|(attempt, _)| *attempt).collect::<Vec<_>>(), [1, 2, 3]);
    for &(attempt, wait) in &waits {
        let w = ms(u64::from(attempt));
        assert!((w / 2..=w).contains(&wait), "retry {attempt}: {wait:?}");
    }
    let total: Duration = waits.iter().map(|(_, wait)| *wait).sum();
    assert!(elapsed >= total, "{elapsed:?} < {total:?}");
}

#[retry(attempts = 3, delay = "1ms")]
fn blocking_succeeds_on_second(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    if *calls < 2 {
        Err(Failed(*calls))
    } else {
        Ok(*calls)
    }
}

#[test]
fn plain_fn_retries_until_success() {
    let mut calls = 0;
    let start = std::time::Instant::now();
    assert_eq!(blocking_succeeds_on_second(&mut calls), Ok(2));
    assert_eq!(calls, 2);
    assert!(start.elapsed() >= ms(1));
}
