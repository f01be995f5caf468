use reattempt::retry;

#[retry(backoff = "exponential", factor = 0.5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
