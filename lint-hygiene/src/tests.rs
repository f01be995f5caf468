//! A sample of the functions above, run: the lints are the point, but the code must also work.

use core::cell::Cell;
use core::time::Duration;
use std::io::ErrorKind;

use tokio::time::Instant;

use crate::{generics, keys, macros, methods, one_line, retrying, traits, Calls, Failure, RETRIES};

#[tokio::test(start_paused = true)]
async fn keys_retry_as_configured() {
    let defaults = Calls::new();
    assert_eq!(keys::defaults(&defaults).await, Ok(2));
    let linear = Calls::new();
    let start = Instant::now();
    assert_eq!(keys::linear(&linear).await, Ok(3));
    assert_eq!(start.elapsed(), Duration::from_millis(30));
    let when = Calls::new();
    assert_eq!(keys::when_closure(&when).await, Err(Failure::Permanent(1)));
    let classify = Calls::new();
    assert_eq!(keys::classify_closure(&classify).await, Ok(2));
    let (on_retry, waited) = (Calls::new(), Calls::new());
    assert_eq!(keys::on_retry_closure(&on_retry, &waited).await, Ok(3));
    assert_eq!(waited.get(), 2);
    let (literal, literal_seen) = (Calls::new(), Calls::new());
    assert_eq!(keys::everything_literal(&literal, &literal_seen).await.ok(), Some(3));
    assert_eq!(literal_seen.get(), 1 + 2);
    let (constant, constant_seen) = (Calls::new(), Calls::new());
    assert_eq!(keys::everything_const(&constant, &constant_seen).await.ok(), Some(3));
    let timeout = Calls::new();
    let timed_out = keys::literal_timeout(&timeout, Duration::from_secs(1)).await;
    assert_eq!(timed_out.map_err(|error| error.kind()), Err(ErrorKind::TimedOut));
    assert_eq!(timeout.get(), 3);
}

#[test]
fn blocking_keys_retry_as_configured() {
    let everything = Calls::new();
    assert_eq!(keys::everything_blocking(&everything), Ok(2));
    RETRIES.with(|retries| retries.set(0));
    let on_retry = Calls::new();
    assert_eq!(keys::on_retry_path_blocking(&on_retry), Ok(3));
    assert_eq!(RETRIES.with(Cell::get), 1 + 2);
    let blocking_timer = Calls::new();
    assert_eq!(keys::blocking_timer(&blocking_timer), Ok(3));
    let (closure_timer, seen) = (Calls::new(), Calls::new());
    assert_eq!(keys::blocking_closure_timer(&closure_timer, &seen), Ok(3));
    // The closure timer was asked for both waits.
    assert_eq!(seen.get(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_timer_with_an_output_waits() {
    let calls = Calls::new();
    let start = Instant::now();
    assert_eq!(keys::timer_with_an_output(&calls).await.ok(), Some(3));
    assert_eq!(start.elapsed(), Duration::from_millis(2));
}

#[tokio::test(start_paused = true)]
async fn methods_generics_traits_and_macros() {
    use traits::{Fetch, Store};

    let client = methods::Client::default();
    assert_eq!(client.fetch().await, Ok(3));
    let (mut recorder, log) = (methods::Client::default(), Calls::new());
    assert_eq!(recorder.record(&log).await, Ok(3));
    assert_eq!((recorder.history(), log.get()), (&[1, 2, 3][..], 1 + 2));
    assert_eq!(recorder.last(), Ok(&3));

    let const_generic = Calls::new();
    assert_eq!(generics::const_generic_attempts::<5>(&const_generic), Ok(5));
    let cadence = Calls::new();
    assert_eq!(generics::on_cadence::<generics::Fast>(&cadence).await, Ok(3));
    let cache = generics::Cache::new("v");
    assert_eq!(cache.get(&"v"), Ok("v"));
    assert_eq!(cache.calls().get(), 2);

    let store = traits::Flaky::default();
    assert_eq!(store.load("k").await, Ok("k=3".to_owned()));
    assert_eq!(store.load_twice("k"), Ok("k=4k=4".to_owned()));
    let source = Calls::new();
    assert_eq!(traits::Source('x').fetch(&source), Ok('x'));

    let literals = Calls::new();
    assert_eq!(macros::from_literals(&literals).await, Ok(3));
    let fragments = Calls::new();
    assert_eq!(macros::from_fragments(&fragments), Ok(2));
    let poller = macros::Poller::default();
    assert_eq!(poller.poll().await, Ok(3));
}

#[tokio::test(start_paused = true)]
async fn one_line_bodies_retry_as_configured() {
    use one_line::Remote as _;

    assert_eq!(one_line::defaults(&Calls::new()).await, Ok(2));
    assert_eq!(one_line::defaults_blocking(&Calls::new()), Ok(2));
    assert_eq!(one_line::unit_ok().await, Ok(()));
    assert_eq!(one_line::question_mark(&Calls::new()).await, Ok(3));
    let seen = Calls::new();
    let every_key = one_line::every_literal_key(&seen).await;
    assert_eq!(every_key.map_err(|error| error.kind()), Err(ErrorKind::TimedOut));
    assert!(seen.get() > 0);
    let mut service = one_line::Service::default();
    assert_eq!(service.shared().await, Ok(2));
    assert_eq!(service.exclusive().await, Ok(3));
    assert_eq!(service.fetch().await, Ok(4));
    assert_eq!(service.store(7).await, Ok(()));
    assert_eq!(service.exclusive_blocking(), Ok(7));
}

#[tokio::test(start_paused = true)]
async fn run_time_policies_attempt_numbers_and_give_up_hooks() {
    let (calls, seen) = (Calls::new(), Calls::new());
    assert_eq!(keys::policy_static(&calls, &seen).await, Ok(3));
    // The body saw attempts 1, 2 and 3; the hook saw 1 + 1 and 2 + 2.
    assert_eq!(seen.get(), 1 + 2 + 3 + (1 + 1) + (2 + 2));
    let blocking = Calls::new();
    assert_eq!(keys::policy_from_parameters(&blocking, 2, Duration::from_secs(1)), Ok(3));
    RETRIES.with(|retries| retries.set(0));
    assert_eq!(keys::on_give_up_path(&Calls::new()).await, Err(Failure::Transient(2)));
    assert_eq!(RETRIES.with(Cell::get), 2);
    let gave_up = Calls::new();
    assert_eq!(one_line::policy_attempt_give_up(&gave_up).await, Err(Failure::Transient(3)));
    assert_eq!(gave_up.get(), 3 + 3);
}

#[tokio::test(start_paused = true)]
async fn budgets_on_every_shape() {
    let (calls, seen) = (Calls::new(), Calls::new());
    assert_eq!(keys::budget_static(&calls, &seen).await, Ok(3));
    assert_eq!(seen.get(), 1 + 2 + 3 + 1 + 2);
    assert_eq!(keys::budget_reference_blocking(&Calls::new()), Ok(2));
    let budgeted = one_line::Budgeted::new(2);
    // Two tokens: one retry allowed, so the call that needs one gets it.
    assert_eq!(budgeted.call().await, Ok(2));
}

#[tokio::test(start_paused = true)]
async fn retrying_blocks_retry_as_configured() {
    static TIMED: Calls = Calls::new();
    let (one_line, closure, braces) = (Calls::new(), Calls::new(), Calls::new());
    assert_eq!(retrying::async_one_line(&one_line).await, Ok(2));
    assert_eq!(retrying::closure_one_line(&closure), Ok(2));
    assert_eq!(retrying::closure_braces_one_line(&braces), Ok(2));
    let (literal, seen) = (Calls::new(), Calls::new());
    // Succeeds on the third attempt: 3 + its number, 3, + the calls before it, 0.
    assert_eq!(retrying::async_every_literal_key(&literal, &seen).await, Ok(6));
    assert_eq!(seen.get(), 1 + 2);
    let constant = Calls::new();
    assert_eq!(retrying::async_every_const_key(&constant).await, Ok(2));
    assert_eq!(retrying::async_move_timeout(&TIMED).await.ok(), Some(2));
    let policy = Calls::new();
    assert_eq!(retrying::closure_policy(&policy), Ok(2));
    let (hooks, hooks_seen) = (Calls::new(), Calls::new());
    assert_eq!(retrying::closure_every_hook(&hooks, &hooks_seen), Ok(2));
    assert_eq!(hooks_seen.get(), 2);
}
