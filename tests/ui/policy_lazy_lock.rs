use std::sync::LazyLock;

use reattempt::{retry, Policy};

static POLICY: LazyLock<Policy> = LazyLock::new(|| Policy::new(4));

// A `LazyLock<Policy>` is not a policy: the error says to go through the lock, `&*POLICY`.
#[retry(policy = &POLICY)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
