use reattempt::retry;

#[retry(backoff = "linear", factor = 1.5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
