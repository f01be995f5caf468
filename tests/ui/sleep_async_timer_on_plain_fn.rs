use std::time::Duration;

use reattempt::retry;

async fn my_sleep(_: Duration) {}

// On a plain `fn`, `sleep` names a blocking `fn(Duration)`: an async timer would never be
// awaited, so it is refused, on the value.
#[retry(sleep = my_sleep)]
fn read() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = read();
}
