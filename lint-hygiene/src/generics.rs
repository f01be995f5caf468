//! Generic functions, `const` generics, lifetimes, `impl Trait` and generic `impl` blocks.

use core::fmt::{Debug, Display};
use core::num::ParseIntError;
use core::time::Duration;

use reattempt::retry;

use crate::{flaky, Calls, Failure};

/// A schedule carried by a type.
pub trait Cadence {
    /// The wait between attempts.
    const EVERY: Duration;
    /// The number of attempts.
    const TRIES: u32;
}

/// A fast schedule.
#[derive(Debug, Clone, Copy)]
pub struct Fast;

impl Cadence for Fast {
    const EVERY: Duration = Duration::from_millis(1);
    const TRIES: u32 = 3;
}

/// Settings from associated `const`s of a type parameter.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = C::TRIES, delay = C::EVERY)]
pub async fn on_cadence<C: Cadence>(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, C::TRIES)
}

/// Attempts from a `const` generic parameter.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = N, delay = "1ms")]
pub fn const_generic_attempts<const N: u32>(calls: &Calls) -> Result<u32, Failure> {
    flaky(calls, N)
}

/// A `const` generic parameter used by the body, async.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub async fn sum_array<const N: usize>(values: [u32; N], calls: &Calls) -> Result<u32, Failure> {
    let _call = flaky(calls, 2)?;
    Ok(values.iter().sum())
}

/// Type parameters, lifetimes, a `where` clause and a borrowed result.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 3, delay = "1ms", when = |error| !matches!(*error, Failure::Permanent(_)))]
pub async fn first_word<'text, S>(text: &'text S, calls: &Calls) -> Result<&'text str, Failure>
where
    S: AsRef<str> + ?Sized + Sync,
{
    let call = flaky(calls, 2)?;
    text.as_ref().split_whitespace().next().ok_or(Failure::Permanent(call))
}

/// A named lifetime and an unsized type parameter on a plain `fn`.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub fn pick<'a, T: PartialOrd + ?Sized>(left: &'a T, right: &'a T, calls: &Calls) -> Result<&'a T, Failure> {
    let _call = flaky(calls, 2)?;
    Ok(if left >= right { left } else { right })
}

/// A generic error type with a `Debug` bound (the `tracing` feature describes it by `Debug`).
///
/// # Errors
///
/// The last error `make` built.
#[retry(attempts = 2, delay = "1ms")]
pub async fn generic_error<E: Debug + Send>(calls: &Calls, make: fn(u32) -> E) -> Result<(), E> {
    Err(make(calls.tick()))
}

/// A generic error type with no bound at all.
///
/// # Errors
///
/// The last error `make` built.
#[retry(attempts = 2, delay = "1ms")]
pub fn unbounded_error<E>(calls: &Calls, make: fn(u32) -> E) -> Result<(), E> {
    Err(make(calls.tick()))
}

/// `impl Trait` arguments.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub async fn greet(name: impl AsRef<str> + Send + Sync, calls: &Calls) -> Result<String, Failure> {
    let _call = flaky(calls, 2)?;
    Ok(format!("hello, {}", name.as_ref()))
}

/// `impl Trait` in the `Ok` type, with precise capturing (`use<>`).
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub async fn opaque(calls: &Calls) -> Result<impl Display + use<>, Failure> {
    let call = flaky(calls, 2)?;
    Ok(call.saturating_mul(100))
}

/// `impl Trait` in the `Ok` type, blocking, with `?`.
///
/// # Errors
///
/// The last failure.
#[retry(attempts = 2, delay = "1ms")]
pub fn opaque_blocking(input: &str, calls: &Calls) -> Result<impl Display + use<>, ParseIntError> {
    let _call = calls.tick();
    input.parse::<u32>()
}

/// A generic cache.
#[derive(Debug)]
pub struct Cache<T> {
    value: T,
    calls: Calls,
}

impl<T: Clone + PartialEq + Sync> Cache<T> {
    /// A cache holding `value`.
    pub const fn new(value: T) -> Self {
        Self { value, calls: Calls::new() }
    }

    /// The calls so far.
    pub const fn calls(&self) -> &Calls {
        &self.calls
    }

    /// A method of a generic `impl`.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms")]
    pub fn get(&self, expected: &T) -> Result<T, Failure> {
        let call = flaky(&self.calls, 2)?;
        if self.value == *expected {
            Ok(self.value.clone())
        } else {
            Err(Failure::Permanent(call))
        }
    }

    /// An associated function of a generic `impl` returning `Self`, async.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 3, delay = "1ms")]
    pub async fn wrap(value: &T, calls: &Calls) -> Result<Self, Failure> {
        let _call = flaky(calls, 2)?;
        Ok(Self::new(value.clone()))
    }

    /// A method that adds its own type parameter.
    ///
    /// # Errors
    ///
    /// The last failure.
    #[retry(attempts = 2, delay = "1ms")]
    pub fn map<U, F: Fn(&T) -> U>(&self, transform: F) -> Result<U, Failure> {
        let _call = flaky(&self.calls, 2)?;
        Ok(transform(&self.value))
    }
}
