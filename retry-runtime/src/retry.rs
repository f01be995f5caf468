use core::marker::PhantomData;
use core::ops::ControlFlow;
use core::time::Duration;

use crate::clock::Clock;
use crate::random::Random;
use crate::{Decision, Jitter, Policy, RetryEvent};

/// The state of one call of a `#[retry]` function: attempts made, the previous wait, the start
/// time when something needs it, and the jitter generator.
#[derive(Debug)]
pub struct Retry<'p, C: Clock> {
    policy: &'p Policy,
    failed_attempts: u32,
    previous_wait: Duration,
    random: Random,
    started: Option<C::Instant>,
    clock: PhantomData<fn() -> C>,
}

impl<'p, C: Clock> Retry<'p, C> {
    /// Starts a call; reads the clock only when the policy has a time budget.
    #[inline]
    #[must_use]
    pub fn start(policy: &'p Policy) -> Self {
        Self::with_start(policy, policy.elapsed_budget().map(|_| C::now()))
    }

    /// Starts a call and reads the clock, for hooks that report the elapsed time.
    #[inline]
    #[must_use]
    pub fn start_timed(policy: &'p Policy) -> Self {
        Self::with_start(policy, Some(C::now()))
    }

    #[inline]
    fn with_start(policy: &'p Policy, started: Option<C::Instant>) -> Self {
        Self {
            policy,
            failed_attempts: 0,
            previous_wait: Duration::ZERO,
            random: Random::unseeded(),
            started,
            clock: PhantomData,
        }
    }

    /// Records one finished attempt and decides: `Break` returns its outcome (and says why),
    /// `Continue` carries the wait before the next attempt.
    #[inline]
    pub fn next(&mut self, decision: Decision) -> ControlFlow<Stop, Duration> {
        self.failed_attempts = self.failed_attempts.saturating_add(1);
        let hint = match decision {
            Decision::Return => return ControlFlow::Break(Stop::Final),
            Decision::Retry => None,
            Decision::RetryAfter(hint) => Some(hint),
        };
        if self.failed_attempts >= self.policy.max_attempts() {
            return ControlFlow::Break(Stop::AttemptsUsedUp);
        }
        self.schedule(hint)
    }

    /// The wait before the next attempt, or `Break` when the hint or the budget forbid one.
    #[cold]
    fn schedule(&mut self, hint: Option<Duration>) -> ControlFlow<Stop, Duration> {
        let random = match self.policy.jitter_kind() {
            Jitter::None => 0,
            _ => self.random.next_u64(),
        };
        let mut wait = self.policy.wait(self.failed_attempts, self.previous_wait, random);
        self.previous_wait = wait;
        if let Some(hint) = hint {
            if hint > self.policy.hint_cap() {
                return ControlFlow::Break(Stop::HintTooLong);
            }
            wait = wait.max(hint);
        }
        if let Some(budget) = self.policy.elapsed_budget() {
            if self.elapsed().saturating_add(wait) > budget {
                return ControlFlow::Break(Stop::OutOfTime);
            }
        }
        ControlFlow::Continue(wait)
    }

    /// Attempts made so far that did not end the call.
    #[must_use]
    pub fn failed_attempts(&self) -> u32 {
        self.failed_attempts
    }

    /// Time since the call started, zero when the clock was not read at the start.
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        self.started.map_or(Duration::ZERO, C::since)
    }
}

/// Why a call returned its last outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The outcome is final: an `Ok`, or an error that is not retried.
    Final,
    /// A retryable failure, but every attempt is used up.
    AttemptsUsedUp,
    /// A retryable failure, but the next wait would end past `max_elapsed`.
    OutOfTime,
    /// A retryable failure whose `Retry-After` is longer than the cap.
    HintTooLong,
}

impl Stop {
    /// Whether the call gave up on a failure it would have retried.
    #[must_use]
    pub const fn gave_up(self) -> bool {
        !matches!(self, Self::Final)
    }

    /// A short reason, for logs.
    #[must_use]
    pub const fn reason(self) -> &'static str {
        match self {
            Self::Final => "final outcome",
            Self::AttemptsUsedUp => "attempts used up",
            Self::OutOfTime => "max_elapsed reached",
            Self::HintTooLong => "Retry-After longer than max_delay",
        }
    }
}

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
pub fn notify<C: Clock, T, E>(
    retry: &Retry<'_, C>,
    outcome: &Result<T, E>,
    wait: Duration,
    hook: impl Fn(&RetryEvent<'_, T, E>),
) {
    hook(&RetryEvent::new(outcome, retry.failed_attempts(), wait, retry.elapsed()));
}

/// One attempt of a blocking function: the body runs in a closure so that `return` and `?`
/// end the attempt, not the function.
#[inline]
pub fn run_attempt<R>(attempt: impl FnOnce() -> R) -> R {
    attempt()
}

/// `sleep = ...`: the user's timer, called through a signature that names what it must be.
#[inline]
pub fn custom_sleep<S: core::future::Future<Output = ()>>(
    sleep: impl FnOnce(Duration) -> S,
    wait: Duration,
) -> S {
    sleep(wait)
}

/// The timer of blocking functions.
#[inline]
pub fn sleep_blocking(wait: Duration) {
    std::thread::sleep(wait);
}
