//! `policy = EXPR`: the schedule, decided at run time.

use core::borrow::Borrow;

use crate::Policy;

/// A value that holds a [`Policy`]: `Policy`, `&Policy`, `Arc<Policy>`, ...
#[diagnostic::on_unimplemented(
    message = "`#[retry(policy = ...)]` needs a `reattempt::Policy`, a reference to one or a smart pointer to one; `{Self}` is none of these",
    label = "not a `Policy`",
    note = "build one with `Policy::new(attempts).delay(...)`, read one with `\"...\".parse::<Policy>()`, or give the literal settings instead (`attempts = 3, delay = \"1s\"`)",
    note = "a policy in a `LazyLock<Policy>` or `OnceLock<Policy>` static is given through the lock: `policy = &*POLICY` (or `policy = POLICY.get().unwrap()`)"
)]
pub trait HoldsPolicy {
    /// The policy held.
    fn policy(&self) -> &Policy;
}

impl<P: Borrow<Policy> + ?Sized> HoldsPolicy for P {
    #[inline]
    fn policy(&self) -> &Policy {
        self.borrow()
    }
}

/// The policy of one call, copied out of `holder` so that nothing stays borrowed from it: the
/// body may still borrow `self` mutably when the policy is one of its fields.
#[inline]
pub fn policy_of<P: HoldsPolicy + ?Sized>(holder: &P) -> Policy {
    *holder.policy()
}

/// The policy `holder` holds, for `policy = EXPR` kept as it is (a `static` by reference, a
/// `const`, an `Arc`): the one place the expansion requires a policy, when it is not copied.
#[inline]
pub fn policy_in<P: HoldsPolicy + ?Sized>(holder: &P) -> &Policy {
    holder.policy()
}

/// `budget = EXPR`: the one place the expansion requires a `Budget`, spanned on the value. The
/// budget's methods are taken here, so that `Retry::next_with` needs no bound of its own on the
/// user's type (which would repeat the error); the compiler sees through the constant
/// function pointers once `next_with` is inlined.
#[inline]
pub fn budget_of<B: crate::Budget + ?Sized>(budget: &B) -> CheckedBudget<'_, B> {
    CheckedBudget { budget, withdraw: B::withdraw, deposit: B::deposit }
}

/// A budget whose type was checked by [`budget_of`].
pub struct CheckedBudget<'b, B: ?Sized> {
    budget: &'b B,
    withdraw: fn(&B) -> bool,
    deposit: fn(&B),
}

impl<B: ?Sized> crate::Budget for CheckedBudget<'_, B> {
    #[inline]
    fn withdraw(&self) -> bool {
        (self.withdraw)(self.budget)
    }

    #[inline]
    fn deposit(&self) {
        (self.deposit)(self.budget);
    }
}
