//! Property tests: the attribute never panics, whatever tokens it is given, and the duration
//! literals parse and print back exactly.

use std::str::FromStr;
use std::time::Duration;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm};

use crate::validate::KEYS;
use crate::{duration, expand};

/// Enough cases to find the shapes below in well under a second each. `XorShift` because `ChaCha`,
/// unoptimized in a test build, would take most of the time; no regression files are written
/// into the source tree (a failure prints its minimal input instead).
fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, rng_algorithm: RngAlgorithm::XorShift, ..Config::default() }
}

/// Identifiers other than the keys: near misses, keywords, `Self`, non-ASCII.
const OTHER_IDENTS: &[&str] = &[
    "attempt", "Attempts", "dealy", "retries", "retry", "fn", "async", "await", "move", "self", "Self",
    "super", "const", "static", "impl", "match", "e", "x", "_", "Policy", "Duration", "délai", "ß",
    "ATTEMPTS",
];

const PUNCTS: &[char] = &[
    '=', ',', '|', '.', ':', '-', '!', '#', '&', '*', ';', '<', '>', '?', '@', '\'', '+', '/', '%', '^', '~',
    '$',
];

/// Literal spellings that the constructors below do not produce.
const LITERAL_TEXTS: &[&str] = &[
    "0",
    "1",
    "3u32",
    "3u8",
    "3i64",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "340282366920938463463374607431768211455",
    "0x10",
    "0b1010_1010",
    "0o777",
    "1_000",
    "1.",
    "1.5",
    "1.0f32",
    "2f64",
    "1e309",
    "1e-400",
    "0.0",
    "1.0000000000000000000001",
    "'c'",
    "b'a'",
    "\"\"",
    "\"250ms\"",
    "\"1m30s\"",
    "\"100\"",
    "\"fixed\"",
    "\"exponential\"",
    "\"full\"",
    "\"::my::reexport\"",
    "\"crate\"",
    "\"self::x\"",
    "\"a b\"",
    "r#\"raw \" text\"#",
    "b\"bytes\"",
    "c\"c string\"",
    "\"\\u{1F600}\"",
];

/// Token trees from which the arguments and items are made.
#[derive(Clone, Debug)]
enum Tree {
    Ident(&'static str, bool),
    Punct(char, bool),
    Literal(Literal),
    Group(Delimiter, Vec<Tree>),
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        any::<u128>().prop_map(Literal::u128_unsuffixed),
        any::<u32>().prop_map(Literal::u32_suffixed),
        any::<i128>().prop_map(Literal::i128_unsuffixed),
        any::<i64>().prop_map(Literal::i64_suffixed),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Literal::f64_unsuffixed),
        any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(Literal::f32_suffixed),
        any::<String>().prop_map(|text| Literal::string(&text)),
        duration_text().prop_map(|text| Literal::string(&text)),
        proptest::collection::vec(any::<u8>(), 0..8).prop_map(|bytes| Literal::byte_string(&bytes)),
        any::<char>().prop_map(Literal::character),
        any::<u8>().prop_map(Literal::byte_character),
        proptest::sample::select(LITERAL_TEXTS).prop_map(|text| Literal::from_str(text).expect("a literal")),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        3 => (proptest::sample::select(KEYS), any::<bool>()).prop_map(|(name, raw)| Tree::Ident(name, raw)),
        2 => proptest::sample::select(OTHER_IDENTS).prop_map(|name| Tree::Ident(name, false)),
        4 => (proptest::sample::select(PUNCTS), any::<bool>()).prop_map(|(ch, joint)| Tree::Punct(ch, joint)),
        2 => Just(Tree::Punct('=', false)),
        2 => Just(Tree::Punct(',', false)),
        3 => literal().prop_map(Tree::Literal),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let delimiter = proptest::sample::select(vec![
            Delimiter::Parenthesis,
            Delimiter::Brace,
            Delimiter::Bracket,
            Delimiter::None,
        ]);
        (delimiter, proptest::collection::vec(inner, 0..6))
            .prop_map(|(delimiter, trees)| Tree::Group(delimiter, trees))
    })
}

fn to_stream(trees: &[Tree]) -> TokenStream {
    trees
        .iter()
        .map(|tree| match tree {
            // `Ident::new_raw` refuses the keywords that are path segments.
            Tree::Ident(name, true) if !matches!(*name, "crate" | "self" | "Self" | "super" | "_") => {
                TokenTree::Ident(Ident::new_raw(name, Span::call_site()))
            }
            Tree::Ident(name, _) => TokenTree::Ident(Ident::new(name, Span::call_site())),
            Tree::Punct(ch, joint) => {
                TokenTree::Punct(Punct::new(*ch, if *joint { Spacing::Joint } else { Spacing::Alone }))
            }
            Tree::Literal(literal) => TokenTree::Literal(literal.clone()),
            Tree::Group(delimiter, trees) => TokenTree::Group(Group::new(*delimiter, to_stream(trees))),
        })
        .collect()
}

fn tokens() -> impl Strategy<Value = TokenStream> {
    proptest::collection::vec(tree(), 0..10).prop_map(|trees| to_stream(&trees))
}

fn parse(text: &str) -> TokenStream {
    TokenStream::from_str(text).expect("the snippet tokenizes")
}

/// Values as users write them, right and wrong, besides random token trees.
const VALUE_TEXTS: &[&str] = &[
    "3",
    "0",
    "-1",
    "-1.5",
    "1.5",
    "2",
    "\"250ms\"",
    "\"1.5s\"",
    "\"0s\"",
    "\"18446744073709551615s\"",
    "\"18446744073709551615s 999999999ns\"",
    "\"100\"",
    "\"exponential\"",
    "\"linear\"",
    "\"decorrelated\"",
    "\"::my::reexport\"",
    "\"crate::inner\"",
    "ATTEMPTS",
    "Self::ATTEMPTS",
    "T::DELAY",
    "crate::config::FACTOR",
    "::core::time::Duration::from_secs(1)",
    "{ 3 }",
    "(4)",
    "[1]",
    "|e| e.x()",
    "|e| !Self::is_fatal(e)",
    "|outcome| match outcome { Ok(_) => Decision::Return, Err(_) => Decision::Retry }",
    "|event| eprintln!(\"{}\", event.attempt())",
    "move |e: &Error| -> bool { true }",
    "async_std::task::sleep",
    "x = 3",
    "..",
    "if a { 1 } else { 2 }",
    "-\"1s\"",
    "!\"1s\"",
];

fn value() -> impl Strategy<Value = TokenStream> {
    prop_oneof![
        3 => proptest::sample::select(VALUE_TEXTS).prop_map(parse),
        1 => literal().prop_map(|literal| TokenStream::from(TokenTree::Literal(literal))),
        1 => duration_text().prop_map(|text| TokenStream::from(TokenTree::Literal(Literal::string(&text)))),
        1 => tokens(),
    ]
}

/// `key = value` lists, with now and then a missing `=` or `,`, a doubled `,` or a wrong key.
fn arguments() -> impl Strategy<Value = TokenStream> {
    let key = prop_oneof![
        6 => proptest::sample::select(KEYS),
        1 => proptest::sample::select(OTHER_IDENTS),
    ];
    let argument = (key, 0..12u8, value(), 0..12u8);
    proptest::collection::vec(argument, 0..8).prop_map(|arguments| {
        let mut stream = TokenStream::new();
        for (key, eq, value, comma) in arguments {
            stream.extend(to_stream(&[Tree::Ident(key, false)]));
            if eq > 0 {
                stream.extend(parse("="));
            }
            stream.extend(value);
            match comma {
                0 => {}
                1 => stream.extend(parse(",,")),
                _ => stream.extend(parse(",")),
            }
        }
        stream
    })
}

/// Functions the attribute accepts, in their variety.
const FUNCTIONS: &[&str] = &[
    "async fn f(x: &str) -> Result<u32, E> { g(x).await }",
    "fn f() -> Result<(), E> { Ok(()) }",
    "fn f() {}",
    "pub(crate) async fn m(&mut self, buf: &mut Vec<u8>) -> Result<&str, E> where E: Debug { todo!() }",
    "fn g<T: Clone, const N: usize>(t: T) -> io::Result<[T; N]> { #![allow(unused)] h(t) }",
    "async fn f() -> Result<impl Display, E> { Ok(1) }",
    "async fn r#type<'a>(self: Pin<&'a mut Self>) -> Result<(), Self::Error> { Ok(()) }",
    "#[inline] #[doc = \"x\"] pub fn f(_: u8) -> Result<(), E> { return Err(E); }",
    "fn f(&self) -> Pin<Box<dyn Future<Output = Result<(), E>> + Send + '_>> { Box::pin(async move { Ok(()) }) }",
    "unsafe extern \"C\" fn f() -> Result<(), E> { Ok(()) }",
    // As `#[async_trait]` leaves a method.
    "fn f<'a, 't>(&'a self) -> Pin<Box<dyn Future<Output = Result<u8, E>> + Send + 't>> where 'a: 't { \
     Box::pin(async move { let __self = self; let __ret: Result<u8, E> = { __self.g().await }; __ret }) }",
];

/// Items the attribute rejects.
const NOT_FUNCTIONS: &[&str] = &[
    "",
    "fn f();",
    "async fn f(&self) -> Result<(), E>;",
    "const fn f() -> Result<(), E> { Ok(()) }",
    "fn f() -> impl Future<Output = Result<(), E>> { async { Ok(()) } }",
    "struct S;",
    "struct S { a: u8 }",
    "impl S { fn f(&self) {} }",
    "fn f() -> Result<(), E> ( )",
    "fn f() -> Result<(), E> { Ok(()) } fn g() {}",
    "fn",
    "async",
    "fn f",
    "fn f() ->",
    "let x = 1;",
    "mod m {}",
];

fn item() -> impl Strategy<Value = TokenStream> {
    prop_oneof![
        4 => proptest::sample::select(FUNCTIONS).prop_map(parse),
        2 => proptest::sample::select(NOT_FUNCTIONS).prop_map(parse),
        // A valid signature with a random body, and random tokens.
        1 => tokens().prop_map(|body| {
            let mut stream = parse("async fn f(a: u8) -> Result<u8, E>");
            stream.extend([TokenTree::Group(Group::new(Delimiter::Brace, body))]);
            stream
        }),
        1 => tokens(),
    ]
}

/// Duration-shaped text: `<number><unit>` parts with odd numbers, units and spacing.
fn duration_text() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<u128>().prop_map(|n| n.to_string()),
        (0..1_000u32, 0..1_000_000_000_000u64).prop_map(|(whole, fraction)| format!("{whole}.{fraction}")),
        "[0-9_.]{0,24}",
        Just(String::new()),
    ];
    let unit = prop_oneof![
        6 => proptest::sample::select(vec!["ns", "us", "ms", "s", "m", "h"]).prop_map(str::to_owned),
        1 => proptest::sample::select(vec!["", " ", "sec", "mss", "µs", "d", "-", "S", "\u{0}"]).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    let space = proptest::sample::select(vec!["", "", "", " ", "\t", "\n "]);
    proptest::collection::vec((number, space, unit), 0..5).prop_map(|parts| {
        let mut text = String::new();
        for (number, space, unit) in parts {
            text.push_str(&number);
            text.push_str(space);
            text.push_str(&unit);
        }
        text
    })
}

fn any_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (any::<u64>(), 0..1_000_000_000u32).prop_map(|(secs, nanos)| Duration::new(secs, nanos)),
        (0..100_000u64, 0..1_000_000_000u32).prop_map(|(secs, nanos)| Duration::new(secs, nanos)),
        any::<u64>().prop_map(Duration::from_millis),
        any::<u64>().prop_map(Duration::from_nanos),
        Just(Duration::ZERO),
        Just(Duration::MAX),
        Just(Duration::from_nanos(u64::MAX)),
    ]
}

/// Nanoseconds per unit, for the model of `duration::parse`.
fn nanos_per(unit: &str) -> u128 {
    match unit {
        "ns" => 1,
        "us" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        _ => 3_600_000_000_000,
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// Random token trees as the arguments, beside any item.
    #[test]
    fn attribute_never_panics_on_random_arguments(args in tokens(), item in item()) {
        let output = expand::retry(args, item);
        prop_assert!(!output.is_empty());
    }

    /// `key = value` lists beside any item.
    #[test]
    fn attribute_never_panics_on_key_value_arguments(args in arguments(), item in item()) {
        let output = expand::retry(args, item);
        prop_assert!(!output.is_empty());
    }

    #[test]
    fn duration_parser_never_panics_on_any_string(text in any::<String>()) {
        let _ = duration::parse(&text);
    }

    #[test]
    fn duration_parser_never_panics_on_duration_shaped_text(text in duration_text()) {
        let _ = duration::parse(&text);
    }

    /// Whole numbers with known units sum exactly, or are "too long".
    #[test]
    fn duration_parser_sums_whole_parts_exactly(
        parts in proptest::collection::vec(
            (
                prop_oneof![any::<u64>(), 0..10_000u64],
                proptest::sample::select(vec!["ns", "us", "ms", "s", "m", "h"]),
            ),
            1..5,
        ),
    ) {
        let text: Vec<String> = parts.iter().map(|(number, unit)| format!("{number}{unit}")).collect();
        let text = text.join(" ");
        let total = parts.iter().try_fold(0u128, |total, (number, unit)| {
            u128::from(*number).checked_mul(nanos_per(unit)).and_then(|nanos| total.checked_add(nanos))
        });
        let expected = total.and_then(|nanos| {
            let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
            let subsec = u32::try_from(nanos % 1_000_000_000).ok()?;
            Some(Duration::new(secs, subsec))
        });
        match (duration::parse(&text), expected) {
            (Ok(parsed), Some(expected)) => prop_assert_eq!(parsed, expected, "{}", text),
            (Err(message), None) => prop_assert!(message.contains("too long"), "{text}: {message}"),
            (parsed, expected) => prop_assert!(false, "{text}: parsed {parsed:?}, expected {expected:?}"),
        }
    }

    /// Every `Duration`, up to `Duration::MAX`, prints as a literal that parses back to it.
    #[test]
    fn every_duration_round_trips_through_its_literal(duration in any_duration()) {
        let text = duration::display(duration);
        prop_assert_eq!(duration::parse(&text), Ok(duration), "{}", text);
    }

    /// What `{:?}` prints for a `Duration` (`1.5s`, `250µs`, `1.000000001s`) reads back exactly.
    #[test]
    fn every_duration_reads_back_from_its_debug_form(duration in any_duration()) {
        let text = format!("{duration:?}");
        prop_assert_eq!(duration::parse(&text), Ok(duration), "{}", text);
    }
}

proptest! {
    // Each case parses the whole output: fewer cases keep it as fast as the others.
    #![proptest_config(config(512))]

    /// Beside a function it accepts, the output is always a valid file: the expansion, or the
    /// errors and the function unchanged.
    #[test]
    fn output_beside_a_function_is_always_valid_rust(
        args in arguments(),
        function in proptest::sample::select(FUNCTIONS),
    ) {
        let output = expand::retry(args.clone(), parse(function));
        if let Err(error) = syn::parse2::<syn::File>(output.clone()) {
            prop_assert!(false, "#[retry({args})] {function}\nexpands to invalid Rust ({error}):\n{output}");
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// Every duration the parser accepts is written in the expansion by a constructor that
    /// builds exactly it (a `Duration::from_nanos` of more than `u64::MAX` would wrap silently).
    #[test]
    fn every_parsed_duration_has_a_constructor_that_builds_it(duration in any_duration()) {
        let constructor = duration::constructor(duration);
        prop_assert_eq!(constructor.build(), duration, "{:?}", constructor);
    }
}

/// The smallest input that once wrapped: 2^64 ns (about 584.5 years).
#[test]
fn the_first_duration_past_u64_nanos_has_a_constructor_that_builds_it() {
    let duration = duration::parse("18446744073709551616ns").expect("it fits a Duration");
    assert_eq!(duration::constructor(duration).build(), duration);
}
