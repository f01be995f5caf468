use core::time::Duration;
use std::io;

use crate::{Decision, Elapsed};

/// An error that knows whether trying again may succeed.
///
/// Implemented for [`std::io::Error`], [`Elapsed`] and, with feature `reqwest`,
/// `reqwest::Error`. [`transient`] turns it into a ready `classify` function.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{retry, Transient};
///
/// #[derive(Debug)]
/// enum DbError { Deadlock, Busy { retry_after_ms: u64 }, Constraint(String) }
///
/// impl Transient for DbError {
///     fn is_transient(&self) -> bool {
///         matches!(self, Self::Deadlock | Self::Busy { .. })
///     }
///     fn retry_after(&self) -> Option<Duration> {
///         match self {
///             Self::Busy { retry_after_ms } => Some(Duration::from_millis(*retry_after_ms)),
///             _ => None,
///         }
///     }
/// }
///
/// #[retry(attempts = 3, delay = "10ms", classify = reattempt::transient)]
/// fn insert(row: &str) -> Result<(), DbError> {
///     Err(DbError::Constraint(format!("duplicate key {row}"))) // not transient: one attempt
/// }
///
/// assert!(matches!(insert("42"), Err(DbError::Constraint(_))));
/// ```
pub trait Transient {
    /// Whether another attempt may succeed.
    fn is_transient(&self) -> bool;

    /// How long the other side asked to wait before trying again, if it said.
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

/// A ready `classify`: retries transient errors, honouring their [`Transient::retry_after`],
/// and returns everything else.
///
/// ```
/// use std::io;
/// use reattempt::{retry, transient, Decision};
///
/// let refused: io::Result<()> = Err(io::ErrorKind::ConnectionRefused.into());
/// assert_eq!(transient(&refused), Decision::Retry);
/// let missing: io::Result<()> = Err(io::ErrorKind::NotFound.into());
/// assert_eq!(transient(&missing), Decision::Return);
///
/// #[retry(attempts = 3, delay = "1ms", classify = transient)]
/// fn read_socket_file() -> io::Result<String> {
///     std::fs::read_to_string("/no/such/socket") // NotFound: returned after one attempt
/// }
/// assert_eq!(read_socket_file().unwrap_err().kind(), io::ErrorKind::NotFound);
/// ```
pub fn transient<T, E: Transient>(outcome: &Result<T, E>) -> Decision {
    match outcome {
        Err(error) if error.is_transient() => match error.retry_after() {
            Some(hint) => Decision::RetryAfter(hint),
            None => Decision::Retry,
        },
        _ => Decision::Return,
    }
}

/// The I/O errors worth another attempt: the connection failed or was cut
/// (`ConnectionRefused`, `ConnectionReset`, `ConnectionAborted`, `NotConnected`, `BrokenPipe`,
/// `UnexpectedEof` — the peer went away mid-message), the operation ran out of time
/// (`TimedOut`), or it was interrupted before doing anything (`Interrupted`, `WouldBlock`).
///
/// Everything else — `NotFound`, `PermissionDenied`, `InvalidInput`, `InvalidData`,
/// `AddrInUse`, ... — describes a request or an environment that a retry will not change.
impl Transient for io::Error {
    fn is_transient(&self) -> bool {
        is_transient_kind(self.kind())
    }
}

pub(crate) fn is_transient_kind(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected
            | io::ErrorKind::TimedOut
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
    )
}

/// A timed-out attempt is always worth another.
impl Transient for Elapsed {
    fn is_transient(&self) -> bool {
        true
    }
}

impl<E: Transient + ?Sized> Transient for &E {
    fn is_transient(&self) -> bool {
        (**self).is_transient()
    }

    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_kinds_split_into_transient_and_final() {
        use io::ErrorKind::*;
        for kind in [
            ConnectionRefused,
            ConnectionReset,
            ConnectionAborted,
            NotConnected,
            TimedOut,
            Interrupted,
            WouldBlock,
            BrokenPipe,
            UnexpectedEof,
        ] {
            assert!(io::Error::from(kind).is_transient(), "{kind:?}");
        }
        for kind in [NotFound, PermissionDenied, InvalidInput, InvalidData, AddrInUse, Unsupported, Other] {
            assert!(!io::Error::from(kind).is_transient(), "{kind:?}");
        }
    }

    #[test]
    fn a_timeout_is_transient_also_as_an_io_error() {
        let elapsed = Elapsed::new(Duration::from_secs(1));
        assert!(elapsed.is_transient());
        assert!(io::Error::from(elapsed).is_transient());
    }

    struct Busy(Option<Duration>);

    impl Transient for Busy {
        fn is_transient(&self) -> bool {
            true
        }
        fn retry_after(&self) -> Option<Duration> {
            self.0
        }
    }

    #[test]
    fn transient_honours_retry_after() {
        let second = Duration::from_secs(1);
        assert_eq!(transient(&Err::<(), _>(Busy(Some(second)))), Decision::RetryAfter(second));
        assert_eq!(transient(&Err::<(), _>(Busy(None))), Decision::Retry);
        assert_eq!(transient(&Ok::<_, Busy>(())), Decision::Return);
    }
}
