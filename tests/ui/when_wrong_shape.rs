use reattempt::retry;

#[retry(when = |e: &String| e.is_empty())]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
