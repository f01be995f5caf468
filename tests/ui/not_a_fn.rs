use reattempt::retry;

#[retry(attempts = 2)]
struct Client {
    url: String,
}

fn main() {
    let client = Client { url: String::new() };
    let _ = client.url;
}
