use reattempt::retry;

#[retry(delay = "soon")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
