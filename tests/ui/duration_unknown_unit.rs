use reattempt::retry;

#[retry(max_delay = "5sec")]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
