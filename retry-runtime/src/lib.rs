//! Runtime support for [`reattempt`](https://docs.rs/reattempt): everything the `#[retry]`
//! expansion calls, usable on its own too.
//!
//! Depend on the `reattempt` facade rather than on this crate: it re-exports every public item
//! here together with the `#[retry]` attribute, and its version pins this one.
//!
//! ```
//! use std::time::Duration;
//! use reattempt_runtime::{Backoff, Policy};
//!
//! const POLICY: Policy = Policy::new(4)
//!     .delay(Duration::from_millis(100))
//!     .backoff(Backoff::exponential(2.0))
//!     .max_delay(Duration::from_millis(250));
//!
//! let waits: Vec<_> = (1..POLICY.max_attempts()).map(|retry| POLICY.backoff_wait(retry)).collect();
//! assert_eq!(waits, [Duration::from_millis(100), Duration::from_millis(200), Duration::from_millis(250)]);
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod backoff;
mod budget;
mod clock;
mod decision;
mod elapsed;
mod event;
mod give_up;
#[cfg(feature = "reqwest")]
pub mod http;
mod jitter;
mod policy;
#[cfg(feature = "serde")]
mod policy_serde;
mod policy_text;
mod retry;
#[cfg(feature = "tokio")]
mod sleep;
pub mod testing;
mod transient;

pub use backoff::Backoff;
pub use budget::{Budget, TokenBucket};
pub use decision::Decision;
pub use elapsed::Elapsed;
pub use event::RetryEvent;
pub use give_up::{GiveUpEvent, GiveUpReason};
pub use jitter::Jitter;
pub use policy::Policy;
pub use policy_text::PolicyError;
#[cfg(feature = "tokio")]
pub use sleep::sleep;
pub use transient::{transient, Transient};

/// Items the `#[retry]` expansion names. Not a public API: they change without notice.
#[doc(hidden)]
pub mod __private;
/// The schedule's rules, shared with the `#[retry]` macro. Not a public API.
#[doc(hidden)]
pub mod __rules;
