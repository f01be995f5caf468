//! How the expansion calls the classification and the hooks: one function per key, each
//! spanned on the user's expression so a type error is reported there.

use core::time::Duration;

use crate::clock::Clock;
use crate::retry::{JitterState, PolicySource, Retry};
use crate::{Decision, GiveUpEvent, GiveUpReason, RetryEvent};

/// The default classification: retry every `Err`, return every `Ok`.
#[inline]
pub fn decide<T, E>(outcome: &Result<T, E>) -> Decision {
    match outcome {
        Ok(_) => Decision::Return,
        Err(_) => Decision::Retry,
    }
}

/// `when = ...`: retry the errors `accept` accepts.
#[inline]
pub fn when<T, E>(outcome: &Result<T, E>, accept: impl Fn(&E) -> bool) -> Decision {
    match outcome {
        Err(error) if accept(error) => Decision::Retry,
        _ => Decision::Return,
    }
}

/// `classify = ...`: the user decides on the whole outcome.
#[inline]
pub fn classify<T, E>(outcome: &Result<T, E>, classify: impl Fn(&Result<T, E>) -> Decision) -> Decision {
    classify(outcome)
}

/// `on_retry = ...`: tells the hook about the failed attempt and the coming wait.
#[inline]
pub fn notify<S: PolicySource, C: Clock, J: JitterState, T, E>(
    retry: &Retry<S, C, J>,
    outcome: &Result<T, E>,
    wait: Duration,
    hook: impl Fn(&RetryEvent<'_, T, E>),
) {
    hook(&RetryEvent::new(outcome, retry.failed_attempts(), wait, retry.elapsed()));
}

/// `on_give_up = ...`: tells the hook why the call returns a failure it would have retried.
#[inline]
pub fn give_up<S: PolicySource, C: Clock, J: JitterState, T, E>(
    retry: &Retry<S, C, J>,
    outcome: &Result<T, E>,
    reason: GiveUpReason,
    hook: impl Fn(&GiveUpEvent<'_, T, E>),
) {
    hook(&GiveUpEvent::new(outcome, retry.failed_attempts(), retry.elapsed(), reason));
}
