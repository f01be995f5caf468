//! Feature `serde`: a `Policy` as a map with the attribute's keys and duration strings, read by
//! the same rules as its text form.
#![cfg(feature = "serde")]

use std::time::Duration;

use reattempt::{Backoff, Jitter, Policy};

#[test]
fn writes_the_keys_that_differ_and_reads_them_back() {
    let policy = Policy::new(5)
        .delay(Duration::from_millis(200))
        .backoff(Backoff::exponential(1.5))
        .max_delay(Duration::from_secs(5))
        .jitter(Jitter::Full)
        .max_elapsed(Duration::from_secs(90));
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(
        json,
        r#"{"attempts":5,"delay":"200ms","backoff":"exponential","factor":1.5,"max_delay":"5s","jitter":"full","max_elapsed":"1m30s"}"#
    );
    assert_eq!(serde_json::from_str::<Policy>(&json).unwrap(), policy);
    assert_eq!(serde_json::to_string(&Policy::default()).unwrap(), "{}");
}

#[test]
fn missing_keys_take_the_defaults_and_numbers_may_be_strings() {
    assert_eq!(serde_json::from_str::<Policy>("{}").unwrap(), Policy::default());
    let policy: Policy =
        serde_json::from_str(r#"{"attempts": "4", "delay": "1s", "backoff": "linear"}"#).unwrap();
    assert_eq!(policy, Policy::new(4).delay(Duration::from_secs(1)).backoff(Backoff::Linear));
    let policy: Policy = serde_json::from_str(r#"{"backoff": "exponential", "factor": 3}"#).unwrap();
    assert_eq!(policy, Policy::new(3).backoff(Backoff::exponential(3.0)));
}

#[test]
fn the_attributes_rules_and_messages_apply() {
    let error = |json: &str| serde_json::from_str::<Policy>(json).unwrap_err().to_string();
    assert!(error(r#"{"attempts": 0}"#).starts_with("`attempts` must be at least 1: it counts every call"));
    assert!(error(r#"{"retries": 3}"#).starts_with("unknown key `retries`; the keys are `attempts`"));
    assert!(error(r#"{"atempts": 3}"#).starts_with("unknown key `atempts`; did you mean `attempts`?"));
    assert!(error(r#"{"delay": 100}"#).starts_with("`delay` needs a unit: write `delay = \"100ms\"`"));
    assert!(error(r#"{"delay": "2s", "max_delay": "1s"}"#)
        .starts_with("`max_delay` (1s) is shorter than `delay` (2s)"));
    assert!(error(r#"{"factor": 1.5}"#).starts_with("`factor` only applies to exponential backoff"));
    assert!(error(r#"{"jitter": "fulll"}"#).starts_with("unknown jitter \"fulll\"; did you mean \"full\"?"));
    assert!(error(r#"{"attempts": 2, "attempts": 3}"#).starts_with("`attempts` is given twice; keep one"));
    assert!(error(r#"{"attempts": true}"#).contains("a string such as"));
    assert!(error("[1, 2]").contains("a retry policy"));
}
