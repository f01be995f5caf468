//! The size of each variant's future for the same body, as in `benches/retry.rs`: a plain call,
//! a hand-written loop, `#[retry]` with its default policy and with every key, and the peers.
//!
//! ```sh
//! cargo test --test future_size -- --nocapture
//! ```

use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::time::Duration;

use backon::{ConstantBuilder, Retryable};
use reattempt::retry;
use tokio_retry2::strategy::FixedInterval;
use tokio_retry2::{Retry, RetryError};

#[derive(Debug)]
struct Error(u64);

impl From<reattempt::Elapsed> for Error {
    fn from(_: reattempt::Elapsed) -> Self {
        Self(u64::MAX)
    }
}

#[allow(clippy::unused_async)] // async like the real work it stands for
async fn body(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    let count = black_box(counter.get()).wrapping_add(1);
    counter.set(count);
    if black_box(fail) {
        Err(Error(count))
    } else {
        Ok(count)
    }
}

const ATTEMPTS: u32 = 3;
const DELAY: Duration = Duration::from_millis(100);

async fn plain(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    body(counter, fail).await
}

async fn hand_loop(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
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
async fn retry_default(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
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
async fn retry_all_keys(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    body(counter, fail).await
}

async fn backon(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    (|| body(counter, fail)).retry(ConstantBuilder::new().with_delay(DELAY).with_max_times(2)).await
}

async fn tokio_retry2(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    let action = || async { body(counter, fail).await.map_err(RetryError::transient) };
    Retry::spawn(FixedInterval::new(DELAY).take(2), action).await
}

async fn tryhard(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
    tryhard::retry_fn(|| body(counter, fail)).retries(2).fixed_backoff(DELAY).await
}

fn size<F: Future>(future: &F) -> usize {
    size_of_val(future)
}

/// Every variant's future size in bytes, in the order of the benchmark.
fn sizes() -> [(&'static str, usize); 7] {
    let counter = Cell::new(0);
    let sizes = [
        ("plain", size(&plain(&counter, false))),
        ("hand_loop", size(&hand_loop(&counter, false))),
        ("retry_default", size(&retry_default(&counter, false))),
        ("retry_all_keys", size(&retry_all_keys(&counter, false))),
        ("backon", size(&backon(&counter, false))),
        ("tokio_retry2", size(&tokio_retry2(&counter, false))),
        ("tryhard", size(&tryhard(&counter, false))),
    ];
    sizes
}

fn size_of(name: &str) -> usize {
    sizes().iter().find(|(variant, _)| *variant == name).map(|&(_, size)| size).expect("a variant")
}

fn signed(size: usize) -> i64 {
    i64::try_from(size).expect("a future smaller than 2^63 bytes")
}

#[test]
fn print_future_sizes() {
    let hand_loop = size_of("hand_loop");
    println!("future sizes in bytes (same body; see BENCHMARKS.md):");
    for (name, size) in sizes() {
        println!("  {name:<16} {size:>4}  ({:+} vs hand loop)", signed(size) - signed(hand_loop));
    }
}

/// The target of issue 5 (see BENCHMARKS.md).
#[test]
fn retry_future_is_at_most_a_hand_loop_plus_16_bytes() {
    let (retry, hand_loop) = (size_of("retry_default"), size_of("hand_loop"));
    assert!(retry <= hand_loop + 16, "#[retry]'s future is {retry} bytes, the hand loop's {hand_loop}");
}
