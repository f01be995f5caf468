use core::hash::BuildHasher;
use std::hash::RandomState;

/// A small, fast, non-cryptographic generator (`SplitMix64`) for jitter draws.
///
/// It seeds itself from the process's hash keys on its first draw, so a policy without jitter
/// never pays for it, and it needs no allocation or lock.
#[derive(Debug, Clone, Copy)]
pub struct Random {
    state: u64,
}

impl Random {
    /// A generator that seeds itself on its first draw.
    #[must_use]
    pub const fn unseeded() -> Self {
        Self { state: 0 }
    }

    /// A generator with a fixed seed, for reproducible sequences.
    #[must_use]
    pub const fn seeded(seed: u64) -> Self {
        // Zero marks "unseeded"; any other fixed value keeps the sequence reproducible.
        Self { state: if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed } }
    }

    /// The next uniformly distributed 64-bit number.
    pub fn next_u64(&mut self) -> u64 {
        if self.state == 0 {
            let seed = RandomState::new().hash_one(core::ptr::from_ref(self) as usize);
            *self = Self::seeded(seed);
        }
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unseeded_generators_differ_and_seeded_ones_repeat() {
        let (mut a, mut b) = (Random::unseeded(), Random::unseeded());
        assert_ne!(a.next_u64(), b.next_u64());
        let (mut c, mut d) = (Random::seeded(7), Random::seeded(7));
        assert_eq!([c.next_u64(), c.next_u64()], [d.next_u64(), d.next_u64()]);
    }

    #[test]
    fn draws_cover_the_range_evenly() {
        let mut random = Random::seeded(42);
        let draws = 10_000u32;
        let mut buckets = [0u32; 8];
        for _ in 0..draws {
            buckets[(random.next_u64() >> 61) as usize] += 1;
        }
        for count in buckets {
            assert!((1_100..1_400).contains(&count), "{buckets:?}");
        }
    }
}
