//! Property tests of the schedule: for any delay, factor, retry index, cap, jitter, previous
//! wait and random draw, the waits never panic, respect the cap and the jitter's bounds, and
//! grow with the retry index.

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm};
use reattempt_runtime::{Backoff, Jitter, Policy};

/// `XorShift` because `ChaCha`, unoptimized in a test build, would take most of the time; no
/// regression files are written into the source tree (a failure prints its minimal input).
fn config() -> Config {
    Config {
        cases: 2048,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    }
}

/// Any `Duration`, weighted towards the edges where arithmetic overflows.
fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        3 => (any::<u64>(), 0..1_000_000_000u32).prop_map(|(secs, nanos)| Duration::new(secs, nanos)),
        3 => (0..1_000_000u64).prop_map(Duration::from_millis),
        2 => any::<u64>().prop_map(Duration::from_nanos),
        1 => (0..1_000u64).prop_map(Duration::from_nanos),
        1 => prop_oneof![
            Just(Duration::ZERO),
            Just(Duration::from_nanos(1)),
            Just(Duration::MAX),
            Just(Duration::from_nanos(u64::MAX)),
            Just(Duration::from_nanos(1 << 53)),
            Just(Duration::from_secs(u64::MAX)),
        ],
    ]
}

/// Any `f64`: NaN, the infinities, negatives, subnormals, and the factors people use.
fn factor() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => proptest::num::f64::ANY,
        3 => 1.0..4.0f64,
        1 => (1u64..1_000).prop_map(|ulps| 1.0 + f64::EPSILON * f64::from(u32::try_from(ulps).unwrap())),
        1 => prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(-0.0),
            Just(1.0),
            Just(2.0),
        ],
    ]
}

fn retry() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => 0..70u32,
        2 => any::<u32>(),
        1 => prop_oneof![Just(0), Just(1), Just(u32::MAX - 1), Just(u32::MAX)],
    ]
}

fn random() -> impl Strategy<Value = u64> {
    prop_oneof![3 => any::<u64>(), 1 => prop_oneof![Just(0), Just(1), Just(u64::MAX - 1), Just(u64::MAX)]]
}

fn backoff() -> impl Strategy<Value = Backoff> {
    prop_oneof![Just(Backoff::Fixed), Just(Backoff::Linear), factor().prop_map(Backoff::exponential)]
}

fn jitter() -> impl Strategy<Value = Jitter> {
    proptest::sample::select(vec![Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated])
}

prop_compose! {
    /// A policy as `Policy`'s builder allows it, a cap below the delay included (the macro
    /// rejects that; the runtime must still not panic).
    fn policy()(
        attempts in any::<u32>(),
        delay in duration(),
        backoff in backoff(),
        max_delay in proptest::option::of(duration()),
        jitter in jitter(),
        max_elapsed in proptest::option::of(duration()),
    ) -> Policy {
        let mut policy = Policy::new(attempts).delay(delay).backoff(backoff).jitter(jitter);
        if let Some(max_delay) = max_delay {
            policy = policy.max_delay(max_delay);
        }
        if let Some(max_elapsed) = max_elapsed {
            policy = policy.max_elapsed(max_elapsed);
        }
        policy
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn backoff_wait_never_panics(backoff in backoff(), delay in duration(), retry in retry()) {
        let _ = backoff.wait(delay, retry);
    }

    #[test]
    fn policy_waits_never_panic(policy in policy(), retry in retry(), previous in duration(), random in random()) {
        let _ = policy.backoff_wait(retry);
        let _ = policy.wait(retry, previous, random);
        let _ = policy.hint_cap();
    }

    #[test]
    fn backoff_wait_never_exceeds_max_delay(policy in policy(), retry in retry()) {
        if let Some(cap) = policy.delay_cap() {
            prop_assert!(policy.backoff_wait(retry) <= cap, "{:?} > {cap:?}", policy.backoff_wait(retry));
        }
    }

    /// None: the capped backoff; Full: [0, w]; Equal: [w/2, w] (w/2 rounded up);
    /// Decorrelated: [delay, 3·max(previous, delay)], then capped at `max_delay`.
    #[test]
    fn jittered_waits_stay_within_their_bounds(
        policy in policy(),
        retry in retry(),
        previous in duration(),
        random in random(),
    ) {
        let capped = policy.backoff_wait(retry);
        let wait = policy.wait(retry, previous, random);
        let (low, high) = match policy.jitter_kind() {
            Jitter::None => (capped, capped),
            Jitter::Full => (Duration::ZERO, capped),
            Jitter::Equal => (capped.saturating_sub(capped / 2), capped),
            Jitter::Decorrelated => {
                let delay = policy.initial_delay();
                let high = previous.max(delay).saturating_mul(3);
                match policy.delay_cap() {
                    Some(cap) => (delay.min(cap), high.min(cap)),
                    None => (delay, high),
                }
            }
        };
        prop_assert!(
            (low..=high).contains(&wait),
            "{:?}: {wait:?} outside [{low:?}, {high:?}]",
            policy.jitter_kind()
        );
        if let Some(cap) = policy.delay_cap() {
            prop_assert!(wait <= cap, "{wait:?} > cap {cap:?}");
        }
    }

    /// Without jitter the waits never shrink from one retry to the next, capped or not.
    #[test]
    fn waits_without_jitter_never_shrink(
        backoff in backoff(),
        delay in duration(),
        max_delay in proptest::option::of(duration()),
        retry in 0..u32::MAX,
    ) {
        let earlier = backoff.wait(delay, retry);
        let later = backoff.wait(delay, retry + 1);
        prop_assert!(earlier <= later, "{backoff:?}: retry {retry} waits {earlier:?}, retry {} {later:?}", retry + 1);
        let mut policy = Policy::new(3).delay(delay).backoff(backoff);
        if let Some(max_delay) = max_delay {
            policy = policy.max_delay(max_delay);
        }
        prop_assert!(policy.backoff_wait(retry) <= policy.backoff_wait(retry + 1));
        prop_assert_eq!(policy.wait(retry, Duration::ZERO, 0), policy.backoff_wait(retry));
    }

    /// The formulas, where they are exact: `delay`, `delay·n`, and `delay·2^(n-1)` while that is
    /// below 2^53 ns (exact in an `f64`).
    #[test]
    fn waits_follow_the_formulas(delay in duration(), retry in 1..80u32) {
        prop_assert_eq!(Backoff::Fixed.wait(delay, retry), delay);
        prop_assert_eq!(Backoff::Linear.wait(delay, retry), delay.saturating_mul(retry));
        let small = delay.as_nanos() < 1 << 53 && retry <= 54;
        let doubled = small.then(|| delay.as_nanos() << (retry - 1)).filter(|nanos| *nanos < 1 << 53);
        if let Some(nanos) = doubled {
            let nanos = u64::try_from(nanos).unwrap();
            prop_assert_eq!(Backoff::exponential(2.0).wait(delay, retry), Duration::from_nanos(nanos));
        }
    }
}

/// Whether the attribute (and `FromStr`) accepts this policy: at least one attempt, a finite
/// factor above 1, a cap no shorter than the delay.
fn is_valid(policy: &Policy) -> bool {
    let factor_ok = match policy.backoff_kind() {
        Backoff::Exponential { factor } => factor.is_finite() && factor > 1.0,
        Backoff::Fixed | Backoff::Linear => true,
    };
    let cap_ok = policy.delay_cap().is_none_or(|cap| cap >= policy.initial_delay());
    policy.max_attempts() >= 1 && factor_ok && cap_ok
}

proptest! {
    #![proptest_config(config())]

    /// `p.to_string().parse::<Policy>() == Ok(p)` for every valid policy; an invalid one is
    /// refused by the same rules, never read as something else.
    #[test]
    fn text_round_trips_every_valid_policy(policy in policy()) {
        let text = policy.to_string();
        let read = text.parse::<Policy>();
        if is_valid(&policy) {
            prop_assert_eq!(read, Ok(policy), "{}", text);
        } else {
            prop_assert!(read.is_err(), "{} was read as {:?}", text, read);
        }
    }

    /// Reading any text never panics.
    #[test]
    fn reading_any_text_never_panics(text in "[ -~µ]{0,80}") {
        let _ = text.parse::<Policy>();
    }
}
