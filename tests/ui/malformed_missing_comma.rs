use reattempt::retry;

#[retry(attempts = 3 delay = "1s")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
