use reattempt::retry;

// `attempt = n` binds the attempt number as `n` in the body and the hooks: a parameter of that
// name would be hidden, so the macro refuses, naming it.
#[retry(attempts = 3, attempt = n)]
async fn send(n: u64) -> Result<u64, std::io::Error> {
    Ok(n)
}

#[retry(attempt = attempt)]
fn count(attempt: u32, total: u32) -> Result<u32, std::io::Error> {
    Ok(attempt + total)
}

fn main() {
    let _ = send(1);
    let _ = count(1, 2);
}
