use reattempt::retry;

#[retry(attempts = 4294967296)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
