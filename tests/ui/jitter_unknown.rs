use reattempt::retry;

#[retry(jitter = "fulll")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
