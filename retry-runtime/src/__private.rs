//! Items the `#[retry]` expansion names. Not a public API: they change without notice.

#[cfg(feature = "tokio")]
pub use crate::clock::TokioClock;
pub use crate::clock::{StdClock, Untimed};
#[cfg(feature = "tokio")]
pub use crate::cooperate::cooperate;
pub use crate::cooperate::yield_now;
pub use crate::outcome::{as_result, Outcome};
pub use crate::policy::{checked_attempts, checked_cap, checked_factor};
pub use crate::retry::{
    classify, custom_sleep, decide, is_nonzero, notify, run_attempt, sleep_blocking, when, JitterState,
    Jittered, Retry, Stop, Unjittered,
};
pub use crate::timeout::{into_outcome, timeout, FromElapsed};
#[cfg(feature = "tracing")]
pub mod trace;
