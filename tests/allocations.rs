//! `#[retry]` allocates nothing: not on the success path, not on a retry, not with jitter,
//! hooks or a time budget. A counting global allocator watches the calling thread.
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; the libraries themselves forbid unsafe code.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

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
fn blocking_retries_allocate_nothing() {
    let (calls, seen) = (Cell::new(0), Cell::new(0));
    let (outcome, allocations) = allocations_during(|| blocking_fails(&calls, &seen));
    assert_eq!(outcome, Err(5));
    assert_eq!(seen.get(), 4);
    assert_eq!(allocations, 0);
}

#[test]
fn the_counter_sees_allocations() {
    let (boxed, allocations) = allocations_during(|| Box::new(7));
    assert_eq!(*boxed, 7);
    assert_eq!(allocations, 1);
}
