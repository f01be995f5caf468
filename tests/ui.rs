//! Every compile-time rule of `#[retry]`, with the exact message users see.
#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the .stderr files hold rustc 1.95's messages; on another compiler, review TRYBUILD=overwrite"
)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
