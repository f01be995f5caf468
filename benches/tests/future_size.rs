//! The size of each variant's future for the same body, as in `benches/benches/retry.rs`: a plain call,
//! a hand-written loop, `#[retry]` with its default policy and with every key, and the peers.
//!
//! ```sh
//! cargo test -p reattempt-benches --test future_size -- --nocapture
//! ```

use std::cell::Cell;
use std::future::Future;

#[path = "../support/variants.rs"]
mod variants;

use variants::success::{retry_all_keys, retry_default, retrying_default};
use variants::{
    backon, hand_loop, hand_loop_cooperating, hand_loop_policy, hand_loop_skip_zero, plain,
    retry_policy_parameter, retry_policy_static, tokio_retry2, tryhard, SUCCESS_POLICY,
};

fn size<F: Future>(future: &F) -> usize {
    size_of_val(future)
}

/// Every variant's future size in bytes, in the order of the benchmark.
fn sizes() -> [(&'static str, usize); 13] {
    let counter = Cell::new(0);
    let sizes = [
        ("plain", size(&plain(&counter, false))),
        ("hand_loop", size(&hand_loop::<3, 100>(&counter, false))),
        ("hand_loop_skip_zero", size(&hand_loop_skip_zero::<3, 100>(&counter, false))),
        ("hand_loop_cooperating", size(&hand_loop_cooperating::<3, 100>(&counter, false))),
        ("retry_default", size(&retry_default(&counter, false))),
        ("retry_all_keys", size(&retry_all_keys(&counter, false))),
        ("retrying_default", size(&retrying_default(&counter, false))),
        ("hand_loop_policy", size(&hand_loop_policy(&SUCCESS_POLICY, &counter, false))),
        ("retry_policy_static", size(&retry_policy_static(&counter, false))),
        (
            "retry_policy_parameter",
            size(&retry_policy_parameter(&counter, false, 3, std::time::Duration::ZERO)),
        ),
        ("backon", size(&backon::<3, 100>(&counter, false))),
        ("tokio_retry2", size(&tokio_retry2::<3, 100>(&counter, false))),
        ("tryhard", size(&tryhard::<3, 100>(&counter, false))),
    ];
    sizes
}

fn size_of(name: &str) -> usize {
    sizes().iter().find(|(variant, _)| *variant == name).map(|&(_, size)| size).expect("a variant")
}

fn signed(size: usize) -> i64 {
    i64::try_from(size).expect("a future smaller than 2^63 bytes")
}

#[test]
fn print_future_sizes() {
    let hand_loop = size_of("hand_loop");
    println!("future sizes in bytes (same body; see BENCHMARKS.md):");
    for (name, size) in sizes() {
        println!("  {name:<20} {size:>4}  ({:+} vs hand loop)", signed(size) - signed(hand_loop));
    }
}

/// Issue 16: `retrying!` costs what `#[retry]` costs on the same body: a future no larger.
#[test]
fn retrying_future_is_no_larger_than_retry() {
    let (retrying, retry) = (size_of("retrying_default"), size_of("retry_default"));
    assert!(retrying <= retry, "retrying!'s future is {retrying} bytes, #[retry]'s {retry}");
}

/// The target of issue 5 (see BENCHMARKS.md).
#[test]
fn retry_future_is_at_most_a_hand_loop_plus_16_bytes() {
    let (retry, hand_loop) = (size_of("retry_default"), size_of("hand_loop"));
    assert!(retry <= hand_loop + 16, "#[retry]'s future is {retry} bytes, the hand loop's {hand_loop}");
}
