use reattempt::retry;

#[retry(backoff = exponential)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
