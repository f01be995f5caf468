use reattempt::retry;

const TRIES: u32 = 0;

#[retry(attempts = TRIES)]
fn zero() -> Result<(), ()> {
    Ok(())
}

fn main() {
    let _ = zero();
}
