//! The scenario of `examples/http_client.rs`, checked against the same local server: a 503,
//! then a connection dropped without a response, then JSON. Real sockets need real time, so the
//! waits are short.

#[path = "../examples/support/flaky_server.rs"]
mod flaky_server;

use std::error::Error as _;
use std::sync::Mutex;
use std::time::Duration;

use flaky_server::{inventory, FlakyServer, Mode};
use reattempt::{retry, RetryEvent};
use reqwest::StatusCode;
use serde_json::Value;

/// What `on_retry` saw of one failed attempt (a `reqwest::Error` cannot be cloned out).
/// `status` is `Some` only for the errors made by `error_for_status()`.
#[derive(Debug)]
struct Failure {
    attempt: u32,
    wait: Duration,
    status: Option<StatusCode>,
    is_request: bool,
    is_connect: bool,
    incomplete_message: bool,
}

impl Failure {
    fn new(event: &RetryEvent<'_, Value, reqwest::Error>) -> Self {
        let error = event.error().expect("without `classify`, only errors are retried");
        Self {
            attempt: event.attempt(),
            wait: event.wait(),
            status: error.status(),
            is_request: error.is_request(),
            is_connect: error.is_connect(),
            incomplete_message: hyper_error(error).is_some_and(hyper::Error::is_incomplete_message),
        }
    }
}

/// The `hyper::Error` somewhere in the source chain of `error`, if any.
fn hyper_error(error: &reqwest::Error) -> Option<&hyper::Error> {
    std::iter::successors(error.source(), |&cause| cause.source())
        .find_map(|cause| cause.downcast_ref::<hyper::Error>())
}

#[retry(
    attempts = 3,
    delay = "50ms",
    on_retry = |event| failures.lock().unwrap().push(Failure::new(event)),
)]
async fn fetch_json(
    client: &reqwest::Client,
    url: &str,
    failures: &Mutex<Vec<Failure>>,
) -> Result<Value, reqwest::Error> {
    client.get(url).send().await?.error_for_status()?.json().await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("a plain HTTP client builds")
}

#[tokio::test]
async fn succeeds_on_the_third_attempt_after_a_503_and_a_dropped_connection() {
    let server = FlakyServer::start(Mode::Recovers).await.expect("bind 127.0.0.1:0");
    let client = client();
    let failures = Mutex::new(Vec::new());

    let json = fetch_json(&client, &server.url(), &failures).await.expect("third attempt succeeds");

    assert_eq!(json, inventory());
    assert_eq!(server.requests(), 3);
    let failures = failures.into_inner().unwrap();
    assert_eq!(failures.len(), 2, "{failures:#?}");

    let first = &failures[0];
    assert_eq!((first.attempt, first.wait), (1, Duration::from_millis(50)));
    assert_eq!(first.status, Some(StatusCode::SERVICE_UNAVAILABLE));

    // The dropped connection is a request error (the request was sent, no response came back),
    // not a connect error, and not a status error; hyper calls it an incomplete message.
    let second = &failures[1];
    assert_eq!((second.attempt, second.wait), (2, Duration::from_millis(50)));
    assert!(second.is_request, "{second:?}");
    assert!(!second.is_connect, "{second:?}");
    assert_eq!(second.status, None);
    assert!(second.incomplete_message, "{second:?}");

    server.shutdown().await;
}

#[tokio::test]
async fn returns_the_last_error_when_every_attempt_fails() {
    let server = FlakyServer::start(Mode::NeverRecovers).await.expect("bind 127.0.0.1:0");
    let client = client();
    let failures = Mutex::new(Vec::new());

    let error = fetch_json(&client, &server.url(), &failures).await.expect_err("every attempt fails");

    assert_eq!(server.requests(), 3);
    // The third response (500), not the first (503): the last outcome is returned unchanged.
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    let attempts: Vec<u32> = failures.into_inner().unwrap().iter().map(|f| f.attempt).collect();
    assert_eq!(attempts, [1, 2]);

    server.shutdown().await;
}
