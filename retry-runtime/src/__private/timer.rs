//! The default timer of an `async fn` and its clock, chosen by this crate's own features: the
//! expansion names these items whatever the features, so that it never depends on the macro
//! crate's features (a crate that turns on `tokio` here through another path gets tokio's timer).

/// `default_timer!()`: the path of the timer an `async fn` waits with when `sleep = ...` is not
/// given, as a function `fn(Duration) -> impl Future`; without one, the error that says how to
/// get one, at the function the expansion spans it on.
#[cfg(feature = "tokio")]
#[doc(hidden)]
#[macro_export]
macro_rules! __reattempt_default_timer {
    () => {
        $crate::sleep
    };
}

/// `default_timer!()` without a timer: the error that says how to get one.
#[cfg(not(feature = "tokio"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __reattempt_default_timer {
    () => {
        ::core::compile_error!(
            "this `async fn` has no timer to wait between attempts: enable the `tokio` feature of \
             `reattempt` (on by default), or name your runtime's timer with `sleep = path::to::sleep`"
        )
    };
}

pub use crate::__reattempt_default_timer as default_timer;

/// The clock of an `async fn` that waits with the default timer: the timer's own, so that a
/// paused clock in tests moves both.
#[cfg(feature = "tokio")]
pub type AsyncClock = crate::clock::TokioClock;

/// Without a default timer the call does not compile (see `default_timer!`); the clock is
/// named all the same, so that that error is the only one.
#[cfg(not(feature = "tokio"))]
pub type AsyncClock = crate::clock::StdClock;
