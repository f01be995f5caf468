//! `on_give_up`: called once, with the reason, when a call returns a failure it would have
//! retried; never on success, nor on a failure that is not retried. Paused clock.
use std::cell::RefCell;
use std::time::Duration;

use reattempt::{retry, Decision, GiveUpEvent, GiveUpReason};
use tokio::time::Instant;

type Log = RefCell<Vec<(u32, GiveUpReason, Option<u32>, Duration)>>;

fn record(log: &Log, event: &GiveUpEvent<'_, u32, u32>) {
    log.borrow_mut().push((event.attempts(), event.reason(), event.error().copied(), event.elapsed()));
}

#[retry(attempts = 3, delay = "1s", on_give_up = |event| record(log, event))]
async fn attempts_used_up(log: &Log, calls: &RefCell<u32>) -> Result<u32, u32> {
    *calls.borrow_mut() += 1;
    Err(*calls.borrow())
}

#[retry(attempts = 100, delay = "1s", max_elapsed = "2500ms", on_give_up = |event| record(log, event))]
async fn out_of_time(log: &Log) -> Result<u32, u32> {
    Err(7)
}

#[retry(
    attempts = 5,
    max_delay = "30s",
    classify = |outcome| match outcome {
        Err(_) => Decision::RetryAfter(Duration::from_secs(600)),
        Ok(_) => Decision::Return,
    },
    on_give_up = |event| record(log, event),
)]
async fn retry_after_too_long(log: &Log) -> Result<u32, u32> {
    Err(429)
}

#[retry(attempts = 3, delay = "1s", when = |error| *error != 404, on_give_up = |event| record(log, event))]
async fn not_retried_or_succeeds(log: &Log, answer: Result<u32, u32>) -> Result<u32, u32> {
    answer
}

#[retry(attempts = 1, on_give_up = |event| record(log, event))]
async fn single_attempt(log: &Log) -> Result<u32, u32> {
    Err(1)
}

#[retry(
    attempts = 3,
    delay = "0s",
    classify = |outcome| if outcome == &Ok(0) { Decision::Retry } else { Decision::Return },
    on_give_up = |event| record(log, event),
)]
fn retried_ok_blocking(log: &Log) -> Result<u32, u32> {
    Ok(0)
}

#[tokio::test(start_paused = true)]
async fn each_reason_is_reported_once_with_the_attempts_and_the_time() {
    let (log, calls) = (Log::default(), RefCell::new(0));
    assert_eq!(attempts_used_up(&log, &calls).await, Err(3));
    assert_eq!(log.take(), [(3, GiveUpReason::AttemptsUsedUp, Some(3), Duration::from_secs(2))]);

    let start = Instant::now();
    assert_eq!(out_of_time(&log).await, Err(7));
    // Attempts at 0, 1 and 2 s; the next wait would end at 3 s, past 2.5 s.
    assert_eq!(log.take(), [(3, GiveUpReason::OutOfTime, Some(7), Duration::from_secs(2))]);
    assert_eq!(start.elapsed(), Duration::from_secs(2));

    assert_eq!(retry_after_too_long(&log).await, Err(429));
    assert_eq!(log.take(), [(1, GiveUpReason::RetryAfterTooLong, Some(429), Duration::ZERO)]);

    assert_eq!(single_attempt(&log).await, Err(1));
    assert_eq!(log.take(), [(1, GiveUpReason::AttemptsUsedUp, Some(1), Duration::ZERO)]);
}

#[tokio::test(start_paused = true)]
async fn never_on_success_nor_on_a_failure_that_is_not_retried() {
    let log = Log::default();
    assert_eq!(not_retried_or_succeeds(&log, Ok(5)).await, Ok(5));
    assert_eq!(not_retried_or_succeeds(&log, Err(404)).await, Err(404));
    assert!(log.take().is_empty());
    assert_eq!(not_retried_or_succeeds(&log, Err(503)).await, Err(503));
    assert_eq!(log.take().len(), 1);
}

#[test]
fn an_ok_that_classify_retried_has_no_error() {
    let log = Log::default();
    assert_eq!(retried_ok_blocking(&log), Ok(0));
    let events = log.take();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].0, events[0].1, events[0].2), (3, GiveUpReason::AttemptsUsedUp, None));
}

#[test]
fn reasons_read_as_the_tracing_event_writes_them() {
    assert_eq!(GiveUpReason::AttemptsUsedUp.to_string(), "attempts used up");
    assert_eq!(GiveUpReason::OutOfTime.to_string(), "max_elapsed reached");
    assert_eq!(GiveUpReason::RetryAfterTooLong.to_string(), "Retry-After longer than max_delay");
    assert_eq!(GiveUpReason::BudgetExhausted.to_string(), "retry budget exhausted");
}
