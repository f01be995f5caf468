use reattempt::retry;

#[retry(attempts = 0, delay = 100, jiter = "full")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
