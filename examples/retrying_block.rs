//! Retrying one step inside a larger function with `retrying!`.
//!
//! `sync_inventory` gets a token once, then, inside a `for` loop, fetches each section of the
//! inventory from a local server (`support/flaky_server.rs`: its first request gets
//! `503 Service Unavailable`, its second a closed connection, the others JSON). Only the fetch
//! is retried: it borrows the loop's `section` and the login `token`, and its `on_retry` hook
//! logs them, with no function of its own and nothing cloned per attempt. `?` inside the
//! `async` block ends an attempt; `?` after `.await` ends `sync_inventory`.
//!
//! The closure form retries a blocking step in place too: reading a file that another process
//! is still writing.
//!
//! ```text
//! cargo run --example retrying_block               # the first section takes 3 attempts
//! cargo run --example retrying_block -- --fail-all # the server never recovers: exit code 1
//! ```

#[path = "support/flaky_server.rs"]
mod flaky_server;

use std::process::ExitCode;

use flaky_server::{FlakyServer, Mode};
use reattempt::retrying;
use serde_json::Value;

/// A stand-in for a real login: what matters is that the token is a local of the caller's.
fn login(user: &str) -> String {
    format!("token-for-{user}")
}

async fn sync_inventory(
    client: &reqwest::Client,
    base: &str,
) -> Result<Vec<(String, Value)>, reqwest::Error> {
    let token = login("inventory-sync");
    let mut sections = Vec::new();
    for section in ["widgets", "gadgets"] {
        let json = retrying!(
            attempts = 4,
            delay = "200ms",
            backoff = "exponential",
            on_retry = |event| eprintln!(
                "{section}: attempt {} failed ({}); retrying in {:?}",
                event.attempt(),
                event.error().map_or_else(String::new, ToString::to_string),
                event.wait(),
            ),
            async {
                let url = format!("{base}/{section}");
                client.get(&url).bearer_auth(&token).send().await?.error_for_status()?.json::<Value>().await
            }
        )
        .await?;
        sections.push((section.to_owned(), json));
    }
    Ok(sections)
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
    let client = match reqwest::Client::builder().no_proxy().build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("cannot build the HTTP client: {error}");
            return ExitCode::FAILURE;
        }
    };
    let synced = sync_inventory(&client, &server.url()).await;
    let requests = server.requests();
    drop(client);
    server.shutdown().await;
    let sections = match synced {
        Ok(sections) => sections,
        Err(error) => {
            eprintln!("giving up after {requests} requests: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("synced {} sections in {requests} requests", sections.len());

    // The closure form: called at once, blocking between attempts. The file appears after the
    // first attempt; `reads` is a local the closure mutates and the hook reads.
    let path = std::env::temp_dir().join(format!("reattempt-example-{}.txt", std::process::id()));
    let mut reads = 0;
    let config = retrying!(
        attempts = 3,
        delay = "50ms",
        on_retry =
            |event| eprintln!("read {reads} of {} failed; retrying in {:?}", path.display(), event.wait()),
        || {
            reads += 1;
            if reads == 2 {
                std::fs::write(&path, "mode = fast\n")?;
            }
            std::fs::read_to_string(&path)
        }
    );
    let _ = std::fs::remove_file(&path);
    match config {
        Ok(config) => {
            println!("{} sections; config after {reads} reads: {}", sections.len(), config.trim());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}
