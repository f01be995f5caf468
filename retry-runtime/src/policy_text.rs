//! A `Policy` as text, in the attribute's own syntax: `FromStr`, `Display` and `PolicyError`.

use core::fmt;
use core::str::FromStr;
use core::time::Duration;

use crate::__rules::{self as rules, duration, BackoffName, BACKOFFS, JITTERS, SCHEDULE_KEYS};
use crate::{Backoff, Jitter, Policy};

/// A mistake in a policy's text (or serde map), in the words of the compile-time error for the
/// same mistake: it names the key and says the fix.
///
/// ```
/// use reattempt::Policy;
///
/// let error = "attempts = 0".parse::<Policy>().unwrap_err();
/// assert_eq!(error.key(), Some("attempts"));
/// assert_eq!(error.to_string(), "`attempts` must be at least 1: it counts every call, the first included");
///
/// let error = "atempts = 3".parse::<Policy>().unwrap_err();
/// assert!(error.to_string().starts_with("unknown key `atempts`; did you mean `attempts`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    key: Option<String>,
    message: String,
}

impl PolicyError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Self { key: Some(key.to_owned()), message: message.into() }
    }

    /// The key the mistake is about, as written; `None` when the text is not `key = value`.
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for PolicyError {}

/// The schedule keys as they are read, before the rules that involve two of them.
#[derive(Default)]
pub(crate) struct Settings {
    seen: Vec<&'static str>,
    attempts: Option<u32>,
    delay: Option<Duration>,
    backoff: Option<BackoffName>,
    factor: Option<f64>,
    max_delay: Option<Duration>,
    jitter: Option<Jitter>,
    max_elapsed: Option<Duration>,
}

impl Settings {
    /// Reads `value` (quotes already removed) for `key`.
    pub(crate) fn set(&mut self, key: &str, value: &str) -> Result<(), PolicyError> {
        let Some(&known) = SCHEDULE_KEYS.iter().find(|name| **name == key) else {
            return Err(PolicyError::new(key, rules::unknown_key(key, SCHEDULE_KEYS)));
        };
        if self.seen.contains(&known) {
            return Err(PolicyError::new(key, rules::duplicate_key(key)));
        }
        self.seen.push(known);
        match known {
            "attempts" => self.attempts = Some(attempts(value)?),
            "delay" => self.delay = Some(duration_of(known, value)?),
            "max_delay" => self.max_delay = Some(duration_of(known, value)?),
            "max_elapsed" => self.max_elapsed = Some(duration_of(known, value)?),
            "backoff" => {
                let name = rules::backoff_named(value)
                    .ok_or_else(|| PolicyError::new(key, rules::unknown_choice(key, value, BACKOFFS)))?;
                self.backoff = Some(name);
            }
            "jitter" => {
                let jitter = rules::jitter_named(value)
                    .ok_or_else(|| PolicyError::new(key, rules::unknown_choice(key, value, JITTERS)))?;
                self.jitter = Some(jitter);
            }
            _ => self.factor = Some(factor(value)?),
        }
        Ok(())
    }

    /// The policy, once the rules between keys hold.
    pub(crate) fn build(self) -> Result<Policy, PolicyError> {
        let backoff = self.backoff.unwrap_or(BackoffName::Fixed);
        if self.factor.is_some() && backoff != BackoffName::Exponential {
            return Err(PolicyError::new("factor", rules::FACTOR_WITHOUT_EXPONENTIAL));
        }
        let delay = self.delay.unwrap_or(rules::DEFAULT_DELAY);
        if let Some(max_delay) = self.max_delay {
            if max_delay < delay {
                return Err(PolicyError::new(
                    "max_delay",
                    rules::max_delay_below_delay(max_delay, delay, self.delay.is_none()),
                ));
            }
        }
        let mut policy = Policy::new(self.attempts.unwrap_or(rules::DEFAULT_ATTEMPTS))
            .delay(delay)
            .backoff(backoff.with_factor(self.factor.unwrap_or(rules::DEFAULT_FACTOR)))
            .jitter(self.jitter.unwrap_or_default());
        if let Some(max_delay) = self.max_delay {
            policy = policy.max_delay(max_delay);
        }
        if let Some(max_elapsed) = self.max_elapsed {
            policy = policy.max_elapsed(max_elapsed);
        }
        Ok(policy)
    }
}

fn attempts(value: &str) -> Result<u32, PolicyError> {
    let digits = value.replace('_', "");
    if !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return match digits.parse::<u32>() {
            Ok(0) => Err(PolicyError::new("attempts", rules::ATTEMPTS_ZERO)),
            Ok(count) => Ok(count),
            Err(_) => Err(PolicyError::new("attempts", rules::attempts_too_large())),
        };
    }
    if digits.starts_with('-') && digits[1..].bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(PolicyError::new("attempts", rules::ATTEMPTS_ZERO));
    }
    Err(PolicyError::new("attempts", rules::ATTEMPTS_NOT_AN_INTEGER))
}

fn duration_of(key: &str, value: &str) -> Result<Duration, PolicyError> {
    let number = value.replace('_', "");
    if !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit() || byte == b'.') {
        let is_whole = !number.contains('.');
        return Err(PolicyError::new(key, rules::needs_unit(key, value, is_whole)));
    }
    duration::parse(value).map_err(|message| PolicyError::new(key, rules::bad_duration(key, &message)))
}

fn factor(value: &str) -> Result<f64, PolicyError> {
    let Ok(factor) = value.replace('_', "").parse::<f64>() else {
        return Err(PolicyError::new("factor", rules::FACTOR_NOT_A_NUMBER));
    };
    if !factor.is_finite() {
        return Err(PolicyError::new("factor", rules::FACTOR_NOT_FINITE));
    }
    if factor <= 1.0 {
        return Err(PolicyError::new("factor", rules::FACTOR_NOT_GROWING));
    }
    Ok(factor)
}

/// Reads the attribute's schedule syntax: `attempts = 5, delay = "200ms", backoff =
/// "exponential", factor = 1.5, max_delay = "5s", jitter = "full", max_elapsed = "30s"`.
/// Quotes around values may be left out (`attempts=5, delay=200ms`), which suits environment
/// variables; keys not given take the attribute's defaults, so `""` is `Policy::default()`.
/// The checks are the attribute's, with its messages.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{Backoff, Policy};
///
/// let policy: Policy = "attempts=5, delay=200ms, backoff=exponential, factor=1.5".parse()?;
/// assert_eq!(
///     policy,
///     Policy::new(5).delay(Duration::from_millis(200)).backoff(Backoff::exponential(1.5)),
/// );
/// assert_eq!(policy.to_string(), r#"attempts = 5, delay = "200ms", backoff = "exponential", factor = 1.5"#);
/// # Ok::<(), reattempt::PolicyError>(())
/// ```
impl FromStr for Policy {
    type Err = PolicyError;

    fn from_str(text: &str) -> Result<Self, PolicyError> {
        let mut settings = Settings::default();
        for item in split_items(text)? {
            let Some((key, value)) = item.split_once('=') else {
                return Err(PolicyError {
                    key: None,
                    message: format!(
                        "expected `key = value`, found `{item}`: every setting of a policy is a `key = value` pair"
                    ),
                });
            };
            let (key, value) = (key.trim(), unquote(value.trim()));
            if value.is_empty() {
                return Err(PolicyError::new(key, format!("`{key}` needs a value after `=`")));
            }
            settings.set(key, value)?;
        }
        settings.build()
    }
}

/// The `key = value` items of `text`: separated by commas outside quotes; blank ones skipped.
fn split_items(text: &str) -> Result<Vec<&str>, PolicyError> {
    let mut items = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (index, character) in text.char_indices() {
        match character {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                items.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return Err(PolicyError { key: None, message: format!("unclosed quote in `{text}`") });
    }
    items.push(&text[start..]);
    Ok(items.into_iter().map(str::trim).filter(|item| !item.is_empty()).collect())
}

fn unquote(value: &str) -> &str {
    value.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).unwrap_or(value)
}

/// One setting of a policy whose value differs from the default, as `Display` and serde write it.
#[derive(Clone, Copy)]
pub(crate) enum Entry {
    /// `attempts`.
    Count(u32),
    /// A duration, written as its literal.
    Duration(Duration),
    /// A `backoff` or `jitter` name.
    Name(&'static str),
    /// `factor`.
    Number(f64),
}

impl Policy {
    /// The settings that differ from the attribute's defaults, in the keys' order (`factor`
    /// only when it is not 2).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'static str, Entry)> {
        let attempts = (self.max_attempts() != rules::DEFAULT_ATTEMPTS)
            .then_some(("attempts", Entry::Count(self.max_attempts())));
        let delay = (self.initial_delay() != rules::DEFAULT_DELAY)
            .then_some(("delay", Entry::Duration(self.initial_delay())));
        let (backoff, factor) = match self.backoff_kind() {
            Backoff::Fixed => (None, None),
            Backoff::Linear => (Some(("backoff", Entry::Name("linear"))), None),
            Backoff::Exponential { factor } => (
                Some(("backoff", Entry::Name("exponential"))),
                (factor.to_bits() != rules::DEFAULT_FACTOR.to_bits())
                    .then_some(("factor", Entry::Number(factor))),
            ),
        };
        let max_delay = self.delay_cap().map(|cap| ("max_delay", Entry::Duration(cap)));
        let jitter = (self.jitter_kind() != Jitter::None)
            .then_some(("jitter", Entry::Name(rules::jitter_name(self.jitter_kind()))));
        let max_elapsed = self.elapsed_budget().map(|budget| ("max_elapsed", Entry::Duration(budget)));
        [attempts, delay, backoff, factor, max_delay, jitter, max_elapsed].into_iter().flatten()
    }
}

impl fmt::Display for Entry {
    /// The value as the attribute writes it: strings quoted, numbers bare.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Count(count) => write!(formatter, "{count}"),
            Self::Duration(duration) => write!(formatter, "\"{}\"", duration::display(duration)),
            Self::Name(name) => write!(formatter, "\"{name}\""),
            // `Debug` is the shortest text that reads back to the same `f64`, and keeps `.0`.
            Self::Number(number) => write!(formatter, "{number:?}"),
        }
    }
}

/// Writes the attribute's syntax, quoted, with exactly the keys whose value differs from the
/// default (`factor` only when it is not 2): `"...".parse()` reads it back to the same policy.
impl fmt::Display for Policy {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, (key, value)) in self.entries().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            write!(formatter, "{separator}{key} = {value}")?;
        }
        Ok(())
    }
}
