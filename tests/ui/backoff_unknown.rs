use reattempt::retry;

#[retry(backoff = "expo")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
