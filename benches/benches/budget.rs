//! A retry budget's cost: `TokenBucket::withdraw` and `deposit` alone, and under contention from
//! several threads sharing one bucket (each thread's operations, timed together). Results:
//! BENCHMARKS.md, "Retry budgets".
//!
//! ```sh
//! cargo bench -p reattempt-benches --bench budget
//! ```

use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use reattempt::{Budget, TokenBucket};

/// `operations` withdraw-then-deposit pairs on each of `threads` threads, all on one bucket;
/// the wall time of the whole, divided by every thread's operations.
fn contended(threads: u32, operations: u64) -> Duration {
    let bucket = TokenBucket::new(1_000_000, 1.0);
    let barrier = Barrier::new(usize::try_from(threads).unwrap_or(1));
    let start = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    let start = Instant::now();
                    for _ in 0..operations {
                        black_box(bucket.withdraw());
                        bucket.deposit();
                    }
                    start
                })
            })
            .collect();
        handles.into_iter().filter_map(|handle| handle.join().ok()).min()
    });
    start.map_or(Duration::ZERO, |start| start.elapsed())
}

fn benches(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("token_bucket");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    let bucket = TokenBucket::new(1_000_000, 0.1);
    group.bench_function("deposit", |bencher| bencher.iter(|| bucket.deposit()));
    group.bench_function("withdraw_then_deposit", |bencher| {
        bencher.iter(|| {
            black_box(bucket.withdraw());
            bucket.deposit();
        });
    });
    for threads in [1, 2, 4, 8] {
        group.bench_function(format!("withdraw_then_deposit_{threads}_threads"), |bencher| {
            bencher.iter_custom(|iterations| contended(threads, iterations));
        });
    }
    group.finish();
}

criterion_group!(budget_benches, benches);
criterion_main!(budget_benches);
