use reattempt::retrying;

fn main() {
    // The keys alone: no body to retry.
    let _ = retrying!(attempts = 3, delay = "1s");
    let _ = retrying!();
}
