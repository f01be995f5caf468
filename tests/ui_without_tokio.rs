//! Compile errors that exist only without the default `tokio` feature. `.ci/run` runs them with
//! `cargo test -p reattempt --no-default-features --test ui_without_tokio`; under the README's
//! `--all-features` this file is empty.
#![cfg(not(feature = "tokio"))]

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the .stderr files hold rustc 1.95's messages; on another compiler, review TRYBUILD=overwrite"
)]
#[test]
fn ui_without_tokio() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui-without-tokio/*.rs");
}
