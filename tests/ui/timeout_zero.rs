use reattempt::retry;

#[retry(timeout = "0s")]
async fn fetch() -> std::io::Result<()> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
