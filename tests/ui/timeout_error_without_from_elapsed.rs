use reattempt::retry;

#[derive(Debug)]
struct MyError;

#[retry(attempts = 2, timeout = "1s")]
async fn fetch() -> Result<(), MyError> {
    Err(MyError)
}

fn main() {
    let _ = fetch();
}
