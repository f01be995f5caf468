use std::future::Future;

use reattempt::retry;

#[retry(attempts = 2)]
fn fetch() -> impl Future<Output = Result<(), std::io::Error>> {
    async { Ok(()) }
}

fn main() {
    let _ = fetch();
}
