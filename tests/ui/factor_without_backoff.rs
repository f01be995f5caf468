use reattempt::retry;

#[retry(delay = "1s", factor = 3)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
