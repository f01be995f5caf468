use reattempt::retry;

// Each attribute would retry the other's whole loop: 2 × 3 = 6 calls.
#[retry(attempts = 2)]
#[retry(attempts = 3, delay = "1s")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

#[reattempt::retry(attempts = 2)]
#[reattempt::retry(delay = "1s")]
fn read() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
    let _ = read();
}
