use reattempt::retry;

#[retry(max_elapsed = 1.5)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
