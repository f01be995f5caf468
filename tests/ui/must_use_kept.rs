// `#[must_use]` written above or below `#[retry]` stays on the function: its message is the one
// rustc prints for an unused call (a plain `fn`) or an unused `.await` (an `async fn`).
#![deny(unused_must_use)]
use reattempt::retry;

#[must_use = "the token is the point"]
#[retry(attempts = 2, delay = "1ms")]
fn token(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    Ok(*calls)
}

#[retry(attempts = 2, delay = "1ms")]
#[must_use = "the async token is the point"]
async fn token_async(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    Ok(*calls)
}

async fn caller(calls: &mut u32) {
    token_async(calls).await;
}

fn main() {
    let mut calls = 0;
    token(&mut calls);
    drop(caller(&mut calls));
}
