//! "Did you mean ...?" for misspelled keys and values.

/// The candidate closest to `typed`, if it is close enough to be what was meant.
#[must_use]
pub fn closest<'a>(typed: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase();
    // An abbreviation (`"expo"`) is as clear a hint as a typo.
    if typed.len() >= 3 {
        if let Some(candidate) = candidates.iter().find(|candidate| candidate.starts_with(&typed)) {
            return Some(candidate);
        }
    }
    candidates
        .iter()
        .map(|candidate| (edit_distance(&typed, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over bytes (keys and values are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_byte) in a.bytes().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, b_byte) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_byte != *b_byte);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// `` `a`, `b` or `c` `` for an error message.
#[must_use]
pub fn one_of(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|candidate| format!("`{candidate}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["attempts", "delay", "backoff", "max_delay", "max_elapsed", "on_retry"];

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(closest("attempt", KEYS), Some("attempts"));
        assert_eq!(closest("retries", KEYS), None);
        assert_eq!(closest("max_dealy", KEYS), Some("max_delay"));
        assert_eq!(closest("onretry", KEYS), Some("on_retry"));
        assert_eq!(closest("Delay", KEYS), Some("delay"));
        assert_eq!(closest("zzzzzzzz", KEYS), None);
        assert_eq!(closest("expo", &["fixed", "linear", "exponential"]), Some("exponential"));
        assert_eq!(closest("ma", KEYS), None);
    }

    #[test]
    fn lists_candidates_in_prose() {
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
