//! Retrying a JSON GET with `#[retry]`.
//!
//! The example starts a local server (`support/flaky_server.rs`) that answers its first
//! request with `503 Service Unavailable`, drops the connection on the second without any
//! response, and serves JSON from the third on. `fetch_json` makes up to 3 attempts, 1 second
//! apart, and `log_retry` prints a line before each retry, so the program ends after about
//! 2 seconds with the JSON on stdout.
//!
//! The retries happen only because `fetch_json` lets every failure out as its `Err`: `?`
//! passes on the transport error and `error_for_status()` turns a 4xx or 5xx status into one.
//! A helper that caught the error and returned a default value instead would never be retried.
//! Here every `Err` is retried; `when = |e| ...` or `classify` would narrow that down (a 404,
//! say, is not worth a second try).
//!
//! ```text
//! cargo run --example http_client               # succeeds on the third attempt
//! cargo run --example http_client -- --fail-all # the server never recovers: exit code 1
//! ```
//!
//! With `--fail-all` the third request gets `500 Internal Server Error` too; after the last
//! attempt `fetch_json` returns that error unchanged and the program reports it on stderr.

#[path = "support/flaky_server.rs"]
mod flaky_server;

use std::error::Error;
use std::process::ExitCode;

use flaky_server::{FlakyServer, Mode};
use reattempt::{retry, RetryEvent};
use serde_json::Value;

#[retry(attempts = 3, delay = "1s", on_retry = log_retry)]
async fn fetch_json(client: &reqwest::Client, url: &str) -> Result<Value, reqwest::Error> {
    client.get(url).send().await?.error_for_status()?.json().await
}

/// Called by `#[retry]` after each failed attempt but the last, before it waits.
fn log_retry(event: &RetryEvent<'_, Value, reqwest::Error>) {
    if let Some(error) = event.error() {
        eprintln!(
            "attempt {} failed: {}; retrying in {:?}",
            event.attempt(),
            with_sources(error),
            event.wait(),
        );
    }
}

/// An error followed by its causes: `error sending request: ...: connection closed ...`.
fn with_sources(error: &(dyn Error + 'static)) -> String {
    let chain: Vec<String> =
        std::iter::successors(Some(error), |&e| e.source()).map(ToString::to_string).collect();
    chain.join(": ")
}

#[tokio::main]
async fn main() -> ExitCode {
    let fail_all = std::env::args().skip(1).any(|arg| arg == "--fail-all");
    let mode = if fail_all { Mode::NeverRecovers } else { Mode::Recovers };

    let server = match FlakyServer::start(mode).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot start the local server: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Talk to the local server directly, even where HTTP_PROXY is set.
    let client = match reqwest::Client::builder().no_proxy().build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("cannot build the HTTP client: {}", with_sources(&error));
            return ExitCode::FAILURE;
        }
    };

    let result = fetch_json(&client, &server.url()).await;
    let requests = server.requests();
    drop(client);
    server.shutdown().await;

    match result {
        Ok(json) => {
            eprintln!("got the inventory after {requests} requests");
            println!("{json:#}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("giving up after {requests} requests: {}", with_sources(&error));
            ExitCode::FAILURE
        }
    }
}
