use reattempt::retrying;

async fn run() {
    // A mistake in a key is the attribute's error, on the same token; the body is still there.
    let _ = retrying!(attempts = 0, jiter = "full", async { Ok::<(), std::io::Error>(()) }).await;
}

fn main() {
    drop(run());
}
