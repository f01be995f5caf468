//! `policy = EXPR`: the schedule decided at run time, in every form the contract names, and
//! `attempt = n`. Async cases run on tokio's paused clock: attempts and waits are exact.
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::Duration;

use reattempt::{retry, Backoff, Jitter, Policy};
use tokio::time::Instant;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Records when each attempt started, relative to the first.
#[derive(Default)]
struct Attempts(RefCell<Vec<Duration>>, Cell<Option<Instant>>);

impl Attempts {
    fn record(&self) -> u32 {
        let start = *self.1.get().get_or_insert_with(Instant::now);
        self.1.set(Some(start));
        self.0.borrow_mut().push(start.elapsed());
        u32::try_from(self.0.borrow().len()).unwrap()
    }

    fn times(&self) -> Vec<Duration> {
        self.0.borrow().clone()
    }
}

// ---------------------------------------------------------------- the forms of `policy`

static API: Policy = Policy::new(4).delay(Duration::from_millis(200)).backoff(Backoff::exponential(2.0));
const FAST: Policy = Policy::new(2).delay(Duration::from_millis(50));

#[retry(policy = &API)]
async fn by_static(attempts: &Attempts) -> Result<(), u32> {
    Err(attempts.record())
}

#[retry(policy = FAST)]
async fn by_const(attempts: &Attempts) -> Result<(), u32> {
    Err(attempts.record())
}

#[retry(policy = Policy::new(retries + 1).delay(Duration::from_millis(100)).max_elapsed(deadline))]
async fn by_parameters(attempts: &Attempts, retries: u32, deadline: Duration) -> Result<(), u32> {
    Err(attempts.record())
}

#[tokio::test(start_paused = true)]
async fn a_static_by_reference_gives_the_whole_schedule() {
    let attempts = Attempts::default();
    assert_eq!(by_static(&attempts).await, Err(4));
    assert_eq!(attempts.times(), [ms(0), ms(200), ms(600), ms(1_400)]);
}

#[tokio::test(start_paused = true)]
async fn a_const_policy() {
    let attempts = Attempts::default();
    assert_eq!(by_const(&attempts).await, Err(2));
    assert_eq!(attempts.times(), [ms(0), ms(50)]);
}

#[tokio::test(start_paused = true)]
async fn a_policy_built_from_the_parameters_is_evaluated_per_call() {
    let attempts = Attempts::default();
    assert_eq!(by_parameters(&attempts, 2, Duration::from_secs(60)).await, Err(3));
    assert_eq!(attempts.times(), [ms(0), ms(100), ms(200)]);

    // A deadline of 250 ms: the wait after the third attempt would end at 300 ms.
    let attempts = Attempts::default();
    assert_eq!(by_parameters(&attempts, 9, ms(250)).await, Err(3));
    assert_eq!(attempts.times(), [ms(0), ms(100), ms(200)]);

    let attempts = Attempts::default();
    assert_eq!(by_parameters(&attempts, 0, ms(250)).await, Err(1));
}

struct Client {
    policy: Policy,
    shared: Arc<Policy>,
    calls: u32,
}

impl Client {
    /// A `Policy` field, copied: the body still borrows `self` mutably.
    #[retry(policy = self.policy)]
    async fn by_field(&mut self) -> Result<(), u32> {
        self.calls += 1;
        Err(self.calls)
    }

    /// An `Arc<Policy>` field.
    #[retry(policy = self.shared, when = |error| *error < 100)]
    async fn by_arc(&mut self) -> Result<(), u32> {
        self.calls += 1;
        Err(self.calls)
    }

    /// Blocking, with a policy from a field.
    #[retry(policy = &self.policy)]
    fn blocking(&mut self) -> Result<(), u32> {
        self.calls += 1;
        Err(self.calls)
    }
}

#[tokio::test(start_paused = true)]
async fn a_field_of_self_or_an_arc() {
    let mut client = Client {
        policy: Policy::new(3).delay(ms(10)),
        shared: Arc::new(Policy::new(5).delay(ms(20)).backoff(Backoff::Linear)),
        calls: 0,
    };
    let start = Instant::now();
    assert_eq!(client.by_field().await, Err(3));
    assert_eq!(start.elapsed(), ms(20));

    let start = Instant::now();
    assert_eq!(client.by_arc().await, Err(8));
    assert_eq!(start.elapsed(), ms(20 + 40 + 60 + 80));

    client.policy = Policy::new(2).delay(Duration::ZERO);
    assert_eq!(client.blocking(), Err(10));
}

#[retry(policy = policy, on_retry = |event| waits.borrow_mut().push(event.wait()))]
async fn jittered(policy: Policy, waits: &RefCell<Vec<Duration>>) -> Result<(), ()> {
    Err(())
}

#[tokio::test(start_paused = true)]
async fn a_run_time_policy_keeps_jitter_and_its_bounds() {
    let waits = RefCell::new(Vec::new());
    let policy = Policy::new(200).delay(ms(100)).max_delay(ms(100)).jitter(Jitter::Full);
    assert_eq!(jittered(policy, &waits).await, Err(()));
    let waits = waits.take();
    assert_eq!(waits.len(), 199);
    assert!(waits.iter().all(|wait| *wait <= ms(100)), "{waits:?}");
    assert!(waits.iter().any(|wait| *wait < ms(50)) && waits.iter().any(|wait| *wait > ms(50)));
}

// ---------------------------------------------------------------- `attempt = n`

/// A gas price raised by 10% on every attempt: the attempt number feeds the body, and the
/// hooks see the attempt that just ran.
#[retry(
    attempts = 3,
    delay = "1s",
    attempt = n,
    on_retry = |event| seen.borrow_mut().push((n, event.attempt())),
    on_give_up = |event| seen.borrow_mut().push((n, event.attempts())),
)]
async fn send_transaction(
    base_price: u64,
    seen: &RefCell<Vec<(u32, u32)>>,
    sent: &RefCell<Vec<u64>>,
) -> Result<(), String> {
    let price = base_price * 11_u64.pow(n - 1) / 10_u64.pow(n - 1);
    sent.borrow_mut().push(price);
    Err(format!("underpriced at {price}"))
}

#[tokio::test(start_paused = true)]
async fn the_attempt_number_feeds_the_body_and_the_hooks() {
    let (seen, sent) = (RefCell::new(Vec::new()), RefCell::new(Vec::new()));
    assert_eq!(send_transaction(100, &seen, &sent).await, Err("underpriced at 121".to_owned()));
    assert_eq!(sent.take(), [100, 110, 121]);
    assert_eq!(seen.take(), [(1, 1), (2, 2), (3, 3)]);
}

#[retry(attempts = 4, delay = "0s", attempt = attempt, when = |_| attempt < 3)]
fn blocking_attempt_numbers(log: &mut Vec<u32>) -> Result<(), u32> {
    log.push(attempt);
    Err(attempt)
}

#[test]
fn the_attempt_number_on_a_plain_fn_and_in_when() {
    let mut log = Vec::new();
    assert_eq!(blocking_attempt_numbers(&mut log), Err(3));
    assert_eq!(log, [1, 2, 3]);
}

// ---------------------------------------------------------------- ported call sites

/// A retry count and a deadline from the arguments (a CLI's `--retries` and `--timeout`).
struct Uploader {
    uploads: Cell<u32>,
}

impl Uploader {
    #[retry(policy = Policy::new(retries + 1).delay(Duration::from_secs(1)).max_elapsed(deadline))]
    async fn upload(&self, retries: u32, deadline: Duration) -> Result<(), &'static str> {
        self.uploads.set(self.uploads.get() + 1);
        Err("503")
    }
}

#[tokio::test(start_paused = true)]
async fn ported_a_retry_count_and_a_deadline_from_the_arguments() {
    let uploader = Uploader { uploads: Cell::new(0) };
    let start = Instant::now();
    assert_eq!(uploader.upload(5, Duration::from_secs(60)).await, Err("503"));
    assert_eq!((uploader.uploads.get(), start.elapsed()), (6, Duration::from_secs(5)));

    uploader.uploads.set(0);
    let start = Instant::now();
    assert_eq!(uploader.upload(5, Duration::from_millis(2_500)).await, Err("503"));
    assert_eq!((uploader.uploads.get(), start.elapsed()), (3, Duration::from_secs(2)));
}

/// One policy shared by every call to one service.
static INVENTORY: Policy = Policy::new(3).delay(Duration::from_millis(250)).backoff(Backoff::Linear);

#[retry(policy = &INVENTORY)]
async fn get_item(calls: &Cell<u32>) -> Result<u32, u32> {
    calls.set(calls.get() + 1);
    Err(calls.get())
}

#[retry(policy = &INVENTORY, when = |error| *error != 404)]
async fn put_item(calls: &Cell<u32>, status: u32) -> Result<(), u32> {
    calls.set(calls.get() + 1);
    Err(status)
}

#[retry(policy = &INVENTORY)]
fn delete_item(calls: &Cell<u32>) -> Result<(), u32> {
    calls.set(calls.get() + 1);
    if calls.get() < 2 {
        Err(500)
    } else {
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn ported_one_static_policy_shared_by_several_functions() {
    let calls = Cell::new(0);
    let start = Instant::now();
    assert_eq!(get_item(&calls).await, Err(3));
    assert_eq!(start.elapsed(), ms(250 + 500));

    let calls = Cell::new(0);
    assert_eq!(put_item(&calls, 404).await, Err(404));
    assert_eq!(calls.get(), 1);
    assert_eq!(put_item(&calls, 503).await, Err(503));
    assert_eq!(calls.get(), 4);

    let calls = Cell::new(0);
    assert_eq!(delete_item(&calls), Ok(()));
    assert_eq!(calls.get(), 2);
}
