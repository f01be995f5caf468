// A test switch lasts as long as its guard: an unbound guard is dropped at once, and the
// warning says to bind it to a name (`let _ = ...` would drop it at once too).
#![deny(unused_must_use)]
use reattempt::testing;

fn main() {
    testing::skip_waits();
    testing::limit_attempts(1);
}
