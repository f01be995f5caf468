//! Expansion snapshots: each `snapshots/<name>.rs` holds a `#[retry]` function as a user writes
//! it (in an `impl` block where it is a method); the test expands that attribute in place with
//! [`expand::retry`], prints the file with `prettyplease` (as `cargo expand` does) and compares
//! it with `snapshots/<name>.expanded.rs`. `UPDATE_SNAPSHOTS=1 cargo test -p reattempt-macro
//! snapshots` rewrites the expected files instead (`--features tracing` for `traced.rs`).
//!
//! Feature `tracing` changes the expansion, so the cases are checked without it, and only
//! `traced.rs` with it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use crate::expand;

/// The case checked only with feature `tracing`.
const TRACED: &str = "traced";

#[test]
#[cfg(not(feature = "tracing"))]
fn expansions_match_the_snapshots() {
    check(|name| name != TRACED);
}

#[test]
#[cfg(feature = "tracing")]
fn traced_expansion_matches_its_snapshot() {
    check(|name| name == TRACED);
}

fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

/// The names of the cases (`<name>.rs`, not `<name>.expanded.rs`), sorted.
fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory())
        .expect("retry-macro/snapshots/ is readable")
        .map(|entry| entry.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|file| !file.ends_with(".expanded.rs"))
        .filter_map(|file| file.strip_suffix(".rs").map(str::to_owned))
        .collect();
    names.sort();
    names
}

fn check(selected: impl Fn(&str) -> bool) {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|value| value != "0" && !value.is_empty());
    let names = cases();
    let mut failures = String::new();
    let mut checked = 0;
    for name in names.iter().filter(|name| selected(name)) {
        checked += 1;
        let input_path = directory().join(format!("{name}.rs"));
        let expected_path = directory().join(format!("{name}.expanded.rs"));
        let input = std::fs::read_to_string(&input_path).expect("the case is readable");
        let actual = match expand_file(&input) {
            Ok(actual) => actual,
            Err(problem) => {
                let _ = writeln!(failures, "\n==== snapshots/{name}.rs: {problem}");
                continue;
            }
        };
        // Tolerate a checkout that turned line ends into `\r\n`.
        let expected = std::fs::read_to_string(&expected_path).ok().map(|text| text.replace("\r\n", "\n"));
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&expected_path, &actual).expect("the snapshot is writable");
            eprintln!("updated snapshots/{name}.expanded.rs");
            continue;
        }
        match expected {
            None => {
                let _ = writeln!(
                    failures,
                    "\n==== snapshots/{name}.expanded.rs is missing; the expansion is:\n{actual}"
                );
            }
            Some(expected) => {
                let _ = writeln!(
                    failures,
                    "\n==== snapshots/{name}.expanded.rs differs (- expected, + actual):\n{}",
                    diff(&expected, &actual)
                );
            }
        }
    }
    for stale in names_of_orphans(&names) {
        let _ =
            writeln!(failures, "\n==== snapshots/{stale}.expanded.rs has no snapshots/{stale}.rs: remove it");
    }
    assert!(checked > 0, "no snapshot cases found in {}", directory().display());
    assert!(
        failures.is_empty(),
        "expansion snapshots differ; if the change is intended, run \
         `UPDATE_SNAPSHOTS=1 cargo test -p reattempt-macro{} snapshots` and review the diff\n{failures}",
        if cfg!(feature = "tracing") { " --features tracing" } else { "" },
    );
}

/// Expected files whose case is gone.
fn names_of_orphans(cases: &[String]) -> Vec<String> {
    let mut orphans: Vec<String> = std::fs::read_dir(directory())
        .expect("retry-macro/snapshots/ is readable")
        .filter_map(|entry| {
            let file = entry.ok()?.file_name().to_string_lossy().into_owned();
            file.strip_suffix(".expanded.rs").map(str::to_owned)
        })
        .filter(|name| !cases.contains(name))
        .collect();
    orphans.sort();
    orphans
}

/// The case file with its first `#[retry]` / `#[retry(...)]` attribute expanded, pretty-printed.
fn expand_file(input: &str) -> Result<String, String> {
    let tokens: TokenStream = input.parse().map_err(|error| format!("does not tokenize: {error}"))?;
    let (expanded, found) = expand_first(tokens);
    if !found {
        return Err("no `#[retry]` attribute found".into());
    }
    let file: syn::File = syn::parse2(expanded.clone())
        .map_err(|error| format!("the expansion is not a valid file ({error}):\n{expanded}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Replaces the first `#[retry...]` attribute and the item after it (up to its body, or `;`) by
/// what the attribute makes of them; looks inside groups (`impl` blocks, modules) too.
fn expand_first(tokens: TokenStream) -> (TokenStream, bool) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for index in 0..tokens.len() {
        let Some(args) = retry_attribute(&tokens[index..]) else { continue };
        let item_start = index + 2;
        let item_end = tokens[item_start..]
            .iter()
            .position(|token| match token {
                TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
                TokenTree::Punct(punct) => punct.as_char() == ';',
                _ => false,
            })
            .map_or(tokens.len(), |offset| item_start + offset + 1);
        let item: TokenStream = tokens[item_start..item_end].iter().cloned().collect();
        let mut output: TokenStream = tokens[..index].iter().cloned().collect();
        output.extend(expand::retry(args, item));
        output.extend(tokens[item_end..].iter().cloned());
        return (output, true);
    }
    let mut found = false;
    let output = tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) if !found => {
                let (inner, inner_found) = expand_first(group.stream());
                found = inner_found;
                let mut rebuilt = Group::new(group.delimiter(), inner);
                rebuilt.set_span(group.span());
                TokenTree::Group(rebuilt)
            }
            token => token,
        })
        .collect();
    (output, found)
}

/// The arguments of `#[retry]` or `#[retry(...)]` when `tokens` starts with one.
fn retry_attribute(tokens: &[TokenTree]) -> Option<TokenStream> {
    let [TokenTree::Punct(pound), TokenTree::Group(attribute), ..] = tokens else { return None };
    if pound.as_char() != '#' || attribute.delimiter() != Delimiter::Bracket {
        return None;
    }
    let inner: Vec<TokenTree> = attribute.stream().into_iter().collect();
    match inner.as_slice() {
        [TokenTree::Ident(name)] if name == "retry" => Some(TokenStream::new()),
        [TokenTree::Ident(name), TokenTree::Group(args)]
            if name == "retry" && args.delimiter() == Delimiter::Parenthesis =>
        {
            Some(args.stream())
        }
        _ => None,
    }
}

/// A line diff (longest common subsequence) with two lines of context around each change.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // common[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            lines.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || common[i + 1][j] >= common[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    let near_change = |index: usize| {
        lines[index.saturating_sub(2)..(index + 3).min(lines.len())].iter().any(|(tag, _)| *tag != ' ')
    };
    let mut output = String::new();
    let mut skipped = false;
    for (index, (tag, line)) in lines.iter().enumerate() {
        if near_change(index) {
            if skipped {
                output.push_str("  ...\n");
                skipped = false;
            }
            let _ = writeln!(output, "{tag} {line}");
        } else {
            skipped = true;
        }
    }
    if skipped {
        output.push_str("  ...\n");
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        output.push_str("  (the files differ in their final line end)\n");
    }
    output
}

#[test]
fn diff_shows_changed_lines_with_context() {
    let diff = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
    assert_eq!(diff, "  ...\n  b\n  c\n- d\n+ D\n  e\n  f\n  ...\n");
}

#[test]
fn finds_the_attribute_inside_an_impl_block() {
    let printed =
        expand_file("impl A { #[retry(attempts = 2)] fn f(&self) -> Result<(), E> { Ok(()) } }").unwrap();
    assert!(printed.starts_with("impl A {\n    fn f(&self) -> Result<(), E> {"), "{printed}");
    assert!(printed.contains("Policy::new(2)"), "{printed}");
    assert!(expand_file("fn f() {}").is_err());
}
