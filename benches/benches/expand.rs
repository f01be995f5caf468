//! How long `#[retry]` takes to expand realistic functions: parse, validate, write the loop.
//! Target: well under 1 ms per function. Results: BENCHMARKS.md at the workspace root.
//!
//! ```sh
//! cargo bench -p reattempt-benches --bench expand
//! ```
//!
//! A proc-macro crate cannot be linked into a bench, but its modules only use `syn`, `quote`
//! and `proc-macro2`, so they are compiled here again as modules of this bench: `crate::` in
//! them is this crate. Token streams are parsed from strings outside the timed part; in rustc
//! the same code runs on the compiler's own token streams (through the proc-macro bridge), so
//! this measures the macro's own work, not the bridge.
//!
//! Cargo builds benches with `cfg(test)`, so the modules' unit tests compile here too; without
//! a test harness nothing calls them, hence the `allow`s.

#[path = "../../retry-macro/src/args.rs"]
#[allow(dead_code, unused_imports)]
mod args;
#[path = "../../retry-macro/src/block.rs"]
#[allow(dead_code, unused_imports)]
mod block;
#[path = "../../retry-macro/src/boxed_async.rs"]
#[allow(dead_code, unused_imports)]
mod boxed_async;
#[path = "../../retry-macro/src/duration.rs"]
#[allow(dead_code, unused_imports)]
mod duration;
#[path = "../../retry-macro/src/expand.rs"]
#[allow(dead_code, unused_imports)]
mod expand;
#[path = "../../retry-macro/src/item.rs"]
#[allow(dead_code, unused_imports)]
mod item;
#[path = "../../retry-macro/src/site.rs"]
#[allow(dead_code, unused_imports)]
mod site;
#[path = "../../retry-macro/src/span.rs"]
#[allow(dead_code, unused_imports)]
mod span;
#[path = "../../retry-macro/src/validate.rs"]
#[allow(dead_code, unused_imports)]
mod validate;

use std::str::FromStr;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use proc_macro2::TokenStream;

/// `(name, attribute arguments, function)`.
const FUNCTIONS: &[(&str, &str, &str)] = &[
    (
        "quick_start",
        r#"attempts = 3, delay = "1s""#,
        r"async fn fetch_json(client: &reqwest::Client, url: &str) -> Result<serde_json::Value, reqwest::Error> {
            client.get(url).send().await?.error_for_status()?.json().await
        }",
    ),
    (
        "every_key",
        r#"
            attempts = 5,
            delay = BASE_DELAY,
            backoff = "exponential",
            factor = 3,
            max_delay = "5s",
            jitter = "full",
            max_elapsed = "30s",
            timeout = "2s",
            classify = |outcome| match outcome {
                Err(ApiError::Timeout) => Decision::Retry,
                Err(ApiError::RateLimited { retry_after }) => Decision::RetryAfter(*retry_after),
                Ok(_) | Err(ApiError::BadRequest) => Decision::Return,
            },
            on_retry = |event| eprintln!("{order_id}: attempt {} failed, retrying in {:?}", event.attempt(), event.wait()),
        "#,
        r"pub async fn submit(order_id: u64, client: &Client) -> Result<Receipt, ApiError> {
            let response = client.post(order_id).await?;
            Ok(response.receipt())
        }",
    ),
    (
        "http_classify",
        r#"attempts = 4, delay = "200ms", backoff = "exponential", jitter = "full",
           max_elapsed = "20s", timeout = "5s", classify = http::idempotent"#,
        r"async fn get_report(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, http::Error> {
            Ok(client.get(url).send().await?)
        }",
    ),
    (
        "method_long_body",
        r#"attempts = 4, delay = "100ms", backoff = "linear", max_delay = "1s",
           when = |error| !Self::is_auth_error(error),
           on_retry = |event| tracing::warn!(key = %key, attempt = event.attempt(), "upload failed")"#,
        r#"pub async fn upload<'a, B>(&mut self, key: &'a str, body: &B) -> Result<&'a str, StoreError>
        where
            B: AsRef<[u8]> + Sync + ?Sized,
        {
            let bytes = body.as_ref();
            if bytes.is_empty() {
                return Err(StoreError::Empty);
            }
            let mut request = self.client.put(format!("{}/{}", self.base, key));
            for (name, value) in &self.headers {
                request = request.header(name, value);
            }
            let digest = self.hasher.digest(bytes);
            request = request.header("content-md5", digest.to_string());
            let response = match request.body(bytes.to_vec()).send().await {
                Ok(response) => response,
                Err(error) if error.is_timeout() => {
                    self.metrics.timeouts += 1;
                    return Err(StoreError::Timeout);
                }
                Err(error) => return Err(StoreError::Transport(error.to_string())),
            };
            match response.status().as_u16() {
                200 | 201 | 204 => {
                    self.metrics.uploaded += bytes.len() as u64;
                    Ok(key)
                }
                401 | 403 => Err(StoreError::Auth),
                429 => Err(StoreError::Throttled(response.retry_after())),
                status if status >= 500 => Err(StoreError::Server(status)),
                status => Err(StoreError::Rejected(status, response.text().await.unwrap_or_default())),
            }
        }"#,
    ),
    (
        "blocking",
        r#"attempts = 5, delay = "50ms", backoff = "linear", jitter = "equal""#,
        r"fn read_config(path: &std::path::Path) -> std::io::Result<String> {
            std::fs::read_to_string(path)
        }",
    ),
    (
        "mistakes",
        r#"attempt = 3, delay = 100, backoff = "exponentail""#,
        r"async fn flaky() -> Result<(), std::io::Error> {
            Ok(())
        }",
    ),
];

fn tokens(text: &str) -> TokenStream {
    TokenStream::from_str(text).expect("valid tokens")
}

fn benches(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("expand");
    group.sample_size(50).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for &(name, args, function) in FUNCTIONS {
        let (args, function) = (tokens(args), tokens(function));
        let output = expand::retry(args.clone(), function.clone()).to_string();
        assert_eq!(output.contains("compile_error"), name == "mistakes", "{name}: {output}");
        group.bench_function(name, |bencher| {
            bencher.iter_batched(
                || (args.clone(), function.clone()),
                |(args, function)| expand::retry(args, function),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

criterion_group!(expand_benches, benches);
criterion_main!(expand_benches);
