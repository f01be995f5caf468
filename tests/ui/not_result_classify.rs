use reattempt::{retry, Decision};

#[retry(classify = |_| Decision::Retry)]
async fn answer() -> Option<u32> {
    Some(42)
}

fn main() {
    let _ = answer();
}
