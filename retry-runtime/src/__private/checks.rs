//! Compile-time validation of `const` arguments. The expansion calls these only in `const`
//! context, where a failed assertion is a compile error spanned on the argument.

use crate::Policy;

/// A `const` value of `attempts`.
///
/// # Panics
/// When it is 0.
#[must_use]
pub const fn checked_attempts(attempts: u32) -> u32 {
    assert!(attempts >= 1, "`attempts` must be at least 1: it counts every call, the first included");
    attempts
}

/// A `const` value of `factor`.
///
/// # Panics
/// When it is not a finite number greater than 1.
#[must_use]
pub const fn checked_factor(factor: f64) -> f64 {
    assert!(factor > 1.0, "`factor` must be greater than 1, or the waits would not grow");
    assert!(factor <= f64::MAX, "`factor` must be finite");
    factor
}

/// A policy whose `delay` or `max_delay` is a `const`.
///
/// # Panics
/// When `max_delay` is shorter than `delay`.
#[must_use]
pub const fn checked_cap(policy: Policy) -> Policy {
    if let Some(cap) = policy.delay_cap() {
        assert!(
            cap.as_nanos() >= policy.initial_delay().as_nanos(),
            "`max_delay` must be at least `delay`: a cap must be at least the first wait"
        );
    }
    policy
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use super::*;
    use crate::Backoff;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn checks_accept_valid_values() {
        const POLICY: Policy = checked_cap(
            Policy::new(checked_attempts(1))
                .backoff(Backoff::exponential(checked_factor(1.5)))
                .max_delay(SECOND),
        );
        assert_eq!(POLICY.max_attempts(), 1);
    }

    #[test]
    #[should_panic(expected = "`attempts` must be at least 1")]
    fn checks_reject_zero_attempts() {
        let _ = checked_attempts(0);
    }

    #[test]
    #[should_panic(expected = "`max_delay` must be at least `delay`")]
    fn checks_reject_a_cap_below_the_delay() {
        let _ = checked_cap(Policy::new(2).delay(SECOND).max_delay(SECOND / 2));
    }

    #[test]
    #[should_panic(expected = "`factor` must be greater than 1")]
    fn checks_reject_shrinking_factors() {
        let _ = checked_factor(0.5);
    }

    #[test]
    #[should_panic(expected = "`factor` must be finite")]
    fn checks_reject_infinite_factors() {
        let _ = checked_factor(f64::INFINITY);
    }
}
