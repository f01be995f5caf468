use reattempt::retry;

#[retry(delay = "2s", backoff = "exponential", max_delay = "1500ms")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
