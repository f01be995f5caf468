use reattempt::retry;

#[retry(policy = 5)]
async fn literal() -> Result<(), std::io::Error> {
    Ok(())
}

#[retry(policy = tries)]
async fn not_a_policy(tries: u32) -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = literal();
    let _ = not_a_policy(3);
}
