//! `budget = ...`: a retry budget shared by many calls. Exact counts on the paused clock.
use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use reattempt::{retry, Budget, GiveUpReason, TokenBucket};

type Reasons = RefCell<Vec<(u32, GiveUpReason)>>;

static SHARED: TokenBucket = TokenBucket::new(10, 0.1);

#[retry(attempts = 4, delay = "1s", budget = SHARED, on_give_up = |event| reasons.borrow_mut().push((event.attempts(), event.reason())))]
async fn always_fails(requests: &AtomicU32, reasons: &Reasons) -> Result<(), u32> {
    Err(requests.fetch_add(1, Ordering::Relaxed) + 1)
}

#[tokio::test(start_paused = true)]
async fn a_static_bucket_caps_the_retries_of_every_call_that_shares_it() {
    let (requests, reasons) = (AtomicU32::new(0), Reasons::default());
    // 10 tokens: retries are allowed while more than 5 remain, so 5 retries in all.
    assert!(always_fails(&requests, &reasons).await.is_err());
    assert!(always_fails(&requests, &reasons).await.is_err());
    assert!(always_fails(&requests, &reasons).await.is_err());
    assert_eq!(requests.load(Ordering::Relaxed), 3 + 5);
    assert_eq!(
        reasons.take(),
        [
            (4, GiveUpReason::AttemptsUsedUp),
            (3, GiveUpReason::BudgetExhausted),
            (1, GiveUpReason::BudgetExhausted)
        ]
    );
    assert!((SHARED.tokens() - 5.0).abs() < 1e-9);
}

#[retry(attempts = 3, delay = "0s", budget = &budget, when = |error| *error != 404)]
fn blocking(budget: &TokenBucket, answer: Result<u32, u32>, requests: &AtomicU32) -> Result<u32, u32> {
    requests.fetch_add(1, Ordering::Relaxed);
    answer
}

#[test]
fn calls_that_need_no_retry_refill_it_and_refused_retries_return_the_last_outcome() {
    let (budget, requests) = (TokenBucket::new(4, 0.5), AtomicU32::new(0));
    // 2 retries allowed (4 → 2 tokens), so the second call gets no retry.
    assert_eq!(blocking(&budget, Err(503), &requests), Err(503));
    assert_eq!(requests.swap(0, Ordering::Relaxed), 3);
    assert_eq!(blocking(&budget, Err(503), &requests), Err(503));
    assert_eq!(requests.swap(0, Ordering::Relaxed), 1);
    // A success and an error `when` rejects each deposit half a token: 3 tokens, one retry.
    assert_eq!(blocking(&budget, Ok(1), &requests), Ok(1));
    assert_eq!(blocking(&budget, Err(404), &requests), Err(404));
    assert!((budget.tokens() - 3.0).abs() < 1e-9);
    requests.store(0, Ordering::Relaxed);
    assert_eq!(blocking(&budget, Err(503), &requests), Err(503));
    assert_eq!(requests.load(Ordering::Relaxed), 2);
}

#[async_trait]
trait Inventory {
    async fn get(&self, id: u32) -> Result<u32, u32>;
}

struct Client {
    budget: Arc<TokenBucket>,
    requests: AtomicU32,
}

#[async_trait]
impl Inventory for Client {
    #[retry(attempts = 5, delay = "10ms", backoff = "exponential", budget = self.budget)]
    async fn get(&self, id: u32) -> Result<u32, u32> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        Err(id)
    }
}

#[tokio::test(start_paused = true)]
async fn an_arc_field_under_async_trait_and_a_dyn_budget() {
    let budget = Arc::new(TokenBucket::new(6, 0.1));
    let client = Client { budget: Arc::clone(&budget), requests: AtomicU32::new(0) };
    assert_eq!(client.get(7).await, Err(7));
    assert_eq!(client.requests.load(Ordering::Relaxed), 4, "3 retries: 6 tokens down to 3");
    assert!((budget.tokens() - 3.0).abs() < 1e-9);

    // Any `Budget`, through `dyn`.
    let dynamic: Arc<dyn Budget + Send + Sync> = budget;
    assert!(!dynamic.withdraw());
    dynamic.deposit();
    assert!(dynamic.withdraw());
}

#[test]
fn eight_threads_withdrawing_at_once_get_exactly_half_the_tokens() {
    let bucket = Arc::new(TokenBucket::new(1_000, 0.1));
    let allowed: usize = (0..8)
        .map(|_| {
            let bucket = Arc::clone(&bucket);
            std::thread::spawn(move || (0..1_000).filter(|_| bucket.withdraw()).count())
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .sum();
    assert_eq!(allowed, 500);
    assert!((bucket.tokens() - 500.0).abs() < 1e-9);
}

/// A budget of the user's: counts what it is asked.
#[derive(Default)]
struct Counting {
    withdrawals: AtomicU32,
    deposits: AtomicU32,
}

impl Budget for Counting {
    fn withdraw(&self) -> bool {
        self.withdrawals.fetch_add(1, Ordering::Relaxed);
        true
    }

    fn deposit(&self) {
        self.deposits.fetch_add(1, Ordering::Relaxed);
    }
}

#[retry(
    attempts = 3,
    delay = "1s",
    max_elapsed = "1500ms",
    classify = |outcome| match outcome {
        Ok(_) => reattempt::Decision::Return,
        Err(600) => reattempt::Decision::RetryAfter(std::time::Duration::from_secs(600)),
        Err(_) => reattempt::Decision::Retry,
    },
    budget = budget,
)]
async fn asked(budget: &Counting, answer: Result<u32, u32>) -> Result<u32, u32> {
    answer
}

#[tokio::test(start_paused = true)]
async fn the_budget_is_asked_only_for_a_retry_that_would_otherwise_happen() {
    let budget = Counting::default();
    // Attempts at 0 and 1 s; a third would start at 2 s, past `max_elapsed`: one withdrawal.
    assert_eq!(asked(&budget, Err(503)).await, Err(503));
    assert_eq!(budget.withdrawals.load(Ordering::Relaxed), 1);
    // A Retry-After beyond the cap ends the call without asking.
    assert_eq!(asked(&budget, Err(600)).await, Err(600));
    assert_eq!(budget.withdrawals.load(Ordering::Relaxed), 1);
    // Deposits: one per call that ends with an outcome that is not retried, none for give-ups.
    assert_eq!(budget.deposits.load(Ordering::Relaxed), 0);
    assert_eq!(asked(&budget, Ok(1)).await, Ok(1));
    assert_eq!(budget.deposits.load(Ordering::Relaxed), 1);
}
