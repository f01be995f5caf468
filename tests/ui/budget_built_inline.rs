use reattempt::retry;

// `budget` is evaluated after each attempt: a bucket built there is fresh and full every time.
#[retry(attempts = 3, budget = reattempt::TokenBucket::new(10, 0.1))]
async fn inline() -> Result<(), std::io::Error> {
    Ok(())
}

#[retry(attempts = 3, budget = std::sync::Arc::new(reattempt::TokenBucket::new(10, 0.1)))]
fn in_an_arc() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = inline();
    let _ = in_an_arc();
}
