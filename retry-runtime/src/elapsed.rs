use core::fmt;
use core::time::Duration;

/// The error of an attempt that ran past `#[retry(timeout = ...)]`.
///
/// A `#[retry]` function with `timeout` needs an error type that implements
/// `From<Elapsed>`; `std::io::Error` does (as [`ErrorKind::TimedOut`](std::io::ErrorKind::TimedOut)),
/// so `timeout` works on `io::Result` functions as they are.
///
/// ```
/// use reattempt::{retry, Elapsed};
///
/// #[derive(Debug)]
/// enum FetchError { TimedOut(Elapsed), Refused }
///
/// impl From<Elapsed> for FetchError {
///     fn from(elapsed: Elapsed) -> Self { Self::TimedOut(elapsed) }
/// }
///
/// #[retry(attempts = 2, delay = "0s", timeout = "50ms")]
/// async fn fetch() -> Result<(), FetchError> {
///     tokio::time::sleep(std::time::Duration::from_secs(60)).await; // hangs
///     Err(FetchError::Refused)
/// }
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// match fetch().await {
///     Err(FetchError::TimedOut(elapsed)) => assert_eq!(elapsed.to_string(), "attempt timed out after 50ms"),
///     other => panic!("{other:?}"),
/// }
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Elapsed {
    limit: Duration,
}

impl Elapsed {
    /// An attempt that ran past `limit`.
    #[must_use]
    pub const fn new(limit: Duration) -> Self {
        Self { limit }
    }

    /// The per-attempt limit that was exceeded.
    #[must_use]
    pub const fn limit(&self) -> Duration {
        self.limit
    }
}

impl fmt::Display for Elapsed {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "attempt timed out after {:?}", self.limit)
    }
}

impl std::error::Error for Elapsed {}

impl From<Elapsed> for std::io::Error {
    fn from(elapsed: Elapsed) -> Self {
        Self::new(std::io::ErrorKind::TimedOut, elapsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_a_timed_out_io_error() {
        let error = std::io::Error::from(Elapsed::new(Duration::from_secs(5)));
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert_eq!(error.to_string(), "attempt timed out after 5s");
        let inner = error.get_ref().and_then(|inner| inner.downcast_ref::<Elapsed>());
        assert_eq!(inner.map(Elapsed::limit), Some(Duration::from_secs(5)));
    }
}
