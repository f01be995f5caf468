//! `reattempt::http`, `reattempt::transient` and `timeout` against a real HTTP server that
//! injects faults: refused connections, responses cut by a reset or a close, a server that
//! never answers, 5xx and 4xx statuses, and `Retry-After` in both its forms.
//!
//! # Time
//!
//! The server (`examples/support/fault_server.rs`) runs on a thread of its own, with its own
//! runtime in real time. Most tests run the client under tokio's paused clock
//! (`start_paused = true`): when the client's runtime has nothing to do but a timer, the clock
//! jumps to that timer, so the retry sleeps and `Retry-After` waits cost nothing, while the
//! server answers the sockets in real time on its thread. That is exact only when no timer is
//! pending while the client waits for the network, because the paused clock also jumps while
//! the runtime waits for I/O: so these tests set no `timeout`, and the client keeps no idle
//! connection (whose eviction timer would be such a timer). Their virtual elapsed time is then
//! exactly the sum of the waits.
//!
//! The tests of `timeout` against a hanging server run in real time with short limits instead:
//! under the paused clock the timeout would fire as soon as the client waits for the socket,
//! possibly before the request has even been written, and the count of requests the server saw
//! would depend on the scheduling.

#[path = "../examples/support/fault_server.rs"]
mod fault_server;

use std::error::Error as _;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use fault_server::{Fault, FaultServer, RetryAfter};
use reattempt::http::{self, Failure};
use reattempt::{retry, Elapsed, RetryEvent, Transient};
use reqwest::StatusCode;

const MS: Duration = Duration::from_millis(1);
const SECOND: Duration = Duration::from_secs(1);
const OK_BODY: &str = r#"{"ok":true}"#;

// ---------------------------------------------------------------------------------------------
// What the client saw.

/// The facts of one failed attempt that `on_retry` was told about.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Retried {
    attempt: u32,
    wait: Duration,
    failure: Failed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Failed {
    /// `classify` retried a response with this status.
    Status(u16),
    /// An error, described by what its methods say.
    Error { connect: bool, transient: bool, timed_out: bool },
}

impl Failed {
    const CONNECT: Self = Self::Error { connect: true, transient: true, timed_out: false };
    /// A request sent on an open connection that broke before a full response came back.
    const CUT: Self = Self::Error { connect: false, transient: true, timed_out: false };
    const TIMED_OUT: Self = Self::Error { connect: false, transient: true, timed_out: true };
}

/// Counts the attempts of one call and records what `on_retry` reports.
#[derive(Default)]
struct Probe {
    calls: AtomicU32,
    retries: Mutex<Vec<Retried>>,
}

impl Probe {
    fn call(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }

    fn record<E: Failure + Transient>(&self, event: &RetryEvent<'_, reqwest::Response, E>) {
        let failure = match event.outcome() {
            Ok(response) => Failed::Status(response.status().as_u16()),
            Err(error) => Failed::Error {
                connect: error.request_error().is_some_and(reqwest::Error::is_connect),
                transient: error.is_transient(),
                timed_out: error.timed_out(),
            },
        };
        self.retries.lock().unwrap().push(Retried { attempt: event.attempt(), wait: event.wait(), failure });
    }

    fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }

    fn retries(&self) -> Vec<Retried> {
        self.retries.lock().unwrap().clone()
    }

    fn waits(&self) -> Vec<Duration> {
        self.retries().iter().map(|retried| retried.wait).collect()
    }
}

fn retried(attempt: u32, wait: Duration, failure: Failed) -> Retried {
    Retried { attempt, wait, failure }
}

// ---------------------------------------------------------------------------------------------
// The functions under test.

/// A GET: safe to repeat.
#[retry(attempts = 3, delay = "100ms", classify = http::idempotent, on_retry = |event| probe.record(event))]
async fn get(
    client: &reqwest::Client,
    url: &str,
    probe: &Probe,
) -> Result<reqwest::Response, reqwest::Error> {
    probe.call();
    client.get(url).send().await
}

/// A POST without an idempotency key: must not run twice.
#[retry(attempts = 3, delay = "100ms", classify = http::non_idempotent, on_retry = |event| probe.record(event))]
async fn post(
    client: &reqwest::Client,
    url: &str,
    probe: &Probe,
) -> Result<reqwest::Response, reqwest::Error> {
    probe.call();
    client.post(url).body("amount=42").send().await
}

/// A GET whose attempts are cut after 200 ms: `http::Error` holds either a `reqwest::Error` or
/// the `Elapsed` of a cut attempt, and `http::idempotent` classifies both.
#[retry(
    attempts = 3,
    delay = "10ms",
    timeout = "200ms",
    classify = http::idempotent,
    on_retry = |event| probe.record(event),
)]
async fn get_within(
    client: &reqwest::Client,
    url: &str,
    probe: &Probe,
) -> Result<reqwest::Response, http::Error> {
    probe.call();
    Ok(client.get(url).send().await?)
}

/// A GET that turns 4xx and 5xx statuses into errors, classified by the errors alone.
#[retry(attempts = 3, delay = "100ms", classify = reattempt::transient, on_retry = |event| probe.record(event))]
async fn get_checked(
    client: &reqwest::Client,
    url: &str,
    probe: &Probe,
) -> Result<reqwest::Response, reqwest::Error> {
    probe.call();
    client.get(url).send().await?.error_for_status()
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        // No idle connections: every attempt opens its own, so the server's counts are the
        // attempts, and no pool eviction timer is pending while a paused clock waits for I/O.
        .pool_max_idle_per_host(0)
        .build()
        .expect("a plain HTTP client builds")
}

fn start(script: impl Into<Vec<Fault>>) -> FaultServer {
    FaultServer::start(script).expect("start the fault server on 127.0.0.1:0")
}

/// A URL on which nothing listens, and the socket that keeps it so.
///
/// The port is bound but not listening: connections to it are refused, and, unlike a port
/// that was bound and released, no other test's server can be given it meanwhile.
fn refused_url() -> (tokio::net::TcpSocket, String) {
    let socket = tokio::net::TcpSocket::new_v4().expect("a TCP socket");
    socket.bind(([127, 0, 0, 1], 0).into()).expect("bind 127.0.0.1:0");
    let addr = socket.local_addr().expect("a bound socket has an address");
    (socket, format!("http://{addr}/inventory"))
}

/// Which request of the server's a response answers.
fn request_number(response: &reqwest::Response) -> Option<usize> {
    response.headers().get("x-request-number")?.to_str().ok()?.parse().ok()
}

/// The error and its causes, for assertion messages.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    std::iter::successors(Some(error), |&error| error.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

/// The paused clock and the real one, read together.
struct Clocks {
    paused: tokio::time::Instant,
    real: std::time::Instant,
}

impl Clocks {
    fn start() -> Self {
        Self { paused: tokio::time::Instant::now(), real: std::time::Instant::now() }
    }
}

// ---------------------------------------------------------------------------------------------
// Connection refused.

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_until_the_attempts_run_out() {
    let (_port, url) = refused_url();
    let probe = Probe::default();
    let clocks = Clocks::start();

    let error = get(&client(), &url, &probe).await.expect_err("nothing listens");

    assert!(error.is_connect(), "{}", chain(&error));
    assert!(error.is_transient());
    assert_eq!(probe.calls(), 3);
    assert_eq!(
        probe.retries(),
        [retried(1, 100 * MS, Failed::CONNECT), retried(2, 100 * MS, Failed::CONNECT)]
    );
    assert_eq!(clocks.paused.elapsed(), 200 * MS);
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_also_for_a_post() {
    // Nothing was sent: repeating the POST cannot run it twice.
    let (_port, url) = refused_url();
    let probe = Probe::default();

    let error = post(&client(), &url, &probe).await.expect_err("nothing listens");

    assert!(error.is_connect(), "{}", chain(&error));
    assert_eq!(probe.calls(), 3);
    assert_eq!(probe.waits(), [100 * MS, 100 * MS]);
}

// ---------------------------------------------------------------------------------------------
// A response cut short.

#[tokio::test(start_paused = true)]
async fn a_response_cut_by_a_reset_or_a_close_is_retried() {
    let server = start([Fault::ResetMidResponse, Fault::CloseMidResponse, Fault::json(OK_BODY)]);
    let probe = Probe::default();

    let response = get(&client(), &server.url("/inventory"), &probe).await.expect("third request answered");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(request_number(&response), Some(3));
    assert_eq!(response.text().await.unwrap(), OK_BODY);
    assert_eq!((server.requests(), server.connections()), (3, 3));
    assert_eq!(probe.retries(), [retried(1, 100 * MS, Failed::CUT), retried(2, 100 * MS, Failed::CUT)]);
}

#[tokio::test(start_paused = true)]
async fn a_connection_reset_on_every_attempt_returns_the_transient_error() {
    let server = start([Fault::ResetMidResponse]);
    let probe = Probe::default();

    let error = get(&client(), &server.url("/inventory"), &probe).await.expect_err("every response is cut");

    // The request went out, so it is not a connect error; the response never came, so it is
    // worth another attempt.
    assert!(error.is_request(), "{}", chain(&error));
    assert!(!error.is_connect(), "{}", chain(&error));
    assert!(error.is_transient(), "{}", chain(&error));
    assert_eq!(error.status(), None);
    let reset = std::iter::successors(error.source(), |&cause| cause.source())
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::ConnectionReset);
    assert!(reset, "the server's RST reaches the client: {}", chain(&error));
    assert_eq!(server.requests(), 3);
    assert_eq!(probe.retries(), [retried(1, 100 * MS, Failed::CUT), retried(2, 100 * MS, Failed::CUT)]);
}

#[tokio::test(start_paused = true)]
async fn a_post_whose_response_is_cut_is_not_repeated() {
    // The server may have processed the request before the connection broke.
    let server = start([Fault::ResetMidResponse, Fault::json(OK_BODY)]);
    let probe = Probe::default();

    let error = post(&client(), &server.url("/charges"), &probe).await.expect_err("the only response is cut");

    assert!(error.is_transient(), "{}", chain(&error));
    assert_eq!(server.requests(), 1);
    assert_eq!(probe.retries(), []);
}

// ---------------------------------------------------------------------------------------------
// A server that never answers: real time (see the top of the file), 200 ms per attempt.

/// Waits (in real time, up to a second) until the server has read `requests` requests: the
/// last request of a timed-out call may still be in flight when the call returns.
async fn wait_for_requests(server: &FaultServer, requests: usize) -> usize {
    let deadline = std::time::Instant::now() + SECOND;
    while server.requests() < requests && std::time::Instant::now() < deadline {
        tokio::time::sleep(5 * MS).await;
    }
    server.requests()
}

#[tokio::test]
async fn a_hanging_server_is_cut_by_the_timeout_on_every_attempt() {
    let server = start([Fault::Hang]);
    let probe = Probe::default();
    let clocks = Clocks::start();

    let error = get_within(&client(), &server.url("/inventory"), &probe).await.expect_err("no answer ever");

    let real = clocks.real.elapsed();
    match error {
        http::Error::TimedOut(elapsed) => assert_eq!(elapsed, Elapsed::new(200 * MS)),
        http::Error::Request(error) => panic!("expected a timeout, got {}", chain(&error)),
    }
    assert_eq!(probe.calls(), 3);
    assert_eq!(
        probe.retries(),
        [retried(1, 10 * MS, Failed::TIMED_OUT), retried(2, 10 * MS, Failed::TIMED_OUT)]
    );
    assert_eq!(wait_for_requests(&server, 3).await, 3);
    assert_eq!(server.connections(), 3);
    // Three attempts of 200 ms and two waits of 10 ms.
    assert!(real >= 620 * MS && real < 1500 * MS, "{real:?}");
}

#[tokio::test]
async fn a_hanging_attempt_is_cut_and_the_next_one_answered() {
    let server = start([Fault::Hang, Fault::json(OK_BODY)]);
    let probe = Probe::default();
    let clocks = Clocks::start();

    let response = get_within(&client(), &server.url("/inventory"), &probe).await.expect("second answered");

    let real = clocks.real.elapsed();
    assert_eq!(request_number(&response), Some(2));
    assert_eq!(response.text().await.unwrap(), OK_BODY);
    assert_eq!(probe.calls(), 2);
    assert_eq!(probe.retries(), [retried(1, 10 * MS, Failed::TIMED_OUT)]);
    assert_eq!((server.requests(), server.connections()), (2, 2));
    assert!(real >= 210 * MS && real < 1500 * MS, "{real:?}");
}

// ---------------------------------------------------------------------------------------------
// Server errors.

#[tokio::test(start_paused = true)]
async fn every_retryable_5xx_is_retried_until_success() {
    for status in [500, 502, 503, 504] {
        let server = start([Fault::status(status), Fault::status(status), Fault::json(OK_BODY)]);
        let probe = Probe::default();
        let clocks = Clocks::start();

        let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

        assert_eq!(response.status(), StatusCode::OK, "{status}");
        assert_eq!(request_number(&response), Some(3), "{status}");
        assert_eq!(server.requests(), 3, "{status}");
        let expected =
            [retried(1, 100 * MS, Failed::Status(status)), retried(2, 100 * MS, Failed::Status(status))];
        assert_eq!(probe.retries(), expected, "{status}");
        assert_eq!(clocks.paused.elapsed(), 200 * MS, "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn when_every_attempt_gets_a_5xx_the_last_response_is_returned() {
    for status in [500, 502, 503, 504] {
        let server = start([Fault::status(status)]);
        let probe = Probe::default();

        let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

        assert_eq!(response.status().as_u16(), status);
        assert_eq!(request_number(&response), Some(3), "{status}");
        assert_eq!(server.requests(), 3, "{status}");
        assert_eq!(probe.waits(), [100 * MS, 100 * MS], "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_last_of_different_5xx_is_returned_unchanged() {
    let server = start([Fault::status(503), Fault::status(500), Fault::status(502)]);
    let probe = Probe::default();

    let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(request_number(&response), Some(3));
    let statuses: Vec<Failed> = probe.retries().into_iter().map(|retried| retried.failure).collect();
    assert_eq!(statuses, [Failed::Status(503), Failed::Status(500)]);
}

// ---------------------------------------------------------------------------------------------
// Retry-After.

#[tokio::test(start_paused = true)]
async fn retry_after_in_seconds_sets_the_wait() {
    for status in [429, 503] {
        let server = start([Fault::status(status).retry_after(RetryAfter::Seconds(2)), Fault::json(OK_BODY)]);
        let probe = Probe::default();
        let clocks = Clocks::start();

        let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

        assert_eq!(response.status(), StatusCode::OK, "{status}");
        assert_eq!(server.requests(), 2, "{status}");
        // The hint (2 s) is longer than the backoff (100 ms), so it is the wait.
        assert_eq!(probe.retries(), [retried(1, 2 * SECOND, Failed::Status(status))]);
        assert_eq!(clocks.paused.elapsed(), 2 * SECOND, "{status}");
        assert!(clocks.real.elapsed() < SECOND, "the paused clock skipped the wait");
    }
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_shorter_than_the_backoff_leaves_the_backoff() {
    let server = start([Fault::status(503).retry_after(RetryAfter::Seconds(0)), Fault::json(OK_BODY)]);
    let probe = Probe::default();

    let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(probe.retries(), [retried(1, 100 * MS, Failed::Status(503))]);
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date_sets_the_wait() {
    // The date is written 3 s ahead of the server's wall clock, truncated to the second, and
    // read against the client's wall clock a little later: a wait in (2 s - latency, 3 s].
    let server =
        start([Fault::status(429).retry_after(RetryAfter::DateIn(3 * SECOND)), Fault::json(OK_BODY)]);
    let probe = Probe::default();
    let clocks = Clocks::start();

    let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
    let retries = probe.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    let Retried { attempt, wait, ref failure } = retries[0];
    assert_eq!((attempt, failure), (1, &Failed::Status(429)));
    assert!(wait > SECOND && wait <= 3 * SECOND, "{wait:?}");
    // tokio rounds a sleep up to the millisecond.
    let slept = clocks.paused.elapsed();
    assert!(slept >= wait && slept <= wait + MS, "{slept:?} for {wait:?}");
    assert!(clocks.real.elapsed() < SECOND, "the paused clock skipped the wait");
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_a_lenient_date_sets_the_wait() {
    // `Wed, 3 Jun 2026 10:00:00 UTC`: a one-digit day and `UTC`, which RFC 9110 does not allow
    // and urllib3 reads anyway.
    let server =
        start([Fault::status(503).retry_after(RetryAfter::LenientDateIn(3 * SECOND)), Fault::json(OK_BODY)]);
    let probe = Probe::default();

    let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
    let retries = probe.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!((retries[0].attempt, &retries[0].failure), (1, &Failed::Status(503)));
    // Read as a date, not as absent (which would leave the 100 ms backoff).
    assert!(retries[0].wait > SECOND && retries[0].wait <= 3 * SECOND, "{:?}", retries[0].wait);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_past_the_cap_ends_the_retries_at_once() {
    // No `max_delay`, so the cap is 5 minutes: an hour is not worth waiting for.
    for status in [429, 503] {
        let server =
            start([Fault::status(status).retry_after(RetryAfter::Seconds(3600)), Fault::json(OK_BODY)]);
        let probe = Probe::default();
        let clocks = Clocks::start();

        let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.headers()["retry-after"], "3600", "{status}");
        assert_eq!(server.requests(), 1, "{status}");
        assert_eq!(probe.retries(), [], "{status}");
        assert_eq!(clocks.paused.elapsed(), Duration::ZERO, "{status}");
    }
}

// ---------------------------------------------------------------------------------------------
// Client errors.

#[tokio::test(start_paused = true)]
async fn a_client_error_is_returned_after_one_request() {
    for status in [404, 400] {
        let server = start([Fault::status(status), Fault::json(OK_BODY)]);
        let probe = Probe::default();

        let response = get(&client(), &server.url("/inventory"), &probe).await.expect("a response");

        assert_eq!(response.status().as_u16(), status);
        assert_eq!(server.requests(), 1, "{status}");
        assert_eq!(probe.retries(), [], "{status}");
    }
}

// ---------------------------------------------------------------------------------------------
// POST through `non_idempotent`.

#[tokio::test(start_paused = true)]
async fn a_post_answered_with_a_500_or_a_bare_503_is_not_repeated() {
    // The server may have done the work before failing; a 503 without Retry-After does not
    // say that it refused the request.
    for status in [500, 503] {
        let server = start([Fault::status(status), Fault::json(OK_BODY)]);
        let probe = Probe::default();

        let response = post(&client(), &server.url("/charges"), &probe).await.expect("a response");

        assert_eq!(response.status().as_u16(), status);
        assert_eq!(server.request_lines(), ["POST /charges HTTP/1.1"], "{status}");
        assert_eq!(probe.retries(), [], "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_post_refused_with_a_503_and_retry_after_is_repeated_after_the_hint() {
    let server = start([Fault::status(503).retry_after(RetryAfter::Seconds(1)), Fault::json(OK_BODY)]);
    let probe = Probe::default();
    let clocks = Clocks::start();

    let response = post(&client(), &server.url("/charges"), &probe).await.expect("a response");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(request_number(&response), Some(2));
    assert_eq!(server.request_lines(), ["POST /charges HTTP/1.1", "POST /charges HTTP/1.1"]);
    assert_eq!(probe.retries(), [retried(1, SECOND, Failed::Status(503))]);
    assert_eq!(clocks.paused.elapsed(), SECOND);
}

// ---------------------------------------------------------------------------------------------
// `Transient` on real `reqwest::Error`s, and `classify = reattempt::transient`.

#[tokio::test(start_paused = true)]
async fn reqwest_errors_say_whether_they_are_transient() {
    let client = client();

    let (_port, url) = refused_url();
    let refused = client.get(url).send().await.expect_err("nothing listens");
    assert!(refused.is_connect() && refused.is_transient(), "{}", chain(&refused));

    let server = start([Fault::status(503), Fault::status(404)]);
    let url = server.url("/inventory");
    let unavailable = client.get(&url).send().await.unwrap().error_for_status().expect_err("a 503");
    assert_eq!(unavailable.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(unavailable.is_transient());
    assert_eq!(unavailable.retry_after(), None, "a reqwest::Error carries no headers");

    let not_found = client.get(&url).send().await.unwrap().error_for_status().expect_err("a 404");
    assert_eq!(not_found.status(), Some(StatusCode::NOT_FOUND));
    assert!(!not_found.is_transient());
}

#[tokio::test(start_paused = true)]
async fn classify_transient_retries_a_503_error_but_not_a_404() {
    let server = start([Fault::status(503), Fault::json(OK_BODY)]);
    let probe = Probe::default();
    let response = get_checked(&client(), &server.url("/inventory"), &probe).await.expect("second answered");
    assert_eq!(request_number(&response), Some(2));
    assert_eq!(server.requests(), 2);
    let transient = Failed::Error { connect: false, transient: true, timed_out: false };
    assert_eq!(probe.retries(), [retried(1, 100 * MS, transient)]);

    let server = start([Fault::status(404), Fault::json(OK_BODY)]);
    let probe = Probe::default();
    let error = get_checked(&client(), &server.url("/inventory"), &probe).await.expect_err("a 404");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(server.requests(), 1);
    assert_eq!(probe.retries(), []);
}
