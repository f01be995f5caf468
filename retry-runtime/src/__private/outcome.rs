use core::marker::PhantomData;

/// The return type of a `#[retry]` function: a `Result`, under whatever name.
#[diagnostic::on_unimplemented(
    message = "`#[retry]` needs a function that returns `Result<T, E>`, but it returns `{Self}`",
    label = "not a `Result`",
    note = "retries are decided on the `Err` values (or by `classify` on the whole `Result`); \
            return a `Result` or an alias of one, such as `std::io::Result<T>`"
)]
pub trait Outcome<T, E> {
    /// The outcome as the `Result` it is.
    fn as_result(&self) -> &Result<T, E>;
}

impl<T, E> Outcome<T, E> for Result<T, E> {
    #[inline]
    fn as_result(&self) -> &Self {
        self
    }
}

/// The return type `R` of a `#[retry]` function, named once by the expansion:
/// `Returns::<R>::as_result(&outcome)`. Never constructed.
pub struct Returns<R>(PhantomData<fn() -> R>);

impl<R> Returns<R> {
    /// The one place the expansion requires a `Result`, so a wrong return type is one error.
    #[inline]
    pub fn as_result<T, E>(outcome: &R) -> &Result<T, E>
    where
        R: Outcome<T, E>,
    {
        outcome.as_result()
    }
}

/// The output of a `retrying!` body: a `Result`, under whatever name.
#[diagnostic::on_unimplemented(
    message = "`retrying!` needs a body whose output is `Result<T, E>`, but it is `{Self}`",
    label = "not a `Result`",
    note = "retries are decided on the `Err` values (or by `classify` on the whole `Result`); \
            end the body with a `Result`, such as `Ok::<_, std::io::Error>(value)`"
)]
pub trait BlockOutput<T, E> {
    /// The outcome as the `Result` it is.
    fn as_result(&self) -> &Result<T, E>;
}

impl<T, E> BlockOutput<T, E> for Result<T, E> {
    #[inline]
    fn as_result(&self) -> &Self {
        self
    }
}

/// The one place the expansion of `retrying!` requires a `Result`, so a body of another type is
/// one error, on the body.
#[inline]
pub fn block_result<R: BlockOutput<T, E>, T, E>(outcome: &R) -> &Result<T, E> {
    outcome.as_result()
}
