use reattempt::retry;

#[retry(crate = "::reattempt_renamed")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
