//! The facade without features, the runtime with `tokio` and `tracing` (this package's
//! dependencies): the expansion names the runtime's own items, so the `async fn` below waits
//! with tokio's timer (no "no timer" error, exact waits under the paused clock) and emits the
//! `tracing` events, although the facade's features `tokio` and `tracing` are off.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reattempt::retry;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[retry(attempts = 3, delay = "1s", backoff = "exponential", max_elapsed = "10s")]
async fn flaky(calls: &mut u32) -> Result<u32, std::io::Error> {
    *calls += 1;
    if *calls < 3 {
        return Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
    }
    Ok(*calls)
}

/// Counts `WARN` events of target `reattempt`.
struct CountRetries(Arc<AtomicUsize>);

impl Subscriber for CountRetries {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        if event.metadata().target() == "reattempt" && *event.metadata().level() == Level::WARN {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test(start_paused = true)]
async fn the_runtime_s_features_decide_the_timer_and_the_events() {
    let events = Arc::new(AtomicUsize::new(0));
    let _subscriber = tracing::subscriber::set_default(CountRetries(Arc::clone(&events)));
    let start = tokio::time::Instant::now();
    let mut calls = 0;
    assert_eq!(flaky(&mut calls).await.unwrap(), 3);
    // tokio's timer, on tokio's paused clock: 1 s, then 2 s.
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    // One event per retry.
    assert_eq!(events.load(Ordering::Relaxed), 2);
}
