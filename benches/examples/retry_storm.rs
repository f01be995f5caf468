//! Draws `docs/retry-storm.svg`: the requests that reach a loopback server, per 100 ms, while
//! its clients keep calling it at a steady rate through a 5-second outage, for three clients:
//! no retries, `attempts = 4` without a budget, and `attempts = 4` with a retry budget
//! (`TokenBucket::new(100, 0.1)`). It prints the amplification of each: requests that reached
//! the server during the outage, over the calls made during it.
//!
//! ```sh
//! cargo run --release -p reattempt-benches --example retry_storm   # about 30 s
//! ```
//!
//! The server speaks a one-line protocol over TCP on `127.0.0.1:0`: each connection sends one
//! line and gets `200` or `503` back. Every client issues one call each `INTERVAL` for
//! `TOTAL`, from its own tasks; the server is down from `OUTAGE_START` to `OUTAGE_END`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use plotters::prelude::*;
use reattempt::{retry, TokenBucket};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const INTERVAL: Duration = Duration::from_millis(5);
const TOTAL: Duration = Duration::from_secs(9);
const OUTAGE_START: Duration = Duration::from_secs(2);
const OUTAGE_END: Duration = Duration::from_secs(7);
const BUCKET: Duration = Duration::from_millis(100);

/// The server's log: when each request arrived, relative to the start of the run.
struct Server {
    address: String,
    arrivals: Arc<Mutex<Vec<Duration>>>,
    down: Arc<AtomicBool>,
}

async fn start_server(start: Instant) -> std::io::Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?.to_string();
    let (arrivals, down) = (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicBool::new(false)));
    let (log, outage) = (Arc::clone(&arrivals), Arc::clone(&down));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (log, outage) = (Arc::clone(&log), Arc::clone(&outage));
            tokio::spawn(async move {
                let mut request = [0; 16];
                if stream.read(&mut request).await.unwrap_or(0) == 0 {
                    return;
                }
                log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(start.elapsed());
                let answer: &[u8] = if outage.load(Ordering::Relaxed) { b"503\n" } else { b"200\n" };
                let _ = stream.write_all(answer).await;
            });
        }
    });
    Ok(Server { address, arrivals, down })
}

#[derive(Debug)]
struct Unavailable;

/// One request: `Err` when the server answers 503 or cannot be reached.
async fn request(address: &str) -> Result<(), Unavailable> {
    let mut stream = TcpStream::connect(address).await.map_err(|_| Unavailable)?;
    stream.write_all(b"GET\n").await.map_err(|_| Unavailable)?;
    let mut answer = [0; 4];
    stream.read_exact(&mut answer).await.map_err(|_| Unavailable)?;
    if &answer == b"200\n" {
        Ok(())
    } else {
        Err(Unavailable)
    }
}

#[retry(attempts = 1)]
async fn no_retries(address: &str) -> Result<(), Unavailable> {
    request(address).await
}

#[retry(attempts = 4, delay = "50ms", backoff = "exponential", jitter = "full")]
async fn retries(address: &str) -> Result<(), Unavailable> {
    request(address).await
}

static BUDGET: TokenBucket = TokenBucket::new(100, 0.1);

#[retry(attempts = 4, delay = "50ms", backoff = "exponential", jitter = "full", budget = BUDGET)]
async fn retries_with_a_budget(address: &str) -> Result<(), Unavailable> {
    request(address).await
}

/// A client: starts one call to the server at this address.
type Client = fn(String) -> tokio::task::JoinHandle<()>;

/// Runs one client against a fresh server; returns requests per bucket and the amplification.
async fn run(client: Client) -> std::io::Result<(Vec<usize>, f64)> {
    let start = Instant::now();
    let server = start_server(start).await?;
    let mut calls = Vec::new();
    let mut calls_in_outage = 0_u32;
    let mut ticker = tokio::time::interval(INTERVAL);
    while start.elapsed() < TOTAL {
        ticker.tick().await;
        let now = start.elapsed();
        server.down.store((OUTAGE_START..OUTAGE_END).contains(&now), Ordering::Relaxed);
        if (OUTAGE_START..OUTAGE_END).contains(&now) {
            calls_in_outage += 1;
        }
        calls.push(client(server.address.clone()));
    }
    for call in calls {
        let _ = call.await;
    }
    let arrivals = server.arrivals.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let buckets = usize::try_from(TOTAL.as_millis() / BUCKET.as_millis()).unwrap_or(0) + 4;
    let mut per_bucket = vec![0; buckets];
    for arrival in &arrivals {
        let index = usize::try_from(arrival.as_millis() / BUCKET.as_millis()).unwrap_or(usize::MAX);
        if let Some(count) = per_bucket.get_mut(index) {
            *count += 1;
        }
    }
    let in_outage = arrivals.iter().filter(|arrival| (OUTAGE_START..OUTAGE_END).contains(*arrival)).count();
    let amplification =
        f64::from(u32::try_from(in_outage).unwrap_or(u32::MAX)) / f64::from(calls_in_outage.max(1));
    Ok((per_bucket, amplification))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let clients: [(&str, Client, RGBColor); 3] = [
        (
            "no retries",
            |address| {
                tokio::spawn(async move {
                    let _ = no_retries(&address).await;
                })
            },
            RGBColor(120, 120, 120),
        ),
        (
            "attempts = 4",
            |address| {
                tokio::spawn(async move {
                    let _ = retries(&address).await;
                })
            },
            RGBColor(214, 39, 40),
        ),
        (
            "attempts = 4, budget = TokenBucket::new(100, 0.1)",
            |address| {
                tokio::spawn(async move {
                    let _ = retries_with_a_budget(&address).await;
                })
            },
            RGBColor(31, 119, 180),
        ),
    ];
    let mut results = Vec::new();
    for (name, client, color) in clients {
        let (per_bucket, amplification) = run(client).await?;
        println!("{name}: {amplification:.2}× the calls reached the server during the outage");
        results.push((name, per_bucket, amplification, color));
    }

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/retry-storm.svg");
    let root = SVGBackend::new(path, (1000, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let peak = results.iter().flat_map(|(_, counts, _, _)| counts.iter().copied()).max().unwrap_or(1);
    let seconds = TOTAL.as_secs_f64() + 0.4;
    let mut chart = ChartBuilder::on(&root)
        .caption("Requests reaching a server through a 5 s outage (200 calls/s)", ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(
            0f64..seconds,
            0f64..(f64::from(u32::try_from(peak).unwrap_or(u32::MAX)) * 1.5),
        )?;
    chart
        .configure_mesh()
        .x_desc("seconds")
        .y_desc("requests per 100 ms")
        .y_label_formatter(&|count| format!("{count:.0}"))
        .x_label_formatter(&|seconds| format!("{seconds:.0}"))
        .max_light_lines(0)
        .label_style(("sans-serif", 13))
        .draw()?;
    let outage = [OUTAGE_START.as_secs_f64(), OUTAGE_END.as_secs_f64()];
    chart.draw_series(std::iter::once(Rectangle::new(
        [(outage[0], 0.0), (outage[1], f64::from(u32::try_from(peak).unwrap_or(u32::MAX)) * 1.5)],
        RGBColor(255, 200, 200).mix(0.35).filled(),
    )))?;
    for (name, counts, amplification, color) in &results {
        chart
            .draw_series(LineSeries::new(
                counts.iter().enumerate().map(|(bucket, count)| {
                    let at = f64::from(u32::try_from(bucket).unwrap_or(u32::MAX)) * BUCKET.as_secs_f64();
                    (at, f64::from(u32::try_from(*count).unwrap_or(u32::MAX)))
                }),
                color.stroke_width(2),
            ))?
            .label(format!("{name}: {amplification:.2}× during the outage"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 13))
        .draw()?;
    root.present()?;
    println!("wrote {path}");
    Ok(())
}
