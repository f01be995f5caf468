use core::time::Duration;

/// What `on_retry` is told before each wait: the attempt that just failed and what comes next.
///
/// ```
/// use reattempt::{retry, RetryEvent};
///
/// fn log(event: &RetryEvent<'_, u8, String>) {
///     eprintln!(
///         "attempt {} failed: {:?}; retrying in {:?} ({:?} so far)",
///         event.attempt(), event.error(), event.wait(), event.elapsed(),
///     );
/// }
///
/// #[retry(attempts = 2, delay = "1ms", on_retry = log)]
/// fn flaky(calls: &mut u8) -> Result<u8, String> {
///     *calls += 1;
///     if *calls == 1 { Err("first call fails".to_owned()) } else { Ok(*calls) }
/// }
///
/// assert_eq!(flaky(&mut 0), Ok(2));
/// ```
#[derive(Debug)]
pub struct RetryEvent<'a, T, E> {
    outcome: &'a Result<T, E>,
    attempt: u32,
    wait: Duration,
    elapsed: Duration,
}

impl<'a, T, E> RetryEvent<'a, T, E> {
    /// An event as `#[retry]` builds it; public so that hooks can be unit-tested.
    ///
    /// ```
    /// use std::time::Duration;
    /// use reattempt::RetryEvent;
    ///
    /// let failed: Result<(), &str> = Err("reset");
    /// let event = RetryEvent::new(&failed, 1, Duration::from_secs(1), Duration::ZERO);
    /// assert_eq!(event.error(), Some(&"reset"));
    /// ```
    #[must_use]
    pub const fn new(outcome: &'a Result<T, E>, attempt: u32, wait: Duration, elapsed: Duration) -> Self {
        Self { outcome, attempt, wait, elapsed }
    }

    /// The attempt that just failed, 1-based: `1` before the first retry.
    #[must_use]
    pub const fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The outcome of that attempt. It is an `Ok` when `classify` asked to retry a value.
    pub const fn outcome(&self) -> &'a Result<T, E> {
        self.outcome
    }

    /// The error of that attempt, or `None` when `classify` retried an `Ok` value.
    #[must_use]
    pub const fn error(&self) -> Option<&'a E> {
        error_of(self.outcome)
    }

    /// How long the function will sleep before the next attempt.
    #[must_use]
    pub const fn wait(&self) -> Duration {
        self.wait
    }

    /// Time since the function was first polled (called, for a plain `fn`), read from the
    /// runtime's clock.
    #[must_use]
    pub const fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// The error of an outcome, `None` for an `Ok`: what both events' `error()` report.
pub(crate) const fn error_of<T, E>(outcome: &Result<T, E>) -> Option<&E> {
    match outcome {
        Ok(_) => None,
        Err(error) => Some(error),
    }
}

impl<T, E> Clone for RetryEvent<'_, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for RetryEvent<'_, T, E> {}
