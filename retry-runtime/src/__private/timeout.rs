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

/// Runs one attempt against a timer: a late attempt is dropped and becomes `Err(Elapsed)`. The
/// timer's output is ignored, as [`custom_sleep`](super::custom_sleep)'s is.
///
/// The attempt is polled first, so one that finishes as the timer fires still counts. The timer
/// is created when the attempt first waits, so an attempt that completes on its first poll
/// never touches it. Both futures live in this future's state: nothing is allocated.
///
/// The expansion turns `Err(Elapsed)` into the function's error with [`into_outcome`], after
/// the `.await`: a bound on the error type here would be checked again wherever this future's
/// type is (as when `#[async_trait]` boxes it), repeating the error without its message.
///
/// # Errors
/// [`Elapsed`] when the timer fires first.
pub async fn timeout<R, S: Future>(
    limit: Duration,
    sleep: impl FnOnce(Duration) -> S,
    attempt: impl Future<Output = R>,
) -> Result<R, Elapsed> {
    let mut attempt = pin!(attempt);
    let mut sleep = Some(sleep);
    let mut timer = pin!(None);
    poll_fn(|context| {
        if let Poll::Ready(outcome) = attempt.as_mut().poll(context) {
            return Poll::Ready(Ok(outcome));
        }
        if let Some(sleep) = sleep.take() {
            timer.set(Some(sleep(limit)));
        }
        match timer.as_mut().as_pin_mut().map(|timer| timer.poll(context)) {
            Some(Poll::Ready(_)) => Poll::Ready(Err(Elapsed::new(limit))),
            Some(Poll::Pending) | None => Poll::Pending,
        }
    })
    .await
}

/// The outcome of a timed attempt, a late one as `E::from(elapsed)`: the one place
/// `E: FromElapsed` is required, so a missing `From<Elapsed>` is one error, spanned on the
/// `timeout` value.
///
/// # Errors
/// The attempt's own error, or `E::from(elapsed)` for a late attempt.
#[inline]
pub fn into_outcome<T, E: FromElapsed>(timed: Result<Result<T, E>, Elapsed>) -> Result<T, E> {
    timed.unwrap_or_else(|elapsed| Err(E::from_elapsed(elapsed)))
}
