use reattempt::retry;

#[retry(delay = "1.5ns")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
