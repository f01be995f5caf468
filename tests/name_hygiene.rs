//! Name hygiene of the expansion: user code that reuses the names the expansion uses still
//! compiles and behaves the same, and the expansion's names stay invisible to user code (the
//! compile-fail side is `tests/ui/locals_are_hidden.rs`).
//!
//! - `mod core`, `mod std` and `mod reattempt` at the crate root, each with submodules and items
//!   named like the ones the expansion reaches (`core::option`, `core::ops::ControlFlow`,
//!   `reattempt::__private`, ...): generated paths are absolute (`::core::...`,
//!   `::reattempt::...`), so they still reach the real crates.
//! - Types and functions named like the ones generated code uses (`Option`, `Some`, `None`,
//!   `ControlFlow`, `Duration`, `Policy`, `Retry`, `sleep`, ...) in the module of the function.
//! - Every local of the expansion (`retry`, `outcome`, `result`, `policy`, `wait`, `stop`,
//!   `attempt`) and its `const` item (`POLICY`) as module-level items, as parameters, as locals
//!   of the body, and named by the `when`, `classify` and `on_retry` closures (which must see the
//!   user's binding, not the macro's).
//! - A module with `#![no_implicit_prelude]`.
//!
//! Every async case runs on tokio's paused clock; each test asserts the attempt count.
#![deny(warnings)]

/// Shadows the `core` crate for relative paths; generated code must say `::core`.
#[allow(dead_code, clippy::all)]
mod core {
    pub mod option {
        pub enum Option<T> {
            Some(T),
            None,
        }
    }
    pub mod ops {
        pub enum ControlFlow {}
    }
    pub mod time {
        pub struct Duration;
    }
    pub mod result {}
}

/// Shadows the `std` crate for relative paths.
#[allow(dead_code)]
mod std {
    pub mod time {}
    pub mod thread {}
    pub mod future {}
}

/// Shadows the facade for relative paths: `reattempt::...` in this crate means this module,
/// while the expansion's `::reattempt::...` must still mean the crate.
#[allow(dead_code)]
mod reattempt {
    pub mod __private {}
    pub struct Policy;
    pub fn sleep() {}
}

use ::std::sync::atomic::{AtomicU32, Ordering};
use ::std::time::Duration as StdDuration;

use ::reattempt::{retry, Decision};
use ::tokio::time::Instant;

fn ms(millis: u64) -> StdDuration {
    StdDuration::from_millis(millis)
}

// ---------------------------------------------------------------------------------------------
// Items named like everything the expansion names, in the module of the function.

mod lookalikes {
    #![allow(dead_code, non_camel_case_types, clippy::all)]
    use ::reattempt::retry;
    use ::std::cell::Cell;

    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct ControlFlow;
    pub struct Duration;
    pub struct Policy;
    pub struct Retry;
    pub struct Decision;
    pub struct Result;
    pub struct __private;
    pub fn sleep() {}
    pub fn as_result() {}
    pub fn decide() {}
    pub fn run_attempt() {}
    pub fn sleep_blocking() {}
    pub trait Future {}

    pub type Outcome = ::std::result::Result<u32, u32>;

    #[retry(attempts = 3, delay = "10ms", max_elapsed = "1s", jitter = "full")]
    pub async fn async_fn(calls: &Cell<u32>) -> Outcome {
        calls.set(calls.get() + 1);
        if calls.get() < 3 {
            return Err(calls.get());
        }
        Ok(calls.get())
    }

    #[retry(attempts = 3, delay = "1ms", timeout = "1s", on_retry = |event| seen.set(event.attempt()))]
    pub async fn async_fn_with_timeout(calls: &Cell<u32>, seen: &Cell<u32>) -> ::std::io::Result<u32> {
        calls.set(calls.get() + 1);
        Err(::std::io::ErrorKind::TimedOut.into())
    }

    #[retry(attempts = 3, delay = "1ms", backoff = "exponential", when = |error| *error < 10)]
    pub fn blocking(calls: &Cell<u32>) -> Outcome {
        calls.set(calls.get() + 1);
        Err(calls.get())
    }
}

#[tokio::test(start_paused = true)]
async fn lookalike_items_in_the_function_s_module_are_not_picked_up() {
    let calls = ::std::cell::Cell::new(0);
    let start = Instant::now();
    assert_eq!(lookalikes::async_fn(&calls).await, Ok(3));
    assert_eq!(calls.get(), 3);
    // Full jitter: each of the two waits is at most 10ms.
    assert!(start.elapsed() <= ms(20));

    let (calls, seen) = (::std::cell::Cell::new(0), ::std::cell::Cell::new(0));
    let error = lookalikes::async_fn_with_timeout(&calls, &seen).await.unwrap_err();
    assert_eq!((error.kind(), calls.get(), seen.get()), (::std::io::ErrorKind::TimedOut, 3, 2));

    let calls = ::std::cell::Cell::new(0);
    assert_eq!(lookalikes::blocking(&calls), Err(3));
    assert_eq!(calls.get(), 3);
}

// ---------------------------------------------------------------------------------------------
// The expansion's locals as module-level items. `POLICY` is the name of the expansion's `const`
// item; the lower-case names are `fn`s and a module here (value and type namespaces), which a
// `let` of the expansion must not resolve to.

const POLICY: u32 = 3;

#[allow(dead_code)]
fn retry() -> u32 {
    1
}

#[allow(dead_code)]
fn outcome() {}

#[allow(dead_code)]
fn wait() {}

#[allow(dead_code)]
fn stop() {}

#[allow(dead_code)]
fn attempt() {}

#[allow(dead_code)]
mod policy {}

#[allow(dead_code)]
mod result {}

/// `attempts` is the user's `POLICY`; the body names `POLICY` and calls the user's `retry()`.
#[retry(attempts = POLICY, delay = "10ms")]
async fn module_level_names(calls: &AtomicU32) -> Result<u32, u32> {
    let call = calls.fetch_add(retry(), Ordering::Relaxed) + 1;
    if call < POLICY {
        return Err(call);
    }
    Ok(call * 10)
}

/// Same, with a `Duration` setting (the expansion's `const` item is built when a setting is a
/// `const`), and a `when` closure that names the user's `POLICY`.
#[retry(attempts = 4, delay = DELAY, when = |error| *error < POLICY)]
fn module_level_names_blocking(calls: &AtomicU32) -> Result<u32, u32> {
    Err(calls.fetch_add(retry(), Ordering::Relaxed) + 1)
}

const DELAY: StdDuration = StdDuration::from_millis(1);

#[tokio::test(start_paused = true)]
async fn module_level_items_named_like_the_expansion_s_locals() {
    let calls = AtomicU32::new(0);
    let start = Instant::now();
    assert_eq!(module_level_names(&calls).await, Ok(30));
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(start.elapsed(), ms(20));

    // Errors 1 and 2 are retried; 3 is not (`3 < POLICY` is false).
    let calls = AtomicU32::new(0);
    assert_eq!(module_level_names_blocking(&calls), Err(3));
    assert_eq!(calls.load(Ordering::Relaxed), 3);
}

// ---------------------------------------------------------------------------------------------
// The expansion's locals as parameters, named by the body and by every closure.

#[retry(
    attempts = 5,
    delay = "10ms",
    classify = |outcome| match outcome {
        Err(error) if *error < policy => Decision::Retry,
        _ => Decision::Return,
    },
    on_retry = |event| {
        retry.fetch_add(1, Ordering::Relaxed);
        stop.fetch_add(event.attempt(), Ordering::Relaxed);
    },
)]
async fn parameters_named_like_locals(
    retry: &AtomicU32,
    stop: &AtomicU32,
    outcome: &AtomicU32,
    policy: u32,
    wait: StdDuration,
    result: u32,
    attempt: u32,
) -> Result<u32, u32> {
    let call = outcome.fetch_add(1, Ordering::Relaxed) + 1;
    ::tokio::time::sleep(wait).await;
    Err(call + result + attempt)
}

#[retry(attempts = 3, delay = "1ms", when = |error| *error != wait, on_retry = |event| retry.set(retry.get() + event.attempt()))]
fn parameters_named_like_locals_blocking(
    retry: &::std::cell::Cell<u32>,
    outcome: &mut Vec<u32>,
    wait: u32,
) -> Result<usize, u32> {
    outcome.push(wait);
    Err(u32::try_from(outcome.len()).unwrap())
}

#[tokio::test(start_paused = true)]
async fn parameters_named_like_the_expansion_s_locals() {
    let (retries, attempts_sum, calls) = (AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0));
    let start = Instant::now();
    // `policy = 13`: call n fails with n + 10, retried while below 13, so calls 1 and 2 are
    // retried and call 3 (error 13) is returned.
    let outcome = parameters_named_like_locals(&retries, &attempts_sum, &calls, 13, ms(1), 4, 6).await;
    assert_eq!(outcome, Err(13));
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(retries.load(Ordering::Relaxed), 2);
    assert_eq!(attempts_sum.load(Ordering::Relaxed), 1 + 2);
    assert_eq!(start.elapsed(), ms(3 + 20));

    // `wait = 2`: error 1 is retried, error 2 is not.
    let (retry, mut outcome) = (::std::cell::Cell::new(0), Vec::new());
    assert_eq!(parameters_named_like_locals_blocking(&retry, &mut outcome, 2), Err(2));
    assert_eq!(outcome, [2, 2]);
    assert_eq!(retry.get(), 1);
}

// ---------------------------------------------------------------------------------------------
// The expansion's locals as locals of the body, including one declared before a `?`.

#[retry(attempts = 3, delay = "10ms", on_retry = |event| log.lock().unwrap().push(event.attempt()))]
async fn body_locals_named_like_locals(
    calls: &AtomicU32,
    log: &::std::sync::Mutex<Vec<u32>>,
) -> Result<u32, String> {
    let retry = calls.fetch_add(1, Ordering::Relaxed) + 1;
    let policy = "user's policy";
    let wait = StdDuration::from_millis(5);
    let stop = false;
    let attempt = retry;
    let result: Result<u32, String> =
        if attempt < 3 { Err(format!("attempt {attempt}")) } else { Ok(attempt) };
    let outcome = result?;
    ::tokio::time::sleep(wait).await;
    assert!(!stop);
    Ok(outcome * 100 + u32::try_from(policy.len()).unwrap())
}

#[retry(attempts = 4, delay = "1ms")]
fn body_locals_named_like_locals_blocking(calls: &mut u32) -> Result<u32, u32> {
    let retry = *calls;
    let outcome = retry + 1;
    let result = outcome;
    let policy = result;
    let wait = policy;
    let stop = wait;
    let attempt = stop;
    *calls = attempt;
    if attempt < 4 {
        return Err(attempt);
    }
    Ok(attempt)
}

#[tokio::test(start_paused = true)]
async fn body_locals_named_like_the_expansion_s_locals() {
    let (calls, log) = (AtomicU32::new(0), ::std::sync::Mutex::new(Vec::new()));
    let start = Instant::now();
    assert_eq!(body_locals_named_like_locals(&calls, &log).await, Ok(313));
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(*log.lock().unwrap(), [1, 2]);
    // Attempts 1 and 2 end at `result?`, before the body's own sleep of 5ms.
    assert_eq!(start.elapsed(), ms(10 + 10 + 5));

    let mut calls = 0;
    assert_eq!(body_locals_named_like_locals_blocking(&mut calls), Ok(4));
    assert_eq!(calls, 4);
}

// ---------------------------------------------------------------------------------------------
// Methods: `Self` constants named like the expansion's items, `self` fields named like its locals.

struct Named {
    retry: u32,
    policy: ::std::cell::Cell<u32>,
}

impl Named {
    const POLICY: u32 = 3;
    const WAIT: StdDuration = StdDuration::from_millis(7);

    #[retry(attempts = Self::POLICY, delay = Self::WAIT, when = |outcome| *outcome != self.retry)]
    async fn fetch(&self) -> Result<u32, u32> {
        let policy = self.policy.get() + 1;
        self.policy.set(policy);
        Err(policy)
    }
}

#[tokio::test(start_paused = true)]
async fn methods_with_fields_and_constants_named_like_the_expansion_s() {
    let named = Named { retry: 99, policy: ::std::cell::Cell::new(0) };
    let start = Instant::now();
    assert_eq!(named.fetch().await, Err(3));
    assert_eq!(named.policy.get(), 3);
    assert_eq!(start.elapsed(), ms(14));

    // `when` stops at the error equal to the field `retry`.
    let named = Named { retry: 2, policy: ::std::cell::Cell::new(0) };
    assert_eq!(named.fetch().await, Err(2));
    assert_eq!(named.policy.get(), 2);
}

// ---------------------------------------------------------------------------------------------
// No prelude: generated code names nothing the prelude provides.

mod without_prelude {
    #![no_implicit_prelude]

    use ::reattempt::retry;
    use ::std::cell::Cell;
    use ::std::result::Result::{self, Err, Ok};

    #[retry(attempts = 3, delay = "10ms", when = |error| *error < 10, on_retry = |event| seen.set(event.attempt()))]
    pub async fn async_fn(calls: &Cell<u32>, seen: &Cell<u32>) -> Result<u32, u32> {
        calls.set(calls.get() + 1);
        if calls.get() < 3 {
            return Err(calls.get());
        }
        Ok(calls.get())
    }

    #[retry(attempts = 2, delay = "1ms", classify = ::reattempt::transient)]
    pub fn blocking(calls: &Cell<u32>) -> ::std::io::Result<()> {
        calls.set(calls.get() + 1);
        Err(::std::io::Error::new(::std::io::ErrorKind::ConnectionReset, "reset"))
    }
}

#[tokio::test(start_paused = true)]
async fn no_implicit_prelude() {
    let (calls, seen) = (::std::cell::Cell::new(0), ::std::cell::Cell::new(0));
    let start = Instant::now();
    assert_eq!(without_prelude::async_fn(&calls, &seen).await, Ok(3));
    assert_eq!((calls.get(), seen.get()), (3, 2));
    assert_eq!(start.elapsed(), ms(20));

    let calls = ::std::cell::Cell::new(0);
    assert!(without_prelude::blocking(&calls).is_err());
    assert_eq!(calls.get(), 2);
}

// ---------------------------------------------------------------------------------------------
// `Span::mixed_site()` keeps the expansion's *locals* apart from the user's locals, but an
// identifier in a `let` pattern is first resolved as a path, and items resolve at the call site
// even with `mixed_site`: a `const`, a `static` or a unit struct named like a local would turn
// `let retry = ...` into a constant pattern. The expansion's locals are therefore named
// `__retry`, `__wait`, ..., which no user item is, and items named `retry`, `wait`, ... are fine.
mod lowercase_items_named_like_the_expansion_s_locals {
    #![allow(non_upper_case_globals, non_camel_case_types, dead_code)]

    mod consts {
        use ::reattempt::retry;

        const retry: u32 = 0;
        const outcome: u32 = 0;
        const result: u32 = 0;
        const policy: u32 = 0;
        const wait: u32 = 0;
        const stop: u32 = 0;
        const attempt: u32 = 0;

        #[retry(attempts = 2, delay = "1ms")]
        pub fn blocking(calls: &mut u32) -> Result<u32, u32> {
            *calls += 1;
            Err(*calls)
        }
    }

    mod statics {
        use ::reattempt::retry;

        static retry: u32 = 0;
        static policy: u32 = 0;

        #[retry(attempts = 2, delay = "1ms")]
        pub async fn async_fn(calls: &mut u32) -> Result<u32, u32> {
            *calls += 1;
            Err(*calls)
        }
    }

    mod unit_structs {
        use ::reattempt::retry;

        struct wait;
        struct outcome;

        #[retry(attempts = 2, delay = "1ms")]
        pub fn blocking(calls: &mut u32) -> Result<u32, u32> {
            *calls += 1;
            Err(*calls)
        }
    }

    #[test]
    fn lowercase_items_do_not_capture_the_expansion_s_locals() {
        let mut calls = 0;
        assert_eq!(consts::blocking(&mut calls), Err(2));
        let mut calls = 0;
        assert_eq!(unit_structs::blocking(&mut calls), Err(2));
        let mut calls = 0;
        let runtime =
            ::tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
        assert_eq!(runtime.block_on(statics::async_fn(&mut calls)), Err(2));
    }
}

// ---------------------------------------------------------------------------------------------
// KNOWN FAILURE (feature `tracing` only), disabled: enable when the expansion's tracing call
// cannot be hijacked by a user's trait.
//
// With feature `tracing` the expansion lets method resolution pick between two traits'
// methods at the concrete error type. A user trait in scope with a same-named method
// implemented for every type would compete ("multiple applicable items"), so the methods are
// named `__reattempt_describe`: a user's `describe` method does not interfere.
mod describe_method_in_scope {
    use ::reattempt::retry;

    pub trait Describe {
        fn describe(&self) -> ::std::string::String;
    }

    impl<T: ?Sized> Describe for T {
        fn describe(&self) -> ::std::string::String {
            ::std::string::String::from("user's")
        }
    }

    #[retry(attempts = 2, delay = "1ms")]
    pub fn blocking(calls: &mut u32) -> Result<u32, u32> {
        *calls += 1;
        Err(*calls)
    }

    #[test]
    fn a_user_trait_with_a_describe_method_does_not_capture_the_tracing_call() {
        let mut calls = 0;
        assert_eq!(blocking(&mut calls), Err(2));
        assert_eq!(1_u8.describe(), "user's");
    }
}
