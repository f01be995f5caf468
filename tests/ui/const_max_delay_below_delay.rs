use std::time::Duration;
use reattempt::retry;

const BASE: Duration = Duration::from_secs(2);
const CAP: Duration = Duration::from_secs(1);

#[retry(delay = BASE, max_delay = CAP)]
fn capped() -> Result<(), ()> {
    Ok(())
}

fn main() {
    let _ = capped();
}
