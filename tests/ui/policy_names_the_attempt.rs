use reattempt::{retry, Policy};

// `policy = ...` is evaluated once, before the first attempt: the attempt number is not there
// yet. A field or path of the same name is not the binding.
#[retry(attempt = n, policy = Policy::new(3).delay(core::time::Duration::from_millis(100) * n))]
async fn send(tries: u32) -> Result<u32, std::io::Error> {
    Ok(tries + n)
}

struct Config {
    n: u32,
}

impl Config {
    #[retry(attempt = n, policy = Policy::new(self.n))]
    fn fine(&self) -> Result<u32, std::io::Error> {
        Ok(self.n + n)
    }
}

fn main() {
    let _ = send(1);
    let _ = Config { n: 2 }.fine();
}
