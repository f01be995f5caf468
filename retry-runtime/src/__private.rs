//! Items the `#[retry]` expansion names. Not a public API: they change without notice.
//!
//! The call's state machine (`Retry`) and clocks live in their own modules; everything here
//! exists only for the expansion: the calls it makes around each attempt, the compile-time
//! checks of `const` settings, and the `timeout` race.

mod attempt;
mod checks;
mod cooperate;
mod events;
mod hooks;
mod outcome;
mod policy;
mod timeout;
mod timer;
#[cfg(feature = "tracing")]
pub mod trace;

pub use attempt::{custom_sleep, custom_sleep_blocking, needs_timer, run_attempt, sleep_blocking};
pub use checks::{checked_attempts, checked_cap, checked_factor};
pub use cooperate::{cooperate, yield_now, YieldNow};
pub use events::trace_events;
pub use hooks::{classify, decide, give_up, notify, when};
pub use outcome::{block_result, BlockOutput, Outcome, Returns};
pub use policy::{budget_of, policy_in, policy_of, CheckedBudget};
pub use timeout::{into_outcome, timeout, FromElapsed};
pub use timer::{default_timer, AsyncClock};

#[cfg(feature = "tokio")]
pub use crate::clock::TokioClock;
pub use crate::clock::{StdClock, Untimed, WhenBudgeted};
pub use crate::retry::{ConstPolicy, JitterState, Jittered, PolicySource, Retry, Stop, Unjittered};
