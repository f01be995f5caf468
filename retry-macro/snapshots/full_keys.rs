// Every key at once on an `async fn` (except `classify`, which excludes `when`, and `crate`,
// which has its own case).
#[retry(
    attempts = 5,
    delay = "200ms",
    backoff = "exponential",
    factor = 1.5,
    max_delay = "5s",
    jitter = "full",
    max_elapsed = "1m30s",
    timeout = "2.5s",
    when = |error| error.is_transient(),
    on_retry = |event| eprintln!("{id}: attempt {} failed, retrying in {:?}", event.attempt(), event.wait()),
    sleep = my_runtime::time::sleep,
)]
pub async fn upload(store: &Store, id: u64, body: &[u8]) -> Result<Receipt, UploadError> {
    store.put(id, body).await
}
