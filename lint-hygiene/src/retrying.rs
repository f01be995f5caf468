//! `retrying!` in both forms, with every kind of key.
//!
//! Bodies over several lines and on one line (the module is `#[rustfmt::skip]` in `lib.rs`, so
//! the short ones stay on one line), inside functions that do other work around it.

use core::time::Duration;
use std::io;

use reattempt::{retrying, Decision};

use crate::keys::{SHARED_BUDGET, SHARED_POLICY};
use crate::{classify_failure, custom_sleep, flaky, is_transient, Calls, Failure, BASE_DELAY, CAP, GROWTH, LIMIT, MAX_TRIES};

/// The `async` form on one line, defaults.
///
/// # Errors
///
/// The last failure.
pub async fn async_one_line(calls: &Calls) -> Result<u32, Failure> {
    retrying!(async { flaky(calls, 2) }).await
}

/// The closure form on one line, defaults.
///
/// # Errors
///
/// The last failure.
pub fn closure_one_line(calls: &Calls) -> Result<u32, Failure> {
    retrying!(|| flaky(calls, 2))
}

/// The closure form with braces on one line.
///
/// # Errors
///
/// The last failure.
pub fn closure_braces_one_line(calls: &Calls) -> Result<u32, Failure> {
    retrying!(attempts = 3, delay = "1ms", || { flaky(calls, 2) })
}

/// Every literal key, an `async` block over several lines, a local borrowed, `?` inside.
///
/// # Errors
///
/// The last failure.
pub async fn async_every_literal_key(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    let offset = calls.get();
    let value = retrying!(
        attempts = 5,
        delay = "1ms",
        backoff = "exponential",
        factor = 2.5,
        max_delay = "10ms",
        jitter = "full",
        max_elapsed = "2s",
        when = |error| !matches!(*error, Failure::Permanent(_)),
        on_retry = |event| seen.add(event.attempt()),
        on_give_up = |event| seen.add(event.attempts()),
        attempt = n,
        async {
            let value = flaky(calls, 3)?;
            Ok::<_, Failure>(value + n + offset)
        }
    )
    .await?;
    Ok(value)
}

/// Every constant key, `classify` by path, a budget, a custom timer, the crate path.
///
/// # Errors
///
/// The last failure.
pub async fn async_every_const_key(calls: &Calls) -> Result<u32, Failure> {
    retrying!(
        attempts = MAX_TRIES,
        delay = BASE_DELAY,
        backoff = "exponential",
        factor = GROWTH,
        max_delay = CAP,
        classify = classify_failure,
        budget = SHARED_BUDGET,
        sleep = custom_sleep,
        crate = "::reattempt",
        async { flaky(calls, 2) }
    )
    .await
}

/// `timeout` on an `async move` block, one line.
///
/// # Errors
///
/// The last failure, or a timeout.
pub async fn async_move_timeout(calls: &'static Calls) -> io::Result<u32> {
    let run = retrying!(attempts = 3, delay = "1ms", timeout = LIMIT, async move { flaky(calls, 2).map_err(|_| io::Error::from(io::ErrorKind::TimedOut)) });
    run.await
}

/// A run-time policy and a budget by reference, the closure form over several lines.
///
/// # Errors
///
/// The last failure.
pub fn closure_policy(calls: &Calls) -> Result<u32, Failure> {
    let mut tries = 0_u32;
    let outcome = retrying!(policy = &SHARED_POLICY, budget = &SHARED_BUDGET, when = is_transient, || {
        tries = tries.saturating_add(1);
        flaky(calls, 2)
    });
    calls.add(tries);
    outcome
}

/// The closure form with a blocking timer, `classify` as a closure, the attempt number.
///
/// # Errors
///
/// The last failure.
pub fn closure_every_hook(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    retrying!(
        attempts = 4,
        delay = "1ms",
        attempt = n,
        classify = |outcome| match *outcome {
            Err(Failure::Transient(_)) => Decision::Retry,
            Ok(_) | Err(Failure::Permanent(_) | Failure::Throttled(..)) => Decision::Return,
        },
        on_retry = |event| seen.add(u32::from(event.wait() > Duration::ZERO)),
        sleep = |wait| seen.add(u32::from(wait > Duration::ZERO)),
        || flaky(calls, 2).map(|value| value.saturating_mul(n) / 2),
    )
}
