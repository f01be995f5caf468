use reattempt::retrying;

fn main() {
    let _ = retrying!(attempts = 3, |attempt: u32| Ok::<u32, std::io::Error>(attempt));
}
