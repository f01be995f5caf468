use reattempt::retry;

const SLOW: f64 = 0.5;

#[retry(backoff = "exponential", factor = SLOW)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
