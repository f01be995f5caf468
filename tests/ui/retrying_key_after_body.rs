use reattempt::retrying;

async fn run() {
    let _ = retrying!(attempts = 3, async { Ok::<(), std::io::Error>(()) }, delay = "1s");
    let _ = retrying!(|| Ok::<(), std::io::Error>(()), attempts = 3);
}

fn main() {
    drop(run());
}
