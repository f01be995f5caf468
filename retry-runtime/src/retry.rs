use core::marker::PhantomData;
use core::ops::ControlFlow;
use core::time::Duration;

use crate::budget::Unlimited;
use crate::clock::Clock;
use crate::{testing, Budget, Decision, GiveUpReason, Jitter, Policy};

/// Where a call's policy comes from: a type whose constant it is (literal settings, written
/// into the code, so that every computation on it folds), or a reference to one.
pub trait PolicySource {
    /// The policy.
    fn policy(&self) -> &Policy;
}

/// A policy known when the function is compiled: the expansion declares a type for it.
pub trait ConstPolicy {
    /// The policy.
    const POLICY: Policy;
}

impl<T: ConstPolicy> PolicySource for T {
    #[inline]
    fn policy(&self) -> &Policy {
        &Self::POLICY
    }
}

impl PolicySource for &Policy {
    #[inline]
    fn policy(&self) -> &Policy {
        self
    }
}

/// The state of one call of a `#[retry]` function: attempts made, plus what the policy needs
/// and nothing else — the start time only with a clock `C` other than [`Untimed`], the jitter
/// state only with [`Jittered`], the policy's address only when it is decided at run time (a
/// literal policy is a zero-sized type `S`) — so the future of a plain policy stays small.
///
/// [`Untimed`]: crate::clock::Untimed
#[derive(Debug)]
pub struct Retry<S, C: Clock, J: JitterState> {
    source: S,
    failed_attempts: u32,
    started: C::Instant,
    jitter: J,
    clock: PhantomData<fn() -> C>,
}

impl<S: PolicySource, C: Clock, J: JitterState> Retry<S, C, J> {
    /// Starts a call; reads the clock `C` (which [`Untimed`](crate::clock::Untimed) does not).
    #[inline]
    #[must_use]
    pub fn start(source: S) -> Self {
        let started = C::start(source.policy());
        Self { source, failed_attempts: 0, started, jitter: J::default(), clock: PhantomData }
    }

    #[inline]
    fn policy(&self) -> &Policy {
        self.source.policy()
    }

    /// Records one finished attempt and decides: `Break` returns its outcome (and says why),
    /// `Continue` carries the wait before the next attempt.
    ///
    /// Always inlined, so that the success path is one comparison wherever the call is; the
    /// failure path is a function of its own, which the compiler inlines (and folds for a
    /// literal policy) or not, without weighing on the success path.
    #[allow(clippy::inline_always, reason = "the success path must cost what a hand loop's match costs")]
    #[inline(always)]
    pub fn next(&mut self, decision: Decision) -> ControlFlow<Stop, Duration> {
        self.next_with(decision, &Unlimited)
    }

    /// [`next`](Self::next) under a retry budget: a final outcome deposits, and a retry that
    /// would otherwise happen withdraws first (refused: the call gives up).
    #[allow(clippy::inline_always, reason = "the success path must cost what a hand loop's match costs")]
    #[inline(always)]
    pub fn next_with<B: Budget + ?Sized>(
        &mut self,
        decision: Decision,
        budget: &B,
    ) -> ControlFlow<Stop, Duration> {
        // The success path leaves the state untouched: nothing reads it after a return.
        let hint = match decision {
            Decision::Return => {
                budget.deposit();
                return ControlFlow::Break(Stop::Final);
            }
            Decision::Retry => None,
            Decision::RetryAfter(hint) => Some(hint),
        };
        self.failed(hint, budget)
    }

    /// A failed attempt: count it, and end the call or schedule the next attempt.
    #[inline]
    fn failed<B: Budget + ?Sized>(
        &mut self,
        hint: Option<Duration>,
        budget: &B,
    ) -> ControlFlow<Stop, Duration> {
        self.failed_attempts = self.failed_attempts.saturating_add(1);
        if self.failed_attempts >= self.policy().max_attempts().min(testing::attempt_limit()) {
            return ControlFlow::Break(Stop::GaveUp(GiveUpReason::AttemptsUsedUp));
        }
        let next = self.schedule(hint);
        // The budget is asked only for a retry that would otherwise happen.
        if next.is_continue() && !budget.withdraw() {
            return ControlFlow::Break(Stop::GaveUp(GiveUpReason::BudgetExhausted));
        }
        next
    }

    /// The wait before the next attempt, or `Break` when the hint or the budget forbid one.
    #[inline]
    fn schedule(&mut self, hint: Option<Duration>) -> ControlFlow<Stop, Duration> {
        // Without jitter the wait is the backoff's, which the compiler folds to a constant for a
        // literal policy; jitter draws a number and remembers the wait.
        let mut wait = match self.policy().jitter_kind() {
            Jitter::None => self.policy().backoff_wait(self.failed_attempts),
            _ => {
                let random = self.jitter.draw();
                let wait = self.policy().wait(self.failed_attempts, self.jitter.previous_wait(), random);
                self.jitter.remember(wait);
                wait
            }
        };
        if let Some(hint) = hint {
            if hint > self.policy().hint_cap() {
                return ControlFlow::Break(Stop::GaveUp(GiveUpReason::RetryAfterTooLong));
            }
            wait = wait.max(hint);
        }
        if let Some(budget) = self.policy().elapsed_budget() {
            if self.elapsed().saturating_add(wait) > budget {
                return ControlFlow::Break(Stop::GaveUp(GiveUpReason::OutOfTime));
            }
        }
        ControlFlow::Continue(wait)
    }

    /// Attempts made so far that did not end the call.
    #[must_use]
    pub fn failed_attempts(&self) -> u32 {
        self.failed_attempts
    }

    /// The 1-based number of the attempt about to run (`attempt = n` in the attribute).
    #[inline]
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.failed_attempts.saturating_add(1)
    }

    /// Time since the call started; zero with the [`Untimed`](crate::clock::Untimed) clock.
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        C::since(self.started)
    }
}

/// What jitter needs between retries: random numbers, and the previous wait for
/// decorrelated jitter.
pub trait JitterState: Default {
    /// A uniformly distributed number.
    fn draw(&mut self) -> u64;
    /// The wait before the previous retry (zero before the first).
    fn previous_wait(&self) -> Duration;
    /// Records the wait just chosen.
    fn remember(&mut self, wait: Duration);
}

/// For policies without jitter: no state, no draws.
#[derive(Debug, Default)]
pub struct Unjittered;

impl JitterState for Unjittered {
    /// Never used by a policy without jitter; a mid-range value keeps any other use sensible.
    #[inline]
    fn draw(&mut self) -> u64 {
        u64::MAX / 2
    }

    #[inline]
    fn previous_wait(&self) -> Duration {
        Duration::ZERO
    }

    #[inline]
    fn remember(&mut self, _: Duration) {}
}

/// For policies with jitter: the previous wait. Draws come from `fastrand`'s generator of the
/// current thread, seeded once per thread: the call's future holds no generator, and a call
/// pays for no seeding (BENCHMARKS.md, "Random numbers", compares it with a generator per call).
#[derive(Debug, Default)]
pub struct Jittered {
    previous_wait_nanos: u64,
}

impl JitterState for Jittered {
    #[inline]
    fn draw(&mut self) -> u64 {
        fastrand::u64(..)
    }

    fn previous_wait(&self) -> Duration {
        Duration::from_nanos(self.previous_wait_nanos)
    }

    fn remember(&mut self, wait: Duration) {
        // Waits past 2^64 ns (584 years) are as good as forever.
        self.previous_wait_nanos = u64::try_from(wait.as_nanos()).unwrap_or(u64::MAX);
    }
}

/// Why a call returned its last outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The outcome is final: an `Ok`, or an error that is not retried.
    Final,
    /// A failure it would have retried, but no further attempt may be made.
    GaveUp(GiveUpReason),
}

impl Stop {
    /// Why the call gave up on a failure it would have retried, if it did.
    #[must_use]
    pub const fn gave_up(self) -> Option<GiveUpReason> {
        match self {
            Self::Final => None,
            Self::GaveUp(reason) => Some(reason),
        }
    }
}
