use reattempt::retry;

#[retry(attempts = 2)]
async fn answer() -> u32 {
    42
}

#[retry(attempts = 2, when = |e| e.is_timeout(), on_retry = |ev| println!("{}", ev.attempt()))]
fn with_hooks() -> Option<u32> {
    Some(1)
}

fn main() {
    let _ = answer();
    let _ = with_hooks();
}
