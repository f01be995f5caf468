// `crate = "..."`: every generated path goes through the re-export.
#[retry(crate = "::my::reexport", attempts = 2, delay = "1s", on_retry = log_retry)]
async fn ping(host: &str) -> Result<(), PingError> {
    send_ping(host).await
}
