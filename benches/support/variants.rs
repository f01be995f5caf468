//! The variants measured side by side, shared by `benches/retry.rs` (time) and
//! `tests/future_size.rs` of this package (future size): the same body, a plain call, a hand-written loop, the
//! peers, and `#[retry]` with its default policy and with every key.

use std::cell::Cell;
use std::hint::black_box;
use std::time::Duration;

use backon::{ConstantBuilder, Retryable};
use reattempt::{retry, Policy};
use tokio_retry2::strategy::FixedInterval;
use tokio_retry2::{Retry, RetryError};

/// The error of every variant: one word, convertible from a timed-out attempt (for `timeout`).
#[derive(Debug)]
pub struct Error(pub u64);

impl From<reattempt::Elapsed> for Error {
    fn from(_: reattempt::Elapsed) -> Self {
        Self(u64::MAX)
    }
}

/// The one body every variant runs: bumps a counter the optimiser cannot see through and fails
/// when `fail` says so.
#[allow(clippy::unused_async)] // async like the real work it stands for
pub async fn body(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    let count = black_box(counter.get()).wrapping_add(1);
    counter.set(count);
    if black_box(fail) {
        Err(Error(count))
    } else {
        Ok(count)
    }
}

/// A call without retries.
pub async fn plain(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    body(counter, fail).await
}

// The loop a user writes and the peers, for `ATTEMPTS` attempts `DELAY_MS` apart: const
// parameters, so each instance is compiled with its policy as constants, as `#[retry]` is.

/// What a user writes without a library: it sleeps even when the wait is zero.
pub async fn hand_loop<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        match body(counter, fail).await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= ATTEMPTS => return Err(error),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(DELAY_MS)).await;
            }
        }
    }
}

/// The same loop skipping zero waits, as `#[retry]` does, but never letting other tasks run:
/// the loop issue 8 found starving its executor. The CPU floor.
pub async fn hand_loop_skip_zero<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        match body(counter, fail).await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= ATTEMPTS => return Err(error),
            Err(_) => {
                attempt += 1;
                if DELAY_MS != 0 {
                    tokio::time::sleep(Duration::from_millis(DELAY_MS)).await;
                }
            }
        }
    }
}

/// The same loop done right: a zero wait skips the timer and spends one unit of tokio's
/// cooperative budget, as `#[retry]` does. The fair baseline of the retry path.
pub async fn hand_loop_cooperating<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        match body(counter, fail).await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= ATTEMPTS => return Err(error),
            Err(_) => {
                attempt += 1;
                if DELAY_MS == 0 {
                    tokio::task::coop::consume_budget().await;
                } else {
                    tokio::time::sleep(Duration::from_millis(DELAY_MS)).await;
                }
            }
        }
    }
}

/// The loop a user writes around a run-time `Policy` (the same one `#[retry(policy = ...)]`
/// gets): its attempts and backoff waits; zero waits skip the timer and spend tokio's budget.
pub async fn hand_loop_policy(policy: &Policy, counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        match body(counter, fail).await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= policy.max_attempts() => return Err(error),
            Err(_) => {
                let wait = policy.backoff_wait(attempt);
                attempt += 1;
                if wait.is_zero() {
                    tokio::task::coop::consume_budget().await;
                } else {
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
}

/// `policy = ...` decided at run time: a `static` shared by functions (the success path's: 3
/// attempts, 100 ms apart).
pub static SUCCESS_POLICY: Policy = Policy::new(3).delay(Duration::from_millis(100));

/// `policy = &STATIC`.
#[retry(policy = &SUCCESS_POLICY)]
pub async fn retry_policy_static(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    body(counter, fail).await
}

/// A policy built from a parameter, once per call.
#[retry(policy = Policy::new(attempts).delay(delay))]
pub async fn retry_policy_parameter(
    counter: &Cell<u64>,
    fail: bool,
    attempts: u32,
    delay: Duration,
) -> Result<u64, Error> {
    body(counter, fail).await
}

pub async fn backon<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    let policy = ConstantBuilder::new().with_delay(Duration::from_millis(DELAY_MS));
    (|| body(counter, fail)).retry(policy.with_max_times(ATTEMPTS as usize - 1)).await
}

pub async fn tokio_retry2<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    let action = || async { body(counter, fail).await.map_err(RetryError::transient) };
    Retry::spawn(FixedInterval::new(Duration::from_millis(DELAY_MS)).take(ATTEMPTS as usize - 1), action)
        .await
}

pub async fn tryhard<const ATTEMPTS: u32, const DELAY_MS: u64>(
    counter: &Cell<u64>,
    fail: bool,
) -> Result<u64, Error> {
    tryhard::retry_fn(|| body(counter, fail))
        .retries(ATTEMPTS - 1)
        .fixed_backoff(Duration::from_millis(DELAY_MS))
        .await
}

/// Success path: `#[retry]` with the attribute's default policy (3 attempts, 100 ms apart), the
/// policy the other variants get as `::<3, 100>`, and with every key.
pub mod success {
    use super::{black_box, body, retry, Cell, Error};

    #[retry]
    pub async fn retry_default(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }

    /// The same policy as `retry_default`, the same body, retried in place with `retrying!`:
    /// the future itself, owning its captures as an `async fn`'s future owns its arguments.
    #[allow(clippy::manual_async_fn, reason = "the macro's own future is what is measured")]
    pub fn retrying_default(
        counter: &Cell<u64>,
        fail: bool,
    ) -> impl core::future::Future<Output = Result<u64, Error>> + '_ {
        reattempt::retrying!(attempts = 3, delay = "100ms", async move { body(counter, fail).await })
    }

    #[retry(
        attempts = 3,
        delay = "100ms",
        backoff = "exponential",
        factor = 3,
        max_delay = "1s",
        jitter = "full",
        max_elapsed = "10s",
        timeout = "1s",
        when = |error| error.0 != u64::MAX,
        on_retry = |event| {
            black_box(event.attempt());
        },
    )]
    pub async fn retry_all_keys(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }
}
