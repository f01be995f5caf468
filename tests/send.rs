//! A `#[retry]` future is `Send` exactly when the undecorated one would be, so it can be
//! spawned on a multi-thread runtime, and it adds no `'static` bound. (Allocations are counted
//! in `benches/tests/allocations.rs`.)
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reattempt::retry;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Compile-time proof: only a `Send + 'static` future gets through.
fn spawnable<F: Future + Send + 'static>(future: F) -> F {
    future
}

/// Compile-time proof of `Send` for a future that borrows.
fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

// Whether a value's type is `Send`, decided at compile time by autoref specialization: the
// inherent-like `IsSend` impl applies only to `Send` types; every other type falls back to the
// impl for the reference.
struct Probe<T>(PhantomData<T>);

fn probe<T>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

trait IsSend {
    fn is_send(&self) -> bool {
        true
    }
}

impl<T: Send> IsSend for Probe<T> {}

trait NotSend {
    fn is_send(&self) -> bool {
        false
    }
}

impl<T> NotSend for &Probe<T> {}

macro_rules! is_send {
    ($value:expr) => {
        (&probe(&$value)).is_send()
    };
}

// ---------------------------------------------------------------- spawning

#[retry(attempts = 3, delay = "5ms")]
async fn owned_arguments(calls: Arc<AtomicU32>) -> Result<u32, u32> {
    let call = calls.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::time::sleep(ms(1)).await;
    if call < 3 {
        Err(call)
    } else {
        Ok(call)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_body_can_be_spawned_on_a_multi_thread_runtime() {
    let calls = Arc::new(AtomicU32::new(0));
    let start = std::time::Instant::now();
    let task = tokio::spawn(spawnable(owned_arguments(Arc::clone(&calls))));
    assert_eq!(task.await.unwrap(), Ok(3));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    // Three 1ms attempts and two 5ms waits.
    assert!(start.elapsed() >= ms(13), "{:?}", start.elapsed());
}

#[retry(attempts = 4, delay = "2ms", backoff = "exponential", max_delay = "4ms", jitter = "full",
        max_elapsed = "10s", when = |e| *e < limit,
        on_retry = |ev| { log.fetch_add(ev.attempt(), Ordering::SeqCst); })]
async fn every_option(limit: u32, log: Arc<AtomicU32>) -> Result<(), u32> {
    tokio::task::yield_now().await;
    Err(limit - 1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_spawned_calls_with_every_option_run_in_parallel() {
    let logs: Vec<_> = (0..8).map(|_| Arc::new(AtomicU32::new(0))).collect();
    let tasks: Vec<_> = logs
        .iter()
        .enumerate()
        .map(|(index, log)| {
            let limit = u32::try_from(index).unwrap() + 1;
            tokio::spawn(spawnable(every_option(limit, Arc::clone(log))))
        })
        .collect();
    for (index, task) in tasks.into_iter().enumerate() {
        let limit = u32::try_from(index).unwrap() + 1;
        assert_eq!(task.await.unwrap(), Err(limit - 1));
    }
    for log in &logs {
        // `on_retry` saw attempts 1, 2 and 3.
        assert_eq!(log.load(Ordering::SeqCst), 6);
    }
}

struct Service {
    calls: AtomicU32,
}

impl Service {
    #[retry(attempts = 2, delay = "1ms")]
    async fn fetch(&self) -> Result<u32, u32> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::task::yield_now().await;
        if call < 2 {
            Err(call)
        } else {
            Ok(call)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_method_on_shared_self_can_be_spawned() {
    let service = Arc::new(Service { calls: AtomicU32::new(0) });
    let shared = Arc::clone(&service);
    let task = tokio::spawn(spawnable(async move { shared.fetch().await }));
    assert_eq!(task.await.unwrap(), Ok(2));
    assert_eq!(service.calls.load(Ordering::SeqCst), 2);
}

// ---------------------------------------------------------------- Send follows the body

#[retry(attempts = 2, delay = "1ms")]
async fn borrowing(calls: &mut u32, name: &str) -> Result<usize, u32> {
    *calls += 1;
    tokio::task::yield_now().await;
    if *calls < 2 {
        Err(*calls)
    } else {
        Ok(name.len())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_borrowing_future_is_send_without_being_static() {
    let mut calls = 0;
    let name = String::from("local");
    let future = assert_send(borrowing(&mut calls, &name));
    assert_eq!(future.await, Ok(5));
    assert_eq!(calls, 2);
}

#[retry(attempts = 2, delay = "1ms")]
async fn rc_across_await(calls: &mut u32) -> Result<u32, u32> {
    let shared = Rc::new(*calls);
    tokio::task::yield_now().await;
    *calls += 1;
    Err(*shared)
}

async fn rc_across_await_undecorated(calls: &mut u32) -> Result<u32, u32> {
    let shared = Rc::new(*calls);
    tokio::task::yield_now().await;
    *calls += 1;
    Err(*shared)
}

#[retry(attempts = 2, delay = "1ms")]
async fn rc_dropped_before_await(calls: &mut u32) -> Result<u32, u32> {
    let value = *Rc::new(*calls);
    tokio::task::yield_now().await;
    *calls += 1;
    Err(value)
}

async fn rc_dropped_before_await_undecorated(calls: &mut u32) -> Result<u32, u32> {
    let value = *Rc::new(*calls);
    tokio::task::yield_now().await;
    *calls += 1;
    Err(value)
}

#[tokio::test(start_paused = true)]
async fn the_future_is_send_exactly_when_the_undecorated_one_is() {
    let (mut a, mut b, mut c, mut d) = (0, 0, 0, 0);
    let not_send = rc_across_await(&mut a);
    let not_send_undecorated = rc_across_await_undecorated(&mut b);
    assert!(!is_send!(not_send_undecorated), "the probe itself works");
    assert!(!is_send!(not_send));
    let send = rc_dropped_before_await(&mut c);
    let send_undecorated = rc_dropped_before_await_undecorated(&mut d);
    assert!(is_send!(send_undecorated), "the probe itself works");
    assert!(is_send!(send));
    // And they all still run.
    assert_eq!(not_send.await, Err(1));
    assert_eq!(not_send_undecorated.await, Err(0));
    assert_eq!(send.await, Err(1));
    assert_eq!(send_undecorated.await, Err(0));
    assert_eq!((a, b, c, d), (2, 1, 2, 1));
}
