//! `retrying!(key = value, ..., body)`: the keys as the attribute reads them, then the body, an
//! `async` block or a closure without parameters. The body is kept as tokens and never parsed,
//! as a function's is; only where it starts and how it is shaped are read.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};

/// What to write where the attribute names the site: both forms of the body.
const BOTH_FORMS: &str = "an `async` block (`retrying!(attempts = 3, async { .. }).await`) or a \
                          closure without parameters (`retrying!(attempts = 3, || ..)`, called at once)";

/// The body of `retrying!`.
pub struct RetryBlock {
    /// The tokens before the body: the keys, for `args::parse`.
    pub arguments: TokenStream,
    pub kind: BlockKind,
    /// `move`, when the body was written with it.
    pub move_token: Option<Ident>,
    /// Where the body starts (`async`, `move` or the closure's `|`), for errors about it.
    pub span: Span,
}

pub enum BlockKind {
    /// `async { .. }`: the macro is a future; each attempt runs the block afresh.
    Async { body: Group },
    /// `|| expression`: the macro is called at once; each attempt calls the closure's body.
    Closure { body: TokenStream },
}

impl RetryBlock {
    /// Whether attempts are futures: the `async` form.
    pub fn is_async(&self) -> bool {
        matches!(self.kind, BlockKind::Async { .. })
    }

    /// Where errors about the body's output belong: the body itself.
    pub fn output_span(&self) -> Span {
        match &self.kind {
            BlockKind::Async { body } => body.span(),
            BlockKind::Closure { body } => {
                body.clone().into_iter().next().map_or(self.span, |token| token.span())
            }
        }
    }

    /// The body as written, for when the keys are wrong: still a value of the body's type, so
    /// that one mistake in a key gives one error.
    pub fn unchanged(&self) -> TokenStream {
        let move_token = &self.move_token;
        match &self.kind {
            BlockKind::Async { body } => quote!(async #move_token #body),
            BlockKind::Closure { body } => quote!((#move_token || #body)()),
        }
    }
}

/// Splits the macro's input into the keys and the body, and reads the body's shape.
pub fn parse(input: TokenStream) -> syn::Result<RetryBlock> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let Some(start) = body_start(&tokens) else {
        return Err(no_body(&tokens));
    };
    let arguments = tokens[..start].iter().cloned().collect();
    let span = tokens[start].span();
    let (kind, move_token) = match &tokens[start..] {
        // `async { .. }` and `async move { .. }`.
        [TokenTree::Ident(async_token), rest @ ..] if async_token == "async" => {
            let (move_token, rest) = match rest {
                [TokenTree::Ident(move_token), rest @ ..] if move_token == "move" => {
                    (Some(move_token.clone()), rest)
                }
                _ => (None, rest),
            };
            match rest {
                [TokenTree::Group(body), after @ ..] if body.delimiter() == Delimiter::Brace => {
                    nothing_after(after)?;
                    (BlockKind::Async { body: body.clone() }, move_token)
                }
                _ => return Err(not_a_body(&tokens[start..])),
            }
        }
        // `|| ..` and `move || ..`.
        written => {
            let (move_token, rest) = match written {
                [TokenTree::Ident(move_token), rest @ ..] if move_token == "move" => {
                    (Some(move_token.clone()), rest)
                }
                _ => (None, written),
            };
            match rest {
                [TokenTree::Punct(or), after @ ..] if or.as_char() == '|' => {
                    (closure(or, after)?, move_token)
                }
                _ => return Err(not_a_body(written)),
            }
        }
    };
    Ok(RetryBlock { arguments, kind, move_token, span })
}

/// Where the body starts: the first argument that begins with `async`, `move` or `|` (a key
/// begins with its name).
fn body_start(tokens: &[TokenTree]) -> Option<usize> {
    let mut at_argument_start = true;
    for (index, token) in tokens.iter().enumerate() {
        if at_argument_start {
            match token {
                TokenTree::Ident(ident) if ident == "async" || ident == "move" => return Some(index),
                TokenTree::Punct(punct) if punct.as_char() == '|' => return Some(index),
                _ => {}
            }
        }
        at_argument_start = matches!(token, TokenTree::Punct(punct) if punct.as_char() == ',');
    }
    None
}

/// `|| body` or `| | body`: the closure's body, a trailing comma left out.
fn closure(or: &Punct, after: &[TokenTree]) -> syn::Result<BlockKind> {
    let body = match after {
        // `||` is two joint `|`; `| |` two alone.
        [TokenTree::Punct(second), body @ ..] if second.as_char() == '|' => body,
        _ => {
            // From the opening `|` to the closing one, as written.
            let end = after
                .iter()
                .position(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == '|'))
                .map_or(after.len(), |end| end + 1);
            let mut parameters = TokenStream::from(TokenTree::Punct(or.clone()));
            parameters.extend(after[..end].iter().cloned());
            return Err(syn::Error::new_spanned(
                parameters,
                "the closure of `retrying!` takes no parameters: each attempt calls it with none, and \
                 the values it needs are the locals around it (write `|| ..`)",
            ));
        }
    };
    let body = match body {
        [rest @ .., TokenTree::Punct(comma)] if comma.as_char() == ',' => rest,
        _ => body,
    };
    if body.is_empty() {
        return Err(syn::Error::new(or.span(), "the closure of `retrying!` needs a body: `|| expression`"));
    }
    if let Some(key) = key_after_body(body) {
        return Err(key_after(&key));
    }
    Ok(BlockKind::Closure { body: body.iter().cloned().collect() })
}

/// After an `async` block: nothing, or one trailing comma.
fn nothing_after(after: &[TokenTree]) -> syn::Result<()> {
    match after {
        [] => Ok(()),
        [TokenTree::Punct(comma)] if comma.as_char() == ',' => Ok(()),
        [TokenTree::Punct(comma), TokenTree::Ident(key), ..] if comma.as_char() == ',' => Err(key_after(key)),
        _ => Err(syn::Error::new_spanned(
            after.iter().cloned().collect::<TokenStream>(),
            "the body is the last argument of `retrying!`: nothing may follow the `async` block",
        )),
    }
}

/// In a closure's body, `, key = ...` at the top level: a key written after the body (a
/// top-level comma in an expression is otherwise only in generic arguments, `<A, B>`).
fn key_after_body(body: &[TokenTree]) -> Option<Ident> {
    body.windows(3).find_map(|window| match window {
        [TokenTree::Punct(comma), TokenTree::Ident(key), TokenTree::Punct(eq)]
            if comma.as_char() == ',' && eq.as_char() == '=' && eq.spacing() == Spacing::Alone =>
        {
            Some(key.clone())
        }
        _ => None,
    })
}

fn key_after(key: &Ident) -> syn::Error {
    syn::Error::new(
        key.span(),
        format!(
            "`{key}` is written after the body: the keys of `retrying!` come first and the body last \
             (`retrying!({key} = .., async {{ .. }})`)"
        ),
    )
}

/// No argument starts a body: the last one, if it is not a key, is a body of another shape.
fn no_body(tokens: &[TokenTree]) -> syn::Error {
    // After the last comma that is not a trailing one.
    let last_start = tokens
        .iter()
        .enumerate()
        .rev()
        .find(|(index, token)| {
            matches!(token, TokenTree::Punct(punct) if punct.as_char() == ',') && index + 1 < tokens.len()
        })
        .map_or(0, |(index, _)| index + 1);
    let last = &tokens[last_start..];
    let is_key = matches!(last, [TokenTree::Ident(_), TokenTree::Punct(eq), ..]
        if eq.as_char() == '=' && eq.spacing() == Spacing::Alone);
    if last.is_empty() || is_key {
        return syn::Error::new(
            Span::call_site(),
            format!("`retrying!` needs a body after its keys: {BOTH_FORMS}"),
        );
    }
    not_a_body(last)
}

fn not_a_body(tokens: &[TokenTree]) -> syn::Error {
    let tokens = match tokens {
        [rest @ .., TokenTree::Punct(comma)] if comma.as_char() == ',' => rest,
        _ => tokens,
    };
    let written: TokenStream = tokens.iter().cloned().collect();
    let hint = match tokens {
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Brace => {
            "; a block `{ .. }` runs once: write `async { .. }` or `|| { .. }`"
        }
        _ => "; to retry a call, wrap it: `async { call().await }` or `|| call()`",
    };
    syn::Error::new_spanned(
        written.to_token_stream(),
        format!("the last argument of `retrying!` is the body, {BOTH_FORMS}{hint}"),
    )
}
