//! `#[retry]` allocates nothing: not on the success path, not on a retry, not with jitter,
//! hooks or a time budget. A counting global allocator watches the calling thread. The peers
//! of `benches/retry.rs` (backon, tokio-retry2, tryhard) are counted the same way, for
//! BENCHMARKS.md: `cargo test -p reattempt-benches --test allocations -- --nocapture` prints them.
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; the libraries themselves forbid unsafe code.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use reattempt::retry;

struct CountingAllocator;

thread_local! {
    // `const` initialisation: reading these never allocates.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u32> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to `System`; counting touches only thread-locals
// with `const` initialisers, which neither allocate nor re-enter the allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn count() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.with(|allocations| allocations.set(allocations.get() + 1));
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Allocations made by this thread while `work` runs.
fn allocations_during<T>(work: impl FnOnce() -> T) -> (T, u32) {
    ALLOCATIONS.with(|allocations| allocations.set(0));
    COUNTING.with(|counting| counting.set(true));
    let value = work();
    COUNTING.with(|counting| counting.set(false));
    (value, ALLOCATIONS.with(Cell::get))
}

struct NoopWake;

impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

/// Polls a future that never waits for a timer to completion, without a runtime (which would
/// allocate on its own account). Bounded: a future that keeps pending fails the test.
fn run<F: Future>(future: F, waker: &Waker) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(waker);
    for _ in 0..1_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future did not complete in 1,000 polls");
}

#[retry(attempts = 5, delay = "0s")]
async fn succeeds(calls: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Ok(calls.get())
}

#[retry(attempts = 5, delay = "0s")]
async fn always_fails(calls: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

#[retry(
    attempts = 5,
    delay = "0s",
    backoff = "exponential",
    factor = 3,
    max_delay = "1s",
    jitter = "full",
    max_elapsed = "1h",
    when = |error| *error < 100,
    on_retry = |event| seen.set(seen.get() + event.attempt()),
)]
async fn every_option(calls: &Cell<u32>, seen: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

#[retry(attempts = 5, delay = "0s", jitter = "decorrelated", on_retry = |event| seen.set(event.attempt()))]
fn blocking_fails(calls: &Cell<u32>, seen: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

static RUN_TIME: reattempt::Policy = reattempt::Policy::new(5)
    .delay(Duration::ZERO)
    .jitter(reattempt::Jitter::Full)
    .max_elapsed(Duration::from_secs(3_600));

#[retry(policy = &RUN_TIME, attempt = n, on_give_up = |event| seen.set(event.attempts() + n))]
async fn run_time_policy(calls: &Cell<u32>, seen: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

#[retry(policy = reattempt::Policy::new(attempts).delay(Duration::ZERO))]
fn run_time_policy_blocking(calls: &Cell<u32>, attempts: u32) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

fn noop_waker() -> Waker {
    Waker::from(Arc::new(NoopWake))
}

#[test]
fn the_success_path_allocates_nothing() {
    let waker = noop_waker();
    let calls = Cell::new(0);
    let (outcome, allocations) = allocations_during(|| run(succeeds(&calls), &waker));
    assert_eq!(outcome, Ok(1));
    assert_eq!(allocations, 0);
}

#[test]
fn retries_allocate_nothing() {
    let waker = noop_waker();
    let calls = Cell::new(0);
    let (outcome, allocations) = allocations_during(|| run(always_fails(&calls), &waker));
    assert_eq!(outcome, Err(5));
    assert_eq!(allocations, 0);
}

#[test]
fn jitter_hooks_and_budgets_allocate_nothing() {
    let waker = noop_waker();
    let (calls, seen) = (Cell::new(0), Cell::new(0));
    let (outcome, allocations) = allocations_during(|| run(every_option(&calls, &seen), &waker));
    assert_eq!(outcome, Err(5));
    assert_eq!(seen.get(), 1 + 2 + 3 + 4, "on_retry saw attempts 1 to 4");
    assert_eq!(allocations, 0);
}

#[test]
fn run_time_policies_attempt_numbers_and_give_up_hooks_allocate_nothing() {
    let waker = noop_waker();
    let (calls, seen) = (Cell::new(0), Cell::new(0));
    let (outcome, allocations) = allocations_during(|| run(run_time_policy(&calls, &seen), &waker));
    assert_eq!((outcome, seen.get()), (Err(5), 5 + 5));
    assert_eq!(allocations, 0);
    let calls = Cell::new(0);
    let (outcome, allocations) = allocations_during(|| run_time_policy_blocking(&calls, 4));
    assert_eq!((outcome, allocations), (Err(4), 0));
    // The test switches are thread-locals: setting and reading them allocates nothing either.
    let calls = Cell::new(0);
    let (outcome, allocations) = allocations_during(|| {
        let _no_waits = reattempt::testing::skip_waits();
        let _two = reattempt::testing::limit_attempts(2);
        run_time_policy_blocking(&calls, 4)
    });
    assert_eq!((outcome, allocations), (Err(2), 0));
}

#[test]
fn blocking_retries_allocate_nothing() {
    let (calls, seen) = (Cell::new(0), Cell::new(0));
    let (outcome, allocations) = allocations_during(|| blocking_fails(&calls, &seen));
    assert_eq!(outcome, Err(5));
    assert_eq!(seen.get(), 4);
    assert_eq!(allocations, 0);
}

#[test]
fn retrying_allocates_nothing_in_either_form() {
    let waker = noop_waker();
    let calls = Cell::new(0);
    let seen = Cell::new(0);
    let (outcome, allocations) = allocations_during(|| {
        run(
            reattempt::retrying!(
                attempts = 5,
                delay = "0s",
                jitter = "full",
                attempt = n,
                on_retry = |_| seen.set(seen.get() + n),
                async {
                    calls.set(calls.get() + 1);
                    Err::<u32, u32>(calls.get())
                }
            ),
            &waker,
        )
    });
    assert_eq!((outcome, seen.get(), allocations), (Err(5), 1 + 2 + 3 + 4, 0));
    let mut tries = 0;
    let (outcome, allocations) = allocations_during(|| {
        reattempt::retrying!(attempts = 5, delay = "0s", || {
            tries += 1;
            Err::<u32, u32>(tries)
        })
    });
    assert_eq!((outcome, allocations), (Err(5), 0));
}

#[test]
fn the_counter_sees_allocations() {
    let (boxed, allocations) = allocations_during(|| Box::new(7));
    assert_eq!(*boxed, 7);
    assert_eq!(allocations, 1);
}

/// The peers measured in `benches/retry.rs`, around the same kind of body, with the same
/// policies: 3 attempts of which the first succeeds, and 5 failing attempts with zero waits.
mod peers {
    use std::cell::Cell;
    use std::future::Future;
    use std::time::Duration;

    use backon::{ConstantBuilder, Retryable};
    use tokio_retry2::strategy::FixedInterval;
    use tokio_retry2::{Retry, RetryError};

    #[allow(clippy::unused_async)] // async like the real work it stands for
    pub async fn body(calls: &Cell<u32>, fail: bool) -> Result<u32, u32> {
        calls.set(calls.get() + 1);
        if fail {
            Err(calls.get())
        } else {
            Ok(calls.get())
        }
    }

    pub fn backon(
        calls: &Cell<u32>,
        fail: bool,
        delay: Duration,
        retries: usize,
    ) -> impl Future<Output = Result<u32, u32>> + '_ {
        (move || body(calls, fail)).retry(ConstantBuilder::new().with_delay(delay).with_max_times(retries))
    }

    pub fn tokio_retry2(
        calls: &Cell<u32>,
        fail: bool,
        delay: Duration,
        retries: usize,
    ) -> impl Future<Output = Result<u32, u32>> + '_ {
        let action = move || async move { body(calls, fail).await.map_err(RetryError::transient) };
        Retry::spawn(FixedInterval::new(delay).take(retries), action)
    }

    pub fn tryhard(
        calls: &Cell<u32>,
        fail: bool,
        delay: Duration,
        retries: u32,
    ) -> impl Future<Output = Result<u32, u32>> + '_ {
        tryhard::retry_fn(move || body(calls, fail)).retries(retries).fixed_backoff(delay)
    }
}

/// Allocations of the first call on this thread, and of each of the next ten. The peers sleep
/// through tokio even for a zero wait, so every call runs in the context of a current-thread
/// runtime on the paused clock, where a zero sleep is due on its first poll and the noop-waker
/// executor can finish it (on the real clock it would pend until the runtime's timer turns).
fn allocations_per_call<'c, F: Future<Output = Result<u32, u32>>>(
    call: impl Fn(&'c Cell<u32>) -> F,
    calls: &'c Cell<u32>,
    expected: Result<u32, u32>,
) -> (u32, [u32; 10]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a runtime");
    let _context = runtime.enter();
    let waker = noop_waker();
    let measure = || {
        calls.set(0);
        let (outcome, allocations) = allocations_during(|| run(call(calls), &waker));
        assert_eq!(outcome, expected);
        allocations
    };
    let first = measure();
    (first, std::array::from_fn(|_| measure()))
}

const SUCCESS_DELAY: Duration = Duration::from_millis(100);

/// `#[retry]` beside the peers, under the same harness.
#[test]
fn peers_allocations_per_call() {
    type Row = (&'static str, (u32, [u32; 10]), (u32, [u32; 10]));
    let calls = &Cell::new(0);
    let rows: [Row; 4] = [
        (
            "#[retry]",
            allocations_per_call(succeeds, calls, Ok(1)),
            allocations_per_call(always_fails, calls, Err(5)),
        ),
        (
            "backon",
            allocations_per_call(|calls| peers::backon(calls, false, SUCCESS_DELAY, 2), calls, Ok(1)),
            allocations_per_call(|calls| peers::backon(calls, true, Duration::ZERO, 4), calls, Err(5)),
        ),
        (
            "tokio-retry2",
            allocations_per_call(|calls| peers::tokio_retry2(calls, false, SUCCESS_DELAY, 2), calls, Ok(1)),
            allocations_per_call(|calls| peers::tokio_retry2(calls, true, Duration::ZERO, 4), calls, Err(5)),
        ),
        (
            "tryhard",
            allocations_per_call(|calls| peers::tryhard(calls, false, SUCCESS_DELAY, 2), calls, Ok(1)),
            allocations_per_call(|calls| peers::tryhard(calls, true, Duration::ZERO, 4), calls, Err(5)),
        ),
    ];
    println!("allocations per call (first call on the thread; the next ten):");
    for (name, success, retry) in &rows {
        println!(
            "  {name:<14} success path {} then {:?}; retry path {} then {:?}",
            success.0, success.1, retry.0, retry.1
        );
    }
    // Measured: none of them allocates, on either path, from the first call on (backon's
    // jitter generator is seeded from a thread-local, tokio-retry2 boxes a zero-sized notifier,
    // tokio's timer entries live inside the futures). Exact, so asserted: a change shows here.
    for (name, success, retry) in rows {
        assert_eq!((success, retry), ((0, [0; 10]), (0, [0; 10])), "{name}");
    }
}
