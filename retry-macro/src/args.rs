//! The attribute's arguments as written: `key = value` pairs, not yet interpreted.

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token};

/// One `key = value` argument.
pub struct Argument {
    pub key: Ident,
    pub value: Expr,
}

impl Parse for Argument {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        // `crate` is a keyword, so keys are read as any identifier.
        let key = Ident::parse_any(input)?;
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(
                key.span(),
                format!("expected `{key} = <value>`: every argument of `#[retry]` is a `key = value` pair"),
            ));
        }
        let eq: Token![=] = input.parse()?;
        if input.is_empty() || input.peek(Token![,]) {
            return Err(syn::Error::new_spanned(
                quote::quote!(#key #eq),
                format!("`{key}` needs a value after `=`"),
            ));
        }
        let value = input.parse()?;
        Ok(Self { key, value })
    }
}

/// Parses `key = value, ...` (a trailing comma is fine, no arguments at all too).
pub fn parse(input: ParseStream<'_>) -> syn::Result<Vec<Argument>> {
    let arguments = Punctuated::<Argument, Token![,]>::parse_terminated(input)?;
    Ok(arguments.into_iter().collect())
}
