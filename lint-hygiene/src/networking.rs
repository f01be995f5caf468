//! The ready classifiers of feature `reqwest`, with timeouts.

use core::net::SocketAddr;
use std::io;

use reattempt::{http, retry};
use tokio::net::lookup_host;

/// GET through the idempotent classifier, with a per-attempt limit.
///
/// # Errors
///
/// The last transport error, or `Elapsed` when every attempt was too slow.
#[retry(attempts = 4, delay = "200ms", backoff = "exponential", jitter = "full",
        max_elapsed = "20s", timeout = "5s", classify = http::idempotent)]
pub async fn get_report(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, http::Error> {
    Ok(client.get(url).send().await?)
}

/// POST through the non-idempotent classifier.
///
/// # Errors
///
/// The last transport error.
#[retry(attempts = 3, delay = "100ms", classify = http::non_idempotent)]
pub async fn post_order(
    client: &reqwest::Client,
    url: &str,
    body: &'static str,
) -> Result<reqwest::Response, reqwest::Error> {
    client.post(url).body(body).send().await
}

/// The ready `transient` classifier on reqwest's error, through `error_for_status`.
///
/// # Errors
///
/// The last transport or status error.
#[retry(attempts = 3, delay = "100ms", classify = reattempt::transient)]
pub async fn get_status(client: &reqwest::Client, url: &str) -> Result<u16, reqwest::Error> {
    let response = client.get(url).send().await?.error_for_status()?;
    Ok(response.status().as_u16())
}

/// `io::Result` with `timeout` and `classify = transient`, reading a socket address.
///
/// # Errors
///
/// The last I/O error.
#[retry(attempts = 3, delay = "10ms", timeout = "1s", classify = reattempt::transient)]
pub async fn resolve(host: &str) -> io::Result<Vec<SocketAddr>> {
    Ok(lookup_host(host).await?.collect())
}
