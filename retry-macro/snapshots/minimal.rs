// `#[retry]` with no arguments on an `async fn`: every default.
#[retry]
async fn fetch(client: &Client, url: &str) -> Result<String, reqwest::Error> {
    client.get(url).send().await?.text().await
}
