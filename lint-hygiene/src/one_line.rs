//! Bodies written on one line, as rustfmt keeps short ones: every function shape and every key.
//!
//! A block on one line is what rustc's `unused_braces` looks at (a multi-line block is never
//! linted), so the shapes in the other modules, all written over several lines, cannot show a
//! warning on the user's braces. `lib.rs` declares this module `#[rustfmt::skip]` so that the
//! bodies stay on one line.

use core::time::Duration;
use std::io;
use std::sync::Arc;

use async_trait::async_trait;
use reattempt::{retry, Decision, TokenBucket};

use crate::keys::SHARED_POLICY;
use crate::{
    classify_failure, custom_sleep, flaky, is_transient, record_retry, Calls, Failure, BASE_DELAY, BUDGET,
    CAP, GROWTH, LIMIT, MAX_TRIES,
};

/// Defaults, `async`.
///
/// # Errors
///
/// The last failure.
#[retry]
pub async fn defaults(calls: &Calls) -> Result<u32, Failure> { flaky(calls, 2) }

/// Defaults, blocking.
///
/// # Errors
///
/// The last failure.
#[retry]
pub fn defaults_blocking(calls: &Calls) -> Result<u32, Failure> { flaky(calls, 2) }

/// A body that is a single literal expression.
///
/// # Errors
///
/// Never.
#[retry(attempts = 2, delay = "0s")]
pub async fn unit_ok() -> Result<(), Failure> { Ok(()) }

/// A body that is a single literal expression, blocking.
///
/// # Errors
///
/// Never.
#[retry(attempts = 2, delay = "0s")]
pub fn unit_ok_blocking() -> Result<(), Failure> { Ok(()) }

/// A body ending with `?` on one line.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub async fn question_mark(calls: &Calls) -> Result<u32, Failure> { Ok(flaky(calls, 2)? + 1) }

/// Every literal key an `async fn` takes.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 5, delay = "10ms", backoff = "exponential", factor = 2.5, max_delay = "100ms", jitter = "full", max_elapsed = "2s", timeout = "1s", classify = |outcome| match outcome.as_ref() { Err(error) if error.kind() == io::ErrorKind::TimedOut => Decision::Retry, Ok(_) | Err(_) => Decision::Return }, on_retry = |event| seen.add(event.attempt()), sleep = custom_sleep, crate = "crate::keys::reexport::inner")]
pub async fn every_literal_key(seen: &Calls) -> io::Result<u32> { Err(io::ErrorKind::TimedOut.into()) }

/// Every `const` key an `async fn` takes.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = MAX_TRIES, delay = BASE_DELAY, backoff = "exponential", factor = GROWTH, max_delay = CAP, jitter = "decorrelated", max_elapsed = BUDGET, timeout = LIMIT, when = |error| error.kind() == io::ErrorKind::TimedOut, on_retry = |event| seen.add(event.attempt()))]
pub async fn every_const_key(seen: &Calls) -> io::Result<u32> { Err(io::ErrorKind::TimedOut.into()) }

/// Every key a plain `fn` takes.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 4, delay = BASE_DELAY, backoff = "linear", max_delay = "30ms", jitter = "equal", max_elapsed = "1s", when = Failure::is_transient, on_retry = record_retry, crate = "crate::keys::reexport::inner")]
pub fn every_key_blocking(calls: &Calls) -> Result<u32, Failure> { flaky(calls, 2) }

/// `classify` by path and `when` by path.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", classify = classify_failure)]
pub async fn classify_path(calls: &Calls) -> Result<u32, Failure> { flaky(calls, 2) }

/// `when` by path, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", when = is_transient)]
pub fn when_path_blocking(calls: &Calls) -> Result<u32, Failure> { flaky(calls, 2) }

/// A service with one-line methods.
#[derive(Debug, Default)]
pub struct Service {
    calls: Calls,
    seen: u32,
}

impl Service {
    /// The first wait, from an associated `const`.
    pub const PAUSE: Duration = Duration::from_millis(1);

    /// `&self`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = Self::PAUSE, when = |error| matches!(*error, Failure::Transient(_)))]
    pub async fn shared(&self) -> Result<u32, Failure> { flaky(&self.calls, 2) }

    /// `&mut self`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms", on_retry = |event| self.calls.add(event.attempt()))]
    pub async fn exclusive(&mut self) -> Result<u32, Failure> { self.seen += 1; flaky(&self.calls, 2) }

    /// `&mut self`, blocking.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms")]
    pub fn exclusive_blocking(&mut self) -> Result<u32, Failure> { Ok(self.seen) }

    /// An associated function.
    ///
    /// # Errors
    ///
    /// Never.
    #[retry(attempts = 3, delay = "1ms")]
    pub async fn associated() -> Result<Self, Failure> { Ok(Self::default()) }
}

/// A trait implemented through `#[async_trait]`.
#[async_trait]
pub trait Remote {
    /// Fetches a number.
    ///
    /// # Errors
    ///
    /// The last failure.
    async fn fetch(&self) -> Result<u32, Failure>;

    /// Stores a number.
    ///
    /// # Errors
    ///
    /// The last failure.
    async fn store(&mut self, value: u32) -> Result<(), Failure>;
}

#[async_trait]
impl Remote for Service {
    #[retry(attempts = 3, delay = "1ms", when = |error| matches!(*error, Failure::Transient(_)), on_retry = |event| self.calls.add(event.attempt()))]
    async fn fetch(&self) -> Result<u32, Failure> { flaky(&self.calls, 2) }

    #[retry(attempts = 3, delay = "1ms", max_elapsed = "1s")]
    async fn store(&mut self, value: u32) -> Result<(), Failure> { self.seen = value; Ok(()) }
}

/// A run-time policy, the attempt number and `on_give_up`, on one line.
///
/// # Errors
///
/// The last failure.
#[retry(policy = SHARED_POLICY, attempt = number, on_give_up = |event| calls.add(event.attempts()))]
pub async fn policy_attempt_give_up(calls: &Calls) -> Result<u32, Failure> { if number > 9 { return Ok(number) } flaky(calls, 9) }

/// The same, blocking.
///
/// # Errors
///
/// The last failure.
#[retry(policy = &SHARED_POLICY, attempt = number, on_give_up = |event| calls.add(event.attempts()))]
pub fn policy_attempt_give_up_blocking(calls: &Calls) -> Result<u32, Failure> { if number > 9 { return Ok(number) } flaky(calls, 9) }

/// A retry budget in an `Arc` field.
#[derive(Debug)]
pub struct Budgeted {
    budget: Arc<TokenBucket>,
    calls: Calls,
}

impl Budgeted {
    /// A full budget of `tokens`.
    #[must_use]
    pub fn new(tokens: u32) -> Self {
        Self { budget: Arc::new(TokenBucket::new(tokens, 0.1)), calls: Calls::new() }
    }

    /// `budget = self.budget`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms", budget = self.budget)]
    pub async fn call(&self) -> Result<u32, Failure> { flaky(&self.calls, 2) }
}
