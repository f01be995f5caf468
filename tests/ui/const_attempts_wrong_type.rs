use reattempt::retry;

const WRONG: u64 = 3;

#[retry(attempts = WRONG)]
fn wrong_type() -> Result<(), ()> {
    Ok(())
}

fn main() {
    let _ = wrong_type();
}
