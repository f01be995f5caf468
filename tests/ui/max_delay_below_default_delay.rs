use reattempt::retry;

#[retry(backoff = "linear", max_delay = "50ms")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
