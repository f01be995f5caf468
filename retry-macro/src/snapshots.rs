//! Expansion snapshots: each `snapshots/<name>.rs` holds a `#[retry]` function or a
//! `retrying!` call as a user writes it (in an `impl` block where it is a method); the test
//! expands that attribute or call in place with [`expand::retry`] or [`expand::retrying`],
//! prints the file with `prettyplease` (as `cargo expand` does) and checks it against
//! `snapshots/expansion@<name>.rs.snap` with insta. After an intended change:
//! `INSTA_UPDATE=always cargo test -p reattempt-macro snapshots` (or `cargo insta review`), then
//! review the diff.
//!
//! The expansion does not depend on any feature: what the runtime's features change (the
//! default timer, the `tracing` events) is decided by the runtime's own macros, which the
//! expansion names whatever the features.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use crate::expand;

#[test]
fn expansion() {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::glob!("../snapshots", "*.rs", |path| {
            let input = std::fs::read_to_string(path).expect("the case is readable");
            let printed = expand_file(&input).unwrap_or_else(|problem| {
                panic!("{}: {problem}", path.display())
            });
            insta::assert_snapshot!(printed);
        });
    });
}

/// The case file with its first `#[retry]` / `#[retry(...)]` attribute or `retrying!(...)` call
/// expanded, pretty-printed.
fn expand_file(input: &str) -> Result<String, String> {
    let tokens: TokenStream = input.parse().map_err(|error| format!("does not tokenize: {error}"))?;
    let (expanded, found) = expand_first(tokens);
    if !found {
        return Err("no `#[retry]` attribute or `retrying!` call found".into());
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
        // `retrying!(...)`: the call replaced by its expansion.
        if let [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(input), ..] =
            &tokens[index..]
        {
            if name == "retrying" && bang.as_char() == '!' && input.delimiter() == Delimiter::Parenthesis {
                let mut output: TokenStream = tokens[..index].iter().cloned().collect();
                output.extend(expand::retrying(input.stream()));
                output.extend(tokens[index + 3..].iter().cloned());
                return (output, true);
            }
        }
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

#[test]
fn finds_the_attribute_inside_an_impl_block() {
    let printed =
        expand_file("impl A { #[retry(attempts = 2)] fn f(&self) -> Result<(), E> { Ok(()) } }").unwrap();
    assert!(printed.starts_with("impl A {\n    fn f(&self) -> Result<(), E> {"), "{printed}");
    assert!(printed.contains("Policy::new(2)"), "{printed}");
    assert!(expand_file("fn f() {}").is_err());
}
