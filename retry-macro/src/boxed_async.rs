//! Functions that `#[async_trait]` has already rewritten: a plain `fn` whose body is
//! `Box::pin(async move { ...; let __ret: R = { body }; ... })`. Recognised on tokens, without
//! parsing the body, so `#[retry]` can run the user's `body` as the attempt inside that block.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

/// The parts of an async-trait body around the user's block.
pub struct BoxedAsync {
    /// `Box::pin` (as written, path included).
    pin_call: TokenStream,
    /// The `(...)` of the `Box::pin` call, for its span.
    call_group: Group,
    /// The `{...}` of the `async move` block, for its span.
    block_group: Group,
    /// Statements of the async block before the user's block: `let __self = self;` and such.
    before: TokenStream,
    /// The output type `R` of `let __ret: R = ...`.
    pub output: TokenStream,
    /// Statements after the user's block.
    after: TokenStream,
}

impl BoxedAsync {
    /// Splits an async-trait body into its frame and the user's block, if it is one.
    pub fn split(body: &Group) -> Option<(Self, Group)> {
        let tokens: Vec<TokenTree> = body.stream().into_iter().collect();
        let (call_group, pin_call) = match tokens.split_last()? {
            (TokenTree::Group(call), path) if call.delimiter() == Delimiter::Parenthesis => {
                (call.clone(), path.iter().cloned().collect::<TokenStream>())
            }
            _ => return None,
        };
        if !ends_with_box_pin(&pin_call) {
            return None;
        }
        let inner: Vec<TokenTree> = call_group.stream().into_iter().collect();
        let block_group = match inner.as_slice() {
            [TokenTree::Ident(async_), TokenTree::Ident(move_), TokenTree::Group(block)]
                if async_ == "async" && move_ == "move" && block.delimiter() == Delimiter::Brace =>
            {
                block.clone()
            }
            _ => return None,
        };
        let statements: Vec<TokenTree> = block_group.stream().into_iter().collect();
        // `let __ret : R = { body } ;`
        let start = statements.windows(3).position(|window| {
            matches!(window, [TokenTree::Ident(let_), TokenTree::Ident(ret), TokenTree::Punct(colon)]
                if let_ == "let" && ret == "__ret" && colon.as_char() == ':')
        })?;
        let equals = start
            + 3
            + statements[start + 3..]
                .iter()
                .position(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == '='))?;
        let user_block = match statements.get(equals + 1)? {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => group.clone(),
            _ => return None,
        };
        let boxed = Self {
            pin_call,
            call_group,
            block_group,
            before: statements[..start].iter().cloned().collect(),
            output: statements[start + 3..equals].iter().cloned().collect(),
            after: statements[equals + 2..].iter().cloned().collect(),
        };
        Some((boxed, user_block))
    }

    /// The async-trait body with `block` in place of the user's block.
    pub fn rebuild(&self, block: &TokenStream) -> TokenStream {
        let Self { pin_call, before, output, after, .. } = self;
        let mut statements = quote!(#before let __ret: #output = #block;);
        statements.extend(after.clone());
        let mut async_block = Group::new(Delimiter::Brace, statements);
        async_block.set_span(self.block_group.span());
        let mut call = Group::new(Delimiter::Parenthesis, quote!(async move #async_block));
        call.set_span(self.call_group.span());
        quote!(#pin_call #call)
    }
}

/// `Box::pin`, `::alloc::boxed::Box::pin`, ...
fn ends_with_box_pin(path: &TokenStream) -> bool {
    let idents: Vec<String> = path
        .clone()
        .into_iter()
        .filter_map(|token| match token {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect();
    idents.ends_with(&["Box".to_owned(), "pin".to_owned()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brace(tokens: TokenStream) -> Group {
        Group::new(Delimiter::Brace, tokens)
    }

    #[test]
    fn finds_the_user_block_in_an_async_trait_body() {
        let body = brace(quote! {
            Box::pin(async move {
                let __self = self;
                let n = n;
                let __ret: Result<u32, String> = { n.parse().map_err(|_| String::new()) };
                #[allow(unreachable_code)] __ret
            })
        });
        let (boxed, user) = BoxedAsync::split(&body).unwrap();
        assert_eq!(boxed.output.to_string(), quote!(Result<u32, String>).to_string());
        assert_eq!(user.stream().to_string(), quote!(n.parse().map_err(|_| String::new())).to_string());
        let rebuilt = boxed.rebuild(&quote!({ retried }));
        assert!(rebuilt
            .to_string()
            .contains("let n = n ; let __ret : Result < u32 , String > = { retried } ;"));
    }

    #[test]
    fn ignores_other_bodies() {
        assert!(BoxedAsync::split(&brace(quote!(Ok(1)))).is_none());
        assert!(BoxedAsync::split(&brace(quote!(Box::pin(async move { 1 })))).is_none());
        assert!(BoxedAsync::split(&brace(quote!(Box::new(async move {
            let __ret: u8 = { 1 };
            __ret
        }))))
        .is_none());
    }
}
