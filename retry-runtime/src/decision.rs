use core::time::Duration;

/// What a `classify` function decides about one attempt's outcome.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{retry, Decision};
///
/// #[derive(Debug)]
/// enum ApiError { Busy { retry_after: Duration }, Flaky, Invalid }
///
/// fn classify(outcome: &Result<u32, ApiError>) -> Decision {
///     match outcome {
///         Ok(0) => Decision::Retry, // "not ready yet": retry an Ok value
///         Ok(_) => Decision::Return,
///         Err(ApiError::Busy { retry_after }) => Decision::RetryAfter(*retry_after),
///         Err(ApiError::Flaky) => Decision::Retry,
///         Err(ApiError::Invalid) => Decision::Return,
///     }
/// }
///
/// #[retry(attempts = 5, delay = "0s", classify = classify)]
/// fn poll(ready_after: &mut u32) -> Result<u32, ApiError> {
///     *ready_after = ready_after.saturating_sub(1);
///     Ok(u32::from(*ready_after == 0))
/// }
///
/// let mut countdown = 3;
/// assert_eq!(poll(&mut countdown).unwrap(), 1);
/// assert_eq!(countdown, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Retry after the policy's wait.
    Retry,
    /// Retry, waiting at least this long (a server's `Retry-After`). A hint longer than the
    /// policy's `max_delay` (5 minutes when unset) ends the retries instead.
    RetryAfter(Duration),
    /// Stop and return this outcome.
    Return,
}
