//! Turns the written arguments into a typed [`Config`], checking every rule that literals allow
//! and collecting all problems into one error.

use std::time::Duration;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Ident, Lit, LitStr, Path, ReturnType, Type, UnOp};

use crate::args::Argument;
use crate::duration;
use crate::item::RetryFn;
use crate::site::Site;
use reattempt_runtime::__rules::{self as rules, suggest::closest, BackoffName, BACKOFFS, JITTERS};
use reattempt_runtime::Jitter;

/// Every key the attribute accepts, in the order the docs list them.
pub const KEYS: &[&str] = &[
    "attempts",
    "delay",
    "backoff",
    "factor",
    "max_delay",
    "jitter",
    "max_elapsed",
    "timeout",
    "when",
    "classify",
    "on_retry",
    "sleep",
    "crate",
    "policy",
    "attempt",
    "on_give_up",
    "budget",
];
/// The keys that make up the schedule, which `policy = ...` gives whole.
const SCHEDULE_KEYS: &[&str] =
    &["attempts", "delay", "backoff", "factor", "max_delay", "jitter", "max_elapsed"];

/// A value checked by the macro, or an expression left for the compiler to check.
pub enum Value<T> {
    Literal(T, Span),
    Const(Expr),
}

/// Everything the expansion needs, each setting with the span of the argument it came from.
pub struct Config {
    pub attempts: Option<Value<u32>>,
    pub delay: Option<Value<Duration>>,
    pub backoff: Option<(BackoffName, Span)>,
    pub factor: Option<Value<f64>>,
    pub max_delay: Option<Value<Duration>>,
    pub jitter: Option<(Jitter, Span)>,
    pub max_elapsed: Option<Value<Duration>>,
    pub timeout: Option<Value<Duration>>,
    pub when: Option<Expr>,
    pub classify: Option<Expr>,
    pub on_retry: Option<Expr>,
    pub sleep: Option<Expr>,
    pub krate: Option<Path>,
    /// `policy = EXPR`: the schedule, decided at run time.
    pub policy: Option<Expr>,
    /// Whether `EXPR` names a parameter or `self`: then the policy is copied out of it, so that
    /// nothing stays borrowed from the arguments; otherwise (a `static`, a `const`) it is kept.
    pub policy_borrows_arguments: bool,
    /// `attempt = n`: the name bound to the running attempt's number.
    pub attempt: Option<Ident>,
    pub on_give_up: Option<Expr>,
    /// `budget = EXPR`: a retry budget shared by many calls.
    pub budget: Option<Expr>,
}

impl Config {
    /// Whether a schedule setting is a constant expression rather than a literal: it may name
    /// the generics around it.
    pub fn has_constants(&self) -> bool {
        let durations = [&self.delay, &self.max_delay, &self.max_elapsed];
        matches!(self.attempts, Some(Value::Const(_)))
            || matches!(self.factor, Some(Value::Const(_)))
            || durations.iter().any(|value| matches!(value, Some(Value::Const(_))))
    }

    fn new() -> Self {
        Self {
            attempts: None,
            delay: None,
            backoff: None,
            factor: None,
            max_delay: None,
            jitter: None,
            max_elapsed: None,
            timeout: None,
            when: None,
            classify: None,
            on_retry: None,
            sleep: None,
            krate: None,
            policy: None,
            policy_borrows_arguments: false,
            attempt: None,
            on_give_up: None,
            budget: None,
        }
    }
}

/// Collects errors so that one pass reports every problem.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.add(syn::Error::new(span, message));
    }

    fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }
}

pub fn validate(arguments: Vec<Argument>, site: Site<'_>) -> syn::Result<Config> {
    let mut config = Config::new();
    let parameters = site.parameters();
    let mut errors = Errors::default();
    let mut seen: Vec<Ident> = Vec::new();
    let mut factor_key = None;
    let mut when_or_classify: Option<Ident> = None;

    for Argument { key, value } in arguments {
        let name = key.to_string();
        if KEYS.contains(&name.as_str()) && seen.contains(&key) {
            errors.push(key.span(), rules::duplicate_key(&name));
            continue;
        }
        seen.push(key.clone());
        let result = match name.as_str() {
            "attempts" => constant(&name, &value, &parameters)
                .and_then(|()| attempts(value))
                .map(|value| config.attempts = Some(value)),
            "delay" | "max_delay" | "max_elapsed" => constant(&name, &value, &parameters)
                .and_then(|()| duration_value(&name, value))
                .map(|value| match name.as_str() {
                    "delay" => config.delay = Some(value),
                    "max_delay" => config.max_delay = Some(value),
                    _ => config.max_elapsed = Some(value),
                }),
            "timeout" => timeout(&key, value, site).map(|value| config.timeout = Some(value)),
            "backoff" => choice(&name, &value, BACKOFFS, rules::backoff_named)
                .map(|backoff| config.backoff = Some(backoff)),
            "jitter" => {
                choice(&name, &value, JITTERS, rules::jitter_named).map(|jitter| config.jitter = Some(jitter))
            }
            "factor" => {
                factor_key = Some(key.clone());
                constant(&name, &value, &parameters)
                    .and_then(|()| factor(value))
                    .map(|value| config.factor = Some(value))
            }
            "when" | "classify" => {
                if let Some(other) = &when_or_classify {
                    errors.push(
                        key.span(),
                        format!(
                            "`when` and `classify` cannot be combined (`{other}` is already given): \
                             `classify` decides on every outcome, so fold the `when` condition into it"
                        ),
                    );
                }
                when_or_classify = Some(key.clone());
                callable(&name, value).map(|value| {
                    if name == "when" {
                        config.when = Some(value);
                    } else {
                        config.classify = Some(value);
                    }
                })
            }
            "on_retry" => callable(&name, value).map(|value| config.on_retry = Some(value)),
            "sleep" => callable(&name, value).map(|value| config.sleep = Some(value)),
            "crate" => crate_path(&value).map(|path| config.krate = Some(path)),
            "policy" => policy(value).map(|value| {
                let tokens = quote::ToTokens::to_token_stream(&value);
                config.policy_borrows_arguments = match site {
                    Site::Function(_) => crate::item::mentions_any(&tokens, &parameters),
                    // The locals around a block are unknown: copied out, unless it plainly names
                    // a `static` or a `const` (`&POLICY`, `&*POLICY`, `POLICY`).
                    Site::Block(_) => !names_a_constant(&value),
                };
                config.policy = Some(value);
            }),
            "attempt" => attempt_name(&key, &value, &parameters).map(|name| config.attempt = Some(name)),
            "on_give_up" => callable(&name, value).map(|value| config.on_give_up = Some(value)),
            // Its type is checked by the compiler, with a message of ours (`Budget`).
            "budget" => budget(value).map(|value| config.budget = Some(value)),
            _ => Err(unknown_key(&key, &name)),
        };
        if let Err(error) = result {
            errors.add(error);
        }
    }

    if config.policy.is_some() {
        check_beside_policy(&seen, &mut errors);
    } else if let Some(key) = factor_key {
        if !matches!(config.backoff, Some((BackoffName::Exponential, _))) {
            errors.push(key.span(), rules::FACTOR_WITHOUT_EXPONENTIAL);
        }
    }
    check_policy_sees_no_attempt(&config, &mut errors);
    check_delay_order(&config, &mut errors);
    if let Site::Function(function) = site {
        check_function(function, &mut errors);
    }

    match errors.0 {
        Some(error) => Err(error),
        None => Ok(config),
    }
}

/// With `policy = ...`, every schedule key is an error on that key.
fn check_beside_policy(keys: &[Ident], errors: &mut Errors) {
    for key in keys.iter().filter(|key| SCHEDULE_KEYS.contains(&key.to_string().as_str())) {
        errors.push(
            key.span(),
            format!(
                "`{key}` cannot be given beside `policy`: the policy holds the whole schedule; \
                 set it on the `Policy` (`{}`) or drop `policy`",
                policy_example(&key.to_string(), "...")
            ),
        );
    }
}

/// A schedule key's value must be known at compile time: one naming a parameter (or `self`) is
/// decided at run time, which is what `policy = ...` is for.
fn constant(key: &str, value: &Expr, parameters: &[String]) -> syn::Result<()> {
    let tokens = quote::ToTokens::to_token_stream(value);
    let Some(name) = parameters.iter().find(|name| crate::item::mentions_any(&tokens, &[name.as_str()]))
    else {
        return Ok(());
    };
    let written = tokens.to_string();
    Err(syn::Error::new_spanned(
        value,
        format!(
            "`{key}` must be a constant, but `{name}` is known only when the function is called; \
             to decide the schedule at run time, give it whole: `policy = {}`",
            policy_example(key, &written)
        ),
    ))
}

/// A `Policy` built with `key` set to `value`, for the messages that point to `policy = ...`.
fn policy_example(key: &str, value: &str) -> String {
    match key {
        "attempts" => format!("Policy::new({value})"),
        "backoff" => "Policy::new(3).backoff(Backoff::Linear)".to_owned(),
        "factor" => format!("Policy::new(3).backoff(Backoff::exponential({value}))"),
        "jitter" => "Policy::new(3).jitter(Jitter::Full)".to_owned(),
        _ => format!("Policy::new(3).{key}({value})"),
    }
}

fn policy(value: Expr) -> syn::Result<Expr> {
    match literal(&value) {
        Some(_) => Err(syn::Error::new_spanned(
            &value,
            "`policy` takes a `Policy` value (`policy = &API_POLICY`, `policy = self.policy`); \
             settings known at compile time are written as keys instead: `attempts = 3, delay = \"1s\"`",
        )),
        None => Ok(value),
    }
}

/// `PATH`, `&PATH` or `&*PATH` whose last segment is in upper case, as `static`s and `const`s
/// are named.
fn names_a_constant(value: &Expr) -> bool {
    match value {
        Expr::Reference(reference) => names_a_constant(&reference.expr),
        Expr::Unary(ExprUnary { op: UnOp::Deref(_), expr, .. }) => names_a_constant(expr),
        Expr::Paren(paren) => names_a_constant(&paren.expr),
        Expr::Group(group) => names_a_constant(&group.expr),
        Expr::Path(path) => path.path.segments.last().is_some_and(|segment| {
            let name = segment.ident.to_string();
            name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
        }),
        _ => false,
    }
}

fn attempt_name(key: &Ident, value: &Expr, parameters: &[String]) -> syn::Result<Ident> {
    let name = match value {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => match path.path.get_ident() {
            Some(ident) => ident.clone(),
            None => return Err(not_a_name(value)),
        },
        _ => return Err(not_a_name(value)),
    };
    if parameters.iter().any(|parameter| name == parameter) {
        let other =
            if parameters.iter().any(|parameter| parameter == "attempt") { "try_number" } else { "attempt" };
        return Err(syn::Error::new_spanned(
            quote::quote!(#key = #value),
            format!(
                "`attempt = {name}` would hide the parameter `{name}`: the body and the hooks would see \
                 the attempt number under that name instead; bind it to another name, such as \
                 `attempt = {other}`"
            ),
        ));
    }
    Ok(name)
}

/// `policy = ...` is evaluated once, before the first attempt: it cannot see the attempt number.
fn check_policy_sees_no_attempt(config: &Config, errors: &mut Errors) {
    let (Some(policy), Some(attempt)) = (&config.policy, &config.attempt) else { return };
    let tokens = quote::ToTokens::to_token_stream(policy);
    if let Some(span) = crate::item::find_local(&tokens, &attempt.to_string()) {
        errors.push(
            span,
            format!(
                "`policy` is evaluated once per call, before the first attempt, so it cannot use \
                 `{attempt}`, the attempt number that `attempt = {attempt}` binds for the body and the hooks"
            ),
        );
    }
}

/// `budget = ...` is evaluated where it is used, after each attempt: a budget built there is a
/// fresh, full one each time, which limits nothing.
fn budget(value: Expr) -> syn::Result<Expr> {
    let Some(constructor) = constructor_call(&value) else { return Ok(value) };
    Err(syn::Error::new_spanned(
        &value,
        format!(
            "`budget` is evaluated after each attempt, so `{constructor}(..)` here makes a fresh, full \
             budget every time and limits nothing; keep one budget shared by the calls, in a `static` \
             (`static BUDGET: TokenBucket = TokenBucket::new(100, 0.1);` then `budget = BUDGET`) or in a \
             field (`budget = &self.budget`)"
        ),
    ))
}

/// `Type::new(..)`, `Type::default()`, `Arc::new(Type::new(..))`, `&Type::new(..)`: the path of
/// a call that plainly builds a new value, as written.
fn constructor_call(value: &Expr) -> Option<String> {
    match value {
        Expr::Reference(reference) => constructor_call(&reference.expr),
        Expr::Paren(paren) => constructor_call(&paren.expr),
        Expr::Group(group) => constructor_call(&group.expr),
        Expr::Struct(literal) => {
            Some(quote::ToTokens::to_token_stream(&literal.path).to_string().replace(' ', ""))
        }
        Expr::Call(call) => {
            let Expr::Path(function) = &*call.func else { return None };
            let last = function.path.segments.last()?;
            if last.ident != "new" && last.ident != "default" {
                return None;
            }
            Some(quote::ToTokens::to_token_stream(&function.path).to_string().replace(' ', ""))
        }
        _ => None,
    }
}

fn not_a_name(value: &Expr) -> syn::Error {
    syn::Error::new_spanned(
        value,
        "`attempt` names the attempt number; to set how many attempts, write `attempts = 3`",
    )
}

fn check_delay_order(config: &Config, errors: &mut Errors) {
    let delay = match &config.delay {
        None => Some((rules::DEFAULT_DELAY, true)),
        Some(Value::Literal(delay, _)) => Some((*delay, false)),
        Some(Value::Const(_)) => None,
    };
    if let (Some((delay, is_default)), Some(Value::Literal(max_delay, span))) = (delay, &config.max_delay) {
        if *max_delay < delay {
            errors.push(*span, rules::max_delay_below_delay(*max_delay, delay, is_default));
        }
    }
}

fn check_function(function: &RetryFn, errors: &mut Errors) {
    // Attributes run outermost first, so a second `#[retry]` is still among this one's.
    if let Some(second) = function.attrs.iter().find(|attr| is_retry(attr.path())) {
        errors.add(syn::Error::new_spanned(
            second,
            "`#[retry]` is given twice on this function, so the retries would multiply (every attempt of the \
             first runs all the attempts of the second); merge the settings into one `#[retry(...)]`",
        ));
    }
    let sig = &function.sig;
    if let Some(constness) = &sig.constness {
        errors.push(
            constness.span,
            "`#[retry]` cannot be used on a `const fn`: retrying sleeps, which is not const",
        );
    }
    if !function.is_async() {
        if let ReturnType::Type(_, ty) = &sig.output {
            if returns_future(ty) {
                errors.add(syn::Error::new_spanned(
                    ty,
                    "`#[retry]` cannot retry a future returned by a plain `fn`: each attempt must run the body again; write it as an `async fn`",
                ));
            }
        }
    }
}

/// `retry`, `reattempt::retry`, `::reattempt::retry`, ...
fn is_retry(path: &Path) -> bool {
    path.segments.last().is_some_and(|segment| segment.ident == "retry")
}

fn returns_future(ty: &Type) -> bool {
    let Type::ImplTrait(impl_trait) = ty else {
        return false;
    };
    impl_trait.bounds.iter().any(|bound| match bound {
        syn::TypeParamBound::Trait(bound) => {
            bound.path.segments.last().is_some_and(|segment| segment.ident == "Future")
        }
        _ => false,
    })
}

fn attempts(value: Expr) -> syn::Result<Value<u32>> {
    match literal(&value) {
        Some(Lit::Int(int)) if !matches!(int.suffix(), "" | "u32") => Err(syn::Error::new(
            int.span(),
            format!("`attempts` is a `u32`; write `attempts = {}`", int.base10_digits()),
        )),
        Some(Lit::Int(int)) => match int.base10_parse::<u32>() {
            Ok(0) => Err(syn::Error::new(int.span(), rules::ATTEMPTS_ZERO)),
            Ok(count) => Ok(Value::Literal(count, int.span())),
            Err(_) => Err(syn::Error::new(int.span(), rules::attempts_too_large())),
        },
        Some(_) => Err(syn::Error::new_spanned(
            &value,
            format!("{}, or a `const` of type `u32`", rules::ATTEMPTS_NOT_AN_INTEGER),
        )),
        None if is_negative_literal(&value) => Err(syn::Error::new_spanned(&value, rules::ATTEMPTS_ZERO)),
        None => Ok(Value::Const(value)),
    }
}

fn duration_value(name: &str, value: Expr) -> syn::Result<Value<Duration>> {
    match literal(&value) {
        Some(Lit::Str(text)) => duration::parse(&text.value())
            .map(|duration| Value::Literal(duration, text.span()))
            .map_err(|message| syn::Error::new(text.span(), rules::bad_duration(name, &message))),
        Some(Lit::Int(number)) => {
            Err(syn::Error::new(number.span(), rules::needs_unit(name, number.base10_digits(), true)))
        }
        Some(Lit::Float(number)) => {
            Err(syn::Error::new(number.span(), rules::needs_unit(name, number.base10_digits(), false)))
        }
        Some(_) => Err(syn::Error::new_spanned(
            &value,
            format!("`{name}` takes a duration string such as \"250ms\" or \"1.5s\", or a `const` of type `Duration`"),
        )),
        None => Ok(Value::Const(value)),
    }
}

fn factor(value: Expr) -> syn::Result<Value<f64>> {
    let number = match literal(&value) {
        Some(Lit::Int(int)) if int.suffix().is_empty() => int.base10_parse::<f64>(),
        Some(Lit::Float(float)) if matches!(float.suffix(), "" | "f64") => float.base10_parse::<f64>(),
        Some(_) => {
            return Err(syn::Error::new_spanned(
                &value,
                format!("{}, or a `const` of type `f64`", rules::FACTOR_NOT_A_NUMBER),
            ))
        }
        None if is_negative_literal(&value) => return Err(not_growing(&value)),
        None => return Ok(Value::Const(value)),
    };
    match number {
        Ok(factor) if !factor.is_finite() => Err(syn::Error::new_spanned(&value, rules::FACTOR_NOT_FINITE)),
        Ok(factor) if factor > 1.0 => Ok(Value::Literal(factor, value.span())),
        Ok(_) => Err(not_growing(&value)),
        Err(error) => Err(syn::Error::new_spanned(&value, format!("`factor`: {error}"))),
    }
}

fn not_growing(value: &Expr) -> syn::Error {
    syn::Error::new_spanned(value, rules::FACTOR_NOT_GROWING)
}

fn unknown_key(key: &Ident, name: &str) -> syn::Error {
    syn::Error::new(key.span(), rules::unknown_key(name, KEYS))
}

/// A string naming one of `options`, read by `parse`.
fn choice<T>(
    name: &str,
    value: &Expr,
    options: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> syn::Result<(T, Span)> {
    let Some(Lit::Str(text)) = literal(value) else {
        let written = quote::ToTokens::to_token_stream(value).to_string();
        let hint = closest(&written, options)
            .map_or_else(String::new, |option| format!("; write `{name} = \"{option}\"`"));
        return Err(syn::Error::new(
            value.span(),
            format!("`{name}` takes a string, one of {}{hint}", rules::quoted(options)),
        ));
    };
    let written = text.value();
    parse(&written)
        .map(|choice| (choice, text.span()))
        .ok_or_else(|| syn::Error::new(text.span(), rules::unknown_choice(name, &written, options)))
}

fn callable(name: &str, mut value: Expr) -> syn::Result<Expr> {
    if literal(&value).is_some() {
        return Err(syn::Error::new_spanned(
            &value,
            format!("`{name}` takes a function path or a closure, such as `{name} = {}`", example(name)),
        ));
    }
    // A hook is written out where it is called, after each attempt, while everything it
    // captures is still there: capturing by reference is the same as `move` there, and unlike
    // `move` it leaves the captures for the next attempt's hook.
    if let Expr::Closure(closure) = &mut value {
        closure.capture = None;
    }
    Ok(value)
}

fn example(name: &str) -> &'static str {
    match name {
        "when" => "|error| error.is_timeout()",
        "classify" => "reattempt::transient",
        "sleep" => "async_std::task::sleep",
        _ => "|event| eprintln!(\"retrying in {:?}\", event.wait())",
    }
}

fn timeout(key: &Ident, value: Expr, site: Site<'_>) -> syn::Result<Value<Duration>> {
    if !site.is_async() {
        return Err(syn::Error::new(
            key.span(),
            "`timeout` applies only to an `async fn` or an `async` block: a blocking call cannot be interrupted",
        ));
    }
    match duration_value("timeout", value)? {
        Value::Literal(limit, span) if limit.is_zero() => {
            Err(syn::Error::new(span, "`timeout` must be longer than zero, or every attempt would time out"))
        }
        value => Ok(value),
    }
}

fn crate_path(value: &Expr) -> syn::Result<Path> {
    match literal(value) {
        Some(Lit::Str(text)) => parse_path(text),
        _ => Err(syn::Error::new(
            value.span(),
            "`crate` takes a path in a string, such as `crate = \"::my_crate::reattempt\"`",
        )),
    }
}

fn parse_path(text: &LitStr) -> syn::Result<Path> {
    let path = text
        .parse_with(Path::parse_mod_style)
        .map_err(|_| syn::Error::new(text.span(), format!("`crate`: \"{}\" is not a path", text.value())))?;
    // The path is the macro's code placed at the string, like every generated path.
    let tokens = crate::span::respan(quote::ToTokens::to_token_stream(&path), text.span());
    syn::parse2::<Path>(tokens).map_err(|error| syn::Error::new(text.span(), error))
}

fn literal(value: &Expr) -> Option<&Lit> {
    match value {
        Expr::Lit(ExprLit { lit, .. }) => Some(lit),
        Expr::Group(group) => literal(&group.expr),
        Expr::Paren(paren) => literal(&paren.expr),
        _ => None,
    }
}

fn is_negative_literal(value: &Expr) -> bool {
    matches!(value, Expr::Unary(ExprUnary { op: UnOp::Neg(_), expr, .. }) if literal(expr).is_some())
}
