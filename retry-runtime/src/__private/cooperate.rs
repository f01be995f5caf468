//! Letting the executor run other tasks between attempts when the wait is zero, without
//! touching the timer: a failing loop with `delay = "0s"` must not hold its thread.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// Under tokio (the default timer): spends one unit of the task's cooperative budget, which
/// yields to the scheduler only once the budget is used up (every 128 units by default), as
/// tokio's own I/O and channels do. Outside a tokio runtime the budget is unlimited.
#[cfg(feature = "tokio")]
#[inline]
pub fn cooperate() -> impl Future<Output = ()> {
    tokio::task::coop::consume_budget()
}

/// Without tokio there is no default timer and the call does not compile (`default_timer!`
/// says so); this is named all the same, so that that error is the only one.
#[cfg(not(feature = "tokio"))]
#[inline]
pub const fn cooperate() -> YieldNow {
    yield_now()
}

/// With a custom timer, whose executor may not be tokio: yields once, whatever the executor.
#[inline]
pub const fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`]: pending once (after asking to be polled again), then ready.
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}
