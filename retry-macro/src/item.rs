//! The annotated function, split into the parts the expansion needs. The body is kept as
//! tokens and never parsed: a syntax error in it is rustc's to report, and expansion stays fast.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, ReturnType, Signature, Visibility};

use crate::boxed_async::BoxedAsync;

/// `#[attrs] vis fn name(...) -> Ret { body }`.
pub struct RetryFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
    /// Leading `#![...]` attributes of the body, which must stay first in a block.
    pub inner_attrs: TokenStream,
    /// The block each attempt runs: the body without its inner attributes, braces and span kept.
    pub body: Group,
    /// The frame around `body` when `#[async_trait]` has already boxed the function.
    pub boxed: Option<BoxedAsync>,
    /// The body as written.
    original_body: Group,
}

impl RetryFn {
    /// Whether attempts are futures: an `async fn`, or one that `#[async_trait]` boxed.
    pub fn is_async(&self) -> bool {
        self.sig.asyncness.is_some() || self.boxed.is_some()
    }

    /// The type of one attempt's outcome as it can be written inside the body; `None` for
    /// `impl Trait`, which cannot.
    pub fn output_type(&self) -> Option<TokenStream> {
        let tokens = match (&self.boxed, &self.sig.output) {
            (Some(boxed), _) => boxed.output.clone(),
            (None, ReturnType::Default) => quote::quote!(()),
            (None, ReturnType::Type(_, ty)) => ty.to_token_stream(),
        };
        (!mentions_any(&tokens, &["impl"])).then_some(tokens)
    }

    /// Where errors about the return type belong.
    pub fn output_span(&self) -> Span {
        match (&self.boxed, &self.sig.output) {
            (Some(boxed), _) => {
                boxed.output.clone().into_iter().next().map_or(self.sig.ident.span(), |token| token.span())
            }
            (None, ReturnType::Default) => self.sig.ident.span(),
            (None, ReturnType::Type(_, ty)) => ty.span(),
        }
    }
}

/// Whether `tokens` contain any of the identifiers `names`, at any depth.
pub fn mentions_any<S: AsRef<str>>(tokens: &TokenStream, names: &[S]) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => names.iter().any(|name| ident == name.as_ref()),
        TokenTree::Group(group) => mentions_any(&group.stream(), names),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

/// Where `tokens` name the local `name`: the first identifier `name` that is not a field
/// (`.name`), a path segment (`x::name`, `name::x`) or a macro (`name!`).
pub fn find_local(tokens: &TokenStream, name: &str) -> Option<Span> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let punct = |index: Option<usize>, chars: &[char]| {
        index
            .and_then(|index| tokens.get(index))
            .is_some_and(|token| matches!(token, TokenTree::Punct(punct) if chars.contains(&punct.as_char())))
    };
    tokens.iter().enumerate().find_map(|(index, token)| match token {
        TokenTree::Ident(ident) if ident == name => {
            let after_dot_or_path = punct(index.checked_sub(1), &['.', ':']);
            let before_path_or_bang = punct(Some(index + 1), &[':', '!']);
            (!after_dot_or_path && !before_path_or_bang).then(|| ident.span())
        }
        TokenTree::Group(group) => find_local(&group.stream(), name),
        _ => None,
    })
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
        let original_body = body.clone();
        let (mut inner_attrs, body) = split_inner_attributes(&body);
        let (boxed, body) = match BoxedAsync::split(&body) {
            Some((boxed, user_block)) => {
                // Lint attributes of the user's block apply to the whole function alike.
                let (user_inner_attrs, user_block) = split_inner_attributes(&user_block);
                inner_attrs.extend(user_inner_attrs);
                (Some(boxed), user_block)
            }
            None => (None, body),
        };
        Ok(Self { attrs, vis, sig, inner_attrs, body, boxed, original_body })
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
        self.original_body.to_tokens(tokens);
    }
}
