use core::time::Duration;

/// A source of monotonic time for `max_elapsed` and [`RetryEvent::elapsed`](crate::RetryEvent::elapsed).
pub trait Clock {
    /// A point in time.
    type Instant: Copy;
    /// The current time.
    fn now() -> Self::Instant;
    /// Time since `start`, zero if the clock went backwards.
    fn since(start: Self::Instant) -> Duration;
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
