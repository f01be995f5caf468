use reattempt::retry;

#[retry(when = is_retryable)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
