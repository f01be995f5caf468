//! Trait impls and default methods.

use core::future::Future;

use reattempt::retry;

use crate::{flaky, Calls, Failure};

/// A store whose `load` future is `Send` (written with `impl Future`, as public traits should).
pub trait Store {
    /// Loads a value.
    ///
    /// # Errors
    ///
    /// Whatever the store says.
    fn load(&self, key: &str) -> impl Future<Output = Result<String, Failure>> + Send;

    /// Loads a value, blocking.
    ///
    /// # Errors
    ///
    /// Whatever the store says.
    fn load_blocking(&self, key: &str) -> Result<String, Failure>;

    /// The number of calls so far.
    fn calls(&self) -> u32;

    /// A default method that retries.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms", when = |error| !matches!(*error, Failure::Permanent(_)))]
    fn load_twice(&self, key: &str) -> Result<String, Failure> {
        let first = self.load_blocking(key)?;
        Ok(format!("{first}{first}"))
    }
}

/// A store that fails before its third call.
#[derive(Debug, Default)]
pub struct Flaky {
    calls: Calls,
}

impl Store for Flaky {
    #[retry(attempts = 3, delay = "1ms")]
    async fn load(&self, key: &str) -> Result<String, Failure> {
        let call = self.calls.tick();
        if call < 3 {
            return Err(Failure::Transient(call));
        }
        Ok(format!("{key}={call}"))
    }

    #[retry(attempts = 3, delay = "1ms", on_retry = |_| {})]
    fn load_blocking(&self, key: &str) -> Result<String, Failure> {
        let call = self.calls.tick();
        if call % 2 == 1 {
            return Err(Failure::Transient(call));
        }
        Ok(format!("{key}={call}"))
    }

    fn calls(&self) -> u32 {
        self.calls.get()
    }
}

/// A trait with a type parameter, implemented for a generic type.
pub trait Fetch<T> {
    /// Fetches a `T`.
    ///
    /// # Errors
    ///
    /// Whatever the source says.
    fn fetch(&self, calls: &Calls) -> Result<T, Failure>;
}

/// A source of clones.
#[derive(Debug, Clone, Copy)]
pub struct Source<T>(pub T);

impl<T: Clone> Fetch<T> for Source<T> {
    #[retry(attempts = 2, delay = "1ms")]
    fn fetch(&self, calls: &Calls) -> Result<T, Failure> {
        let _call = flaky(calls, 2)?;
        Ok(self.0.clone())
    }
}
