use std::time::Duration;

use reattempt::{retry, Policy};

static API: Policy = Policy::new(3).delay(Duration::from_millis(200));

// The policy holds the whole schedule: each schedule key beside it is an error on that key.
#[retry(policy = &API, attempts = 5, jitter = "full", when = |_| true)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
