use reattempt::retry;

#[retry(timeout = "1s")]
fn read() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = read();
}
