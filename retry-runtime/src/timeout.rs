use core::future::{poll_fn, Future};
use core::pin::pin;
use core::task::Poll;
use core::time::Duration;

use crate::Elapsed;

/// An error type that a timed-out attempt can become.
#[diagnostic::on_unimplemented(
    message = "`#[retry(timeout = ...)]` needs an error type that implements `From<reattempt::Elapsed>`; `{Self}` does not",
    label = "a late attempt must become an error of this function's type",
    note = "add `impl From<reattempt::Elapsed> for {Self}`, or return `std::io::Result<T>`: `std::io::Error` implements it"
)]
pub trait FromElapsed {
    /// The error for an attempt that ran past its limit.
    fn from_elapsed(elapsed: Elapsed) -> Self;
}

impl<E: From<Elapsed>> FromElapsed for E {
    #[inline]
    fn from_elapsed(elapsed: Elapsed) -> Self {
        Self::from(elapsed)
    }
}

/// Runs one attempt against a timer: a late attempt is dropped and becomes `E::from(Elapsed)`.
///
/// The attempt is polled first, so one that finishes as the timer fires still counts. The timer
/// is created when the attempt first waits, so an attempt that completes on its first poll
/// never touches it. Both futures live in this future's state: nothing is allocated.
///
/// # Errors
/// The attempt's own error, or `E::from(Elapsed)` when the timer fires first.
pub async fn timeout<T, E: FromElapsed, S: Future<Output = ()>>(
    limit: Duration,
    sleep: impl FnOnce(Duration) -> S,
    attempt: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let mut attempt = pin!(attempt);
    let mut sleep = Some(sleep);
    let mut timer = pin!(None);
    poll_fn(|context| {
        if let Poll::Ready(outcome) = attempt.as_mut().poll(context) {
            return Poll::Ready(outcome);
        }
        if let Some(sleep) = sleep.take() {
            timer.set(Some(sleep(limit)));
        }
        match timer.as_mut().as_pin_mut().map(|timer| timer.poll(context)) {
            Some(Poll::Ready(())) => Poll::Ready(Err(E::from_elapsed(Elapsed::new(limit)))),
            Some(Poll::Pending) | None => Poll::Pending,
        }
    })
    .await
}
