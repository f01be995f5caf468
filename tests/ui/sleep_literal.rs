use reattempt::retry;

#[retry(sleep = "tokio")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
