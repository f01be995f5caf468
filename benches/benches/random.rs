//! Jitter's random numbers: what a call pays for its first draw (seeding included) and for each
//! draw after it, for the runtime's source (`fastrand`'s generator of the current thread, seeded
//! once per thread) and for the two ways a call could carry a generator of its own: `fastrand`'s
//! `Rng::new()`, and the hand-written `SplitMix64` the runtime used before, seeded from the
//! process's hash keys. Results: BENCHMARKS.md, "Random numbers".
//!
//! ```sh
//! cargo bench -p reattempt-benches --bench random
//! ```

use std::hash::{BuildHasher, RandomState};
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use reattempt::__private::{JitterState, Jittered};

/// The generator the runtime had before: `SplitMix64`, seeded on its first draw. It is the
/// reference this bench compares with; nothing else uses it.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        if self.0 == 0 {
            self.0 = RandomState::new().hash_one(std::ptr::from_ref(self) as usize) | 1;
        }
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn benches(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("first_draw");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    group.bench_function("runtime_thread_generator", |bencher| {
        bencher.iter(|| black_box(Jittered::default()).draw());
    });
    group.bench_function("fastrand_rng_per_call", |bencher| {
        bencher.iter(|| black_box(fastrand::Rng::new()).u64(..));
    });
    group.bench_function("splitmix64_per_call", |bencher| {
        bencher.iter(|| black_box(SplitMix64(0)).next_u64());
    });
    group.finish();

    let mut group = criterion.benchmark_group("next_draw");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    let mut jittered = Jittered::default();
    group.bench_function("runtime_thread_generator", |bencher| bencher.iter(|| jittered.draw()));
    let mut rng = fastrand::Rng::new();
    group.bench_function("fastrand_rng_per_call", |bencher| bencher.iter(|| rng.u64(..)));
    let mut splitmix = SplitMix64(0);
    group.bench_function("splitmix64_per_call", |bencher| bencher.iter(|| splitmix.next_u64()));
    group.finish();

    eprintln!(
        "state held in the call's future: runtime {} B (none: the generator is the thread's), fastrand::Rng {} B, SplitMix64 {} B",
        size_of::<Jittered>() - size_of::<u64>(),
        size_of::<fastrand::Rng>(),
        size_of::<SplitMix64>(),
    );
}

criterion_group!(random_benches, benches);
criterion_main!(random_benches);
