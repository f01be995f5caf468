use core::time::Duration;

/// Randomness added to each wait so that many clients do not retry in lockstep.
///
/// The formulas are those of AWS's "Exponential Backoff and Jitter", applied to the capped
/// backoff wait `w` (see [`Policy::wait`](crate::Policy::wait)):
///
/// | kind | wait |
/// |---|---|
/// | [`None`](Jitter::None) | `w` |
/// | [`Full`](Jitter::Full) | uniform in `[0, w]` |
/// | [`Equal`](Jitter::Equal) | `w/2` + uniform in `[0, w/2]` |
/// | [`Decorrelated`](Jitter::Decorrelated) | `min(max_delay, uniform in [delay, 3·previous])`, `previous` starting at `delay` |
///
/// Decorrelated jitter grows the wait by itself, so it ignores the [`Backoff`](crate::Backoff).
///
/// ```
/// use std::time::Duration;
/// use reattempt::{Jitter, Policy};
///
/// let policy = Policy::new(3).delay(Duration::from_secs(1)).jitter(Jitter::Full);
/// let wait = policy.wait(1, Duration::ZERO, 0x8000_0000_0000_0000); // a mid-range draw
/// assert_eq!(wait, Duration::from_millis(500));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Jitter {
    /// Wait exactly the backoff.
    #[default]
    None,
    /// Anywhere between zero and the backoff.
    Full,
    /// At least half the backoff.
    Equal,
    /// Between `delay` and three times the previous wait.
    Decorrelated,
}

/// A point in `[low, high]` chosen by a uniform 64-bit `random` number.
///
/// Spans beyond `u64::MAX` nanoseconds (584 years) are clamped to that.
pub(crate) const fn uniform(low: Duration, high: Duration, random: u64) -> Duration {
    let span = high.saturating_sub(low).as_nanos();
    let span = if span > u64::MAX as u128 { u64::MAX as u128 } else { span };
    // (span + 1) · r / 2^64 lies in [0, span]: both ends can be reached.
    #[allow(clippy::cast_possible_truncation)]
    let offset = (((span + 1) * random as u128) >> 64) as u64;
    low.saturating_add(Duration::from_nanos(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_reaches_both_ends_and_never_leaves_them() {
        let low = Duration::from_millis(10);
        let high = Duration::from_millis(30);
        assert_eq!(uniform(low, high, 0), low);
        assert_eq!(uniform(low, high, u64::MAX), high);
        assert_eq!(uniform(high, low, u64::MAX), high, "an empty span gives its low end");
        assert_eq!(uniform(Duration::ZERO, Duration::MAX, u64::MAX), Duration::from_nanos(u64::MAX));
        assert_eq!(uniform(Duration::MAX, Duration::MAX, u64::MAX), Duration::MAX);
    }
}
