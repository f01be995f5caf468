//! Feature `tracing`: one `WARN` event per retry and one when a call gives up, target
//! `reattempt`. The expansion reaches these through `trace_events!`, which is empty without
//! the feature.

use core::fmt;
use core::ops::ControlFlow;
use core::time::Duration;

use crate::clock::Clock;
use crate::retry::{JitterState, PolicySource, Retry, Stop};
use crate::GiveUpReason;

/// An outcome to describe in a log line, without requiring `Debug` of the user's types:
/// `(&Describe(result)).__reattempt_describe()` picks [`ViaDebug`] when the error type is `Debug` and
/// falls back to [`ViaTypeName`] otherwise (method resolution tries `Describe` before `&Describe`).
pub struct Describe<'a, T, E>(pub &'a Result<T, E>);

/// How a failed outcome reads in a log.
#[derive(Clone, Copy)]
pub enum Described<'a> {
    /// The error, by its `Debug`.
    Error(&'a dyn fmt::Debug),
    /// An `Ok` value that `classify` asked to retry.
    RetriedOk,
    /// An error whose type is not `Debug`: its type name.
    Opaque(&'static str),
}

impl fmt::Debug for Described<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Error(error) => error.fmt(formatter),
            Self::RetriedOk => formatter.write_str("Ok(..) retried by classify"),
            Self::Opaque(type_name) => write!(formatter, "<{type_name}>"),
        }
    }
}

/// Chosen when the error type is `Debug`.
pub trait ViaDebug<'a> {
    /// The outcome for a log line.
    fn __reattempt_describe(&self) -> Described<'a>;
}

impl<'a, T, E: fmt::Debug> ViaDebug<'a> for Describe<'a, T, E> {
    fn __reattempt_describe(&self) -> Described<'a> {
        match self.0 {
            Ok(_) => Described::RetriedOk,
            Err(error) => Described::Error(error),
        }
    }
}

/// Chosen otherwise.
pub trait ViaTypeName<'a> {
    /// The outcome for a log line.
    fn __reattempt_describe(&self) -> Described<'a>;
}

impl<'a, T, E> ViaTypeName<'a> for &Describe<'a, T, E> {
    fn __reattempt_describe(&self) -> Described<'a> {
        match self.0 {
            Ok(_) => Described::RetriedOk,
            Err(_) => Described::Opaque(core::any::type_name::<E>()),
        }
    }
}

/// After `Retry::next` decided: the event for a retry, or for a call that gives up; nothing for
/// a final outcome (the success path).
#[inline]
pub fn event<S: PolicySource, C: Clock, J: JitterState>(
    function: &'static str,
    retry: &Retry<S, C, J>,
    flow: &ControlFlow<Stop, Duration>,
    error: Described<'_>,
) {
    match *flow {
        ControlFlow::Continue(wait) => retrying(function, retry, wait, error),
        ControlFlow::Break(Stop::GaveUp(reason)) => gave_up(function, retry, reason, error),
        ControlFlow::Break(Stop::Final) => {}
    }
}

/// Before the wait of a retry.
#[cold]
fn retrying<S: PolicySource, C: Clock, J: JitterState>(
    function: &'static str,
    retry: &Retry<S, C, J>,
    wait: Duration,
    error: Described<'_>,
) {
    tracing::warn!(
        target: "reattempt",
        function,
        attempt = retry.failed_attempts(),
        ?wait,
        ?error,
        "attempt failed; retrying",
    );
}

/// When a call returns a failure it would have retried.
#[cold]
fn gave_up<S: PolicySource, C: Clock, J: JitterState>(
    function: &'static str,
    retry: &Retry<S, C, J>,
    reason: GiveUpReason,
    error: Described<'_>,
) {
    tracing::warn!(
        target: "reattempt",
        function,
        attempts = retry.failed_attempts(),
        reason = reason.as_str(),
        ?error,
        "giving up",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Opaque;

    #[test]
    #[allow(clippy::needless_borrow)] // the borrow is what lets a non-`Debug` type fall back
    fn describes_debug_errors_by_debug_and_others_by_type_name() {
        let debug: Result<(), &str> = Err("reset");
        assert_eq!(format!("{:?}", (&Describe(&debug)).__reattempt_describe()), "\"reset\"");
        let opaque: Result<(), Opaque> = Err(Opaque);
        assert_eq!(
            format!("{:?}", (&Describe(&opaque)).__reattempt_describe()),
            "<reattempt_runtime::__private::trace::tests::Opaque>"
        );
        let retried: Result<u8, Opaque> = Ok(0);
        assert_eq!(
            format!("{:?}", (&Describe(&retried)).__reattempt_describe()),
            "Ok(..) retried by classify"
        );
    }
}
