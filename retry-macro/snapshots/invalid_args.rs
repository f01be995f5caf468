// Bad arguments: the errors, then the function unchanged (spans are not printed).
#[retry(attempt = 3, delay = 100)]
async fn fetch(url: &str) -> Result<String, Error> {
    download(url).await
}
