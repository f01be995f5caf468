//! The annotated function, split into the parts the expansion needs. The body is kept as
//! tokens and never parsed: a syntax error in it is rustc's to report, and expansion stays fast.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Signature, Visibility};

/// `#[attrs] vis fn name(...) -> Ret { body }`.
pub struct RetryFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
    /// Leading `#![...]` attributes of the body, which must stay first in a block.
    pub inner_attrs: TokenStream,
    /// The body without its inner attributes, braces and span kept.
    pub body: Group,
}

impl Parse for RetryFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let looks_like_fn = input.peek(syn::Token![fn])
            || input.peek(syn::Token![async])
            || input.peek(syn::Token![const])
            || input.peek(syn::Token![unsafe])
            || input.peek(syn::Token![extern]);
        if !looks_like_fn {
            return Err(input.error("`#[retry]` applies to functions: `async fn` or `fn`"));
        }
        let sig: Signature = input.parse()?;
        if input.peek(syn::Token![;]) {
            return Err(syn::Error::new_spanned(
                &sig.ident,
                "`#[retry]` needs a function with a body: put it on the method's implementation, not its declaration",
            ));
        }
        let body: Group = input.parse()?;
        if body.delimiter() != Delimiter::Brace {
            return Err(syn::Error::new(body.span(), "expected the function's body"));
        }
        let (inner_attrs, body) = split_inner_attributes(&body);
        Ok(Self { attrs, vis, sig, inner_attrs, body })
    }
}

/// Moves `#![...]` from the start of a block out of it.
fn split_inner_attributes(body: &Group) -> (TokenStream, Group) {
    let tokens: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut split = 0;
    while let [TokenTree::Punct(pound), TokenTree::Punct(bang), TokenTree::Group(group), ..] =
        &tokens[split..]
    {
        if pound.as_char() != '#' || bang.as_char() != '!' || group.delimiter() != Delimiter::Bracket {
            break;
        }
        split += 3;
    }
    let inner_attrs = tokens[..split].iter().cloned().collect();
    let mut rest = Group::new(Delimiter::Brace, tokens[split..].iter().cloned().collect());
    rest.set_span(body.span());
    (inner_attrs, rest)
}

impl ToTokens for RetryFn {
    /// The function exactly as written, for when the arguments are wrong.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for attr in &self.attrs {
            attr.to_tokens(tokens);
        }
        self.vis.to_tokens(tokens);
        self.sig.to_tokens(tokens);
        let mut body = Group::new(Delimiter::Brace, {
            let mut stream = self.inner_attrs.clone();
            stream.extend(self.body.stream());
            stream
        });
        body.set_span(self.body.span());
        body.to_tokens(tokens);
    }
}
