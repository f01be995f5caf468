//! `#[retry]` makes a function that returns `Result` retry itself, with every setting checked
//! at compile time and nothing added to the success path.
//!
//! ```
//! use reattempt::retry;
//!
//! #[retry(attempts = 3, delay = "10ms")]
//! async fn fetch_config(calls: &mut u32) -> Result<String, std::io::Error> {
//!     *calls += 1;
//!     if *calls < 3 {
//!         return Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
//!     }
//!     Ok(String::from("config"))
//! }
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! let mut calls = 0;
//! assert_eq!(fetch_config(&mut calls).await.unwrap(), "config");
//! assert_eq!(calls, 3);
//! # }
//! ```
//!
//! See the [`retry`] attribute for every key, and the README for the semantics.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

/// Makes a function that returns `Result` retry itself.
///
/// ```
/// use reattempt::retry;
///
/// #[retry(attempts = 3, delay = "1s")]
/// async fn fetch_price(symbol: &str) -> Result<u64, std::io::Error> {
///     # let _ = symbol;
///     // Each attempt runs this body afresh; `?` and `return` end the attempt, not the call.
///     Ok(42)
/// }
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() { assert_eq!(fetch_price("ACME").await.unwrap(), 42); }
/// ```
///
/// The signature does not change: callers see the same function, and when the retries end they
/// get the last outcome unchanged.
///
/// # Keys
///
// The table is `docs/keys.md`, the one copy; the README embeds it and a test keeps the two equal.
#[doc = include_str!("../docs/keys.md")]
///
#[doc = include_str!("../docs/retry.md")]
pub use reattempt_macro::retry;

/// Retries a block in place, with the locals around it: the [`retry`] attribute's keys, then
/// the body, last: an `async` block (the macro is then a future) or a closure without
/// parameters (called at once, blocking between attempts like a plain `fn`).
///
/// ```
/// use reattempt::retrying;
///
/// async fn fetch(path: &str, calls: &mut u32) -> Result<String, std::io::Error> {
///     *calls += 1;
///     if *calls < 3 {
///         return Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
///     }
///     Ok(format!("contents of {path}"))
/// }
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() -> Result<(), std::io::Error> {
/// let path = String::from("/config");
/// let mut calls = 0;
/// // The body borrows the locals; `?` and `return` inside it end the attempt.
/// let text = retrying!(attempts = 3, delay = "100ms", async { fetch(&path, &mut calls).await }).await?;
/// assert_eq!((text.as_str(), calls), ("contents of /config", 3));
///
/// // A closure: called at once, each attempt blocking.
/// let mut tries = 0;
/// let number: u32 = retrying!(attempts = 2, delay = "1ms", || {
///     tries += 1;
///     "42".parse::<u32>()
/// })
/// .unwrap();
/// assert_eq!((number, tries), (42, 1));
/// # Ok(())
/// # }
/// ```
pub use reattempt_macro::retrying;
#[cfg(feature = "tokio")]
pub use reattempt_runtime::sleep;
pub use reattempt_runtime::{
    testing, transient, Backoff, Budget, Decision, Elapsed, GiveUpEvent, GiveUpReason, Jitter, Policy,
    PolicyError, RetryEvent, TokenBucket, Transient,
};

/// Ready `classify` functions for reqwest (feature `reqwest`).
#[cfg(feature = "reqwest")]
pub use reattempt_runtime::http;

#[doc(hidden)]
pub use reattempt_runtime::__private;

/// The README's examples, compiled and run as doctests so that it stays true (they use every
/// feature, as `cargo test --workspace --all-features` builds them).
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "reqwest", feature = "tracing"))]
pub struct ReadmeDoctests;
