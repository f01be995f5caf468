//! The success-path variants measured side by side, shared by `benches/retry.rs` (time) and
//! `tests/future_size.rs` (future size): the same body, a plain call, a hand-written loop,
//! `#[retry]` with its default policy and with every key, and the peers.

use std::cell::Cell;
use std::hint::black_box;

use reattempt::retry;

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

/// Success path: the attribute's default policy (3 attempts, 100 ms apart) for every variant.
pub mod success {
    use std::time::Duration;

    use backon::{ConstantBuilder, Retryable};
    use tokio_retry2::strategy::FixedInterval;
    use tokio_retry2::{Retry, RetryError};

    use super::{black_box, body, retry, Cell, Error};

    const ATTEMPTS: u32 = 3;
    const DELAY: Duration = Duration::from_millis(100);

    pub async fn plain(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }

    /// What a user writes without a library.
    pub async fn hand_loop(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        let mut attempt = 1;
        loop {
            match body(counter, fail).await {
                Ok(value) => return Ok(value),
                Err(error) if attempt >= ATTEMPTS => return Err(error),
                Err(_) => {
                    attempt += 1;
                    tokio::time::sleep(DELAY).await;
                }
            }
        }
    }

    #[retry]
    pub async fn retry_default(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
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

    pub async fn backon(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        (|| body(counter, fail)).retry(ConstantBuilder::new().with_delay(DELAY).with_max_times(2)).await
    }

    pub async fn tokio_retry2(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        let action = || async { body(counter, fail).await.map_err(RetryError::transient) };
        Retry::spawn(FixedInterval::new(DELAY).take(2), action).await
    }

    pub async fn tryhard(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        tryhard::retry_fn(|| body(counter, fail)).retries(2).fixed_backoff(DELAY).await
    }
}
