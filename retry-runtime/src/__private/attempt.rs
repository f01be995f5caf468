//! Running one attempt and waiting before the next.

use core::time::Duration;

/// Whether a wait needs the timer: it is not zero, and no `testing::skip_waits` guard lives on
/// this thread (read only then, on the retry path). By value: borrowing the wait
/// (`wait.is_zero()`) would make the compiler keep it in the future across the sleep.
#[inline]
#[must_use]
pub fn needs_timer(wait: Duration) -> bool {
    !wait.is_zero() && !crate::testing::waits_skipped()
}

/// One attempt of a blocking function: the body runs in a closure so that `return` and `?`
/// end the attempt, not the function.
#[inline]
pub fn run_attempt<R>(attempt: impl FnOnce() -> R) -> R {
    attempt()
}

/// `sleep = ...` on an `async fn`: the user's timer, called through a signature that names what
/// it must be. Its output is ignored (the expansion discards it): `async_io::Timer::after` and
/// `smol::Timer::after` yield the `Instant` they fired at.
#[inline]
pub fn custom_sleep<S: core::future::Future>(sleep: impl FnOnce(Duration) -> S, wait: Duration) -> S {
    sleep(wait)
}

/// `sleep = ...` on a plain `fn`: the user's blocking wait, a `fn(Duration)`.
#[inline]
pub fn custom_sleep_blocking(sleep: impl FnOnce(Duration), wait: Duration) {
    sleep(wait);
}

/// The timer of blocking functions.
#[inline]
pub fn sleep_blocking(wait: Duration) {
    std::thread::sleep(wait);
}
