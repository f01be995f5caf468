use reattempt::retry;

#[retry(max_elapsed = true)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
