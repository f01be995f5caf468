use reattempt::retrying;

async fn fetch() -> Result<u32, std::io::Error> {
    Ok(1)
}

async fn run() {
    // A future is not a body: each attempt must run the code again.
    let _ = retrying!(attempts = 3, fetch());
    // A block runs once.
    let _ = retrying!(attempts = 3, { fetch().await });
}

fn main() {
    drop(run());
}
