//! `timeout = ...`: each attempt races the timer; a late attempt becomes `E::from(Elapsed)`.

use std::cell::Cell;
use std::io;
use std::time::Duration;

use reattempt::{retry, Elapsed};
use tokio::time::{sleep, Instant};

const SECOND: Duration = Duration::from_secs(1);

/// How long each call of `slow_then_fast` takes: the first `slow_calls` hang for a minute.
struct Server {
    calls: Cell<u32>,
    slow_calls: u32,
}

impl Server {
    fn new(slow_calls: u32) -> Self {
        Self { calls: Cell::new(0), slow_calls }
    }

    async fn respond(&self) -> io::Result<u32> {
        let call = self.calls.get() + 1;
        self.calls.set(call);
        if call <= self.slow_calls {
            sleep(Duration::from_secs(60)).await;
        }
        Ok(call)
    }

    #[retry(attempts = 3, delay = "1s", timeout = "5s")]
    async fn fetch(&self) -> io::Result<u32> {
        self.respond().await
    }
}

#[tokio::test(start_paused = true)]
async fn a_late_attempt_times_out_and_is_retried() {
    let server = Server::new(2);
    let start = Instant::now();
    assert_eq!(server.fetch().await.unwrap(), 3);
    assert_eq!(server.calls.get(), 3);
    // Two attempts cut at 5 s each, two waits of 1 s, then a fast attempt.
    assert_eq!(start.elapsed(), SECOND * 12);
}

#[tokio::test(start_paused = true)]
async fn when_every_attempt_is_late_the_timeout_error_is_returned() {
    let server = Server::new(u32::MAX);
    let start = Instant::now();
    let error = server.fetch().await.unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::TimedOut);
    let elapsed = error.get_ref().and_then(|inner| inner.downcast_ref::<Elapsed>()).copied();
    assert_eq!(elapsed, Some(Elapsed::new(SECOND * 5)));
    assert_eq!(server.calls.get(), 3);
    assert_eq!(start.elapsed(), SECOND * 17);
}

#[tokio::test(start_paused = true)]
async fn a_fast_attempt_is_not_affected() {
    let server = Server::new(0);
    let start = Instant::now();
    assert_eq!(server.fetch().await.unwrap(), 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[derive(Debug, PartialEq)]
enum FetchError {
    TimedOut(Duration),
    Refused,
}

impl From<Elapsed> for FetchError {
    fn from(elapsed: Elapsed) -> Self {
        Self::TimedOut(elapsed.limit())
    }
}

const LIMIT: Duration = Duration::from_millis(300);

#[retry(attempts = 2, delay = "0s", timeout = LIMIT, when = |error| matches!(error, FetchError::TimedOut(_)))]
async fn hang_then_refuse(calls: &Cell<u32>) -> Result<(), FetchError> {
    calls.set(calls.get() + 1);
    if calls.get() == 1 {
        sleep(SECOND).await;
    }
    Err(FetchError::Refused)
}

#[tokio::test(start_paused = true)]
async fn a_timeout_is_an_error_like_any_other_for_when() {
    let calls = Cell::new(0);
    let start = Instant::now();
    assert_eq!(hang_then_refuse(&calls).await, Err(FetchError::Refused));
    assert_eq!(calls.get(), 2);
    assert_eq!(start.elapsed(), LIMIT);
}

thread_local! {
    static TIMERS: Cell<u32> = const { Cell::new(0) };
}

/// A timer of "another runtime": counts how often it is asked to sleep.
async fn counting_sleep(duration: Duration) {
    TIMERS.with(|timers| timers.set(timers.get() + 1));
    sleep(duration).await;
}

#[retry(attempts = 2, delay = "1s", timeout = "2s", sleep = counting_sleep)]
async fn slow_with_custom_timer() -> io::Result<()> {
    sleep(SECOND * 10).await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn the_custom_sleep_also_times_the_attempts() {
    let start = Instant::now();
    let error = slow_with_custom_timer().await.unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::TimedOut);
    // Two attempt timers and one wait between them, all from `counting_sleep`.
    assert_eq!(TIMERS.with(Cell::get), 3);
    assert_eq!(start.elapsed(), SECOND * 5);
}
