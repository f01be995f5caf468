//! Every key, alone and combined, on `async fn` and on plain `fn`.

use core::time::Duration;
use std::io;

use reattempt::{retry, Decision};
use tokio::time::sleep;

use crate::{
    blocking_sleep, classify_failure, custom_sleep, flaky, is_transient, ready_sleep, record_retry,
    timer_after, Calls, Failure, BASE_DELAY, BUDGET, CAP, GROWTH, LIMIT, MAX_TRIES, RETRIES,
};

/// The re-export that `crate = "..."` points at.
pub mod reexport {
    pub use reattempt as inner;
}

// ---------------------------------------------------------------- no arguments, defaults

/// No arguments at all: three attempts, 100ms apart.
///
/// # Errors
///
/// The last failure.
#[retry]
pub async fn defaults(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// No arguments, blocking.
///
/// # Errors
///
/// The last failure.
#[retry()]
pub fn defaults_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 1)
}

// ---------------------------------------------------------------- attempts and delay

/// Literal attempts and every duration unit.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "10ns")]
pub async fn nanoseconds(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// Microseconds.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "5us")]
pub async fn microseconds(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// Fractional seconds.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1.5s")]
pub async fn fractional_seconds(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// Minutes and seconds, hours.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1m30s", max_delay = "2h")]
pub async fn minutes_and_hours(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// A zero delay never touches the timer.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "0s")]
pub async fn zero_delay(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// `const` attempts and delay.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = MAX_TRIES, delay = BASE_DELAY)]
pub async fn const_settings(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A `const` expression that is not a path.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = Duration::from_millis(7))]
pub async fn const_expression(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// `const` attempts on a blocking function.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = MAX_TRIES, delay = "1ms")]
pub fn const_attempts_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

// ---------------------------------------------------------------- backoff and factor

/// Explicit fixed backoff.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "fixed")]
pub async fn fixed(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// Linear backoff.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "linear")]
pub async fn linear(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// Exponential backoff with the default factor.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "exponential")]
pub async fn exponential(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// An integer factor.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "exponential", factor = 3)]
pub async fn integer_factor(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A float factor.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "exponential", factor = 1.5)]
pub async fn float_factor(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A `const` factor, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", backoff = "exponential", factor = GROWTH)]
pub fn const_factor_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

// ---------------------------------------------------------------- caps and jitter

/// A literal cap.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 5, delay = "10ms", backoff = "exponential", max_delay = "25ms")]
pub async fn literal_cap(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 5)
}

/// A `const` cap over a literal delay.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 5, delay = "10ms", backoff = "linear", max_delay = CAP)]
pub async fn const_cap(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 5)
}

/// A literal cap over a `const` delay.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 5, delay = BASE_DELAY, max_delay = "1s")]
pub fn cap_over_const_delay_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// No jitter, said explicitly.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", jitter = "none")]
pub async fn no_jitter(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// Full jitter.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", jitter = "full")]
pub async fn full_jitter(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// Equal jitter on a capped exponential backoff.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "10ms", backoff = "exponential", max_delay = "15ms", jitter = "equal")]
pub async fn equal_jitter(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// Decorrelated jitter, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", max_delay = "3ms", jitter = "decorrelated")]
pub fn decorrelated_jitter_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

// ---------------------------------------------------------------- time budgets

/// A literal budget.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 10, delay = "10ms", max_elapsed = "25ms")]
pub async fn literal_budget(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, u32::MAX)
}

/// A `const` budget, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", max_elapsed = BUDGET)]
pub fn const_budget_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A literal per-attempt limit.
///
/// # Errors
///
/// `TimedOut` when every attempt is too slow.
#[retry(attempts = 3, delay = "10ms", timeout = "50ms")]
pub async fn literal_timeout(calls: &Calls, work: Duration) -> io::Result<u32> {
    let call = calls.tick();
    sleep(work).await;
    Ok(call)
}

/// A `const` per-attempt limit with a custom timer.
///
/// # Errors
///
/// `TimedOut` when every attempt is too slow.
#[retry(attempts = 3, delay = "10ms", timeout = LIMIT, sleep = custom_sleep)]
pub async fn const_timeout_custom_sleep(calls: &Calls, work: Duration) -> io::Result<u32> {
    let call = calls.tick();
    sleep(work).await;
    Ok(call)
}

// ---------------------------------------------------------------- when, classify, on_retry

/// `when` as a closure that needs no annotation.
///
/// # Errors
///
/// The first permanent failure, or the last one.
#[retry(attempts = 3, delay = "1ms", when = |error| !matches!(*error, Failure::Permanent(_)))]
pub async fn when_closure(calls: &Calls) -> Result<u32, Failure> {
    Err(Failure::Permanent(calls.tick()))
}

/// `when` as a path to a function.
///
/// # Errors
///
/// The first permanent failure, or the last one.
#[retry(attempts = 3, delay = "1ms", when = is_transient)]
pub fn when_path_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// `when` as a path to a method.
///
/// # Errors
///
/// The first permanent failure, or the last one.
#[retry(attempts = 3, delay = "1ms", when = Failure::is_transient)]
pub async fn when_method_path(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// `classify` as a closure that retries an `Ok` value and honours a hint.
///
/// # Errors
///
/// The last failure.
#[retry(
    attempts = 4,
    delay = "1ms",
    max_delay = "1s",
    classify = |outcome| match *outcome {
        Ok(call) if call < 2 => Decision::Retry,
        Err(Failure::Throttled(_, after)) => Decision::RetryAfter(Duration::from_millis(u64::from(after))),
        Err(Failure::Transient(_)) => Decision::Retry,
        Ok(_) | Err(Failure::Permanent(_)) => Decision::Return,
    },
)]
pub async fn classify_closure(calls: &Calls) -> Result<u32, Failure> {
    Ok(calls.tick())
}

/// `classify` as a path, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", classify = classify_failure)]
pub fn classify_path_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

/// The ready `transient` classifier on an `io::Result`.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", classify = reattempt::transient)]
pub async fn classify_transient(calls: &Calls) -> io::Result<u32> {
    let call = calls.tick();
    if call < 2 {
        return Err(io::ErrorKind::ConnectionReset.into());
    }
    Ok(call)
}

/// `on_retry` as a closure that names a parameter.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", on_retry = |event| waited.add(u32::try_from(event.wait().as_millis()).unwrap_or(u32::MAX)))]
pub async fn on_retry_closure(calls: &Calls, waited: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// `on_retry` as a path, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", on_retry = record_retry)]
pub fn on_retry_path_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// `when` and `on_retry` together.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", when = is_transient, on_retry = |event| seen.add(event.attempt()))]
pub async fn when_and_on_retry(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

// ---------------------------------------------------------------- sleep

/// A custom timer given as an `async fn`.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", sleep = custom_sleep)]
pub async fn async_fn_timer(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A custom timer given as a plain `fn` returning a future, with a budget.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", max_elapsed = "1s", sleep = ready_sleep)]
pub async fn plain_fn_timer(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A custom timer whose output is not `()`, also timing each attempt.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", timeout = "1s", sleep = timer_after)]
pub async fn timer_with_an_output(calls: &Calls) -> io::Result<u32> {
    flaky(calls, 3).map_err(|_| io::Error::from(io::ErrorKind::TimedOut))
}

/// A plain `fn` with a blocking wait of its own, by path.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", sleep = blocking_sleep)]
pub fn blocking_timer(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// A plain `fn` with a blocking wait given as a closure, and every hook.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", when = is_transient, on_retry = record_retry,
        on_give_up = |event| seen.add(event.attempts()), sleep = |wait| seen.add(u32::from(wait > Duration::ZERO)))]
pub fn blocking_closure_timer(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

// ---------------------------------------------------------------- crate

/// The runtime through a re-export.
///
/// # Errors
///
/// The last failure.
#[retry(crate = "crate::keys::reexport::inner", attempts = 3, delay = "1ms", when = is_transient)]
pub async fn crate_reexport(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// The runtime spelled out as the default path, blocking, with every hook.
///
/// # Errors
///
/// The last failure.
#[retry(crate = "::reattempt", attempts = 3, delay = "1ms", classify = classify_failure, on_retry = record_retry)]
pub fn crate_spelled_out_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 3)
}

/// The runtime named by its plain crate name, with `const` settings.
///
/// # Errors
///
/// The last failure.
#[retry(crate = "reattempt", attempts = MAX_TRIES, delay = BASE_DELAY, max_delay = CAP, timeout = LIMIT)]
pub async fn crate_plain_name(calls: &Calls) -> io::Result<u32> {
    let call = calls.tick();
    if call < 2 {
        return Err(io::ErrorKind::TimedOut.into());
    }
    Ok(call)
}

// ---------------------------------------------------------------- everything at once

/// Every key an `async fn` takes, literal where it can be.
///
/// # Errors
///
/// The last failure.
#[retry(
    attempts = 5,
    delay = "10ms",
    backoff = "exponential",
    factor = 2.5,
    max_delay = "100ms",
    jitter = "full",
    max_elapsed = "2s",
    timeout = "1s",
    classify = |outcome| match outcome.as_ref() {
        Err(error) if error.kind() == io::ErrorKind::TimedOut => Decision::Retry,
        Ok(_) | Err(_) => Decision::Return,
    },
    on_retry = |event| seen.add(event.attempt()),
    sleep = custom_sleep,
    crate = "crate::keys::reexport::inner",
)]
pub async fn everything_literal(calls: &Calls, seen: &Calls) -> io::Result<u32> {
    let call = calls.tick();
    if call < 3 {
        return Err(io::ErrorKind::TimedOut.into());
    }
    Ok(call)
}

/// Every key an `async fn` takes, `const` where it can be.
///
/// # Errors
///
/// The last failure.
#[retry(
    attempts = MAX_TRIES,
    delay = BASE_DELAY,
    backoff = "exponential",
    factor = GROWTH,
    max_delay = CAP,
    jitter = "decorrelated",
    max_elapsed = BUDGET,
    timeout = LIMIT,
    when = |error| error.kind() == io::ErrorKind::TimedOut,
    on_retry = |event| seen.add(event.attempt()),
)]
pub async fn everything_const(calls: &Calls, seen: &Calls) -> io::Result<u32> {
    let call = calls.tick();
    if call < 3 {
        return Err(io::ErrorKind::TimedOut.into());
    }
    Ok(call)
}

/// Every key a plain `fn` takes.
///
/// # Errors
///
/// The last failure.
#[retry(
    attempts = 4,
    delay = BASE_DELAY,
    backoff = "linear",
    max_delay = "30ms",
    jitter = "equal",
    max_elapsed = "1s",
    when = Failure::is_transient,
    on_retry = record_retry,
    crate = "crate::keys::reexport::inner",
)]
pub fn everything_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}

// ---------------------------------------------------------------- policy, attempt, on_give_up

/// A schedule shared by several functions.
pub static SHARED_POLICY: reattempt::Policy =
    reattempt::Policy::new(3).delay(Duration::from_millis(1)).jitter(reattempt::Jitter::Full);

/// `policy` from a `static`, with `attempt` and every hook.
///
/// # Errors
///
/// The last failure.
#[retry(
    policy = &SHARED_POLICY,
    attempt = number,
    when = |error| error.is_transient() && number < 3,
    on_retry = |event| seen.add(event.attempt().saturating_add(number)),
    on_give_up = |event| seen.add(event.attempts()),
)]
pub async fn policy_static(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    seen.add(number);
    flaky(calls, 3)
}

/// `policy` built from the parameters, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(policy = reattempt::Policy::new(retries.saturating_add(1)).max_elapsed(budget), attempt = number)]
pub fn policy_from_parameters(calls: &Calls, retries: u32, budget: Duration) -> Result<u32, Failure> {
    if number > 1 {
        calls.add(1);
    }
    flaky(calls, 2)
}

/// `on_give_up` by path.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms", on_give_up = record_give_up)]
pub async fn on_give_up_path(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 5)
}

/// An `on_give_up` hook given by path.
pub fn record_give_up(event: &reattempt::GiveUpEvent<'_, u32, Failure>) {
    RETRIES.with(|retries| retries.set(retries.get().saturating_add(event.attempts())));
}

// ---------------------------------------------------------------- budget

/// A retry budget shared by the functions below.
pub static SHARED_BUDGET: reattempt::TokenBucket = reattempt::TokenBucket::new(100, 0.1);

/// `budget` by name, with every other key of an `async fn`.
///
/// # Errors
///
/// The last failure.
#[retry(
    attempts = 4,
    delay = "1ms",
    backoff = "exponential",
    jitter = "equal",
    max_elapsed = "1s",
    when = Failure::is_transient,
    on_retry = |event| seen.add(event.attempt()),
    on_give_up = |event| seen.add(event.attempts()),
    budget = SHARED_BUDGET,
    attempt = number,
)]
pub async fn budget_static(calls: &Calls, seen: &Calls) -> Result<u32, Failure> {
    seen.add(number);
    flaky(calls, 3)
}

/// `budget` by reference, blocking, with a run-time policy.
///
/// # Errors
///
/// The last failure.
#[retry(policy = &SHARED_POLICY, budget = &SHARED_BUDGET)]
pub fn budget_reference_blocking(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, 2)
}
