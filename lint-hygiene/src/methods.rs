//! Methods and associated functions: `&self`, `&mut self`, `self`, `Self::CONST` settings, and
//! hooks that name `Self` and the receiver.

use core::time::Duration;

use reattempt::{retry, Decision};

use crate::{flaky, Calls, Failure};

/// A client with a counter.
#[derive(Debug, Default)]
pub struct Client {
    calls: Calls,
    history: Vec<u32>,
    reads: u32,
}

impl Client {
    /// Attempts, from an associated `const`.
    pub const TRIES: u32 = 3;
    /// The first wait, from an associated `const`.
    pub const PAUSE: Duration = Duration::from_millis(5);
    /// The cap, from an associated `const`.
    pub const CAP: Duration = Duration::from_millis(20);
    /// The growth, from an associated `const`.
    pub const GROWTH: f64 = 3.0;

    /// The calls so far.
    #[must_use]
    pub const fn calls(&self) -> &Calls {
        &self.calls
    }

    /// The history `&mut self` methods wrote.
    #[must_use]
    pub fn history(&self) -> &[u32] {
        &self.history
    }

    const fn rejects(error: &Failure) -> bool {
        matches!(*error, Failure::Permanent(_))
    }

    /// `&self`, settings from `Self::` constants.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = Self::TRIES, delay = Self::PAUSE, backoff = "exponential", factor = Self::GROWTH, max_delay = Self::CAP)]
    pub async fn fetch(&self) -> Result<u32, Failure> {
        flaky(&self.calls, 3)
    }

    /// `&self`, blocking, `when` naming `Self`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = Self::TRIES, delay = "1ms", when = |error| !Self::rejects(error))]
    pub fn fetch_blocking(&self) -> Result<u32, Failure> {
        flaky(&self.calls, 2)
    }

    /// `&mut self`, with an `on_retry` that reads a parameter.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 4, delay = "1ms", on_retry = |event| log.add(event.attempt()))]
    pub async fn record(&mut self, log: &Calls) -> Result<usize, Failure> {
        let call = self.calls.tick();
        self.history.push(call);
        if call < 3 {
            return Err(Failure::Transient(call));
        }
        Ok(self.history.len())
    }

    /// `&mut self`, blocking, returning a shared borrow of `self`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms")]
    pub fn last(&mut self) -> Result<&u32, Failure> {
        self.reads = self.reads.saturating_add(1);
        if self.reads < 2 {
            return Err(Failure::Transient(self.reads));
        }
        self.history.last().ok_or(Failure::Permanent(self.reads))
    }

    /// `self` by value: every attempt borrows it.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 2, delay = "1ms", classify = |outcome| if outcome.is_ok() { Decision::Return } else { Decision::Retry })]
    pub async fn into_calls(self) -> Result<u32, Failure> {
        flaky(&self.calls, 2)
    }

    /// An associated constructor returning `Self`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = Self::TRIES, delay = "1ms")]
    pub fn connect(calls: &Calls) -> Result<Self, Failure> {
        let call = flaky(calls, 2)?;
        Ok(Self { calls: Calls::starting_at(call), history: Vec::new(), reads: 0 })
    }

    /// An associated `async fn` constructor with a `Self::` delay.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = Self::PAUSE, max_elapsed = "1s")]
    pub async fn connect_async(calls: &Calls) -> Result<Self, Failure> {
        let call = flaky(calls, 2)?;
        Ok(Self { calls: Calls::starting_at(call), history: Vec::new(), reads: 0 })
    }
}
