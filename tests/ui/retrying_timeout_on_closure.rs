use reattempt::retrying;

fn main() {
    // The closure form blocks, as a plain `fn` does: an attempt cannot be interrupted.
    let _ = retrying!(attempts = 3, timeout = "1s", || Ok::<(), std::io::Error>(()));
}
