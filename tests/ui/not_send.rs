use std::rc::Rc;

use reattempt::retry;

#[retry(attempts = 2)]
async fn count() -> Result<u32, std::io::Error> {
    let shared = Rc::new(1);
    tokio::task::yield_now().await;
    Ok(*shared)
}

fn main() {
    let _ = tokio::spawn(count());
}
