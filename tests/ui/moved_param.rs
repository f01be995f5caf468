use reattempt::retry;

#[retry(attempts = 2)]
async fn consume(name: String) -> Result<(), String> {
    drop(name);
    Ok(())
}

fn main() {
    let _ = consume(String::new());
}
