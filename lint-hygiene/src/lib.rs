//! Lint hygiene of `#[retry]`: every key and combination of keys the attribute accepts, on
//! every shape of function, compiled under every lint that makes sense to deny.
//!
//! The expansion must never make a user's code warn. This crate is a workspace member, so the
//! CI's `cargo clippy --workspace --all-targets --all-features -- -D warnings` checks it; the
//! lints below are denied on top of that. Nothing here silences a lint: a warning that comes
//! from generated code is a bug of the macro.
//!
//! Every function is `pub` and documented, so `missing_docs` and `unreachable_pub` see the
//! attributes and visibility the macro keeps; `#[cfg(test)]` runs a sample of them.
#![deny(warnings)]
#![deny(clippy::all, clippy::pedantic, clippy::nursery)]
#![deny(unused_qualifications, missing_docs, unreachable_pub)]
#![forbid(unsafe_code)]
#![deny(rustdoc::all)]
// rustc's allow-by-default lints that apply to ordinary library code. Lint names are those of
// the CI's stable toolchain: this crate is a check, not part of the MSRV promise. Left out:
// `edition_2024_expr_fragment_specifier` (its fix, `$x:expr_2021`, needs Rust 1.83, above the
// MSRV) and lints about code this crate has none of (`unsafe`, FFI, `extern crate`).
#![deny(
    absolute_paths_not_starting_with_crate,
    deprecated_safe_2024,
    elided_lifetimes_in_paths,
    explicit_outlives_requirements,
    ffi_unwind_calls,
    if_let_rescope,
    impl_trait_overcaptures,
    impl_trait_redundant_captures,
    keyword_idents_2018,
    keyword_idents_2024,
    let_underscore_drop,
    macro_use_extern_crate,
    meta_variable_misuse,
    missing_copy_implementations,
    missing_debug_implementations,
    missing_unsafe_on_extern,
    non_ascii_idents,
    redundant_imports,
    redundant_lifetimes,
    rust_2021_incompatible_closure_captures,
    rust_2021_incompatible_or_patterns,
    rust_2021_prefixes_incompatible_syntax,
    rust_2021_prelude_collisions,
    rust_2024_guarded_string_incompatible_syntax,
    rust_2024_incompatible_pat,
    rust_2024_prelude_collisions,
    single_use_lifetimes,
    tail_expr_drop_order,
    trivial_casts,
    trivial_numeric_casts,
    unit_bindings,
    unnameable_types,
    unsafe_attr_outside_unsafe,
    unsafe_op_in_unsafe_fn,
    unused_crate_dependencies,
    unused_extern_crates,
    unused_import_braces,
    unused_lifetimes,
    unused_macro_rules,
    unused_results,
    variant_size_differences
)]
// clippy's restriction group is a menu, not a standard: a selection that generated code could
// trip (absolute paths, `std` over `core`, shadowing, reference patterns, panics, numeric
// fallback, `let _`, `as`) and that ordinary code can satisfy. Style choices that fight
// ordinary code (`implicit_return`, `question_mark_used`, `missing_assert_message`, ...) are
// left out.
#![deny(
    clippy::absolute_paths,
    clippy::allow_attributes_without_reason,
    clippy::as_conversions,
    clippy::clone_on_ref_ptr,
    clippy::default_numeric_fallback,
    clippy::empty_structs_with_brackets,
    clippy::exit,
    clippy::expect_used,
    clippy::float_cmp_const,
    clippy::get_unwrap,
    clippy::indexing_slicing,
    clippy::infinite_loop,
    clippy::let_underscore_must_use,
    clippy::let_underscore_untyped,
    clippy::lossy_float_literal,
    clippy::mixed_read_write_in_expression,
    clippy::multiple_unsafe_ops_per_block,
    clippy::panic,
    clippy::panic_in_result_fn,
    clippy::pattern_type_mismatch,
    clippy::print_stderr,
    clippy::print_stdout,
    clippy::rc_buffer,
    clippy::redundant_type_annotations,
    clippy::ref_patterns,
    clippy::rest_pat_in_fully_bound_structs,
    clippy::same_name_method,
    clippy::semicolon_inside_block,
    clippy::shadow_reuse,
    clippy::shadow_same,
    clippy::shadow_unrelated,
    clippy::std_instead_of_core,
    clippy::todo,
    clippy::try_err,
    clippy::undocumented_unsafe_blocks,
    clippy::unimplemented,
    clippy::unneeded_field_pattern,
    clippy::unreachable,
    clippy::unused_result_ok,
    clippy::unwrap_in_result,
    clippy::unwrap_used,
    clippy::use_debug,
    clippy::verbose_file_reads,
    clippy::wildcard_enum_match_arm
)]

use core::cell::Cell;
use core::future::{ready, Ready};
use core::pin::Pin;
use core::sync::atomic::{AtomicU32, Ordering};
use core::time::Duration;
use std::sync::Arc;

use reattempt::{retry, Decision, RetryEvent};
use std::thread;
use tokio::time::{sleep, Instant};

#[cfg(test)]
mod tests;

// ---------------------------------------------------------------------------------------------
// Shared vocabulary.

/// A call counter that may be shared between threads, so that the futures that hold a
/// reference to it are `Send`.
#[derive(Debug, Default)]
pub struct Calls(AtomicU32);

impl Calls {
    /// No calls yet.
    #[must_use]
    pub const fn new() -> Self {
        Self(AtomicU32::new(0))
    }

    /// `count` calls already.
    #[must_use]
    pub const fn starting_at(count: u32) -> Self {
        Self(AtomicU32::new(count))
    }

    /// Counts a call and returns its 1-based number.
    pub fn tick(&self) -> u32 {
        self.0.fetch_add(1, Ordering::Relaxed).saturating_add(1)
    }

    /// Adds `count` to the counter.
    pub fn add(&self, count: u32) {
        let _previous = self.0.fetch_add(count, Ordering::Relaxed);
    }

    /// The calls so far.
    #[must_use]
    pub fn get(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }
}

/// An error that says which attempt produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Worth another attempt.
    Transient(u32),
    /// Not worth another attempt.
    Permanent(u32),
    /// The server asked to come back after this many milliseconds.
    Throttled(u32, u32),
}

impl Failure {
    /// Whether another attempt may succeed.
    #[must_use]
    pub const fn is_transient(&self) -> bool {
        matches!(*self, Self::Transient(_) | Self::Throttled(..))
    }
}

/// A `when` predicate given by path.
#[must_use]
pub const fn is_transient(error: &Failure) -> bool {
    error.is_transient()
}

/// A `classify` function given by path: retries transient errors and `Ok(0)`, honours the
/// throttling hint.
#[must_use]
pub fn classify_failure(outcome: &Result<u32, Failure>) -> Decision {
    match *outcome {
        Ok(0) | Err(Failure::Transient(_)) => Decision::Retry,
        Err(Failure::Throttled(_, after)) => Decision::RetryAfter(Duration::from_millis(u64::from(after))),
        Ok(_) | Err(Failure::Permanent(_)) => Decision::Return,
    }
}

/// An `on_retry` hook given by path.
pub fn record_retry(event: &RetryEvent<'_, u32, Failure>) {
    RETRIES.with(|retries| retries.set(retries.get().saturating_add(event.attempt())));
}

thread_local! {
    /// The sum of the attempt numbers `record_retry` saw.
    pub(crate) static RETRIES: Cell<u32> = const { Cell::new(0) };
}

/// Fails with a transient error until call `succeed_at`.
///
/// # Errors
///
/// `Failure::Transient` before call `succeed_at`.
pub fn flaky(calls: &Calls, succeed_at: u32) -> Result<u32, Failure> {
    let call = calls.tick();
    if call < succeed_at {
        Err(Failure::Transient(call))
    } else {
        Ok(call)
    }
}

/// A timer for the `sleep` key: tokio's, reached through a path of the user's.
pub async fn custom_sleep(wait: Duration) {
    sleep(wait).await;
}

/// A timer that is a plain function returning a future.
pub fn ready_sleep(_wait: Duration) -> Ready<()> {
    ready(())
}

/// A timer whose output is the instant it fired at, as `async_io::Timer::after`'s is.
pub async fn timer_after(wait: Duration) -> Instant {
    sleep(wait).await;
    Instant::now()
}

/// A blocking wait for the `sleep` key of a plain `fn`.
pub fn blocking_sleep(wait: Duration) {
    thread::sleep(wait);
}

/// Configuration read by several settings.
pub const MAX_TRIES: u32 = 4;
/// The first wait.
pub const BASE_DELAY: Duration = Duration::from_millis(20);
/// The longest single wait.
pub const CAP: Duration = Duration::from_millis(500);
/// The whole budget.
pub const BUDGET: Duration = Duration::from_secs(5);
/// The per-attempt limit.
pub const LIMIT: Duration = Duration::from_secs(1);
/// The growth of exponential backoff.
pub const GROWTH: f64 = 1.5;

pub mod generics;
pub mod items_first;
pub mod keys;
pub mod macros;
pub mod methods;
pub mod networking;
#[rustfmt::skip]
pub mod one_line;
#[rustfmt::skip]
pub mod retrying;
pub mod traits;

// ---------------------------------------------------------------------------------------------
// Receivers beyond `&self` and `&mut self`.

/// A service shared between tasks.
#[derive(Debug, Default)]
pub struct Shared {
    calls: Calls,
}

impl Shared {
    /// `self: Arc<Self>`: each attempt borrows the `Arc`.
    ///
    /// # Errors
    ///
    /// The last failure after three attempts.
    #[retry(attempts = 3, delay = "1ms")]
    pub async fn by_arc(self: Arc<Self>) -> Result<u32, Failure> {
        let call = self.calls.tick();
        if call < 2 {
            return Err(Failure::Transient(call));
        }
        Ok(call)
    }

    /// `self: Pin<&mut Self>`.
    ///
    /// # Errors
    ///
    /// The last failure after three attempts.
    #[retry(attempts = 3, delay = "1ms")]
    pub async fn pinned(self: Pin<&mut Self>) -> Result<u32, Failure> {
        let call = self.calls.tick();
        Err(Failure::Transient(call))
    }
}
