//! Writes the retry loop around the function's body (`#[retry]`) or in place of a block
//! (`retrying!`): one expansion, which asks `site` what differs between the two.

use proc_macro2::{Delimiter, Group, Ident, Literal, Spacing, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::Expr;

use crate::block::RetryBlock;
use crate::item::{mentions_any, RetryFn};
use crate::site::{Body, Site};
use crate::span::{at, literal_at};
use reattempt_runtime::__rules::BackoffName;
use reattempt_runtime::Jitter;

use crate::validate::{validate, Config, Value};
use crate::{args, duration};

/// The attribute: on any error, the function is emitted unchanged beside the errors, so a
/// mistake in the arguments gives those errors and nothing else.
pub fn retry(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: RetryFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(error) => {
            let mut output = error.to_compile_error();
            output.extend(item);
            return output;
        }
    };
    let site = Site::Function(&function);
    let config = args::parse.parse2(args).and_then(|arguments| validate(arguments, site));
    match config {
        Ok(mut config) => {
            if function.boxed.is_some() {
                rename_self(&mut config);
            }
            expand(&config, site)
        }
        Err(error) => {
            let mut output = error.to_compile_error();
            function.to_tokens(&mut output);
            output
        }
    }
}

/// `retrying!`: the same keys, parsed, checked and expanded as the attribute's. On an error in
/// the keys, the body is emitted as it was written beside the errors, so that the macro still
/// has the body's type and a mistake in a key gives that error and nothing else.
pub fn retrying(input: TokenStream) -> TokenStream {
    let block: RetryBlock = match crate::block::parse(input) {
        Ok(block) => block,
        Err(error) => return error.to_compile_error(),
    };
    let site = Site::Block(&block);
    let config = args::parse.parse2(block.arguments.clone()).and_then(|arguments| validate(arguments, site));
    match config {
        Ok(config) => expand(&config, site),
        Err(error) => {
            let errors = error.to_compile_error();
            let unchanged = block.unchanged();
            quote!({ #errors #unchanged })
        }
    }
}

/// Locals of the expansion: `mixed_site` keeps them apart from every name in the user's code.
struct Locals {
    policy: Ident,
    retry: Ident,
    outcome: Ident,
    result: Ident,
    wait: Ident,
    /// The attempt's outcome in the type hint at the start of an `async` attempt.
    ret: Ident,
    /// The wait `Retry::next` chose, inside the per-attempt block that yields it as `wait`.
    next: Ident,
    /// What `Retry::next` decided: end the call, or wait and go on.
    flow: Ident,
    /// Why `Retry::next` ended the call, and why it gave up, for the hooks that see it.
    stop: Ident,
    reason: Ident,
}

impl Locals {
    fn new() -> Self {
        // `mixed_site` hides these from the user's locals, but a `let` still cannot shadow a
        // user's constant, static or unit struct of the same name, whatever its hygiene:
        // hence names no one gives to those.
        let local = |name| Ident::new(name, Span::mixed_site());
        Self {
            policy: local("__policy"),
            retry: local("__retry"),
            outcome: local("__outcome"),
            result: local("__result"),
            wait: local("__wait"),
            ret: local("__ret"),
            next: local("__next"),
            flow: local("__flow"),
            stop: local("__stop"),
            reason: local("__reason"),
        }
    }
}

fn expand(config: &Config, site: Site<'_>) -> TokenStream {
    let krate = match &config.krate {
        Some(path) => path.to_token_stream(),
        None => quote!(::reattempt),
    };
    let locals = Locals::new();
    let Locals { policy, retry, outcome, result, wait, next, flow, .. } = &locals;
    let is_async = site.is_async();

    let (policy_binding, policy_source) = policy_binding(config, site, &krate, policy);
    let (clock, jitter_state) = call_state(config, is_async, &krate);
    let output_type = site.output_type();
    let attempt = attempt(config, site, output_type.as_ref(), &krate, &locals);
    let return_span = at(site.output_span());
    let leave = site.leave(outcome);

    let return_type = output_type.unwrap_or_else(|| quote!(_));
    // The one call that requires a `Result` carries the return type's span, so that a wrong
    // return type is reported there, once; everything after it works on `&Result<T, E>`.
    let private = private_at(config, return_span);
    let as_result = match site {
        Site::Function(_) => {
            quote_spanned!(return_span=> #private::Returns::<#return_type>::as_result(&#outcome))
        }
        Site::Block(_) => quote_spanned!(return_span=> #private::block_result(&#outcome)),
    };
    let decision = match (&config.when, &config.classify) {
        (Some(when), _) => spanned_call(config, when, "when", &quote!(#result, #when)),
        (_, Some(classify)) => spanned_call(config, classify, "classify", &quote!(#result, #classify)),
        _ => quote!(#krate::__private::decide(#result)),
    };
    // Before each wait, `on_retry`.
    let continue_arm = match &config.on_retry {
        None => quote!(::core::ops::ControlFlow::Continue(#next) => #next,),
        Some(on_retry) => {
            let notify =
                spanned_call(config, on_retry, "notify", &quote!(&#retry, #result, #next, #on_retry));
            quote!(::core::ops::ControlFlow::Continue(#next) => {
                #notify;
                #next
            })
        }
    };
    // When the call gives up on a failure it would have retried, `on_give_up`.
    let (stop, reason) = (&locals.stop, &locals.reason);
    let break_arm = match &config.on_give_up {
        None => quote!(::core::ops::ControlFlow::Break(_) => #leave,),
        Some(on_give_up) => {
            let give_up =
                spanned_call(config, on_give_up, "give_up", &quote!(&#retry, #result, #reason, #on_give_up));
            quote!(::core::ops::ControlFlow::Break(#stop) => {
                if let ::core::option::Option::Some(#reason) = #stop.gave_up() {
                    #give_up;
                }
                #leave
            })
        }
    };
    // The `tracing` events, before the hooks: the runtime's macro, empty without its feature
    // `tracing`, so the expansion does not depend on this crate's features.
    let name = site.name();
    let trace = quote!(#krate::__private::trace_events!(#name, &#retry, &#flow, #result););
    // Without a budget, `next`; with one, `next_with`, the budget borrowed where it is used.
    let next_call = match &config.budget {
        None => quote!(#retry.next(#decision)),
        Some(budget) => {
            let borrowed = quote_spanned!(at(budget.span())=> &(#budget));
            let budget = spanned_call(config, budget, "budget_of", &borrowed);
            quote!(#retry.next_with(#decision, &#budget))
        }
    };
    // `attempt = n`: the running attempt's number, seen by the body and the hooks.
    let attempt_binding = config.attempt.as_ref().map(|name| quote!(let #name: u32 = #retry.attempt();));
    let pause = pause(config, site, &krate, wait);

    let retry_loop = quote! {
        #policy_binding
        let mut #retry = #krate::__private::Retry::<_, #clock, #jitter_state>::start(#policy_source);
        loop {
            #attempt_binding
            let #wait = {
                let #outcome = #attempt;
                let #result = #as_result;
                let #flow = #next_call;
                #trace
                match #flow {
                    #break_arm
                    #continue_arm
                }
            };
            #pause
        }
    };
    site.wrap(retry_loop)
}

/// The call's clock and jitter state: only what the settings use. A start time for
/// `max_elapsed`, and for `on_retry` and `on_give_up` (whose events report the elapsed time);
/// the previous wait for jitter. A policy decided at run time may have either, so it gets a
/// clock read only when its policy has `max_elapsed`, and the jitter state.
fn call_state(config: &Config, is_async: bool, krate: &TokenStream) -> (TokenStream, TokenStream) {
    let clock = if is_async && config.sleep.is_none() {
        quote!(#krate::__private::AsyncClock)
    } else {
        quote!(#krate::__private::StdClock)
    };
    let hooks_read_time = config.on_retry.is_some() || config.on_give_up.is_some();
    let jitter_state = quote!(#krate::__private::Jittered);
    if config.policy.is_some() {
        let clock = if hooks_read_time { clock } else { quote!(#krate::__private::WhenBudgeted<#clock>) };
        return (clock, jitter_state);
    }
    let clock = if hooks_read_time || config.max_elapsed.is_some() {
        clock
    } else {
        quote!(#krate::__private::Untimed)
    };
    let jitter_state = match config.jitter {
        None | Some((Jitter::None, _)) => quote!(#krate::__private::Unjittered),
        Some(_) => jitter_state,
    };
    (clock, jitter_state)
}

/// Between attempts: sleep for a nonzero wait. A zero wait skips the timer; an `async fn` still
/// lets other tasks run (tokio's cooperative budget, or one yield under a custom timer), so a
/// failing loop cannot starve its executor.
fn pause(config: &Config, site: Site<'_>, krate: &TokenStream, wait: &Ident) -> TokenStream {
    let nonzero = quote!(#krate::__private::needs_timer(#wait));
    match (site.is_async(), &config.sleep) {
        (false, None) => quote! {
            if #nonzero {
                #krate::__private::sleep_blocking(#wait);
            }
        },
        (false, Some(sleep)) => {
            let call = spanned_call(config, sleep, "custom_sleep_blocking", &quote!(#sleep, #wait));
            quote! {
                if #nonzero {
                    #call;
                }
            }
        }
        (true, None) => {
            let timer = default_timer(config, site);
            quote! {
                if #nonzero {
                    #timer(#wait).await;
                } else {
                    #krate::__private::cooperate().await;
                }
            }
        }
        (true, Some(sleep)) => {
            let call = spanned_call(config, sleep, "custom_sleep", &quote!(#sleep, #wait));
            // The timer's output is not `()` for every runtime (`async_io::Timer::after` yields
            // an `Instant`): discarded.
            quote! {
                if #nonzero {
                    let _ = #call.await;
                } else {
                    #krate::__private::yield_now().await;
                }
            }
        }
    }
}

/// `__private::default_timer!()`: the runtime's default timer of an `async fn`, a function
/// `fn(Duration) -> impl Future`, or, when the runtime has none, its error, on the function's
/// name (or the block's start).
fn default_timer(config: &Config, site: Site<'_>) -> TokenStream {
    let span = at(site.span());
    let private = private_at(config, span);
    quote_spanned!(span=> #private::default_timer!())
}

/// The body as one attempt: an `async` block or a closure, so that `return` and `?` end the
/// attempt. Its first statement names the return type, which `?` needs to pick its conversion.
fn attempt(
    config: &Config,
    site: Site<'_>,
    output_type: Option<&TokenStream>,
    krate: &TokenStream,
    locals: &Locals,
) -> TokenStream {
    let body = match site.body() {
        Body::Block(body) => body,
        // The closure form: the body becomes a closure's again for each attempt, so that its
        // borrows of the surrounding locals end with the attempt. `move` stays as written.
        Body::Expression(body) => {
            let move_token = match site {
                Site::Block(block) => block.move_token.as_ref(),
                Site::Function(_) => None,
            };
            return quote!(#krate::__private::run_attempt(#move_token || #body));
        }
    };
    // The user's block stays whole, so items at its start are still at the start of a block.
    // Its braces are the macro's (at the user's location): they are what makes the block the
    // attempt's value, so `unused_braces` must not suggest removing them from a one-line body.
    let mut user_block = body.clone();
    user_block.set_span(at(user_block.span()));
    if !site.is_async() {
        // A closure states its return type, which `?` needs to pick its conversion.
        let returns = output_type.map(|return_type| quote!(-> #return_type));
        return quote!(#krate::__private::run_attempt(|| #returns #user_block));
    }
    // An `async` block cannot state its output type: its first statement names it instead.
    let ret = &locals.ret;
    let mut stream = match output_type {
        Some(return_type) => quote! {
            if let ::core::option::Option::Some(#ret) = ::core::option::Option::None::<#return_type> {
                return #ret;
            }
        },
        None => TokenStream::new(),
    };
    user_block.to_tokens(&mut stream);
    let body_span = body.span();
    let mut body = Group::new(Delimiter::Brace, stream);
    body.set_span(body_span);
    let body_span = at(body_span);
    let attempt = quote_spanned!(body_span=> async #body);
    match &config.timeout {
        None => quote_spanned!(body_span=> #attempt.await),
        Some(limit) => {
            let (limit, span) = match limit {
                Value::Literal(limit, span) => (duration_tokens(*limit, *span), at(*span)),
                Value::Const(expr) => (expr.to_token_stream(), at(expr.span())),
            };
            let timer = match &config.sleep {
                Some(sleep) => sleep.to_token_stream(),
                None => default_timer(config, site),
            };
            let private = private_at(config, span);
            quote_spanned!(span=> #private::into_outcome(#private::timeout(#limit, #timer, #attempt).await))
        }
    }
}

/// `let __policy = ...;`: where the call's policy comes from.
///
/// Settings written in the attribute become the constant of a zero-sized type of the
/// expansion's own (`ConstPolicy`), so that every computation on the policy folds and the
/// future holds no pointer to it. The constant is first a `const` item, which `cargo check`
/// and IDEs evaluate too, so a bad `const` value is reported there. Items cannot see the
/// function's generics or `Self`, so a value that names them is an inline `const` block,
/// referenced. A `policy = EXPR` is evaluated once per call: kept when it names no argument
/// (`&STATIC`: 8 bytes), copied out when it does, so that nothing stays borrowed from them.
fn policy_binding(
    config: &Config,
    site: Site<'_>,
    krate: &TokenStream,
    policy: &Ident,
) -> (TokenStream, TokenStream) {
    if let Some(expr) = &config.policy {
        let span = at(expr.span());
        let private = private_at(config, span);
        let binding = if config.policy_borrows_arguments {
            quote_spanned!(span=> let #policy = #private::policy_of(&(#expr));)
        } else {
            quote_spanned!(span=> let #policy = #expr;)
        };
        return (binding, quote_spanned!(span=> #private::policy_in(&#policy)));
    }
    let value = policy_expression(config, krate);
    let item_name = Ident::new("SETTINGS", Span::call_site());
    let type_name = Ident::new("__ReattemptPolicy", Span::call_site());
    // A block's enclosing generics are unknown: any constant setting may name them.
    let inline = match site.hidden_from_items() {
        Some(mut hidden) => {
            hidden.extend([item_name.to_string(), type_name.to_string()]);
            mentions_any(&value, &hidden)
        }
        None => config.has_constants(),
    };
    if inline {
        return (quote!(let #policy = &const { #value };), quote!(#policy));
    }
    let binding = quote!(let #policy = {
        const #item_name: #krate::Policy = #value;
        struct #type_name;
        impl #krate::__private::ConstPolicy for #type_name {
            const POLICY: #krate::Policy = #item_name;
        }
        #type_name
    };);
    (binding, quote!(#policy))
}

/// `Policy::new(3).delay(...)...`, with only the settings that differ from the defaults.
fn policy_expression(config: &Config, krate: &TokenStream) -> TokenStream {
    let checked = |check: &str, span: Span, value: &TokenStream| {
        let span = at(span);
        let private = private_at(config, span);
        let check = Ident::new(check, span);
        quote_spanned!(span=> #private::#check(#value))
    };
    let attempts = match &config.attempts {
        None => quote!(3),
        Some(Value::Literal(count, span)) => literal_at(Literal::u32_unsuffixed(*count), *span),
        Some(Value::Const(expr)) => checked("checked_attempts", expr.span(), &expr.to_token_stream()),
    };
    let mut policy = quote!(#krate::Policy::new(#attempts));
    let mut duration_setting = |method: &str, value: &Option<Value<std::time::Duration>>| {
        let method = Ident::new(method, Span::call_site());
        match value {
            None => {}
            Some(Value::Literal(duration, span)) => {
                let duration = duration_tokens(*duration, *span);
                policy.extend(quote!(.#method(#duration)));
            }
            Some(Value::Const(expr)) => {
                policy.extend(quote!(.#method(#expr)));
            }
        }
    };
    duration_setting("delay", &config.delay);
    duration_setting("max_delay", &config.max_delay);
    duration_setting("max_elapsed", &config.max_elapsed);
    match config.backoff {
        None | Some((BackoffName::Fixed, _)) => {}
        Some((BackoffName::Linear, span)) => {
            let span = at(span);
            policy.extend(quote_spanned!(span=> .backoff(#krate::Backoff::Linear)));
        }
        Some((BackoffName::Exponential, span)) => {
            let factor = match &config.factor {
                None => quote!(2.0),
                Some(Value::Literal(factor, span)) => literal_at(Literal::f64_unsuffixed(*factor), *span),
                Some(Value::Const(expr)) => checked("checked_factor", expr.span(), &expr.to_token_stream()),
            };
            let span = at(span);
            policy.extend(quote_spanned!(span=> .backoff(#krate::Backoff::exponential(#factor))));
        }
    }
    let jitter = match config.jitter {
        None | Some((Jitter::None, _)) => None,
        Some((Jitter::Full, span)) => Some((quote!(Full), span)),
        Some((Jitter::Equal, span)) => Some((quote!(Equal), span)),
        Some((Jitter::Decorrelated, span)) => Some((quote!(Decorrelated), span)),
    };
    if let Some((kind, span)) = jitter {
        let span = at(span);
        policy.extend(quote_spanned!(span=> .jitter(#krate::Jitter::#kind)));
    }
    let cap_is_const = matches!(config.max_delay, Some(Value::Const(_)))
        || (config.max_delay.is_some() && matches!(config.delay, Some(Value::Const(_))));
    if cap_is_const {
        let span = match &config.max_delay {
            Some(Value::Const(expr)) => expr.span(),
            Some(Value::Literal(_, span)) => *span,
            None => Span::call_site(),
        };
        policy = checked("checked_cap", span, &policy);
    }
    policy
}

/// `::core::time::Duration::from_millis(250)`: the coarsest exact unit, for readability.
fn duration_tokens(duration: std::time::Duration, span: Span) -> TokenStream {
    let span = at(span);
    let literal = |amount: Literal| literal_at(amount, span);
    match duration::constructor(duration) {
        duration::Constructor::Unit(name, amount) => {
            let name = Ident::new(name, span);
            let amount = literal(Literal::u64_unsuffixed(amount));
            quote!(::core::time::Duration::#name(#amount))
        }
        duration::Constructor::New(secs, nanos) => {
            let (secs, nanos) =
                (literal(Literal::u64_unsuffixed(secs)), literal(Literal::u32_unsuffixed(nanos)));
            quote!(::core::time::Duration::new(#secs, #nanos))
        }
    }
}

/// `__private::helper(arguments)` spanned on the user's expression, so that a type error in
/// that expression (a closure of the wrong shape) is reported there.
fn spanned_call(config: &Config, user: &Expr, helper: &str, arguments: &TokenStream) -> TokenStream {
    let span = at(user.span());
    let private = private_at(config, span);
    let helper = Ident::new(helper, span);
    quote_spanned!(span=> #private::#helper(#arguments))
}

/// The path of the expansion's helpers, spanned so that an error in a call to one of them is
/// reported on the user's tokens at `span` rather than on the whole attribute.
fn private_at(config: &Config, span: Span) -> TokenStream {
    match &config.krate {
        Some(path) => quote!(#path::__private),
        None => quote_spanned!(span=> ::reattempt::__private),
    }
}

/// Inside the boxed block async-trait has moved `self` into `__self`; the closures given to
/// the attribute run there too, so they must name it the same way.
pub fn rename_self(config: &mut Config) {
    let hooks = [&mut config.when, &mut config.classify, &mut config.on_retry, &mut config.on_give_up];
    for expr in hooks.into_iter().chain([&mut config.sleep, &mut config.policy, &mut config.budget]).flatten()
    {
        if let Ok(renamed) = syn::parse2::<Expr>(renamed_self(expr.to_token_stream())) {
            *expr = renamed;
        }
    }
}

/// `self` becomes `__self` where it is the receiver; `self::path` is a path into the current
/// module and stays.
fn renamed_self(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let starts_path = |index: usize| {
        matches!(
            tokens.get(index + 1..index + 3),
            Some([TokenTree::Punct(first), TokenTree::Punct(second)])
                if first.as_char() == ':' && first.spacing() == Spacing::Joint && second.as_char() == ':'
        )
    };
    tokens
        .iter()
        .enumerate()
        .map(|(index, token)| match token {
            TokenTree::Ident(ident) if ident == "self" && !starts_path(index) => {
                TokenTree::Ident(Ident::new("__self", ident.span()))
            }
            TokenTree::Group(group) => {
                let mut renamed = Group::new(group.delimiter(), renamed_self(group.stream()));
                renamed.set_span(group.span());
                TokenTree::Group(renamed)
            }
            other => other.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_the_receiver_not_paths_into_the_module() {
        let renamed = renamed_self(quote!(|e| self::check(self, &self.limit, e) && Self::ok(self::X)));
        assert_eq!(
            renamed.to_string(),
            quote!(|e| self::check(__self, &__self.limit, e) && Self::ok(self::X)).to_string()
        );
    }
}
