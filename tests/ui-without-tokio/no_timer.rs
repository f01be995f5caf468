use std::time::Duration;

use reattempt::retry;

// Without the `tokio` feature there is no default timer: one error, on the function.
#[retry(attempts = 3, delay = "1s", max_elapsed = "10s", timeout = "2s")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

// With `sleep = ...`, no feature is needed.
async fn my_sleep(_: Duration) {}

#[retry(attempts = 3, delay = "1s", max_elapsed = "10s", timeout = "2s", sleep = my_sleep)]
async fn fetch_with_a_timer() -> Result<(), std::io::Error> {
    Ok(())
}

// A plain `fn` blocks with `std::thread::sleep`.
#[retry(attempts = 3, delay = "1ms")]
fn read() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
    let _ = fetch_with_a_timer();
    let _ = read();
}
