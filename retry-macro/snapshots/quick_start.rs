// The README's quick start: its expansion is quoted in the README, and tests/readme.rs checks the quote.
#[retry(attempts = 3, delay = "1s")]
async fn fetch_json(client: &reqwest::Client, url: &str) -> Result<serde_json::Value, reqwest::Error> {
    client.get(url).send().await?.error_for_status()?.json().await
}
