use core::sync::atomic::{AtomicU32, Ordering};

/// A retry budget shared by many calls: asked before each retry, told of each call that ends
/// without needing one. It caps retries to a fraction of the traffic, so that a fleet of
/// clients cannot multiply the load on a struggling server (gRPC's retry throttling,
/// Finagle's `RetryBudget`, the AWS SDKs' retry quota).
///
/// Object safe; `Sync` is the caller's concern (a budget in a `static` must be `Sync`).
#[diagnostic::on_unimplemented(
    message = "`#[retry(budget = ...)]` needs a `reattempt::Budget`; `{Self}` is not one",
    label = "not a retry budget",
    note = "use a `reattempt::TokenBucket` (`static BUDGET: TokenBucket = TokenBucket::new(100, 0.1);` and `budget = BUDGET`), a reference or an `Arc` to one, or implement `Budget`"
)]
pub trait Budget {
    /// Asked once before each retry that would otherwise happen; `false` refuses it, and the
    /// call returns its last outcome (`GiveUpReason::BudgetExhausted`).
    fn withdraw(&self) -> bool;
    /// Told once for each call that ends with an outcome that is not retried (an `Ok`, an
    /// error `when` rejects, `Decision::Return`). A call that gives up deposits nothing.
    fn deposit(&self);
}

impl<B: Budget + ?Sized> Budget for &B {
    #[inline]
    fn withdraw(&self) -> bool {
        (**self).withdraw()
    }

    #[inline]
    fn deposit(&self) {
        (**self).deposit();
    }
}

impl<B: Budget + ?Sized> Budget for std::sync::Arc<B> {
    #[inline]
    fn withdraw(&self) -> bool {
        (**self).withdraw()
    }

    #[inline]
    fn deposit(&self) {
        (**self).deposit();
    }
}

impl<B: Budget + ?Sized> Budget for Box<B> {
    #[inline]
    fn withdraw(&self) -> bool {
        (**self).withdraw()
    }

    #[inline]
    fn deposit(&self) {
        (**self).deposit();
    }
}

/// Thousandths of a token, so that a `token_ratio` of `0.1` is exact.
const MILLI: u32 = 1_000;

/// gRPC's retry throttling as a lock-free [`Budget`], usable in a `static`.
///
/// It starts full, at `max_tokens`. A retry is allowed, and takes one token, only while more
/// than `max_tokens / 2` remain; each call that ends without a retry deposits `token_ratio`
/// tokens, up to `max_tokens`. So, from full, with every request failing, a process sends at
/// most `max_tokens / 2` retries in all, however many calls run at once; once traffic succeeds
/// again, one retry comes back per `1 / token_ratio` successful calls.
///
/// One difference from gRPC, on purpose: gRPC takes a token for every failed attempt, the
/// refused and last ones too, so an outage drains it to zero and it needs
/// `max_tokens / 2 / token_ratio` successes before it retries again; here only a retry that
/// happens takes one, so an outage leaves the bucket at half and retries resume as soon as
/// calls succeed.
///
/// Tokens are counted in thousandths (`0.1` is exact), in one `AtomicU32`: `max_tokens` is
/// capped at 4,294,967. `max_tokens = 0` allows no retry at all; `token_ratio = 0` (or
/// negative, or NaN) never refills, so once half the tokens are spent retries stop for good.
/// No argument makes it panic.
///
/// ```
/// use reattempt::{Budget, TokenBucket};
///
/// static BUDGET: TokenBucket = TokenBucket::new(10, 0.1);
///
/// let allowed = (0..20).filter(|_| BUDGET.withdraw()).count();
/// assert_eq!(allowed, 5); // from 10 tokens down to 5: then refused
/// for _ in 0..10 {
///     BUDGET.deposit(); // ten successes, 0.1 each: one token
/// }
/// assert!(BUDGET.withdraw());
/// assert!(!BUDGET.withdraw());
/// assert!((BUDGET.tokens() - 5.0).abs() < 1e-9);
/// ```
#[derive(Debug)]
pub struct TokenBucket {
    /// Thousandths of a token.
    tokens: AtomicU32,
    max: u32,
    ratio: u32,
}

impl TokenBucket {
    /// A full bucket of `max_tokens`; each call that needs no retry adds `token_ratio` tokens.
    #[must_use]
    pub const fn new(max_tokens: u32, token_ratio: f64) -> Self {
        let max = max_tokens.saturating_mul(MILLI);
        Self { tokens: AtomicU32::new(max), max, ratio: thousandths(token_ratio, max) }
    }

    /// The tokens left (for metrics): `100.0` for a full `TokenBucket::new(100, ..)`.
    #[must_use]
    pub fn tokens(&self) -> f64 {
        f64::from(self.tokens.load(Ordering::Relaxed)) / f64::from(MILLI)
    }
}

/// `ratio` tokens in thousandths, rounded, within `[0, max]`: NaN and negatives are 0.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to [0, max] first")]
#[allow(
    clippy::neg_cmp_op_on_partial_ord,
    reason = "true for NaN too; `f64::is_nan` is const only from Rust 1.83"
)]
const fn thousandths(ratio: f64, max: u32) -> u32 {
    let scaled = ratio * 1_000.0 + 0.5;
    if !(scaled >= 1.0) {
        0
    } else if scaled >= max as f64 {
        max
    } else {
        scaled as u32
    }
}

impl Budget for TokenBucket {
    /// Takes one token if more than half remain.
    fn withdraw(&self) -> bool {
        let half = u64::from(self.max);
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                (u64::from(tokens) * 2 > half).then(|| tokens.saturating_sub(MILLI))
            })
            .is_ok()
    }

    /// Adds `token_ratio`, up to `max_tokens`.
    fn deposit(&self) {
        if self.ratio == 0 {
            return;
        }
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
            (tokens < self.max).then(|| tokens.saturating_add(self.ratio).min(self.max))
        });
    }
}

/// tower's budget (feature `tower`), so that one budget can be shared by tower's `Retry`
/// middleware and `#[retry]` functions: a `LazyLock<TpsBudget>` static is given as
/// `budget = &*TPS`, an `Arc<TpsBudget>` as it is. `TpsBudget` reads tokio's clock, so under a
/// paused clock its window moves with the retries' sleeps.
#[cfg(feature = "tower")]
impl Budget for tower::retry::budget::TpsBudget {
    #[inline]
    fn withdraw(&self) -> bool {
        tower::retry::budget::Budget::withdraw(self)
    }

    #[inline]
    fn deposit(&self) {
        tower::retry::budget::Budget::deposit(self);
    }
}

/// No budget: every retry allowed, nothing counted. What a `#[retry]` without `budget` uses.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Unlimited;

impl Budget for Unlimited {
    #[inline]
    fn withdraw(&self) -> bool {
        true
    }

    #[inline]
    fn deposit(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_full_exactly_half_the_tokens_are_withdrawn() {
        let bucket = TokenBucket::new(100, 0.1);
        let allowed = (0..1_000).filter(|_| bucket.withdraw()).count();
        assert_eq!(allowed, 50);
        assert!((bucket.tokens() - 50.0).abs() < f64::EPSILON);
    }

    #[test]
    fn ten_deposits_of_a_tenth_allow_one_more() {
        let bucket = TokenBucket::new(100, 0.1);
        while bucket.withdraw() {}
        for _ in 0..10 {
            bucket.deposit();
        }
        assert!(bucket.withdraw(), "51 tokens: more than half");
        assert!(!bucket.withdraw(), "50 tokens: not more than half");
        // In thousandths: one deposit makes 50.1, more than half, and allows one retry (49.1);
        // then it takes ten deposits for each retry.
        bucket.deposit();
        assert!(bucket.withdraw());
        for _ in 0..9 {
            bucket.deposit();
        }
        assert!(!bucket.withdraw(), "exactly 50: not more than half");
        bucket.deposit();
        assert!(bucket.withdraw());
    }

    #[test]
    fn deposits_stop_at_the_cap() {
        let bucket = TokenBucket::new(10, 0.5);
        for _ in 0..100 {
            bucket.deposit();
        }
        assert!((bucket.tokens() - 10.0).abs() < f64::EPSILON);
        assert!(bucket.withdraw());
        bucket.deposit();
        bucket.deposit();
        assert!((bucket.tokens() - 10.0).abs() < f64::EPSILON);
    }

    #[test]
    fn no_argument_panics_and_the_edges_do_what_the_docs_say() {
        let empty = TokenBucket::new(0, 0.1);
        assert!(!empty.withdraw());
        empty.deposit();
        assert!(!empty.withdraw());
        let never_refills = TokenBucket::new(4, 0.0);
        assert_eq!((0..10).filter(|_| never_refills.withdraw()).count(), 2);
        for _ in 0..100 {
            never_refills.deposit();
        }
        assert!(!never_refills.withdraw());
        for ratio in [f64::NAN, -1.0, f64::INFINITY, f64::MAX, 1e-9] {
            let bucket = TokenBucket::new(u32::MAX, ratio);
            let _ = bucket.withdraw();
            bucket.deposit();
        }
        assert!((TokenBucket::new(u32::MAX, 1.0).tokens() - 4_294_967.295).abs() < 1e-6);
    }
}
