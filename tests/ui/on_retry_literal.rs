use reattempt::retry;

#[retry(on_retry = 5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
