//! How the expansion writes a duration. The grammar itself is the runtime's
//! (`reattempt_runtime::__rules::duration`), shared with `Policy`'s text form.

use std::time::Duration;

#[cfg(test)]
pub use reattempt_runtime::__rules::duration::display;
pub use reattempt_runtime::__rules::duration::parse;

/// How the expansion writes a duration.
#[derive(Debug, PartialEq, Eq)]
pub enum Constructor {
    /// `Duration::from_secs(amount)` and the like: the coarsest unit that states it exactly.
    Unit(&'static str, u64),
    /// `Duration::new(secs, nanos)`, for durations past `u64::MAX` nanoseconds that no unit fits.
    New(u64, u32),
}

impl Constructor {
    /// The duration this constructor builds.
    #[cfg(test)]
    pub fn build(&self) -> Duration {
        match *self {
            Self::Unit("from_secs", amount) => Duration::from_secs(amount),
            Self::Unit("from_millis", amount) => Duration::from_millis(amount),
            Self::Unit("from_micros", amount) => Duration::from_micros(amount),
            Self::Unit(_, amount) => Duration::from_nanos(amount),
            Self::New(secs, nanos) => Duration::new(secs, nanos),
        }
    }
}

/// The most readable exact constructor for `duration`.
pub fn constructor(duration: Duration) -> Constructor {
    let nanos = duration.as_nanos();
    [("from_secs", 1_000_000_000), ("from_millis", 1_000_000), ("from_micros", 1_000), ("from_nanos", 1)]
        .into_iter()
        .find_map(|(name, size)| {
            let amount = u64::try_from(nanos / size).ok()?;
            (nanos % size == 0).then_some(Constructor::Unit(name, amount))
        })
        .unwrap_or(Constructor::New(duration.as_secs(), duration.subsec_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    #[test]
    fn constructors_are_the_coarsest_exact_unit() {
        assert_eq!(constructor(ms(2_000)), Constructor::Unit("from_secs", 2));
        assert_eq!(constructor(ms(250)), Constructor::Unit("from_millis", 250));
        assert_eq!(constructor(Duration::from_micros(3)), Constructor::Unit("from_micros", 3));
        assert_eq!(constructor(Duration::from_nanos(3)), Constructor::Unit("from_nanos", 3));
        assert_eq!(constructor(Duration::ZERO), Constructor::Unit("from_secs", 0));
        // Past 2^64 ns no unit fits unless whole seconds do.
        let beyond = Duration::new(18_446_744_073, 709_551_616);
        assert_eq!(constructor(beyond), Constructor::New(18_446_744_073, 709_551_616));
        assert_eq!(constructor(Duration::MAX), Constructor::New(u64::MAX, 999_999_999));
    }
}
