use core::future::Future;
use core::time::Duration;

/// The default timer of `#[retry]` on an `async fn`: tokio's `sleep` (feature `tokio`).
///
/// Under `#[tokio::test(start_paused = true)]` it advances the paused clock instead of
/// waiting, so tests of retry schedules are exact and instant.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// use std::time::Duration;
///
/// let start = tokio::time::Instant::now();
/// reattempt::sleep(Duration::from_secs(5)).await;
/// assert_eq!(start.elapsed(), Duration::from_secs(5));
/// # }
/// ```
pub fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + Sync + 'static {
    tokio::time::sleep(duration)
}
