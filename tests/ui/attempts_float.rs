use reattempt::retry;

#[retry(attempts = 2.5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
