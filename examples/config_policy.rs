//! A retry policy read from the environment (or, with feature `serde`, from a JSON file) in the
//! attribute's own syntax, shared by every call of a function and printed back.
//!
//! ```sh
//! cargo run --example config_policy
//! RETRY_POLICY='attempts=5, delay=50ms, backoff=exponential' cargo run --example config_policy
//! RETRY_POLICY='atempts=5' cargo run --example config_policy      # a mistake: exit code 2
//! echo '{"attempts": 4, "delay": "20ms", "jitter": "full"}' > /tmp/policy.json
//! cargo run --example config_policy --features serde -- /tmp/policy.json
//! ```

use std::cell::Cell;
use std::process::ExitCode;
use std::sync::OnceLock;

use reattempt::{retry, Policy, PolicyError};

/// The policy of every call, read once at start-up.
static POLICY: OnceLock<Policy> = OnceLock::new();

/// A service that answers on its third request.
#[retry(
    policy = POLICY.get_or_init(Policy::default),
    attempt = attempt,
    on_retry = |event| eprintln!("attempt {} failed: {:?}; retrying in {:?}", event.attempt(), event.error(), event.wait()),
    on_give_up = |event| eprintln!("giving up after {} attempts ({})", event.attempts(), event.reason()),
)]
async fn fetch_config(requests: &Cell<u32>) -> Result<String, String> {
    requests.set(requests.get() + 1);
    if attempt < 3 {
        return Err(format!("503 Service Unavailable (request {})", requests.get()));
    }
    Ok("{\"feature_flags\": [\"retries\"]}".to_owned())
}

/// The policy from the file named by the first argument (feature `serde`), else from
/// `RETRY_POLICY`, else the attribute's defaults.
fn read_policy() -> Result<(Policy, String), String> {
    if let Some(path) = std::env::args().nth(1) {
        return from_file(&path);
    }
    match std::env::var("RETRY_POLICY") {
        Ok(text) => {
            let policy = text.parse().map_err(|error: PolicyError| format!("RETRY_POLICY: {error}"))?;
            Ok((policy, "RETRY_POLICY".to_owned()))
        }
        Err(_) => Ok((Policy::default(), "the defaults".to_owned())),
    }
}

#[cfg(feature = "serde")]
fn from_file(path: &str) -> Result<(Policy, String), String> {
    let json = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
    let policy = serde_json::from_str(&json).map_err(|error| format!("{path}: {error}"))?;
    Ok((policy, path.to_owned()))
}

#[cfg(not(feature = "serde"))]
fn from_file(path: &str) -> Result<(Policy, String), String> {
    Err(format!("{path}: reading a policy from a file needs `--features serde`"))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (policy, source) = match read_policy() {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let policy = POLICY.get_or_init(|| policy);
    // `Display` writes the attribute's syntax back: the keys that differ from the defaults.
    match policy.to_string() {
        text if text.is_empty() => println!("policy from {source}: the attribute's defaults"),
        text => println!("policy from {source}: `{text}`"),
    }
    let requests = Cell::new(0);
    match fetch_config(&requests).await {
        Ok(config) => {
            println!("got the config after {} requests: {config}", requests.get());
            ExitCode::SUCCESS
        }
        Err(error) => {
            println!("no config after {} requests: {error}", requests.get());
            ExitCode::FAILURE
        }
    }
}
