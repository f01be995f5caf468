// features: no tokio — an `async fn` without a timer is one error, and the function unchanged.
#[retry(attempts = 3, delay = "1s")]
async fn fetch(client: &Client, url: &str) -> Result<String, reqwest::Error> {
    client.get(url).send().await?.text().await
}
