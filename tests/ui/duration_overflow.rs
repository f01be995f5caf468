use reattempt::retry;

#[retry(max_elapsed = "99999999999999999999h")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
