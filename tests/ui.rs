//! Every compile-time rule of `#[retry]`, with the exact message users see.
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
