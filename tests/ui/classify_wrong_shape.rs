use reattempt::retry;

#[retry(classify = |outcome: &Result<u32, String>| outcome.is_err())]
async fn fetch() -> Result<u32, std::io::Error> {
    Ok(1)
}

fn main() {
    let _ = fetch();
}
