//! The `#[retry]` attribute. Use it through the `reattempt` crate, which documents it.
//!
//! The attribute runs in three steps, each in its own module: `args` and `item` parse the
//! arguments and the function (the body is kept as tokens), `validate` turns the arguments
//! into a typed `validate::Config` and collects every problem, `expand` writes the loop.

mod args;
mod block;
mod boxed_async;
mod duration;
mod expand;
mod item;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod same_errors;
mod site;
#[cfg(test)]
mod snapshots;
mod span;
mod validate;

use proc_macro::TokenStream;

/// Makes a function that returns `Result` retry itself. See the `reattempt` crate.
#[proc_macro_attribute]
pub fn retry(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::retry(args.into(), item.into()).into()
}

/// Retries a block in place: `retrying!(attempts = 3, async { .. })` or `retrying!(.., || ..)`.
/// See the `reattempt` crate.
#[proc_macro]
pub fn retrying(input: TokenStream) -> TokenStream {
    expand::retrying(input.into()).into()
}
