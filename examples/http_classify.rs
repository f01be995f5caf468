//! Classifying HTTP outcomes with `reattempt::http::idempotent`, a per-attempt `timeout`, full
//! jitter and a total time budget.
//!
//! The example starts a local server (`support/fault_server.rs`) that never answers its first
//! request, answers the second with `503 Service Unavailable` and `Retry-After: 1`, and serves
//! JSON from the third on. `fetch` sends a GET with:
//!
//! - `timeout = "500ms"`: the hanging first attempt is cut after half a second. It becomes an
//!   `http::Error::TimedOut` — `http::Error` holds either a `reqwest::Error` or the
//!   `reattempt::Elapsed` of a cut attempt, since a `reqwest::Error` cannot be made from one;
//! - `classify = reattempt::http::idempotent`: a GET is safe to repeat, so timeouts, transport
//!   failures and the statuses 408, 425, 429, 500, 502, 503 and 504 are retried, and a
//!   `Retry-After` header replaces the backoff when it asks for longer. Any other status (a
//!   404, say) is returned at once, as the `Ok` response it is;
//! - `delay = "200ms"`, `backoff = "exponential"`, `jitter = "full"`: the backoff waits are
//!   drawn from [0, 200 ms), [0, 400 ms), ...;
//! - `max_elapsed = "5s"`: no retry starts whose wait would end more than 5 s after the call.
//!
//! `on_retry` prints each failed attempt (its status or error) and the wait that follows; the
//! program then prints the final response and exits with code 0 after about 1.5 s:
//!
//! ```text
//! cargo run --example http_classify --all-features                    # succeeds on the third attempt
//! cargo run --example http_classify --all-features -- --never-recover # exit code 1
//! ```
//!
//! With `--never-recover` the server keeps answering `503` with `Retry-After: 3`. The first
//! such wait ends about 3.7 s into the call; the second would end past `max_elapsed`, so
//! `fetch` gives up after 3 of its 4 attempts and returns the last `503` response unchanged (a
//! status is not an `Err`), and the program exits with code 1.

#[path = "support/fault_server.rs"]
#[allow(dead_code)] // `tests/http_faults.rs` uses the rest of it
mod fault_server;

use std::error::Error;
use std::process::ExitCode;
use std::time::Instant;

use fault_server::{Fault, FaultServer, RetryAfter};
use reattempt::{http, retry, RetryEvent};

#[retry(
    attempts = 4,
    delay = "200ms",
    backoff = "exponential",
    jitter = "full",
    max_elapsed = "5s",
    timeout = "500ms",
    classify = http::idempotent,
    on_retry = log_retry,
)]
async fn fetch(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, http::Error> {
    Ok(client.get(url).send().await?)
}

/// Called by `#[retry]` after each failed attempt that will be retried, before it waits.
fn log_retry(event: &RetryEvent<'_, reqwest::Response, http::Error>) {
    let failure = match event.outcome() {
        Ok(response) => match response.headers().get(reqwest::header::RETRY_AFTER) {
            Some(hint) => format!("{} (Retry-After: {})", response.status(), hint.to_str().unwrap_or("?")),
            None => response.status().to_string(),
        },
        Err(error) => with_sources(error),
    };
    println!(
        "attempt {} failed after {:.2?}: {failure}; retrying in {:.0?}",
        event.attempt(),
        event.elapsed(),
        event.wait(),
    );
}

/// An error followed by its causes.
fn with_sources(error: &(dyn Error + 'static)) -> String {
    let chain: Vec<String> =
        std::iter::successors(Some(error), |&e| e.source()).map(ToString::to_string).collect();
    chain.join(": ")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let never_recover = std::env::args().skip(1).any(|arg| arg == "--never-recover");
    let script = if never_recover {
        vec![Fault::Hang, Fault::status(503).retry_after(RetryAfter::Seconds(3))]
    } else {
        vec![
            Fault::Hang,
            Fault::status(503).retry_after(RetryAfter::Seconds(1)),
            Fault::json(r#"{"service":"inventory","items":["widget","gadget"]}"#),
        ]
    };
    let server = match FaultServer::start(script) {
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

    let started = Instant::now();
    let result = fetch(&client, &server.url("/inventory")).await;
    let elapsed = started.elapsed();
    let requests = server.requests();

    match result {
        Ok(response) if response.status().is_success() => {
            let status = response.status();
            match response.text().await {
                Ok(body) => {
                    println!("{status} after {requests} requests in {elapsed:.2?}: {body}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{status}, but the body failed: {}", with_sources(&error));
                    ExitCode::FAILURE
                }
            }
        }
        Ok(response) => {
            eprintln!("giving up after {requests} requests in {elapsed:.2?}: {}", response.status());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("giving up after {requests} requests in {elapsed:.2?}: {}", with_sources(&error));
            ExitCode::FAILURE
        }
    }
}
