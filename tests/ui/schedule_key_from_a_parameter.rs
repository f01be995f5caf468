use std::time::Duration;

use reattempt::retry;

// A schedule key must be a constant; values known only at the call go in `policy = ...`.
#[retry(attempts = tries)]
async fn send(tries: u32) -> Result<(), std::io::Error> {
    let _ = tries;
    Ok(())
}

#[retry(attempts = 3, max_elapsed = deadline)]
fn upload(deadline: Duration) -> Result<(), std::io::Error> {
    let _ = deadline;
    Ok(())
}

struct Client {
    pause: Duration,
}

impl Client {
    #[retry(delay = self.pause)]
    async fn call(&self) -> Result<(), std::io::Error> {
        Ok(())
    }
}

fn main() {
    let _ = send(3);
    let _ = upload(Duration::from_secs(1));
    let _ = Client { pause: Duration::ZERO }.call();
}
