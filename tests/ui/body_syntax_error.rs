// A syntax error in the body is rustc's own error at the user's line, not a macro error (the
// body is passed through as tokens), and the function is still there: its callers get no
// second error.
use reattempt::retry;

#[retry(attempts = 2, delay = "1ms")]
fn blocking(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    let doubled = ;
    Err(*calls)
}

#[retry(attempts = 2, delay = "1ms")]
async fn async_fn(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    Err(*calls +)
}

fn main() {
    let mut calls = 0;
    let _ = blocking(&mut calls);
    let _ = async_fn(&mut calls);
}
