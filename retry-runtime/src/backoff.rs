use core::time::Duration;

/// How the wait grows from one retry to the next.
///
/// For retry `n` (1-based: the retry after the `n`th failed attempt) and a base `delay`:
///
/// | kind | wait before retry `n` |
/// |---|---|
/// | [`Fixed`](Backoff::Fixed) | `delay` |
/// | [`Linear`](Backoff::Linear) | `delay · n` |
/// | [`Exponential`](Backoff::Exponential) | `delay · factor^(n-1)` |
///
/// Every computation saturates at [`Duration::MAX`]: no input panics or overflows.
///
/// ```
/// use std::time::Duration;
/// use reattempt_runtime::Backoff;
///
/// let base = Duration::from_millis(100);
/// assert_eq!(Backoff::Fixed.wait(base, 3), Duration::from_millis(100));
/// assert_eq!(Backoff::Linear.wait(base, 3), Duration::from_millis(300));
/// assert_eq!(Backoff::exponential(2.0).wait(base, 3), Duration::from_millis(400));
/// assert_eq!(Backoff::exponential(2.0).wait(base, u32::MAX), Duration::MAX);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Backoff {
    /// The same wait before every retry.
    Fixed,
    /// The wait grows by `delay` with each retry.
    Linear,
    /// The wait is multiplied by `factor` with each retry.
    Exponential {
        /// Growth per retry; values below 1 (and NaN) are treated as 1.
        factor: f64,
    },
}

impl Backoff {
    /// Exponential growth by `factor` per retry (the attribute's default factor is 2.0).
    #[must_use]
    pub const fn exponential(factor: f64) -> Self {
        Self::Exponential { factor }
    }

    /// The wait before retry `retry` (1-based) for a base `delay`, uncapped and without jitter.
    ///
    /// `retry = 0` is treated as 1.
    ///
    /// ```
    /// use std::time::Duration;
    /// use reattempt_runtime::Backoff;
    ///
    /// let wait = Backoff::exponential(1.5).wait(Duration::from_secs(2), 3);
    /// assert_eq!(wait, Duration::from_millis(4_500));
    /// ```
    #[inline]
    #[must_use]
    pub const fn wait(self, delay: Duration, retry: u32) -> Duration {
        let retry = if retry == 0 { 1 } else { retry };
        match self {
            Self::Fixed => delay,
            Self::Linear => delay.saturating_mul(retry),
            Self::Exponential { factor } => grow(delay, factor, retry - 1),
        }
    }
}

/// `delay · factor^exponent`, rounded to the nanosecond and saturating.
const fn grow(delay: Duration, factor: f64, exponent: u32) -> Duration {
    // Written so that NaN, like every factor that does not grow, keeps the delay.
    let grows = factor > 1.0;
    if exponent == 0 || delay.is_zero() || !grows {
        return delay;
    }
    let growth = powi(factor, exponent);
    // Past 2^64 ns (584 years) the wait is for all purposes infinite.
    #[allow(clippy::cast_precision_loss)]
    let nanos = delay.as_nanos() as f64 * growth;
    if nanos >= 18_446_744_073_709_551_615.0 {
        return Duration::MAX;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rounded = (nanos + 0.5) as u64;
    Duration::from_nanos(rounded)
}

/// `base^exponent` by squaring; overflow becomes infinity, which the caller saturates.
const fn powi(base: f64, mut exponent: u32) -> f64 {
    let mut result = 1.0;
    let mut square = base;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result *= square;
        }
        exponent >>= 1;
        if exponent > 0 {
            square *= square;
        }
        if result == f64::INFINITY {
            return result;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn each_kind_follows_its_formula() {
        let delay = Duration::from_millis(100);
        for retry in 1..=10u32 {
            assert_eq!(Backoff::Fixed.wait(delay, retry), delay);
            assert_eq!(Backoff::Linear.wait(delay, retry), delay * retry);
            assert_eq!(Backoff::exponential(2.0).wait(delay, retry), delay * 2u32.pow(retry - 1));
        }
        assert_eq!(Backoff::exponential(1.5).wait(delay, 3), MS * 225);
        assert_eq!(Backoff::exponential(3.0).wait(delay, 4), MS * 2_700);
    }

    #[test]
    fn retry_zero_counts_as_the_first_retry() {
        assert_eq!(Backoff::Linear.wait(MS, 0), MS);
        assert_eq!(Backoff::exponential(2.0).wait(MS, 0), MS);
    }

    #[test]
    fn extremes_saturate_instead_of_panicking() {
        let huge = Duration::from_millis(u64::MAX);
        assert_eq!(Backoff::Linear.wait(huge, u32::MAX), Duration::MAX);
        assert_eq!(Backoff::Linear.wait(Duration::MAX, 2), Duration::MAX);
        assert_eq!(Backoff::exponential(2.0).wait(huge, 2), Duration::MAX);
        assert_eq!(Backoff::exponential(1000.0).wait(MS, u32::MAX), Duration::MAX);
        assert_eq!(Backoff::exponential(1000.0).wait(MS, 3), Duration::from_secs(1_000));
        // Beyond 2^64 ns (584 years) a wait is as good as forever.
        assert_eq!(Backoff::exponential(1000.0).wait(MS, 7), Duration::MAX);
        assert_eq!(Backoff::exponential(f64::MAX).wait(MS, 3), Duration::MAX);
        assert_eq!(Backoff::exponential(f64::INFINITY).wait(MS, 2), Duration::MAX);
        assert_eq!(Backoff::Fixed.wait(Duration::MAX, u32::MAX), Duration::MAX);
    }

    #[test]
    fn factors_that_do_not_grow_keep_the_delay() {
        for factor in [1.0, 0.5, 0.0, -3.0, f64::NAN, f64::NEG_INFINITY] {
            assert_eq!(Backoff::exponential(factor).wait(MS, 40), MS, "factor {factor}");
        }
        assert_eq!(Backoff::exponential(2.0).wait(Duration::ZERO, 40), Duration::ZERO);
    }

    #[test]
    fn usable_in_const_context() {
        const WAIT: Duration = Backoff::exponential(2.0).wait(Duration::from_secs(1), 4);
        assert_eq!(WAIT, Duration::from_secs(8));
    }
}
