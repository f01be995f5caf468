//! Feature `tower`: one `TpsBudget` shared by tower's `Retry` middleware and a `#[retry]`
//! function. tokio's paused clock keeps the budget's window still.
#![cfg(feature = "tower")]

use std::cell::Cell;
use std::future::{ready, Ready};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reattempt::{retry, GiveUpReason};
use tower::retry::budget::{Budget as _, TpsBudget};
use tower::ServiceExt as _;

/// A tower retry policy that asks the shared budget, as tower's own examples do.
#[derive(Clone)]
struct Shared {
    budget: Arc<TpsBudget>,
}

impl tower::retry::Policy<u32, u32, u32> for Shared {
    type Future = Ready<()>;

    fn retry(&mut self, _: &mut u32, result: &mut Result<u32, u32>) -> Option<Self::Future> {
        match result {
            Ok(_) => {
                self.budget.deposit();
                None
            }
            Err(_) => self.budget.withdraw().then(|| ready(())),
        }
    }

    fn clone_request(&mut self, request: &u32) -> Option<u32> {
        Some(*request)
    }
}

#[retry(attempts = 1_000, delay = "0s", budget = budget, on_give_up = |event| gave_up.set(Some((event.attempts(), event.reason()))))]
async fn fetch(budget: &Arc<TpsBudget>, gave_up: &Cell<Option<(u32, GiveUpReason)>>) -> Result<u32, u32> {
    Err(503)
}

fn budget() -> TpsBudget {
    // No deposits yet: the reserve is `min_per_sec` for each second of the window.
    TpsBudget::new(Duration::from_secs(10), 2, 0.0)
}

#[tokio::test(start_paused = true)]
async fn one_budget_caps_tower_and_retry_together() {
    let reserve = {
        let reference = budget();
        u32::try_from((0..10_000).filter(|_| reference.withdraw()).count()).unwrap()
    };
    assert!(reserve > 5, "a reserve of {reserve}");

    let shared = Arc::new(budget());
    let calls = Arc::new(AtomicU32::new(0));
    let service = {
        let calls = Arc::clone(&calls);
        tower::service_fn(move |request: u32| {
            calls.fetch_add(1, Ordering::Relaxed);
            ready(Err::<u32, u32>(request))
        })
    };
    // tower's middleware spends the whole reserve...
    let tower_retry = tower::retry::Retry::new(Shared { budget: Arc::clone(&shared) }, service);
    assert_eq!(tower_retry.oneshot(7).await, Err(7));
    assert_eq!(calls.load(Ordering::Relaxed), 1 + reserve);

    // ...so the `#[retry]` function sharing it gets no retry.
    let gave_up = Cell::new(None);
    assert_eq!(fetch(&shared, &gave_up).await, Err(503));
    assert_eq!(gave_up.get(), Some((1, GiveUpReason::BudgetExhausted)));

    // And the other way round: the function spends it, tower gets nothing.
    let shared = Arc::new(budget());
    let gave_up = Cell::new(None);
    assert_eq!(fetch(&shared, &gave_up).await, Err(503));
    assert_eq!(gave_up.get(), Some((1 + reserve, GiveUpReason::BudgetExhausted)));
    calls.store(0, Ordering::Relaxed);
    let service = {
        let calls = Arc::clone(&calls);
        tower::service_fn(move |request: u32| {
            calls.fetch_add(1, Ordering::Relaxed);
            ready(Err::<u32, u32>(request))
        })
    };
    let tower_retry = tower::retry::Retry::new(Shared { budget: shared }, service);
    assert_eq!(tower_retry.oneshot(8).await, Err(8));
    assert_eq!(calls.load(Ordering::Relaxed), 1);
}
