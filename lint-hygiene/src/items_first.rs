//! Bodies that start with items (`fn`, `const`, `use`): the expansion keeps the user's block
//! whole inside the attempt, so `clippy::items_after_statements` does not fire on them.

use reattempt::retry;

use crate::{Calls, Failure};

/// An item first in a blocking body.
///
/// # Errors
///
/// Never.
#[retry(attempts = 2, delay = "1ms")]
pub fn item_first_blocking(calls: &Calls) -> Result<u32, Failure> {
    fn helper(calls: &Calls) -> u32 {
        calls.tick()
    }
    Ok(helper(calls))
}

/// `const` and `use` first in an async body.
///
/// # Errors
///
/// Never.
#[retry(attempts = 2, delay = "1ms")]
pub async fn items_first_async(calls: &Calls) -> Result<u32, Failure> {
    use core::cmp::max;
    const LIMIT: u32 = 3;
    Ok(max(calls.tick(), LIMIT))
}
