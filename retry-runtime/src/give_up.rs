use core::fmt;
use core::time::Duration;

/// Why a call returned a failure it would have retried: what `on_give_up` and the `tracing`
/// feature's "giving up" event report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GiveUpReason {
    /// Every attempt was made (`attempts`, or `testing::limit_attempts`).
    AttemptsUsedUp,
    /// The next wait would have ended past `max_elapsed`.
    OutOfTime,
    /// A `Retry-After` hint asked for longer than `max_delay` (5 minutes when unset).
    RetryAfterTooLong,
    /// The retry budget (`budget = ...`) refused the retry.
    BudgetExhausted,
}

impl GiveUpReason {
    /// A short description, for logs: `"attempts used up"`, `"max_elapsed reached"`, ...
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AttemptsUsedUp => "attempts used up",
            Self::OutOfTime => "max_elapsed reached",
            Self::RetryAfterTooLong => "Retry-After longer than max_delay",
            Self::BudgetExhausted => "retry budget exhausted",
        }
    }
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What `on_give_up` is told, once, when a call returns a failure that `when` or `classify`
/// wanted to retry but no further attempt may be made.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{retry, GiveUpEvent, GiveUpReason};
///
/// fn log(event: &GiveUpEvent<'_, u8, String>) {
///     eprintln!("giving up after {} attempts ({}): {:?}", event.attempts(), event.reason(), event.error());
/// }
///
/// #[retry(attempts = 2, delay = "1ms", on_give_up = log)]
/// fn always_fails() -> Result<u8, String> {
///     Err("unavailable".to_owned())
/// }
///
/// assert_eq!(always_fails(), Err("unavailable".to_owned()));
///
/// let failed: Result<u8, String> = Err("unavailable".to_owned());
/// let event = GiveUpEvent::new(&failed, 2, Duration::ZERO, GiveUpReason::AttemptsUsedUp);
/// assert_eq!((event.attempts(), event.reason()), (2, GiveUpReason::AttemptsUsedUp));
/// ```
#[derive(Debug)]
pub struct GiveUpEvent<'a, T, E> {
    outcome: &'a Result<T, E>,
    attempts: u32,
    elapsed: Duration,
    reason: GiveUpReason,
}

impl<'a, T, E> GiveUpEvent<'a, T, E> {
    /// An event as `#[retry]` builds it; public so that hooks can be unit-tested.
    #[must_use]
    pub const fn new(
        outcome: &'a Result<T, E>,
        attempts: u32,
        elapsed: Duration,
        reason: GiveUpReason,
    ) -> Self {
        Self { outcome, attempts, elapsed, reason }
    }

    /// The attempts made, the last one included.
    #[must_use]
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The outcome the call returns. It is an `Ok` when `classify` asked to retry a value.
    pub const fn outcome(&self) -> &'a Result<T, E> {
        self.outcome
    }

    /// The error the call returns, or `None` when `classify` retried an `Ok` value.
    #[must_use]
    pub const fn error(&self) -> Option<&'a E> {
        crate::event::error_of(self.outcome)
    }

    /// Time since the function was first polled (called, for a plain `fn`).
    #[must_use]
    pub const fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Why no further attempt was made.
    #[must_use]
    pub const fn reason(&self) -> GiveUpReason {
        self.reason
    }
}

impl<T, E> Clone for GiveUpEvent<'_, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for GiveUpEvent<'_, T, E> {}
