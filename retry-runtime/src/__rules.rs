//! The rules of the attribute's schedule: its keys, defaults, names, the duration grammar and
//! the messages for each mistake. The `#[retry]` macro checks literals with them at compile
//! time, and `Policy`'s text form (`FromStr`, serde) at run time, so the two can never
//! disagree. Not a public API: it changes without notice.

pub mod duration;
pub mod suggest;

use core::time::Duration;

use crate::{Backoff, Jitter};

/// The keys of the schedule, in the order the docs list them.
pub const SCHEDULE_KEYS: &[&str] =
    &["attempts", "delay", "backoff", "factor", "max_delay", "jitter", "max_elapsed"];

/// `attempts` when not given.
pub const DEFAULT_ATTEMPTS: u32 = 3;
/// `delay` when not given.
pub const DEFAULT_DELAY: Duration = Duration::from_millis(100);
/// `factor` of `backoff = "exponential"` when not given.
pub const DEFAULT_FACTOR: f64 = 2.0;

/// The names `backoff` takes.
pub const BACKOFFS: &[&str] = &["fixed", "linear", "exponential"];
/// The names `jitter` takes.
pub const JITTERS: &[&str] = &["none", "full", "equal", "decorrelated"];

/// A `backoff` name: which growth, before `factor` is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackoffName {
    /// `"fixed"`.
    Fixed,
    /// `"linear"`.
    Linear,
    /// `"exponential"`.
    Exponential,
}

impl BackoffName {
    /// The name as written.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Fixed => "fixed",
            Self::Linear => "linear",
            Self::Exponential => "exponential",
        }
    }

    /// The backoff of this name with `factor` (used by `Exponential` only).
    #[must_use]
    pub const fn with_factor(self, factor: f64) -> Backoff {
        match self {
            Self::Fixed => Backoff::Fixed,
            Self::Linear => Backoff::Linear,
            Self::Exponential => Backoff::Exponential { factor },
        }
    }
}

/// The backoff `name` names.
#[must_use]
pub fn backoff_named(name: &str) -> Option<BackoffName> {
    match name {
        "fixed" => Some(BackoffName::Fixed),
        "linear" => Some(BackoffName::Linear),
        "exponential" => Some(BackoffName::Exponential),
        _ => None,
    }
}

/// The jitter `name` names.
#[must_use]
pub fn jitter_named(name: &str) -> Option<Jitter> {
    match name {
        "none" => Some(Jitter::None),
        "full" => Some(Jitter::Full),
        "equal" => Some(Jitter::Equal),
        "decorrelated" => Some(Jitter::Decorrelated),
        _ => None,
    }
}

/// The name of a jitter, as written.
#[must_use]
pub const fn jitter_name(jitter: Jitter) -> &'static str {
    match jitter {
        Jitter::None => "none",
        Jitter::Full => "full",
        Jitter::Equal => "equal",
        Jitter::Decorrelated => "decorrelated",
    }
}

// ---------------------------------------------------------------- the messages

/// An unknown key among `keys`, with the closest one suggested.
#[must_use]
pub fn unknown_key(name: &str, keys: &[&str]) -> String {
    let hint = match suggest::closest(name, keys) {
        Some(key) => format!("did you mean `{key}`? "),
        None => String::new(),
    };
    format!("unknown key `{name}`; {hint}the keys are {}", suggest::one_of(keys))
}

/// A key given twice.
#[must_use]
pub fn duplicate_key(name: &str) -> String {
    format!("`{name}` is given twice; keep one")
}

/// `attempts = 0` (or a negative number).
pub const ATTEMPTS_ZERO: &str = "`attempts` must be at least 1: it counts every call, the first included";

/// `attempts` above `u32::MAX`.
#[must_use]
pub fn attempts_too_large() -> String {
    format!("`attempts` must fit in a `u32` (at most {})", u32::MAX)
}

/// `attempts` given something other than a whole number.
pub const ATTEMPTS_NOT_AN_INTEGER: &str = "`attempts` takes an integer, such as `attempts = 3`";

/// A duration key given a bare number.
#[must_use]
pub fn needs_unit(key: &str, number: &str, is_whole: bool) -> String {
    if is_whole {
        format!("`{key}` needs a unit: write `{key} = \"{number}ms\"` or `{key} = \"{number}s\"`")
    } else {
        format!("`{key}` needs a unit: write `{key} = \"{number}s\"`")
    }
}

/// A duration that does not parse: `message` is the grammar's.
#[must_use]
pub fn bad_duration(key: &str, message: &str) -> String {
    format!("`{key}`: {message}")
}

/// `factor` of 1 or less.
pub const FACTOR_NOT_GROWING: &str = "`factor` must be greater than 1, or the waits would not grow";
/// `factor` infinite or NaN.
pub const FACTOR_NOT_FINITE: &str = "`factor` must be finite";
/// `factor` given something other than a number.
pub const FACTOR_NOT_A_NUMBER: &str =
    "`factor` takes a number greater than 1, such as `factor = 2` or `factor = 1.5`";
/// `factor` without `backoff = "exponential"`.
pub const FACTOR_WITHOUT_EXPONENTIAL: &str =
    "`factor` only applies to exponential backoff; add `backoff = \"exponential\"` or remove `factor`";

/// `max_delay` shorter than `delay` (`delay_is_default` when `delay` was not given).
#[must_use]
pub fn max_delay_below_delay(max_delay: Duration, delay: Duration, delay_is_default: bool) -> String {
    let note = if delay_is_default { ", the default" } else { "" };
    format!(
        "`max_delay` ({max_delay:?}) is shorter than `delay` ({delay:?}{note}); a cap must be at least the first wait"
    )
}

/// A `backoff` or `jitter` name that is none of `options`.
#[must_use]
pub fn unknown_choice(key: &str, written: &str, options: &[&str]) -> String {
    let hint = suggest::closest(written, options)
        .map_or_else(String::new, |option| format!("did you mean \"{option}\"? "));
    format!("unknown {key} \"{written}\"; {hint}expected one of {}", quoted(options))
}

/// `"a", "b", "c"`.
#[must_use]
pub fn quoted(options: &[&str]) -> String {
    let options: Vec<String> = options.iter().map(|option| format!("\"{option}\"")).collect();
    options.join(", ")
}
