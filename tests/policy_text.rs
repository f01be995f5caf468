//! `Policy`'s text form: the attribute's own syntax read by `FromStr` and written by `Display`,
//! with the attribute's checks and messages.
use std::time::Duration;

use reattempt::{Backoff, Jitter, Policy, PolicyError};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn parse(text: &str) -> Result<Policy, PolicyError> {
    text.parse()
}

#[test]
fn reads_every_key_with_or_without_quotes() {
    let expected = Policy::new(5)
        .delay(ms(200))
        .backoff(Backoff::exponential(1.5))
        .max_delay(Duration::from_secs(5))
        .jitter(Jitter::Full)
        .max_elapsed(Duration::from_secs(30));
    let quoted = r#"attempts = 5, delay = "200ms", backoff = "exponential", factor = 1.5, max_delay = "5s", jitter = "full", max_elapsed = "30s""#;
    assert_eq!(parse(quoted), Ok(expected));
    let bare =
        "attempts=5,delay=200ms,backoff=exponential,factor=1.5,max_delay=5s,jitter=full,max_elapsed=30s";
    assert_eq!(parse(bare), Ok(expected));
    // Any order, spaces and a trailing comma, as in the attribute.
    let shuffled = " jitter = full , max_elapsed=30s, factor = 1.5,backoff = exponential, max_delay = 5s, delay=0.2s, attempts=5, ";
    assert_eq!(parse(shuffled), Ok(expected));
}

#[test]
fn keys_not_given_take_the_attributes_defaults() {
    assert_eq!(parse(""), Ok(Policy::default()));
    assert_eq!(parse("  "), Ok(Policy::new(3)));
    assert_eq!(parse("backoff = exponential"), Ok(Policy::new(3).backoff(Backoff::exponential(2.0))));
    assert_eq!(parse("delay = 1m30s"), Ok(Policy::new(3).delay(Duration::from_secs(90))));
    assert_eq!(parse("delay = 5µs"), Ok(Policy::new(3).delay(Duration::from_micros(5))));
}

#[test]
fn writes_exactly_the_keys_that_differ_from_the_defaults() {
    assert_eq!(Policy::default().to_string(), "");
    assert_eq!(Policy::new(5).to_string(), "attempts = 5");
    assert_eq!(Policy::new(3).backoff(Backoff::exponential(2.0)).to_string(), r#"backoff = "exponential""#);
    assert_eq!(
        Policy::new(4)
            .delay(Duration::from_secs(90))
            .backoff(Backoff::exponential(3.0))
            .jitter(Jitter::Equal)
            .to_string(),
        r#"attempts = 4, delay = "1m30s", backoff = "exponential", factor = 3.0, jitter = "equal""#
    );
    assert_eq!(
        Policy::new(3).backoff(Backoff::Linear).max_delay(ms(250)).max_elapsed(ms(1_500)).to_string(),
        r#"backoff = "linear", max_delay = "250ms", max_elapsed = "1s500ms""#
    );
}

#[test]
fn round_trips() {
    let policies = [
        Policy::default(),
        Policy::new(1).delay(Duration::ZERO),
        Policy::new(u32::MAX).delay(Duration::MAX).max_delay(Duration::MAX),
        Policy::new(7).delay(Duration::from_nanos(1)).backoff(Backoff::exponential(1.000_000_1)),
        Policy::new(2).delay(ms(100)).backoff(Backoff::exponential(f64::MAX)).jitter(Jitter::Decorrelated),
        Policy::new(9).backoff(Backoff::Linear).max_elapsed(Duration::new(12, 345_678_901)),
    ];
    for policy in policies {
        let text = policy.to_string();
        assert_eq!(parse(&text), Ok(policy), "{text}");
    }
}

#[test]
fn mistakes_name_the_key_and_say_the_fix() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        ("atempts = 3", Some("atempts"), "unknown key `atempts`; did you mean `attempts`? the keys are `attempts`, `delay`, `backoff`, `factor`, `max_delay`, `jitter` or `max_elapsed`"),
        ("retries = 3", Some("retries"), "unknown key `retries`; the keys are `attempts`, `delay`, `backoff`, `factor`, `max_delay`, `jitter` or `max_elapsed`"),
        ("attempts = three", Some("attempts"), "`attempts` takes an integer, such as `attempts = 3`"),
        ("attempts = 2.5", Some("attempts"), "`attempts` takes an integer, such as `attempts = 3`"),
        ("delay = 1s, delay = 2s", Some("delay"), "`delay` is given twice; keep one"),
        ("delay =", Some("delay"), "`delay` needs a value after `=`"),
        ("delay", None, "expected `key = value`, found `delay`: every setting of a policy is a `key = value` pair"),
        ("delay = \"1s", None, "unclosed quote in `delay = \"1s`"),
        ("factor = 1.5", Some("factor"), "`factor` only applies to exponential backoff; add `backoff = \"exponential\"` or remove `factor`"),
        ("backoff = exponential, factor = fast", Some("factor"), "`factor` takes a number greater than 1, such as `factor = 2` or `factor = 1.5`"),
        ("backoff = exponential, factor = NaN", Some("factor"), "`factor` must be finite"),
        ("backoff = exponential, factor = -3", Some("factor"), "`factor` must be greater than 1, or the waits would not grow"),
    ];
    for (text, key, message) in cases {
        let error = parse(text).unwrap_err();
        assert_eq!((error.key(), error.to_string().as_str()), (*key, *message), "{text}");
    }
}

/// The compile-time error for the same mistake, read from its `tests/ui` case: the case's
/// `#[retry(...)]` arguments are the policy's text, and its first error is the message.
#[test]
fn mistakes_read_as_the_compile_time_error_for_the_same_mistake() {
    let cases = [
        "attempts_zero",
        "attempts_negative",
        "attempts_too_large",
        "duplicate_key",
        "duration_bare_number",
        "duration_float_without_unit",
        "duration_unparsable",
        "duration_unknown_unit",
        "duration_overflow",
        "duration_below_nanosecond",
        "factor_one",
        "factor_below_one",
        "factor_infinite",
        "factor_with_linear_backoff",
        "max_delay_below_delay",
        "max_delay_below_default_delay",
        "backoff_unknown",
        "jitter_unknown",
    ];
    let root = env!("CARGO_MANIFEST_DIR");
    for case in cases {
        let source = std::fs::read_to_string(format!("{root}/tests/ui/{case}.rs")).unwrap();
        let stderr = std::fs::read_to_string(format!("{root}/tests/ui/{case}.stderr")).unwrap();
        let arguments = source.split("#[retry(").nth(1).and_then(|rest| rest.split(")]").next()).unwrap();
        let compile_time = stderr.lines().next().and_then(|line| line.strip_prefix("error: ")).unwrap();
        let run_time = parse(arguments).expect_err(case).to_string();
        assert_eq!(run_time, compile_time, "{case}: {arguments}");
    }
}
