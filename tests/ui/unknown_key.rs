use reattempt::retry;

// A misspelt key: the error suggests the closest one and lists them all.
#[retry(max_dealy = "5s")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
