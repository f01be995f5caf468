//! Compile errors that exist only without the default `tokio` feature. `.ci/run` runs them with
//! `cargo test -p reattempt --no-default-features --test ui_without_tokio`; under the README's
//! `--all-features` this file is empty.
#![cfg(not(feature = "tokio"))]

#[test]
fn ui_without_tokio() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui-without-tokio/*.rs");
}
