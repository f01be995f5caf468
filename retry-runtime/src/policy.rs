use core::time::Duration;

use crate::jitter::uniform;
use crate::{Backoff, Jitter};

/// The longest `Retry-After` hint honoured when no `max_delay` is set.
const DEFAULT_HINT_CAP: Duration = Duration::from_secs(5 * 60);

/// A retry schedule: how many attempts, how long to wait between them, and for how long in all.
///
/// This is what `#[retry(...)]` builds from its arguments, as a constant. Every method is a
/// `const fn`, and all arithmetic saturates: no input makes a policy panic or overflow.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{Backoff, Jitter, Policy};
///
/// const POLICY: Policy = Policy::new(5)
///     .delay(Duration::from_millis(200))
///     .backoff(Backoff::exponential(3.0))
///     .max_delay(Duration::from_secs(2))
///     .jitter(Jitter::Equal)
///     .max_elapsed(Duration::from_secs(10));
///
/// assert_eq!(POLICY.backoff_wait(1), Duration::from_millis(200));
/// assert_eq!(POLICY.backoff_wait(3), Duration::from_millis(1_800));
/// assert_eq!(POLICY.backoff_wait(4), Duration::from_secs(2)); // capped
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    attempts: u32,
    delay: Duration,
    backoff: Backoff,
    max_delay: Option<Duration>,
    jitter: Jitter,
    max_elapsed: Option<Duration>,
}

impl Default for Policy {
    /// The attribute's defaults: 3 attempts, 100 ms apart, no jitter, no caps.
    fn default() -> Self {
        Self::new(3)
    }
}

impl Policy {
    /// `attempts` calls in all (the first one included; 0 behaves as 1), 100 ms apart.
    #[must_use]
    pub const fn new(attempts: u32) -> Self {
        Self {
            attempts,
            delay: crate::__rules::DEFAULT_DELAY,
            backoff: Backoff::Fixed,
            max_delay: None,
            jitter: Jitter::None,
            max_elapsed: None,
        }
    }

    /// The wait before the first retry, and the unit the backoff grows from.
    #[must_use]
    pub const fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// How the wait grows from one retry to the next.
    #[must_use]
    pub const fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// A cap on any single backoff wait. A longer `Retry-After` hint ends the retries.
    #[must_use]
    pub const fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = Some(max_delay);
        self
    }

    /// Randomness applied to each capped wait.
    #[must_use]
    pub const fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// A budget for the whole call, from its first poll: no retry starts whose wait would end
    /// past it (ending exactly on it is allowed).
    #[must_use]
    pub const fn max_elapsed(mut self, max_elapsed: Duration) -> Self {
        self.max_elapsed = Some(max_elapsed);
        self
    }

    /// The number of attempts, the first included.
    #[inline]
    #[must_use]
    pub const fn max_attempts(&self) -> u32 {
        self.attempts
    }

    /// The wait before the first retry.
    #[inline]
    #[must_use]
    pub const fn initial_delay(&self) -> Duration {
        self.delay
    }

    /// The backoff kind.
    #[inline]
    #[must_use]
    pub const fn backoff_kind(&self) -> Backoff {
        self.backoff
    }

    /// The cap on a single wait, if any.
    #[inline]
    #[must_use]
    pub const fn delay_cap(&self) -> Option<Duration> {
        self.max_delay
    }

    /// The jitter kind.
    #[inline]
    #[must_use]
    pub const fn jitter_kind(&self) -> Jitter {
        self.jitter
    }

    /// The time budget of a whole call, if any.
    #[inline]
    #[must_use]
    pub const fn elapsed_budget(&self) -> Option<Duration> {
        self.max_elapsed
    }

    /// The longest `Retry-After` hint that is honoured: `max_delay`, or 5 minutes when unset.
    #[inline]
    #[must_use]
    pub const fn hint_cap(&self) -> Duration {
        match self.max_delay {
            Some(cap) => cap,
            None => DEFAULT_HINT_CAP,
        }
    }

    /// The wait before retry `retry` (1-based), capped at `max_delay`, before jitter.
    ///
    /// ```
    /// use std::time::Duration;
    /// use reattempt::{Backoff, Policy};
    ///
    /// let policy = Policy::new(10).delay(Duration::from_secs(1)).backoff(Backoff::Linear);
    /// assert_eq!(policy.backoff_wait(4), Duration::from_secs(4));
    /// assert_eq!(policy.max_delay(Duration::from_secs(3)).backoff_wait(4), Duration::from_secs(3));
    /// ```
    #[inline]
    #[must_use]
    pub const fn backoff_wait(&self, retry: u32) -> Duration {
        let wait = self.backoff.wait(self.delay, retry);
        match self.max_delay {
            Some(cap) => shorter(wait, cap),
            None => wait,
        }
    }

    /// The wait before retry `retry` (1-based) with jitter applied, given the previous wait
    /// (used by [`Jitter::Decorrelated`]; pass `Duration::ZERO` before the first retry) and a
    /// uniformly distributed `random` number (ignored by [`Jitter::None`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use reattempt::{Jitter, Policy};
    ///
    /// let policy = Policy::new(3).delay(Duration::from_secs(2)).jitter(Jitter::Equal);
    /// assert_eq!(policy.wait(1, Duration::ZERO, 0), Duration::from_secs(1));
    /// assert_eq!(policy.wait(1, Duration::ZERO, u64::MAX), Duration::from_secs(2));
    /// ```
    #[inline]
    #[must_use]
    pub const fn wait(&self, retry: u32, previous: Duration, random: u64) -> Duration {
        match self.jitter {
            Jitter::None => self.backoff_wait(retry),
            Jitter::Full => uniform(Duration::ZERO, self.backoff_wait(retry), random),
            Jitter::Equal => {
                let wait = self.backoff_wait(retry);
                // Rounding the lower bound up keeps every draw within [w/2, w].
                let half_down = match wait.checked_div(2) {
                    Some(half) => half,
                    None => Duration::ZERO,
                };
                uniform(wait.saturating_sub(half_down), wait, random)
            }
            Jitter::Decorrelated => {
                let previous = longer(previous, self.delay);
                let wait = uniform(self.delay, previous.saturating_mul(3), random);
                match self.max_delay {
                    Some(cap) => shorter(wait, cap),
                    None => wait,
                }
            }
        }
    }
}

const fn shorter(a: Duration, b: Duration) -> Duration {
    if a.as_nanos() <= b.as_nanos() {
        a
    } else {
        b
    }
}

const fn longer(a: Duration, b: Duration) -> Duration {
    if a.as_nanos() >= b.as_nanos() {
        a
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn draws(policy: Policy, retry: u32, count: u32) -> Vec<Duration> {
        let mut random = fastrand::Rng::with_seed(0x00C0_FFEE);
        (0..count).map(|_| policy.wait(retry, policy.initial_delay(), random.u64(..))).collect()
    }

    fn mean_secs(waits: &[Duration]) -> f64 {
        waits.iter().map(Duration::as_secs_f64).sum::<f64>() / f64::from(u32::try_from(waits.len()).unwrap())
    }

    #[test]
    fn defaults_match_the_attribute_defaults() {
        let policy = Policy::default();
        assert_eq!(policy.max_attempts(), 3);
        assert_eq!(policy.initial_delay(), Duration::from_millis(100));
        assert_eq!(policy.backoff_kind(), Backoff::Fixed);
        assert_eq!(policy.jitter_kind(), Jitter::None);
        assert_eq!(policy.delay_cap(), None);
        assert_eq!(policy.elapsed_budget(), None);
        assert_eq!(policy.hint_cap(), Duration::from_secs(300));
    }

    #[test]
    fn cap_applies_before_jitter() {
        let policy = Policy::new(10).delay(SECOND).backoff(Backoff::exponential(2.0)).max_delay(SECOND * 5);
        assert_eq!(policy.backoff_wait(3), SECOND * 4);
        assert_eq!(policy.backoff_wait(4), SECOND * 5);
        assert_eq!(policy.backoff_wait(u32::MAX), SECOND * 5);
        let full = policy.jitter(Jitter::Full);
        assert_eq!(full.wait(9, Duration::ZERO, u64::MAX), SECOND * 5);
    }

    #[test]
    fn full_jitter_stays_in_bounds_with_the_expected_mean() {
        let waits = draws(Policy::new(3).delay(SECOND * 2).jitter(Jitter::Full), 1, 2_000);
        assert!(waits.iter().all(|wait| *wait <= SECOND * 2));
        let mean = mean_secs(&waits);
        assert!((mean - 1.0).abs() < 0.05, "mean {mean}");
    }

    #[test]
    fn equal_jitter_stays_in_bounds_with_the_expected_mean() {
        let waits = draws(Policy::new(3).delay(SECOND * 2).jitter(Jitter::Equal), 1, 2_000);
        assert!(waits.iter().all(|wait| (SECOND..=SECOND * 2).contains(wait)));
        let mean = mean_secs(&waits);
        assert!((mean - 1.5).abs() < 0.05, "mean {mean}");
    }

    #[test]
    fn decorrelated_jitter_stays_between_delay_and_three_times_the_previous_wait() {
        let policy = Policy::new(3).delay(SECOND).jitter(Jitter::Decorrelated).max_delay(SECOND * 100);
        let mut random = fastrand::Rng::with_seed(9);
        let previous = SECOND * 4;
        let waits: Vec<_> = (0..2_000).map(|_| policy.wait(2, previous, random.u64(..))).collect();
        assert!(waits.iter().all(|wait| (SECOND..=SECOND * 12).contains(wait)));
        let mean = mean_secs(&waits);
        assert!((mean - 6.5).abs() < 0.25, "mean {mean}");
        let capped = policy.max_delay(SECOND * 3);
        assert!((0..1_000).all(|_| capped.wait(2, previous, random.u64(..)) <= SECOND * 3));
    }

    #[test]
    fn odd_waits_split_evenly_under_equal_jitter() {
        let policy = Policy::new(3).delay(Duration::from_nanos(3)).jitter(Jitter::Equal);
        assert_eq!(policy.wait(1, Duration::ZERO, 0), Duration::from_nanos(2));
        assert_eq!(policy.wait(1, Duration::ZERO, u64::MAX), Duration::from_nanos(3));
    }

    #[test]
    fn extreme_policies_saturate() {
        let policy = Policy::new(u32::MAX)
            .delay(Duration::from_millis(u64::MAX))
            .backoff(Backoff::exponential(1000.0));
        for jitter in [Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated] {
            let policy = policy.jitter(jitter);
            for retry in [0, 1, 2, 1_000, u32::MAX] {
                for random in [0, 1, u64::MAX] {
                    let _ = policy.wait(retry, Duration::MAX, random);
                }
            }
        }
        assert_eq!(policy.backoff_wait(u32::MAX), Duration::MAX);
    }
}
