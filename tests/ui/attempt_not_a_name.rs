use reattempt::retry;

// `attempt` binds the running attempt's number; `attempts` sets how many.
#[retry(attempt = 3)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
