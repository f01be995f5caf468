//! `#[retry]` written inside a `macro_rules!` macro that defines functions: the settings arrive
//! as `literal`, `expr`, `path` and `tt` fragments, the names as `ident`s of the macro's caller.

use core::time::Duration;

use reattempt::retry;

use crate::{flaky, is_transient, Calls, Failure, BASE_DELAY};

/// Defines a retried getter per line.
macro_rules! retried_getters {
    ($(
        $(#[$meta:meta])*
        $vis:vis async fn $name:ident(attempts = $attempts:literal, delay = $delay:literal) -> succeeds at $at:expr;
    )*) => {$(
        $(#[$meta])*
        ///
        /// # Errors
        ///
        /// The last failure.
        #[retry(attempts = $attempts, delay = $delay)]
        $vis async fn $name(calls: &Calls) -> Result<u32, Failure> {
            flaky(calls, $at)
        }
    )*};
}

retried_getters! {
    /// Literal settings from the macro's caller.
    pub async fn from_literals(attempts = 3, delay = "1ms") -> succeeds at 3;
    /// Another one.
    pub async fn from_other_literals(attempts = 2, delay = "2ms") -> succeeds at 1;
}

/// Settings as `expr` and `path` fragments, a predicate as a `tt`.
macro_rules! retried_with {
    ($name:ident, $attempts:expr, $delay:path, $when:tt) => {
        /// A blocking function defined by a macro.
        ///
        /// # Errors
        ///
        /// The last failure.
        #[retry(attempts = $attempts, delay = $delay, when = $when)]
        pub fn $name(calls: &Calls) -> Result<u32, Failure> {
            flaky(calls, 2)
        }
    };
}

retried_with!(from_fragments, 3, BASE_DELAY, is_transient);

/// A whole attribute argument list passed through as tokens, and a method.
macro_rules! retried_method {
    ($ty:ident, $($args:tt)*) => {
        impl $ty {
            /// A method defined by a macro.
            ///
            /// # Errors
            ///
            /// The last failure.
            #[retry($($args)*)]
            pub async fn poll(&self) -> Result<u32, Failure> {
                flaky(&self.0, 3)
            }
        }
    };
}

/// A counter whose `poll` method a macro defines.
#[derive(Debug, Default)]
pub struct Poller(pub Calls);

retried_method!(
    Poller,
    attempts = 3,
    delay = "1ms",
    backoff = "linear",
    when = |error| !matches!(*error, Failure::Permanent(_))
);

/// A `Duration` expression as an `expr` fragment.
macro_rules! retried_after {
    ($name:ident, $delay:expr) => {
        /// An async function whose delay a macro computes.
        ///
        /// # Errors
        ///
        /// The last failure.
        #[retry(attempts = 2, delay = $delay)]
        pub async fn $name(calls: &Calls) -> Result<u32, Failure> {
            flaky(calls, 2)
        }
    };
}

retried_after!(from_duration_expr, Duration::from_millis(3));
