//! `reattempt::testing`: guards that skip the waits and limit the attempts of every
//! `#[retry]` call on the current thread, for users' own tests.
use std::cell::RefCell;
use std::time::{Duration, Instant};

use reattempt::{retry, testing};

#[retry(attempts = 4, delay = "200ms", on_retry = |event| waits.borrow_mut().push(event.wait()))]
fn blocking(calls: &mut u32, waits: &RefCell<Vec<Duration>>) -> Result<(), u32> {
    *calls += 1;
    Err(*calls)
}

#[retry(attempts = 4, delay = "200ms")]
async fn asynchronous(calls: &mut u32) -> Result<(), u32> {
    *calls += 1;
    Err(*calls)
}

#[test]
fn skip_waits_skips_the_sleeps_of_blocking_functions_but_not_the_attempts_or_events() {
    let _guard = testing::skip_waits();
    let (mut calls, waits) = (0, RefCell::new(Vec::new()));
    let start = Instant::now();
    assert_eq!(blocking(&mut calls, &waits), Err(4));
    assert!(start.elapsed() < Duration::from_millis(200), "{:?}", start.elapsed());
    assert_eq!(waits.take(), [Duration::from_millis(200); 3]);
}

#[tokio::test]
async fn skip_waits_on_a_current_thread_runtime_with_the_real_clock() {
    let _guard = testing::skip_waits();
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(asynchronous(&mut calls).await, Err(4));
    assert!(start.elapsed() < Duration::from_millis(200), "{:?}", start.elapsed());
}

#[tokio::test]
async fn limit_attempts_one_turns_retries_off() {
    let _guard = testing::limit_attempts(1);
    let mut calls = 0;
    assert_eq!(asynchronous(&mut calls).await, Err(1));
}

#[test]
fn guards_nest_and_restore_what_they_replaced() {
    let (mut calls, waits) = (0, RefCell::new(Vec::new()));
    {
        let _no_waits = testing::skip_waits();
        {
            let _two = testing::limit_attempts(2);
            assert_eq!(blocking(&mut calls, &waits), Err(2));
            {
                let _zero_means_one = testing::limit_attempts(0);
                assert_eq!(blocking(&mut calls, &waits), Err(3));
            }
            assert_eq!(blocking(&mut calls, &waits), Err(5));
        }
        // The limit is gone, the skipped waits are not.
        let start = Instant::now();
        assert_eq!(blocking(&mut calls, &waits), Err(9));
        assert!(start.elapsed() < Duration::from_millis(200));
    }
    // Both gone: the waits are real again (one retry, one 200 ms wait).
    let _two = testing::limit_attempts(2);
    let start = Instant::now();
    assert_eq!(blocking(&mut calls, &waits), Err(11));
    assert!(start.elapsed() >= Duration::from_millis(200));
}

#[test]
fn another_thread_is_not_affected() {
    let _no_waits = testing::skip_waits();
    let _one = testing::limit_attempts(1);
    let other = std::thread::spawn(|| {
        let (mut calls, waits) = (0, RefCell::new(Vec::new()));
        let start = Instant::now();
        let outcome = blocking(&mut calls, &waits);
        (outcome, start.elapsed())
    });
    let (outcome, elapsed) = other.join().unwrap();
    assert_eq!(outcome, Err(4));
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    let (mut calls, waits) = (0, RefCell::new(Vec::new()));
    assert_eq!(blocking(&mut calls, &waits), Err(1));
}
