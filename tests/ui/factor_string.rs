use reattempt::retry;

#[retry(backoff = "exponential", factor = "2")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
