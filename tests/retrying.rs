//! `retrying!`: a block retried in place, with the locals around it. Exact attempt counts and
//! waits under tokio's paused clock.
// The hook closures are the point (they need no annotations), not a method path.
#![allow(clippy::redundant_closure_for_method_calls)]
use std::cell::{Cell, RefCell};
use std::io;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reattempt::{retrying, Decision, GiveUpReason, Policy, TokenBucket};
use tokio::time::Instant;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[derive(Debug, PartialEq, Eq)]
struct Failed(u32);

#[derive(Debug, PartialEq, Eq)]
enum ApiError {
    Timeout(u32),
    Denied,
}

impl ApiError {
    fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }
}

impl From<reattempt::Elapsed> for ApiError {
    fn from(_: reattempt::Elapsed) -> Self {
        Self::Timeout(u32::MAX)
    }
}

/// Fails with a timeout until `calls` reaches `succeed_at`.
#[allow(clippy::unused_async)] // async like the network call it stands for
async fn call(calls: &Cell<u32>, succeed_at: u32) -> Result<u32, ApiError> {
    calls.set(calls.get() + 1);
    if calls.get() < succeed_at {
        Err(ApiError::Timeout(calls.get()))
    } else {
        Ok(calls.get())
    }
}

#[tokio::test(start_paused = true)]
async fn an_async_block_borrows_the_locals_and_waits_as_the_attribute_does() {
    let calls = Cell::new(0);
    let token = String::from("secret");
    let start = Instant::now();
    let value = retrying!(attempts = 4, delay = "200ms", backoff = "exponential", async {
        assert_eq!(token, "secret");
        call(&calls, 3).await
    })
    .await;
    assert_eq!(value, Ok(3));
    assert_eq!(start.elapsed(), ms(200 + 400));
    // Still the caller's.
    assert_eq!(token.len(), 6);
}

#[tokio::test(start_paused = true)]
async fn hook_closures_need_no_annotations() {
    let calls = Cell::new(0);
    let waits = RefCell::new(Vec::new());
    let gave_up = Cell::new(None);
    let outcome = retrying!(
        attempts = 3,
        delay = "1s",
        when = |e| e.is_timeout(),
        on_retry = |event| waits.borrow_mut().push((event.attempt(), event.wait())),
        on_give_up = |event| gave_up.set(Some((event.attempts(), event.reason()))),
        async { call(&calls, 10).await },
    )
    .await;
    assert_eq!(outcome, Err(ApiError::Timeout(3)));
    assert_eq!(waits.into_inner(), [(1, ms(1_000)), (2, ms(1_000))]);
    assert_eq!(gave_up.get(), Some((3, GiveUpReason::AttemptsUsedUp)));

    // `classify` sees the whole outcome.
    let calls = Cell::new(0);
    let start = Instant::now();
    let outcome = retrying!(
        attempts = 5,
        delay = "10ms",
        classify = |outcome| match outcome {
            Err(ApiError::Timeout(n)) if *n < 2 => Decision::RetryAfter(ms(500)),
            Ok(_) | Err(_) => Decision::Return,
        },
        async { call(&calls, 10).await },
    )
    .await;
    assert_eq!(outcome, Err(ApiError::Timeout(2)));
    assert_eq!(start.elapsed(), ms(500));
}

#[tokio::test(start_paused = true)]
async fn question_mark_and_return_end_the_attempt() {
    let calls = Cell::new(0);
    let seen = RefCell::new(Vec::new());
    let outcome: Result<u32, ApiError> = retrying!(attempts = 3, delay = "1ms", async {
        let value = call(&calls, 3).await?;
        if value == 100 {
            return Err(ApiError::Denied);
        }
        seen.borrow_mut().push(value);
        Ok(value * 10)
    })
    .await;
    assert_eq!(outcome, Ok(30));
    assert_eq!(seen.into_inner(), [3]);

    // `?` converts into the block's own error type, fixed here by `Ok::<_, E>`.
    let parsed = retrying!(attempts = 2, delay = "1ms", async {
        let number: u32 = "7".parse()?;
        Ok::<_, std::num::ParseIntError>(number)
    })
    .await;
    assert_eq!(parsed, Ok(7));
}

#[test]
fn a_closure_borrows_locals_mutably_and_a_hook_reads_them_between_attempts() {
    let mut calls = 0_u32;
    // A hook is an `Fn`: it records through a `RefCell`, and reads `calls`, which the body
    // mutates, between attempts (each attempt's borrow ends with it).
    let log = RefCell::new(Vec::new());
    let started = std::time::Instant::now();
    let _no_waits = reattempt::testing::skip_waits();
    let outcome = retrying!(attempts = 4, delay = "10s", on_retry = |_| log.borrow_mut().push(calls), || {
        calls += 1;
        if calls < 3 {
            return Err(Failed(calls));
        }
        Ok(calls)
    });
    assert_eq!(outcome, Ok(3));
    assert_eq!(calls, 3);
    assert_eq!(log.into_inner(), [1, 2]);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_closure_waits_with_a_blocking_sleep_and_reads_the_attempt_number() {
    let waits = RefCell::new(Vec::new());
    let mut numbers = Vec::new();
    let outcome: Result<(), Failed> = retrying!(
        attempts = 3,
        delay = "1s",
        backoff = "linear",
        attempt = n,
        sleep = |wait| waits.borrow_mut().push(wait),
        || {
            numbers.push(n);
            Err(Failed(n))
        }
    );
    assert_eq!(outcome, Err(Failed(3)));
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(waits.into_inner(), [ms(1_000), ms(2_000)]);
}

#[tokio::test(start_paused = true)]
async fn async_move_owns_its_captures_for_spawn_and_stays_send() {
    trait Installable {
        fn install(&self, attempt: u32) -> Result<u32, io::Error>;
    }
    struct Package(AtomicU32);
    impl Installable for Package {
        fn install(&self, attempt: u32) -> Result<u32, io::Error> {
            self.0.fetch_add(1, Ordering::Relaxed);
            if attempt < 2 {
                Err(io::Error::from(io::ErrorKind::ConnectionReset))
            } else {
                Ok(attempt)
            }
        }
    }
    let package: Box<dyn Installable + Send + Sync> = Box::new(Package(AtomicU32::new(0)));
    let start = Instant::now();
    let handle = tokio::spawn(async move {
        retrying!(attempts = 3, delay = "50ms", attempt = n, async { package.install(n) }).await
    });
    assert_eq!(handle.await.unwrap().unwrap(), 2);
    assert_eq!(start.elapsed(), ms(50));

    // `async move` inside `retrying!` owns what it captures: the future is `'static`.
    let counter = Arc::new(AtomicU32::new(0));
    let owned = {
        let counter = Arc::clone(&counter);
        retrying!(attempts = 2, delay = "1ms", async move {
            let count = counter.fetch_add(1, Ordering::Relaxed) + 1;
            if count < 2 {
                return Err(io::Error::from(io::ErrorKind::TimedOut));
            }
            Ok(count)
        })
    };
    assert_eq!(tokio::spawn(owned).await.unwrap().unwrap(), 2);
    assert_eq!(counter.load(Ordering::Relaxed), 2);
}

#[tokio::test(start_paused = true)]
async fn two_in_one_function_and_one_in_a_loop() {
    let first_calls = Cell::new(0);
    let second_calls = Cell::new(0);
    let first = retrying!(attempts = 2, delay = "1s", async { call(&first_calls, 2).await }).await;
    let second = retrying!(attempts = 3, delay = "2s", async { call(&second_calls, 3).await }).await;
    assert_eq!((first, second), (Ok(2), Ok(3)));

    let start = Instant::now();
    let mut uploaded = Vec::new();
    for (key, buffer) in [("a", vec![1_u8]), ("b", vec![2, 3])] {
        let tries = Cell::new(0);
        let failures = RefCell::new(Vec::new());
        let size = retrying!(
            attempts = 3,
            delay = "100ms",
            on_retry = |_| failures.borrow_mut().push(format!("{key}: {} bytes", buffer.len())),
            async {
                tries.set(tries.get() + 1);
                if tries.get() < 2 {
                    return Err(Failed(tries.get()));
                }
                Ok(buffer.len())
            }
        )
        .await
        .unwrap();
        uploaded.push((key, size, failures.into_inner()));
    }
    assert_eq!(uploaded, [("a", 1, vec!["a: 1 bytes".to_owned()]), ("b", 2, vec!["b: 2 bytes".to_owned()])]);
    assert_eq!(start.elapsed(), ms(200));
}

#[tokio::test(start_paused = true)]
async fn every_other_key_inside_retrying() {
    static BUDGET: TokenBucket = TokenBucket::new(10, 0.1);
    static POLICY: Policy = Policy::new(3).delay(Duration::from_millis(300));
    const LIMIT: Duration = Duration::from_millis(250);

    // jitter, max_delay, max_elapsed, timeout, budget, crate.
    let calls = Cell::new(0);
    let start = Instant::now();
    let outcome = retrying!(
        attempts = 5,
        delay = "100ms",
        backoff = "exponential",
        factor = 3,
        max_delay = "400ms",
        jitter = "full",
        max_elapsed = "2s",
        timeout = LIMIT,
        budget = BUDGET,
        crate = "::reattempt",
        async {
            if calls.get() == 0 {
                calls.set(1);
                tokio::time::sleep(ms(1_000)).await;
            }
            call(&calls, 3).await
        }
    )
    .await;
    assert_eq!(outcome, Ok(3));
    // The first attempt is cut at 250 ms; two jittered waits of at most 100 and 300 ms.
    assert!(start.elapsed() >= LIMIT && start.elapsed() <= LIMIT + ms(100 + 300), "{:?}", start.elapsed());

    // A policy decided at run time: a static, and one built from a local.
    let calls = Cell::new(0);
    let start = Instant::now();
    assert_eq!(retrying!(policy = &POLICY, async { call(&calls, 3).await }).await, Ok(3));
    assert_eq!(start.elapsed(), ms(600));
    let retries = 3;
    let calls = Cell::new(0);
    let start = Instant::now();
    let outcome =
        retrying!(policy = Policy::new(retries + 1).delay(ms(10)), async { call(&calls, 10).await }).await;
    assert_eq!(outcome, Err(ApiError::Timeout(4)));
    assert_eq!(start.elapsed(), ms(30));

    // No keys at all: the defaults (3 attempts, 100 ms apart).
    let calls = Cell::new(0);
    let start = Instant::now();
    assert_eq!(retrying!(async { call(&calls, 10).await }).await, Err(ApiError::Timeout(3)));
    assert_eq!(start.elapsed(), ms(200));
}

#[tokio::test(start_paused = true)]
async fn the_async_form_is_lazy_and_the_testing_guards_apply() {
    let calls = Cell::new(0);
    let future = retrying!(attempts = 2, async { call(&calls, 1).await });
    assert_eq!(calls.get(), 0, "nothing runs before the first poll");
    assert_eq!(future.await, Ok(1));

    let _once = reattempt::testing::limit_attempts(1);
    let calls = Cell::new(0);
    assert_eq!(retrying!(attempts = 5, async { call(&calls, 3).await }).await, Err(ApiError::Timeout(1)));
    let mut tries = 0;
    assert_eq!(
        retrying!(attempts = 5, || {
            tries += 1;
            Err::<(), _>(Failed(tries))
        }),
        Err(Failed(1))
    );
}

#[test]
fn nested_retrying_multiplies_the_attempts() {
    let _no_waits = reattempt::testing::skip_waits();
    let mut calls = 0;
    let outcome: Result<(), Failed> = retrying!(attempts = 2, || retrying!(attempts = 3, || {
        calls += 1;
        Err(Failed(calls))
    }));
    assert_eq!(outcome, Err(Failed(6)));
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

#[tokio::test(start_paused = true)]
async fn the_future_is_send_when_its_body_is() {
    let calls = AtomicU32::new(0);
    let outcome = assert_send(retrying!(attempts = 2, delay = "1ms", async {
        let count = calls.fetch_add(1, Ordering::Relaxed) + 1;
        tokio::task::yield_now().await;
        if count < 2 {
            return Err(Failed(count));
        }
        Ok(count)
    }))
    .await;
    assert_eq!(outcome, Ok(2));
}

thread_local! {
    static TIMER_WAITS: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
}

/// A timer of another runtime's shape: it yields the instant it fired at.
async fn recording_timer(wait: Duration) -> Instant {
    TIMER_WAITS.with(|waits| waits.borrow_mut().push(wait));
    tokio::time::sleep(wait).await;
    Instant::now()
}

#[tokio::test(start_paused = true)]
async fn a_custom_timer_max_elapsed_and_a_budget_end_the_call_as_on_a_function() {
    static SMALL: TokenBucket = TokenBucket::new(2, 0.1);
    // `sleep` names the timer of the `async` form.
    let calls = Cell::new(0);
    let outcome = retrying!(attempts = 3, delay = "1s", backoff = "linear", sleep = recording_timer, async {
        call(&calls, 10).await
    })
    .await;
    assert_eq!(outcome, Err(ApiError::Timeout(3)));
    assert_eq!(TIMER_WAITS.with(RefCell::take), [ms(1_000), ms(2_000)]);

    // `max_elapsed`: no wait that would end past it.
    let calls = Cell::new(0);
    let reason = Cell::new(None);
    let start = Instant::now();
    let outcome = retrying!(
        attempts = 10,
        delay = "1s",
        max_elapsed = "2500ms",
        on_give_up = |event| reason.set(Some((event.attempts(), event.reason(), event.elapsed()))),
        async { call(&calls, 10).await }
    )
    .await;
    assert_eq!(outcome, Err(ApiError::Timeout(3)));
    assert_eq!(reason.get(), Some((3, GiveUpReason::OutOfTime, ms(2_000))));
    assert_eq!(start.elapsed(), ms(2_000));

    // A budget shared by the calls: from full, `TokenBucket::new(2, 0.1)` allows one retry.
    let calls = Cell::new(0);
    let reason = Cell::new(None);
    let outcome = retrying!(
        attempts = 5,
        delay = "10ms",
        budget = SMALL,
        on_give_up = |event| reason.set(Some(event.reason())),
        async { call(&calls, 10).await }
    )
    .await;
    assert_eq!(outcome, Err(ApiError::Timeout(2)));
    assert_eq!(reason.get(), Some(GiveUpReason::BudgetExhausted));

    // `timeout` cuts each attempt: the first sleeps past it and becomes `E::from(Elapsed)`.
    let calls = Cell::new(0);
    let start = Instant::now();
    let outcome = retrying!(attempts = 2, delay = "1s", timeout = "100ms", async {
        calls.set(calls.get() + 1);
        if calls.get() == 1 {
            tokio::time::sleep(ms(5_000)).await;
        }
        Ok::<_, ApiError>(calls.get())
    })
    .await;
    assert_eq!(outcome, Ok(2));
    assert_eq!(start.elapsed(), ms(1_100));
}
