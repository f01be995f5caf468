//! Spans for generated tokens: a leaf module that every other one may use.

use proc_macro2::{Literal, Span, TokenStream};
use quote::ToTokens;

/// A span for generated tokens that serve the user's tokens at `span`: errors are reported
/// there, while lints treat the tokens as the macro's (they are not the user's code).
pub fn at(span: Span) -> Span {
    Span::call_site().located_at(span)
}

/// `tokens` with every token, at any depth, placed `at` the user's `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    let span = at(span);
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner = proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// A literal the macro writes for the user's literal at `span`.
pub fn literal_at(mut literal: Literal, span: Span) -> TokenStream {
    literal.set_span(at(span));
    literal.into_token_stream()
}
