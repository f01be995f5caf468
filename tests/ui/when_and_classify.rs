use reattempt::retry;

#[retry(when = |e| e.kind() == std::io::ErrorKind::TimedOut, classify = |_| reattempt::Decision::Retry)]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
