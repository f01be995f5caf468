//! The storm: a real loopback server answers 503 to everything while 1,000 calls run at once.
//! With `attempts = 4` every call would send 4 requests; with a shared `TokenBucket::new(100,
//! 0.1)` the whole fleet sends 1,000 + 50. Then the server recovers, and the successful calls
//! refill the bucket. Loopback only, bounded in time.

#[path = "../examples/support/fault_server.rs"]
#[allow(dead_code, reason = "the storm needs one kind of answer of the fault server's many")]
mod fault_server;

use std::sync::Arc;
use std::time::Duration;

use fault_server::{Fault, FaultServer};
use reattempt::{http, retry, TokenBucket};
use tokio::task::JoinSet;

const CALLS: usize = 1_000;

static BUDGET: TokenBucket = TokenBucket::new(100, 0.1);

#[retry(attempts = 4, delay = "1ms", classify = http::idempotent, budget = BUDGET)]
async fn budgeted(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, reqwest::Error> {
    client.get(url).send().await
}

#[retry(attempts = 4, delay = "1ms", classify = http::idempotent)]
async fn unbudgeted(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, reqwest::Error> {
    client.get(url).send().await
}

/// Runs `CALLS` calls at once and returns their statuses.
async fn storm<F, Fut>(url: &str, call: F) -> Vec<u16>
where
    F: Fn(reqwest::Client, String) -> Fut,
    Fut: std::future::Future<Output = Result<reqwest::Response, reqwest::Error>> + Send + 'static,
{
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let mut calls = JoinSet::new();
    for _ in 0..CALLS {
        calls.spawn(call(client.clone(), url.to_owned()));
    }
    let mut statuses = Vec::with_capacity(CALLS);
    while let Some(outcome) = calls.join_next().await {
        statuses.push(outcome.unwrap().expect("a response").status().as_u16());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_keeps_a_storm_to_the_traffic_plus_half_the_bucket() {
    let run = async {
        // 1,050 answers of 503, then the server has recovered: 200 from then on.
        let mut script = vec![Fault::status(503); CALLS + 50];
        script.push(Fault::json(r#"{"ok":true}"#));
        let server = FaultServer::start(script).unwrap();
        let url = server.url("/inventory");

        let statuses = storm(&url, |client, url| async move { budgeted(&client, &url).await }).await;
        assert_eq!(server.requests(), CALLS + 50, "the requests that reached the server");
        assert!(statuses.iter().all(|status| *status == 503), "every call returns the server's last answer");
        assert!((BUDGET.tokens() - 50.0).abs() < 1e-9, "{}", BUDGET.tokens());

        // The server has recovered: 1,000 calls that succeed at once refill the bucket.
        let statuses = storm(&url, |client, url| async move { budgeted(&client, &url).await }).await;
        assert!(statuses.iter().all(|status| *status == 200));
        assert_eq!(server.requests(), 2 * CALLS + 50);
        assert!((BUDGET.tokens() - 100.0).abs() < 1e-9, "{}", BUDGET.tokens());
    };
    tokio::time::timeout(Duration::from_secs(60), run).await.expect("the storm ends within a minute");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_budget_every_call_sends_all_its_attempts() {
    let run = async {
        let server = Arc::new(FaultServer::start([Fault::status(503)]).unwrap());
        let url = server.url("/inventory");
        let statuses = storm(&url, |client, url| async move { unbudgeted(&client, &url).await }).await;
        assert!(statuses.iter().all(|status| *status == 503));
        assert_eq!(server.requests(), 4 * CALLS);
    };
    tokio::time::timeout(Duration::from_secs(60), run).await.expect("the storm ends within a minute");
}
