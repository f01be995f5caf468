use reattempt::retry;

fn my_sleep(_millis: u64) {}

#[retry(sleep = my_sleep)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
