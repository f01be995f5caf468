use reattempt::retry;

// A budget is a `reattempt::Budget` (a `TokenBucket`, a reference or an `Arc` to one): one
// error, on the value.
#[retry(attempts = 3, budget = 5)]
async fn literal() -> Result<(), std::io::Error> {
    Ok(())
}

#[retry(attempts = 3, budget = name)]
fn not_a_budget(name: &str) -> Result<(), std::io::Error> {
    let _ = name;
    Ok(())
}

fn main() {
    let _ = literal();
    let _ = not_a_budget("inventory");
}
