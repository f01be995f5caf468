use core::marker::PhantomData;
use core::time::Duration;

use crate::Policy;

/// A source of monotonic time for `max_elapsed` and [`RetryEvent::elapsed`](crate::RetryEvent::elapsed).
pub trait Clock {
    /// A point in time.
    type Instant: Copy;
    /// The current time.
    fn now() -> Self::Instant;
    /// Time since `start`, zero if the clock went backwards.
    fn since(start: Self::Instant) -> Duration;
    /// The start of a call under `policy`: the current time.
    #[inline]
    fn start(_policy: &Policy) -> Self::Instant {
        Self::now()
    }
}

/// The clock `C`, read only when the policy has a time budget: for a policy decided at run
/// time (`policy = ...`), whose `max_elapsed` the macro cannot see.
#[derive(Debug)]
pub struct WhenBudgeted<C>(PhantomData<fn() -> C>);

impl<C: Clock> Clock for WhenBudgeted<C> {
    type Instant = Option<C::Instant>;

    #[inline]
    fn now() -> Self::Instant {
        Some(C::now())
    }

    #[inline]
    fn since(start: Self::Instant) -> Duration {
        start.map_or(Duration::ZERO, C::since)
    }

    #[inline]
    fn start(policy: &Policy) -> Self::Instant {
        policy.elapsed_budget().map(|_| C::now())
    }
}

/// No clock at all, for calls that need no time: it is never read and takes no space, so
/// the success path of a policy without `max_elapsed` or `on_retry` reads no clock.
#[derive(Debug)]
pub enum Untimed {}

impl Clock for Untimed {
    type Instant = ();

    #[inline]
    fn now() -> Self::Instant {}

    #[inline]
    fn since((): Self::Instant) -> Duration {
        Duration::ZERO
    }
}

/// `std::time::Instant`: the clock of blocking functions and of custom `sleep` timers.
#[derive(Debug)]
pub enum StdClock {}

impl Clock for StdClock {
    type Instant = std::time::Instant;

    fn now() -> Self::Instant {
        std::time::Instant::now()
    }

    fn since(start: Self::Instant) -> Duration {
        start.elapsed()
    }
}

/// `tokio::time::Instant`, which follows tokio's paused clock in tests.
#[cfg(feature = "tokio")]
#[derive(Debug)]
pub enum TokioClock {}

#[cfg(feature = "tokio")]
impl Clock for TokioClock {
    type Instant = tokio::time::Instant;

    fn now() -> Self::Instant {
        tokio::time::Instant::now()
    }

    fn since(start: Self::Instant) -> Duration {
        start.elapsed()
    }
}
