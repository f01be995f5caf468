use reattempt::retry;

#[retry(on_retry = |attempt: &u32| println!("retry {attempt}"))]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
