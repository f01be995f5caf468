//! Where the retry loop goes: around a function's body (`#[retry]`) or in place of a block
//! (`retrying!`). Everything that differs between the two is here: the body, its output type,
//! whether attempts are futures, which names the keys cannot use, and how the loop ends the
//! call. Parsing, validation and expansion are the same for both.

use proc_macro2::{Group, Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Lifetime;

use crate::block::{BlockKind, RetryBlock};
use crate::item::RetryFn;
use crate::span::at;

/// The function or the block being retried.
#[derive(Clone, Copy)]
pub enum Site<'a> {
    Function(&'a RetryFn),
    Block(&'a RetryBlock),
}

impl<'a> Site<'a> {
    /// Whether attempts are futures: an `async fn` (or one `#[async_trait]` boxed), or the
    /// `async` form of `retrying!`.
    pub fn is_async(self) -> bool {
        match self {
            Self::Function(function) => function.is_async(),
            Self::Block(block) => block.is_async(),
        }
    }

    /// The names the function's parameters bind (`self` included), which a schedule key cannot
    /// use and `attempt = n` must not hide. Around a block, only `self` is known to be one: the
    /// other locals the macro cannot see.
    pub fn parameters(self) -> Vec<String> {
        let mut names = vec!["self".to_owned()];
        let Self::Function(function) = self else { return names };
        for input in &function.sig.inputs {
            if let syn::FnArg::Typed(typed) = input {
                collect_bindings(&typed.pat, &mut names);
            }
        }
        names
    }

    /// The names an item of the expansion cannot see: the function's generic parameters and
    /// `Self`. `None` for a block, whose enclosing generics the macro cannot see, so that
    /// any setting that is not a literal is taken as naming them.
    pub fn hidden_from_items(self) -> Option<Vec<String>> {
        let Self::Function(function) = self else { return None };
        let mut names = vec!["Self".to_owned()];
        names.extend(function.sig.generics.params.iter().filter_map(|param| match param {
            syn::GenericParam::Type(param) => Some(param.ident.to_string()),
            syn::GenericParam::Const(param) => Some(param.ident.to_string()),
            syn::GenericParam::Lifetime(_) => None,
        }));
        Some(names)
    }

    /// The type of one attempt's outcome as it can be written in the expansion: the function's
    /// return type (not `impl Trait`); a block's is inferred from its body.
    pub fn output_type(self) -> Option<TokenStream> {
        match self {
            Self::Function(function) => function.output_type(),
            Self::Block(_) => None,
        }
    }

    /// Where an error about the outcome's type belongs: the return type, or the block.
    pub fn output_span(self) -> Span {
        match self {
            Self::Function(function) => function.output_span(),
            Self::Block(block) => block.output_span(),
        }
    }

    /// Where an error about the site as a whole belongs (no timer): the function's name, or the
    /// start of the block.
    pub fn span(self) -> Span {
        match self {
            Self::Function(function) => function.sig.ident.span(),
            Self::Block(block) => block.span,
        }
    }

    /// The name the `tracing` events give: the function's, or for a block the module's path and
    /// the line of the `retrying!` call.
    pub fn name(self) -> TokenStream {
        match self {
            Self::Function(function) => {
                let name = function.sig.ident.to_string();
                quote::quote!(#name)
            }
            Self::Block(block) => {
                let span = at(block.span);
                quote_spanned!(span=> ::core::concat!(::core::module_path!(), ":", ::core::line!()))
            }
        }
    }

    /// What each attempt runs: a function's body or an `async` block, kept whole (braces and
    /// span), or a closure's body, an expression.
    pub fn body(self) -> Body<'a> {
        match self {
            Self::Function(function) => Body::Block(&function.body),
            Self::Block(RetryBlock { kind: BlockKind::Async { body }, .. }) => Body::Block(body),
            Self::Block(RetryBlock { kind: BlockKind::Closure { body }, .. }) => Body::Expression(body),
        }
    }

    /// How the loop ends the call with `outcome`: `return` from the function or from the `async`
    /// block; for the closure form, which runs in place, a `break` out of its labelled block.
    pub fn leave(self, outcome: &Ident) -> TokenStream {
        match self {
            Self::Block(RetryBlock { kind: BlockKind::Closure { .. }, .. }) => {
                let label = call_label();
                quote!(break #label #outcome)
            }
            _ => quote!(return #outcome),
        }
    }

    /// The retry loop in place: the function with it as its body, the `async` block
    /// (`async move` when written so, and lazy: nothing runs before the first poll), or the
    /// labelled block the closure form leaves with its outcome.
    pub fn wrap(self, retry_loop: TokenStream) -> TokenStream {
        match self {
            Self::Function(function) => {
                // Under `#[async_trait]` the loop runs inside its boxed `async move` block, where
                // `return` ends the future just as it ends an `async fn`.
                let body = match &function.boxed {
                    Some(boxed) => boxed.rebuild(&quote!({ #retry_loop })),
                    None => retry_loop,
                };
                let RetryFn { attrs, vis, sig, inner_attrs, .. } = function;
                quote! {
                    #(#attrs)*
                    #vis #sig {
                        #inner_attrs
                        #body
                    }
                }
            }
            Self::Block(block @ RetryBlock { kind: BlockKind::Async { .. }, .. }) => {
                let move_token = &block.move_token;
                quote_spanned!(at(block.span)=> async #move_token { #retry_loop })
            }
            Self::Block(RetryBlock { kind: BlockKind::Closure { .. }, .. }) => {
                let label = call_label();
                quote!(#label: { #retry_loop })
            }
        }
    }
}

/// What each attempt runs.
pub enum Body<'a> {
    /// A block, run as an `async` block or a closure's body so that `?` and `return` end the
    /// attempt.
    Block(&'a Group),
    /// The body of the closure form: an expression, made a closure's body again per attempt.
    Expression(&'a TokenStream),
}

/// The label of the closure form's block, hidden from the user's labels.
fn call_label() -> Lifetime {
    Lifetime::new("'__retrying", Span::mixed_site())
}

fn collect_bindings(pattern: &syn::Pat, names: &mut Vec<String>) {
    match pattern {
        syn::Pat::Ident(binding) => names.push(binding.ident.to_string()),
        syn::Pat::Tuple(syn::PatTuple { elems, .. })
        | syn::Pat::TupleStruct(syn::PatTupleStruct { elems, .. }) => {
            for element in elems {
                collect_bindings(element, names);
            }
        }
        syn::Pat::Struct(fields) => {
            for field in &fields.fields {
                collect_bindings(&field.pat, names);
            }
        }
        syn::Pat::Reference(reference) => collect_bindings(&reference.pat, names),
        syn::Pat::Paren(inner) => collect_bindings(&inner.pat, names),
        _ => {}
    }
}
