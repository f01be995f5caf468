//! A local HTTP/1.1 server that fails before it works, for `examples/http_client.rs` and
//! `tests/http_client.rs`.
//!
//! Every request is counted, and answered by its number:
//!
//! 1. `503 Service Unavailable`;
//! 2. no answer at all: the connection is closed as soon as the request has been read;
//! 3. and later: the [`inventory`] JSON with [`Mode::Recovers`], or
//!    `500 Internal Server Error` with [`Mode::NeverRecovers`].

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// What the server answers from the third request on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Serve the [`inventory`] JSON.
    Recovers,
    /// Keep failing, with `500 Internal Server Error`.
    NeverRecovers,
}

/// The JSON body the server sends once it works.
pub fn inventory() -> serde_json::Value {
    serde_json::json!({
        "service": "inventory",
        "items": [
            { "sku": "A-100", "name": "widget", "stock": 12 },
            { "sku": "B-200", "name": "gadget", "stock": 0 },
        ],
    })
}

/// A running server; [`FlakyServer::shutdown`] stops it (dropping it does too, in the
/// background).
pub struct FlakyServer {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    stop: watch::Sender<()>,
    task: JoinHandle<()>,
}

impl FlakyServer {
    /// Binds `127.0.0.1` on a free port and starts serving in a background task.
    pub async fn start(mode: Mode) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(AtomicUsize::new(0));
        let (stop, stopped) = watch::channel(());
        let task = tokio::spawn(accept_loop(listener, mode, Arc::clone(&requests), stopped));
        Ok(Self { addr, requests, stop, task })
    }

    /// The URL of the inventory.
    pub fn url(&self) -> String {
        format!("http://{}/inventory", self.addr)
    }

    /// How many requests the server has received so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Stops accepting, closes idle connections, lets busy ones finish, and waits for all that.
    pub async fn shutdown(self) {
        // Dropping the sender wakes every `stopped.changed()` below.
        drop(self.stop);
        if let Err(error) = self.task.await {
            eprintln!("flaky server: {error}");
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    mode: Mode,
    requests: Arc<AtomicUsize>,
    mut stopped: watch::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let connection = serve(stream, mode, Arc::clone(&requests), stopped.clone());
                    connections.spawn(connection);
                }
                // Such errors (e.g. too many open files) concern one connection, not the server.
                Err(error) => eprintln!("flaky server: accept failed: {error}"),
            },
        }
    }
    while connections.join_next().await.is_some() {}
}

async fn serve(stream: TcpStream, mode: Mode, requests: Arc<AtomicUsize>, mut stopped: watch::Receiver<()>) {
    let service = service_fn(move |_request: Request<Incoming>| {
        let number = requests.fetch_add(1, Ordering::SeqCst) + 1;
        async move { respond(mode, number) }
    });
    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    // The connection's own error is expected for the dropped request, and of no interest
    // otherwise: the client is the one that reports failures.
    let _ = tokio::select! {
        finished = connection.as_mut() => finished,
        _ = stopped.changed() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
}

/// The answer to request number `number` (1-based). `Err` makes hyper close the connection
/// without writing any response.
fn respond(mode: Mode, number: usize) -> Result<Response<Full<Bytes>>, DropConnection> {
    match (number, mode) {
        (1, _) => Ok(status(StatusCode::SERVICE_UNAVAILABLE)),
        (2, _) => Err(DropConnection),
        (_, Mode::Recovers) => {
            let mut response = Response::new(Full::new(Bytes::from(inventory().to_string())));
            let json = HeaderValue::from_static("application/json");
            response.headers_mut().insert(CONTENT_TYPE, json);
            Ok(response)
        }
        (_, Mode::NeverRecovers) => Ok(status(StatusCode::INTERNAL_SERVER_ERROR)),
    }
}

fn status(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

/// The "error" the service returns to drop a connection on purpose.
#[derive(Debug)]
struct DropConnection;

impl fmt::Display for DropConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for DropConnection {}
