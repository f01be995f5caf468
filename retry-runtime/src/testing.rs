//! Switches for the tests of code that uses `#[retry]`.
//!
//! tokio's paused clock makes the waits of `async fn` instant in tests; these guards do the same
//! for blocking functions (and for async ones on a real clock), and can turn retries off.
//! Each acts on the current thread only, while it lives, so tests running in parallel do not
//! disturb each other; guards nest, and dropping one restores the setting it replaced. An
//! async test must run on the thread that holds the guard: the current-thread runtime, which
//! is `#[tokio::test]`'s default. The success path never looks at them.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use reattempt::{retry, testing};
//!
//! #[retry(attempts = 3, delay = "10s")]
//! fn fetch(calls: &mut u32) -> Result<(), String> {
//!     *calls += 1;
//!     Err("unavailable".to_owned())
//! }
//!
//! let start = Instant::now();
//! let _no_waits = testing::skip_waits();
//! let mut calls = 0;
//! assert!(fetch(&mut calls).is_err());
//! assert_eq!(calls, 3);
//! assert!(start.elapsed() < Duration::from_secs(10));
//!
//! let _one_attempt = testing::limit_attempts(1);
//! let mut calls = 0;
//! assert!(fetch(&mut calls).is_err());
//! assert_eq!(calls, 1);
//! ```

use core::cell::Cell;
use core::marker::PhantomData;
use core::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy)]
struct Settings {
    skip_waits: bool,
    attempt_limit: u32,
}

const UNCHANGED: Settings = Settings { skip_waits: false, attempt_limit: u32::MAX };

std::thread_local! {
    static SETTINGS: Cell<Settings> = const { Cell::new(UNCHANGED) };
}

/// Guards alive in the process, on any thread: while there are none (in production, always),
/// a retry reads this one atomic instead of the thread-local settings.
static LIVE_GUARDS: AtomicUsize = AtomicUsize::new(0);

/// Restores the setting it replaced when dropped. Not `Send`: it belongs to its thread.
#[derive(Debug)]
#[must_use = "the setting lasts as long as the guard: bind it to a name, `let _guard = ...;`, which lives to the end of the scope; `let _ = ...` drops it at once, and the setting with it"]
pub struct Guard {
    previous: Settings,
    not_send: PhantomData<*const ()>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let previous = self.previous;
        SETTINGS.with(|settings| settings.set(previous));
        LIVE_GUARDS.fetch_sub(1, Ordering::Release);
    }
}

fn replace(change: impl FnOnce(&mut Settings)) -> Guard {
    LIVE_GUARDS.fetch_add(1, Ordering::Acquire);
    SETTINGS.with(|cell| {
        let previous = cell.get();
        let mut settings = previous;
        change(&mut settings);
        cell.set(settings);
        Guard { previous, not_send: PhantomData }
    })
}

/// While the guard lives, every wait of every `#[retry]` function on this thread is skipped:
/// no sleep, no timer. Attempts, hooks and events are unchanged (`RetryEvent::wait()` still
/// reports the wait that was computed).
///
/// Bind the guard to a name: `let _guard = testing::skip_waits();`. `let _ = ...` (which
/// rustc's help under the `must_use` warning suggests) drops it at once, and the waits happen.
pub fn skip_waits() -> Guard {
    replace(|settings| settings.skip_waits = true)
}

/// While the guard lives, every `#[retry]` call on this thread makes at most `attempts`
/// attempts (0 counts as 1): `limit_attempts(1)` turns retries off. A call stopped by it
/// gives up as its own `attempts` would (`GiveUpReason::AttemptsUsedUp`).
///
/// Bind the guard to a name, as for [`skip_waits`]: `let _ = ...` drops it at once.
pub fn limit_attempts(attempts: u32) -> Guard {
    replace(|settings| settings.attempt_limit = attempts.max(1))
}

/// Whether a guard lives anywhere in the process: one relaxed load, which in production is
/// all a retry pays for these switches. Only then are this thread's settings read.
#[inline]
fn any_guard() -> bool {
    LIVE_GUARDS.load(Ordering::Relaxed) != 0
}

/// Whether waits are skipped on this thread. Read only on the retry path.
#[inline]
pub(crate) fn waits_skipped() -> bool {
    any_guard() && SETTINGS.with(Cell::get).skip_waits
}

/// The attempt limit on this thread (`u32::MAX` without one). Read only on the retry path.
#[inline]
pub(crate) fn attempt_limit() -> u32 {
    if any_guard() {
        SETTINGS.with(Cell::get).attempt_limit
    } else {
        u32::MAX
    }
}
