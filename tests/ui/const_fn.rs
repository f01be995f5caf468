use reattempt::retry;

#[retry(attempts = 2)]
const fn parse() -> Result<u32, ()> {
    Ok(1)
}

fn main() {
    let _ = parse();
}
