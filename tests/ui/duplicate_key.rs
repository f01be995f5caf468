use reattempt::retry;

#[retry(attempts = 2, delay = "1s", attempts = 5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
