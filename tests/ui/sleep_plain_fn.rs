use std::time::Duration;

use reattempt::retry;

async fn my_sleep(_: Duration) {}

#[retry(sleep = my_sleep)]
fn read() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = read();
}
