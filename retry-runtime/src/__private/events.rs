//! `trace!(function, &retry, &flow, result)`: the `tracing` events of a call, written into the
//! expansion whatever the features and expanded by this crate's own feature `tracing`: to the
//! event when it is on, to nothing when it is off (no code, no bound, no cost).

/// With feature `tracing`: one event per retry and one when the call gives up. The error is
/// described by `Debug` when its type has it, found by method resolution at the concrete type,
/// so no bound is added to the function.
#[cfg(feature = "tracing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __reattempt_trace {
    ($function:expr, $retry:expr, $flow:expr, $result:expr $(,)?) => {
        $crate::__private::trace::event($function, $retry, $flow, {
            use $crate::__private::trace::{ViaDebug as _, ViaTypeName as _};
            (&$crate::__private::trace::Describe($result)).__reattempt_describe()
        })
    };
}

/// Without feature `tracing`: nothing.
#[cfg(not(feature = "tracing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __reattempt_trace {
    ($($ignored:tt)*) => {};
}

pub use crate::__reattempt_trace as trace_events;
