use reattempt::retry;

#[retry(crate = "not a path!")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
