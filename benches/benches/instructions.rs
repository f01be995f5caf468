//! Instructions per call on the success path and on the zero-wait retry path, counted by
//! valgrind (stable across runs, unlike nanoseconds on a shared machine). Run
//! `bash benches/instructions.sh`; this binary only makes `<variant> <calls>` calls, polled with
//! a no-op waker outside any runtime, for the script to difference.
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use reattempt::{retry, retrying, Policy};

#[derive(Debug)]
struct Failure;

#[inline(never)]
#[allow(clippy::unused_async)] // the same shape as a body that awaits, without the I/O
async fn body() -> Result<u64, Failure> {
    let value = black_box(1_u64);
    if black_box(false) {
        Err(Failure)
    } else {
        Ok(value)
    }
}

/// The same body, failing every time.
#[inline(never)]
#[allow(clippy::unused_async)]
async fn failing_body() -> Result<u64, Failure> {
    let value = black_box(1_u64);
    if black_box(true) {
        Err(Failure)
    } else {
        Ok(value)
    }
}

#[inline(never)]
async fn plain() -> Result<u64, Failure> {
    body().await
}

/// The loop a user writes by hand.
#[inline(never)]
async fn hand_loop() -> Result<u64, Failure> {
    let mut attempts = 0_u32;
    loop {
        let outcome = body().await;
        attempts += 1;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempts >= 3 => return Err(error),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

#[retry(attempts = 3, delay = "100ms")]
#[inline(never)]
async fn retry_default() -> Result<u64, Failure> {
    body().await
}

#[retry(attempts = 3, delay = "100ms", backoff = "exponential", max_delay = "1s", jitter = "full",
        when = |failure| matches!(failure, Failure), on_retry = |event| { black_box(event.wait()); })]
#[inline(never)]
async fn retry_hooks_and_jitter() -> Result<u64, Failure> {
    body().await
}

/// Retry path: 5 attempts, every one failing, zero waits. The hand loop skips the timer for a
/// zero wait, as `#[retry]` does (one that sleeps would pend on tokio's 1 ms tick).
#[inline(never)]
async fn hand_loop_zero_wait() -> Result<u64, Failure> {
    let mut attempts = 0_u32;
    loop {
        let outcome = failing_body().await;
        attempts += 1;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempts >= 5 => return Err(error),
            Err(_) => {}
        }
    }
}

/// The same loop, letting other tasks run between attempts as `#[retry]` does (tokio's
/// cooperative budget): what a hand loop must do not to starve its executor.
#[inline(never)]
async fn hand_loop_zero_wait_cooperating() -> Result<u64, Failure> {
    let mut attempts = 0_u32;
    loop {
        let outcome = failing_body().await;
        attempts += 1;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempts >= 5 => return Err(error),
            Err(_) => tokio::task::coop::consume_budget().await,
        }
    }
}

#[retry(attempts = 5, delay = "0s")]
#[inline(never)]
async fn retry_zero_wait() -> Result<u64, Failure> {
    failing_body().await
}

/// `retrying!` with the policy and body of `retry_default`: its own future.
#[inline(never)]
#[allow(clippy::manual_async_fn, reason = "the macro's own future is what is measured")]
fn retrying_default() -> impl Future<Output = Result<u64, Failure>> {
    retrying!(attempts = 3, delay = "100ms", async { body().await })
}

/// `retrying!` with the policy and body of `retry_zero_wait`: its own future.
#[inline(never)]
#[allow(clippy::manual_async_fn, reason = "the macro's own future is what is measured")]
fn retrying_zero_wait() -> impl Future<Output = Result<u64, Failure>> {
    retrying!(attempts = 5, delay = "0s", async { failing_body().await })
}

/// The success path's schedule, decided at run time: a `static` shared by functions.
static SUCCESS_POLICY: Policy = Policy::new(3).delay(Duration::from_millis(100));
/// The retry path's: 5 attempts, zero waits.
static ZERO_WAIT_POLICY: Policy = Policy::new(5).delay(Duration::ZERO);

/// The loop a user writes around a run-time `Policy`: its attempts and its backoff waits
/// (zero waits skip the timer and spend tokio's budget, as `#[retry]` does).
#[inline(never)]
async fn hand_loop_policy(policy: &Policy, fail: bool) -> Result<u64, Failure> {
    let mut attempts = 0_u32;
    loop {
        let outcome = if fail { failing_body().await } else { body().await };
        attempts += 1;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempts >= policy.max_attempts() => return Err(error),
            Err(_) => {
                let wait = policy.backoff_wait(attempts);
                if wait.is_zero() {
                    tokio::task::coop::consume_budget().await;
                } else {
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
}

#[retry(policy = &SUCCESS_POLICY)]
#[inline(never)]
async fn retry_policy_static() -> Result<u64, Failure> {
    body().await
}

#[retry(policy = Policy::new(attempts).delay(Duration::from_millis(100)))]
#[inline(never)]
async fn retry_policy_parameter(attempts: u32) -> Result<u64, Failure> {
    body().await
}

#[retry(policy = &ZERO_WAIT_POLICY)]
#[inline(never)]
async fn retry_policy_static_zero_wait() -> Result<u64, Failure> {
    failing_body().await
}

#[retry(policy = Policy::new(attempts).delay(Duration::ZERO))]
#[inline(never)]
async fn retry_policy_parameter_zero_wait(attempts: u32) -> Result<u64, Failure> {
    failing_body().await
}

/// A retry budget: the success path deposits once (one atomic operation).
static BUDGET: reattempt::TokenBucket = reattempt::TokenBucket::new(100, 0.1);

#[retry(attempts = 3, delay = "100ms", budget = BUDGET)]
#[inline(never)]
async fn retry_budget() -> Result<u64, Failure> {
    body().await
}

struct NoopWake;

impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

fn run<F: Future>(future: F, context: &mut Context<'_>) -> F::Output {
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(context) {
            return output;
        }
    }
}

fn main() {
    // `cargo bench` adds `--bench`; the script passes the variant and the number of calls.
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let (Some(variant), Some(calls)) =
        (args.first(), args.get(1).and_then(|calls| calls.parse::<u64>().ok()))
    else {
        println!("usage: bash benches/instructions.sh (this binary takes <variant> <calls>)");
        return;
    };
    let waker = Waker::from(Arc::new(NoopWake));
    let mut context = Context::from_waker(&waker);
    let mut sum = 0_u64;
    // The variant is chosen once: every call then costs the same indirect call, whatever the
    // variant's place in this list.
    let call: fn(&mut Context<'_>) -> Result<u64, Failure> = match variant.as_str() {
        "plain" => |context| run(plain(), context),
        "hand_loop" => |context| run(hand_loop(), context),
        "retry_default" => |context| run(retry_default(), context),
        "retrying_default" => |context| run(retrying_default(), context),
        "retry_hooks_and_jitter" => |context| run(retry_hooks_and_jitter(), context),
        "retry_budget" => |context| run(retry_budget(), context),
        "hand_loop_policy" => |context| run(hand_loop_policy(&SUCCESS_POLICY, false), context),
        "retry_policy_static" => |context| run(retry_policy_static(), context),
        "retry_policy_parameter" => |context| run(retry_policy_parameter(black_box(3)), context),
        "hand_loop_zero_wait" => |context| run(hand_loop_zero_wait(), context),
        "hand_loop_zero_wait_cooperating" => |context| run(hand_loop_zero_wait_cooperating(), context),
        "retry_zero_wait" => |context| run(retry_zero_wait(), context),
        "retrying_zero_wait" => |context| run(retrying_zero_wait(), context),
        "hand_loop_policy_zero_wait" => |context| run(hand_loop_policy(&ZERO_WAIT_POLICY, true), context),
        "retry_policy_static_zero_wait" => |context| run(retry_policy_static_zero_wait(), context),
        "retry_policy_parameter_zero_wait" => {
            |context| run(retry_policy_parameter_zero_wait(black_box(5)), context)
        }
        unknown => {
            println!("unknown variant {unknown}");
            return;
        }
    };
    for _ in 0..calls {
        sum += call(&mut context).unwrap_or(0);
    }
    println!("{sum}");
}
