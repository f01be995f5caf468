//! A hand-written HTTP/1.1 server that injects faults, for `examples/http_classify.rs` and
//! `tests/http_faults.rs`.
//!
//! It runs on a thread of its own with its own current-thread tokio runtime in real time, so
//! a client may run under tokio's paused clock: the client's sleeps are skipped while the
//! server keeps answering sockets at its own pace.
//!
//! The server follows a script: request number `n` (1-based, counted once its head and body
//! have been read) gets `script[n - 1]`, and every request past the end of the script gets its
//! last entry. Each connection carries one request: every response says `Connection: close`.
//! Every full response carries `X-Request-Number: n`, so a client can tell which request an
//! answer belongs to.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// A complete response.
    Reply { status: u16, retry_after: Option<RetryAfter>, body: &'static str },
    /// The status line and some headers, then a TCP reset (`SO_LINGER` 0): "connection reset".
    ResetMidResponse,
    /// The status line and some headers, then an orderly close: "connection closed before
    /// message completed".
    CloseMidResponse,
    /// Reads the request and never answers; the connection stays open until the client leaves
    /// or the server stops.
    Hang,
}

/// The form of a `Retry-After` header.
#[derive(Clone, Copy, Debug)]
pub enum RetryAfter {
    /// `Retry-After: <seconds>`.
    Seconds(u64),
    /// `Retry-After: <HTTP-date>`, this far ahead of the moment the response is written.
    DateIn(Duration),
    /// The same date as servers write it who do not follow RFC 9110 to the letter, and urllib3
    /// still reads: a one-digit day and `UTC` (`Wed, 3 Jun 2026 10:00:00 UTC`).
    LenientDateIn(Duration),
}

impl Fault {
    /// A response with this status and an empty body.
    pub const fn status(status: u16) -> Self {
        Self::Reply { status, retry_after: None, body: "" }
    }

    /// `200 OK` with this JSON body.
    pub const fn json(body: &'static str) -> Self {
        Self::Reply { status: 200, retry_after: None, body }
    }

    /// The same response with a `Retry-After` header.
    ///
    /// # Panics
    /// On a fault that is not a [`Fault::Reply`].
    #[must_use]
    pub fn retry_after(self, hint: RetryAfter) -> Self {
        match self {
            Self::Reply { status, body, .. } => Self::Reply { status, retry_after: Some(hint), body },
            other => panic!("only a reply carries Retry-After, not {other:?}"),
        }
    }
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    connections: AtomicUsize,
    /// The request line of each request read in full: `GET /path HTTP/1.1`.
    requests: Mutex<Vec<String>>,
}

/// A running server; dropping it stops it (and closes the connections it holds open).
pub struct FaultServer {
    addr: SocketAddr,
    seen: Arc<Seen>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl FaultServer {
    /// Binds `127.0.0.1` on a free port and serves `script` from a thread of its own.
    ///
    /// # Errors
    /// When the port cannot be bound or the thread or its runtime cannot be started.
    ///
    /// # Panics
    /// On an empty script.
    pub fn start(script: impl Into<Vec<Fault>>) -> io::Result<Self> {
        let script: Arc<[Fault]> = script.into().into();
        assert!(!script.is_empty(), "a script needs at least one fault");
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let seen = Arc::new(Seen::default());
        let (stop, stopped) = oneshot::channel();
        let thread = thread::Builder::new().name("fault-server".to_owned()).spawn({
            let seen = Arc::clone(&seen);
            move || {
                runtime.block_on(async move {
                    let listener = match TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(error) => return eprintln!("fault server: {error}"),
                    };
                    tokio::select! {
                        _ = stopped => {}
                        () = accept_loop(listener, script, seen) => {}
                    }
                });
                // Dropping the runtime here drops every connection task, and their sockets.
            }
        })?;
        Ok(Self { addr, seen, stop: Some(stop), thread: Some(thread) })
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many requests were read in full so far.
    ///
    /// # Panics
    /// If a server task panicked while holding the log.
    pub fn requests(&self) -> usize {
        self.seen.requests.lock().unwrap().len()
    }

    /// The request lines read so far, in order.
    ///
    /// # Panics
    /// If a server task panicked while holding the log.
    pub fn request_lines(&self) -> Vec<String> {
        self.seen.requests.lock().unwrap().clone()
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.seen.connections.load(Ordering::SeqCst)
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                eprintln!("fault server: the server thread panicked");
            }
        }
    }
}

async fn accept_loop(listener: TcpListener, script: Arc<[Fault]>, seen: Arc<Seen>) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                seen.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, Arc::clone(&script), Arc::clone(&seen)));
            }
            Err(error) => eprintln!("fault server: accept failed: {error}"),
        }
    }
}

async fn serve(mut stream: TcpStream, script: Arc<[Fault]>, seen: Arc<Seen>) {
    let Some(request_line) = read_request(&mut stream).await else { return };
    let number = {
        let mut requests = seen.requests.lock().unwrap();
        requests.push(request_line);
        requests.len()
    };
    let fault = script.get(number - 1).unwrap_or_else(|| &script[script.len() - 1]);
    // Write errors mean the client left first; the client is the one that reports failures.
    match fault {
        Fault::Reply { status, retry_after, body } => {
            let response = render(*status, *retry_after, body, number);
            if stream.write_all(response.as_bytes()).await.is_ok() {
                let _ = stream.shutdown().await;
            }
        }
        Fault::ResetMidResponse => {
            let _ = stream.write_all(PARTIAL_HEAD).await;
            // `SO_LINGER` 0 makes the close send RST instead of FIN. tokio deprecates it
            // because a non-zero linger blocks the thread on drop; zero does not block.
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
            drop(stream);
        }
        Fault::CloseMidResponse => {
            let _ = stream.write_all(PARTIAL_HEAD).await;
            let _ = stream.shutdown().await;
        }
        Fault::Hang => {
            // Wait for the client to give up (EOF or reset); never answer.
            let mut buffer = [0; 1024];
            while matches!(stream.read(&mut buffer).await, Ok(n) if n > 0) {}
        }
    }
}

/// A status line and headers that promise a body, cut before the blank line.
const PARTIAL_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 64\r\n";

fn render(status: u16, retry_after: Option<RetryAfter>, body: &str, number: usize) -> String {
    let reason = http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
    let content_type = if body.is_empty() { "" } else { "Content-Type: application/json\r\n" };
    let retry_after = match retry_after {
        Some(RetryAfter::Seconds(seconds)) => format!("Retry-After: {seconds}\r\n"),
        Some(RetryAfter::DateIn(ahead)) => {
            format!("Retry-After: {}\r\n", httpdate::fmt_http_date(SystemTime::now() + ahead))
        }
        Some(RetryAfter::LenientDateIn(ahead)) => {
            // IMF-fixdate is `Wed, 03 Jun 2026 10:00:00 GMT`: day at bytes 5..7.
            let date = httpdate::fmt_http_date(SystemTime::now() + ahead);
            let day = date[5..7].trim_start_matches('0');
            format!("Retry-After: {}{day}{}UTC\r\n", &date[..5], &date[7..date.len() - 3])
        }
        None => String::new(),
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n\
         X-Request-Number: {number}\r\n{content_type}{retry_after}\r\n{body}",
        body.len()
    )
}

/// Reads one request (head and `Content-Length` body) and returns its request line, or `None`
/// when the client left before sending it all.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut received = Vec::new();
    let mut chunk = [0; 4096];
    let head_end = loop {
        if let Some(at) = received.windows(4).position(|window| window == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let body_length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while received.len() < head_end + body_length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    }
    head.lines().next().map(str::to_owned)
}
