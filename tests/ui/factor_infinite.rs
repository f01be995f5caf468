use reattempt::retry;

#[retry(backoff = "exponential", factor = 1e999)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
