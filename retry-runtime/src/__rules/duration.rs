//! The duration grammar of the attribute and of `Policy`'s text form: `"250ms"`, `"1.5s"`,
//! `"1m30s"`, `"2h"`, `"5µs"`.

use std::time::Duration;

const UNITS: &[(&str, u128)] = &[
    ("ns", 1),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

const UNIT_NAMES: &[&str] = &["ns", "us", "ms", "s", "m", "h"];

/// Other spellings of a unit: `µs` (micro sign, as `Debug` for `Duration` prints it) and `μs`
/// (Greek mu) for `us`.
const ALIASES: &[(&str, &str)] = &[("\u{b5}s", "us"), ("\u{3bc}s", "us")];

/// Parses a duration literal: one or more `<number><unit>` parts, summed.
///
/// # Errors
/// A message saying what is wrong and how to write it.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty duration; write one with a unit, such as \"250ms\" or \"1s\"".into());
    }
    let mut total: u128 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let number_len =
            rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_')).unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        let unit_len = after.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let unit = unit.trim();
        if number.is_empty() {
            return Err(format!("`{text}` is not a duration: expected a number before `{unit}`"));
        }
        if unit.is_empty() {
            return Err(format!(
                "`{number}` has no unit; add one, such as \"{number}ms\" or \"{number}s\" (units: {})",
                super::suggest::one_of(UNIT_NAMES)
            ));
        }
        let unit = ALIASES.iter().find(|(alias, _)| *alias == unit).map_or(unit, |(_, name)| name);
        let Some(&(_, nanos_per_unit)) = UNITS.iter().find(|(name, _)| *name == unit) else {
            let hint = match super::suggest::closest(unit, UNIT_NAMES) {
                Some(name) => format!("; did you mean `{name}`?"),
                None => String::new(),
            };
            return Err(format!(
                "unknown unit `{unit}` in `{text}`{hint} (units: {})",
                super::suggest::one_of(UNIT_NAMES)
            ));
        };
        let nanos = scale(number, nanos_per_unit).map_err(|problem| match problem {
            Problem::NotANumber => format!("`{number}` is not a number"),
            Problem::TooFine => format!("`{number}{unit}` is finer than a nanosecond"),
            Problem::TooLong => too_long(),
        })?;
        total = total.checked_add(nanos).ok_or_else(too_long)?;
        rest = after.trim_start();
    }
    let seconds = u64::try_from(total / 1_000_000_000).map_err(|_| too_long())?;
    // The remainder is below 10^9, so it fits.
    let subsec = u32::try_from(total % 1_000_000_000).map_err(|_| too_long())?;
    Ok(Duration::new(seconds, subsec))
}

fn too_long() -> String {
    "duration too long: it must fit in a `std::time::Duration` (about 584 billion years)".into()
}

enum Problem {
    NotANumber,
    TooFine,
    TooLong,
}

/// `number` (digits, at most one `.`, `_` separators) times `unit` nanoseconds, exactly.
fn scale(number: &str, unit: u128) -> Result<u128, Problem> {
    let digits: String = number.chars().filter(|c| *c != '_').collect();
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) if !fraction.contains('.') => (whole, fraction),
        Some(_) => return Err(Problem::NotANumber),
        None => (digits.as_str(), ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return Err(Problem::NotANumber);
    }
    let mut nanos: u128 = 0;
    for digit in whole.bytes() {
        nanos = nanos
            .checked_mul(10)
            .and_then(|n| n.checked_add(u128::from(digit - b'0')))
            .ok_or(Problem::TooLong)?;
    }
    nanos = nanos.checked_mul(unit).ok_or(Problem::TooLong)?;
    let mut place = unit;
    for digit in fraction.bytes() {
        let digit = u128::from(digit - b'0');
        if place % 10 != 0 {
            // Digits below the nanosecond must be zeros.
            if digit != 0 {
                return Err(Problem::TooFine);
            }
            continue;
        }
        place /= 10;
        nanos = nanos.checked_add(digit * place).ok_or(Problem::TooLong)?;
    }
    Ok(nanos)
}

/// Writes a duration as the shortest literal that parses back to it: `"1m30s"`, `"250ms"`.
#[must_use]
pub fn display(duration: Duration) -> String {
    use std::fmt::Write as _;
    let mut nanos = duration.as_nanos();
    if nanos == 0 {
        return "0s".into();
    }
    let mut text = String::new();
    for (name, size) in UNITS.iter().rev() {
        if nanos >= *size {
            let _ = write!(text, "{}{name}", nanos / size);
            nanos %= size;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    #[test]
    fn reads_every_unit_and_combination() {
        assert_eq!(parse("250ms"), Ok(ms(250)));
        assert_eq!(parse("1s"), Ok(ms(1_000)));
        assert_eq!(parse("1.5s"), Ok(ms(1_500)));
        assert_eq!(parse("1m30s"), Ok(ms(90_000)));
        assert_eq!(parse("2h"), Ok(Duration::from_secs(7_200)));
        assert_eq!(parse("1h 2m 3s"), Ok(Duration::from_secs(3_723)));
        assert_eq!(parse("10us"), Ok(Duration::from_micros(10)));
        // As `Debug` for `Duration` prints them: the micro sign, and the Greek mu too.
        assert_eq!(parse("5\u{b5}s"), Ok(Duration::from_micros(5)));
        assert_eq!(parse("5\u{3bc}s"), Ok(Duration::from_micros(5)));
        assert_eq!(parse(&format!("{:?}", Duration::from_micros(250))), Ok(Duration::from_micros(250)));
        assert_eq!(parse("1ms 5\u{b5}s"), Ok(Duration::from_micros(1_005)));
        assert_eq!(parse("7ns"), Ok(Duration::from_nanos(7)));
        assert_eq!(parse(".5s"), Ok(ms(500)));
        assert_eq!(parse("0s"), Ok(Duration::ZERO));
        assert_eq!(parse("1_000ms"), Ok(ms(1_000)));
        assert_eq!(parse("0.000000001s"), Ok(Duration::from_nanos(1)));
        assert_eq!(parse("1.0ns"), Ok(Duration::from_nanos(1)));
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(parse("100").unwrap_err().contains("\"100ms\" or \"100s\""));
        assert!(parse("").unwrap_err().contains("empty"));
        assert!(parse("5 sec").unwrap_err().contains("unknown unit `sec`"));
        assert!(parse("5mss").unwrap_err().contains("did you mean `ms`"));
        assert!(parse("1.5ns").unwrap_err().contains("finer than a nanosecond"));
        assert!(parse("1.2.3s").unwrap_err().contains("not a number"));
        assert!(parse("ms").unwrap_err().contains("expected a number"));
        assert!(parse("-1s").is_err());
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(parse("18446744073709551616s").unwrap_err().contains("too long"));
        assert!(parse("99999999999999999999999999999999999999999h").unwrap_err().contains("too long"));
        assert_eq!(parse("18446744073709551615s"), Ok(Duration::from_secs(u64::MAX)));
        assert!(parse("18446744073709551615s 1s").unwrap_err().contains("too long"));
        assert!(parse(&"9".repeat(100)).is_err());
    }

    #[test]
    fn display_round_trips() {
        for text in ["250ms", "1m30s", "2h", "1s500ms", "7ns", "0s", "1h1m1s1ms1us1ns"] {
            let duration = parse(text).unwrap();
            assert_eq!(display(duration), text);
            assert_eq!(parse(&display(duration)), Ok(duration));
        }
        assert_eq!(parse(&display(Duration::MAX)), Ok(Duration::MAX));
    }
}
