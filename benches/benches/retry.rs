//! The per-call cost of `#[retry]` beside a plain call, the loop a user writes by hand, and the
//! retry crates it is compared with (backon, tokio-retry2, tryhard), all in one run, all around
//! the same body. Results and how to read them: BENCHMARKS.md.
//!
//! ```sh
//! cargo bench -p reattempt-benches --bench retry
//! ```
//!
//! # How the futures are driven
//!
//! Every variant runs inside one current-thread tokio runtime: `block_on` of an async block
//! that awaits the variant `iters` times in a row and times the loop (`iter_custom`). So each
//! call is polled exactly as in an application (by `.await` in a task, with tokio's waker and
//! timer available), and the cost of `block_on` itself is paid once per sample, not per call.
//!
//! A bare noop-waker executor would measure the success path just as well, but it cannot drive
//! the peers' retry path: tokio rounds every sleep up to its next 1 ms tick, so
//! `tokio::time::sleep(Duration::ZERO)` returns `Pending` and only completes once the runtime's
//! timer has turned. backon (with its tokio sleeper), tokio-retry2, tryhard and a hand loop that
//! sleeps unconditionally all do that between attempts even with a zero delay. `main` checks
//! this before measuring (`verify_first_polls`): every variant's success path, and the zero-wait
//! retry path of `#[retry]` and of a hand loop that skips zero waits, finish on their first
//! poll; the others pend, and each of their calls takes about 4 ms of real time for 4 zero
//! waits. The retry path is therefore measured twice: on the real clock (what an application
//! gets) and on tokio's paused clock (`start_paused`), where time stands still, so a zero sleep
//! is due the moment it is registered and fires on its first poll: what is left is the CPU
//! cost of each crate's retry machinery, timer registration included.

use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use reattempt::retry;
use tokio::runtime::{Builder, Runtime};

#[path = "../support/variants.rs"]
mod variants;

use variants::{
    backon, body, hand_loop, hand_loop_cooperating, hand_loop_policy, hand_loop_skip_zero, plain,
    retry_policy_parameter, retry_policy_static, success, tokio_retry2, tryhard, Error, SUCCESS_POLICY,
};

/// Retry path: 5 attempts with zero waits, every one failing (the others get `::<5, 0>`).
mod zero_wait {
    use reattempt::Policy;

    use super::{black_box, body, retry, Cell, Duration, Error};

    /// The retry path's policy decided at run time: a `static`.
    pub static POLICY: Policy = Policy::new(5).delay(Duration::ZERO);

    #[retry(policy = &POLICY)]
    pub async fn retry_policy_static(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }

    #[retry(attempts = 5, delay = "0s")]
    pub async fn retry_default(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }

    /// `retrying!`'s own future, as in `variants::success::retrying_default`.
    #[allow(clippy::manual_async_fn, reason = "the macro's own future is what is measured")]
    pub fn retrying_default(
        counter: &Cell<u64>,
        fail: bool,
    ) -> impl core::future::Future<Output = Result<u64, Error>> + '_ {
        reattempt::retrying!(attempts = 5, delay = "0s", async move { body(counter, fail).await })
    }

    #[retry(
        attempts = 5,
        delay = "0s",
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

    /// A timer of the user's: a zero wait yields to the executor once instead of spending
    /// tokio's cooperative budget.
    #[retry(attempts = 5, delay = "0s", sleep = tokio::time::sleep)]
    pub async fn retry_custom_timer(counter: &Cell<u64>, fail: bool) -> Result<u64, Error> {
        body(counter, fail).await
    }
}

/// Times `iters` calls awaited one after the other inside one `block_on`. The counter is
/// `'static` so that the future's type does not depend on a borrow's lifetime.
fn bench<V, F>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    runtime: &Runtime,
    (name, variant): (&str, V),
    fail: bool,
) where
    V: Fn(&'static Cell<u64>, bool) -> F,
    F: Future<Output = Result<u64, Error>>,
{
    let counter: &'static Cell<u64> = Box::leak(Box::new(Cell::new(0)));
    group.bench_function(name, |bencher| {
        bencher.iter_custom(|iters| {
            runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    let outcome = variant(counter, black_box(fail)).await;
                    assert_eq!(outcome.is_ok(), !fail);
                    black_box(outcome.ok());
                }
                start.elapsed()
            })
        });
    });
}

/// Runs `$body` once for each variant of a path, with `$variant` bound to `(name, function)`:
/// the variants' futures have different types, so a macro stands in for a list.
macro_rules! for_each_variant {
    (success, |$variant:ident| $body:expr) => {
        for_each_variant!(@each [
            ("plain", plain),
            ("hand_loop", hand_loop::<3, 100>),
            ("retry_default", success::retry_default),
            ("retrying_default", success::retrying_default),
            ("retry_all_keys", success::retry_all_keys),
            ("hand_loop_policy", |counter, fail| hand_loop_policy(&SUCCESS_POLICY, counter, fail)),
            ("retry_policy_static", retry_policy_static),
            ("retry_policy_parameter", |counter, fail| {
                retry_policy_parameter(counter, fail, black_box(3), Duration::from_millis(100))
            }),
            ("backon", backon::<3, 100>),
            ("tokio_retry2", tokio_retry2::<3, 100>),
            ("tryhard", tryhard::<3, 100>),
        ] |$variant| $body)
    };
    (zero_wait, |$variant:ident| $body:expr) => {
        for_each_variant!(@each [
            ("plain_one_attempt", plain),
            ("hand_loop", hand_loop::<5, 0>),
            ("hand_loop_skip_zero", hand_loop_skip_zero::<5, 0>),
            ("hand_loop_cooperating", hand_loop_cooperating::<5, 0>),
            ("retry_default", zero_wait::retry_default),
            ("retrying_default", zero_wait::retrying_default),
            ("retry_all_keys", zero_wait::retry_all_keys),
            ("retry_custom_timer", zero_wait::retry_custom_timer),
            ("hand_loop_policy", |counter, fail| hand_loop_policy(&zero_wait::POLICY, counter, fail)),
            ("retry_policy_static", zero_wait::retry_policy_static),
            ("retry_policy_parameter", |counter, fail| {
                retry_policy_parameter(counter, fail, black_box(5), Duration::ZERO)
            }),
            ("backon", backon::<5, 0>),
            ("tokio_retry2", tokio_retry2::<5, 0>),
            ("tryhard", tryhard::<5, 0>),
        ] |$variant| $body)
    };
    (@each [$(($name:literal, $function:expr)),* $(,)?] |$variant:ident| $body:expr) => {
        $({
            let $variant = ($name, $function);
            $body;
        })*
    };
}

struct NoopWake;

impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

/// Whether a variant's call completes on its first poll with a waker that does nothing (inside
/// the runtime's context, so that tokio's timer can be reached), and how big its future is.
fn first_poll<F: Future>(runtime: &Runtime, future: F) -> (bool, usize) {
    let _context = runtime.enter();
    let size = size_of_val(&future);
    let waker = Waker::from(Arc::new(NoopWake));
    let ready = pin!(future).poll(&mut Context::from_waker(&waker)).is_ready();
    (ready, size)
}

/// Prints, before measuring, which calls finish on their first poll; fails if a call that must
/// not touch the timer does not, or if one on the paused clock pends.
fn verify_first_polls(real_clock: &Runtime, paused_clock: &Runtime) {
    let counter: &'static Cell<u64> = Box::leak(Box::new(Cell::new(0)));
    let verdict = |ready| if ready { "ready" } else { "pends" };
    eprintln!("first poll with a noop waker: future size, real clock, paused clock");
    for_each_variant!(success, |variant| {
        let (ready, size) = first_poll(real_clock, (variant.1)(counter, false));
        eprintln!("  success    {:<20} {size:>4} B  {}", variant.0, verdict(ready));
        assert!(ready, "{}: the success path must not pend", variant.0);
    });
    for_each_variant!(zero_wait, |variant| {
        let (ready, size) = first_poll(real_clock, (variant.1)(counter, true));
        let (paused_ready, _) = first_poll(paused_clock, (variant.1)(counter, true));
        eprintln!(
            "  zero wait  {:<20} {size:>4} B  {:<6} {}",
            variant.0,
            verdict(ready),
            verdict(paused_ready)
        );
        // A custom timer's zero wait yields once, so its call pends on the first poll.
        if (variant.0.starts_with("retry") && variant.0 != "retry_custom_timer")
            || variant.0.ends_with("skip_zero")
        {
            assert!(ready, "{}: a zero wait must not touch the timer", variant.0);
        }
        if variant.0 != "retry_custom_timer" {
            assert!(paused_ready, "{}: on the paused clock a zero sleep is due at once", variant.0);
        }
    });
}

fn runtime(paused: bool) -> Runtime {
    Builder::new_current_thread()
        .enable_time()
        .start_paused(paused)
        .build()
        .expect("a current-thread runtime")
}

fn benches(criterion: &mut Criterion) {
    let (real_clock, paused_clock) = (runtime(false), runtime(true));
    verify_first_polls(&real_clock, &paused_clock);

    let mut group = criterion.benchmark_group("success");
    group.sample_size(50).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    for_each_variant!(success, |variant| bench(&mut group, &real_clock, variant, false));
    group.finish();

    // Each peer's call sleeps 4 times for about 1 ms here: few, long iterations.
    let mut group = criterion.benchmark_group("zero_wait");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    for_each_variant!(zero_wait, |variant| bench(&mut group, &real_clock, variant, true));
    group.finish();

    let mut group = criterion.benchmark_group("zero_wait_paused_clock");
    group.sample_size(50).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    for_each_variant!(zero_wait, |variant| bench(&mut group, &paused_clock, variant, true));
    group.finish();
}

criterion_group!(retry_benches, benches);
criterion_main!(retry_benches);
