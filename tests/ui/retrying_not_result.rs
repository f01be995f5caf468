use reattempt::retrying;

async fn run() -> u32 {
    // The output of the body is what is retried: it must be a `Result`. One error, on the body.
    retrying!(attempts = 3, async { 42_u32 }).await
}

fn main() {
    let _ = retrying!(attempts = 3, || "not a result");
    drop(run());
}
