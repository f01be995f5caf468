//! `retrying!` reads its keys as `#[retry]` does: for the arguments of every `tests/ui` case,
//! the two forms give the same errors, in the same order, with the same words. Each case's
//! arguments are given to a function and to a block of the same kind (async or blocking) that
//! name nothing else, so that only the keys can be wrong.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::expand;

/// The messages of the `compile_error!`s in `output`, in order.
fn messages(output: &TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = output.clone().into_iter().collect();
    let mut found = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                if let Some(TokenTree::Group(group)) = tokens.get(index + 2) {
                    found.extend(group.stream().into_iter().map(|literal| literal.to_string()));
                }
            }
            TokenTree::Group(group) => found.extend(messages(&group.stream())),
            _ => {}
        }
    }
    found
}

/// Every `#[retry(...)]` of a file with whether the function after it is `async`.
fn attributes(tokens: TokenStream) -> Vec<(TokenStream, bool)> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = Vec::new();
    for (index, window) in tokens.windows(2).enumerate() {
        let [TokenTree::Punct(pound), TokenTree::Group(attribute)] = window else { continue };
        if pound.as_char() != '#' || attribute.delimiter() != Delimiter::Bracket {
            continue;
        }
        let inner: Vec<TokenTree> = attribute.stream().into_iter().collect();
        let args = match inner.as_slice() {
            [TokenTree::Ident(name), TokenTree::Group(args)] if name == "retry" => args.stream(),
            _ => continue,
        };
        let is_async = tokens[index + 2..]
            .iter()
            .take_while(|token| !matches!(token, TokenTree::Ident(ident) if ident == "fn"))
            .any(|token| matches!(token, TokenTree::Ident(ident) if ident == "async"));
        found.push((args, is_async));
    }
    for token in tokens {
        if let TokenTree::Group(group) = token {
            found.extend(attributes(group.stream()));
        }
    }
    found
}

#[test]
fn retrying_gives_the_attribute_s_errors_for_every_ui_case() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/ui");
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/ui is readable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect();
    cases.sort();
    let mut compared = 0;
    let mut with_errors = 0;
    for path in cases {
        let source = std::fs::read_to_string(&path).expect("the case is readable");
        let Ok(tokens) = source.parse::<TokenStream>() else { continue };
        for (args, is_async) in attributes(tokens) {
            let (function, body) = if is_async {
                (
                    quote!(
                        async fn f() -> Result<(), E> {
                            Ok(())
                        }
                    ),
                    quote!(async { Ok::<(), E>(()) }),
                )
            } else {
                (
                    quote!(
                        fn f() -> Result<(), E> {
                            Ok(())
                        }
                    ),
                    quote!(|| Ok::<(), E>(())),
                )
            };
            let attribute = messages(&expand::retry(args.clone(), function));
            let separator = if args.is_empty() { quote!() } else { quote!(,) };
            let block = messages(&expand::retrying(quote!(#args #separator #body)));
            assert_eq!(attribute, block, "{}: #[retry({args})]", path.display());
            compared += 1;
            with_errors += usize::from(!attribute.is_empty());
        }
    }
    // Most cases are a mistake in a key; the others (a wrong return type, a moved parameter, ...)
    // are the function's, and both forms accept their keys.
    assert!(compared >= 70 && with_errors >= 40, "{compared} compared, {with_errors} with errors");
}
