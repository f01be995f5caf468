// One event per retry and one when the call gives up, when the runtime has feature `tracing`.
#[retry(attempts = 3, delay = "100ms", on_retry = |event| metrics::increment(event.attempt()))]
async fn fetch(url: &str) -> Result<String, FetchError> {
    download(url).await
}
