//! Every shape of function `#[retry]` accepts compiles, keeps its signature and attributes, and
//! retries: free and associated functions, methods, trait impls, generics and lifetimes, `?`
//! and `return`, `Result` aliases, custom timers and a renamed crate.
//!
//! The file denies warnings: the expansion must not make a user's code warn.
#![deny(warnings)]

use std::cell::{Cell, RefCell};
use std::fmt::Display;
use std::io;
use std::num::ParseIntError;
use std::time::Duration;

use reattempt::retry;
use tokio::time::Instant;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// An error that says which attempt produced it.
#[derive(Debug, PartialEq, Eq)]
struct Failed(u32);

// ---------------------------------------------------------------- free functions

#[retry(attempts = 3, delay = "1s")]
async fn free_async(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    if *calls < 3 {
        Err(Failed(*calls))
    } else {
        Ok(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn free_async_fn() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(free_async(&mut calls).await, Ok(3));
    assert_eq!(calls, 3);
    assert_eq!(start.elapsed(), ms(2_000));
}

#[retry(attempts = 4, delay = "1ms")]
fn free_blocking(log: &mut Vec<u32>) -> Result<usize, Failed> {
    log.push(u32::try_from(log.len()).unwrap() + 1);
    Err(Failed(*log.last().unwrap()))
}

#[test]
fn plain_fn() {
    let mut log = Vec::new();
    assert_eq!(free_blocking(&mut log), Err(Failed(4)));
    assert_eq!(log, [1, 2, 3, 4]);
}

#[retry(attempts = 3, delay = "10ms")]
async fn no_arguments() -> Result<(), Failed> {
    Err(Failed(0))
}

#[tokio::test(start_paused = true)]
async fn async_fn_without_arguments_returning_unit() {
    let start = Instant::now();
    assert_eq!(no_arguments().await, Err(Failed(0)));
    assert_eq!(start.elapsed(), ms(20));
}

// ---------------------------------------------------------------- methods

struct Service {
    calls: Cell<u32>,
    name: String,
}

impl Service {
    fn new(name: &str) -> Self {
        Self { calls: Cell::new(0), name: name.to_owned() }
    }

    fn tick(&self) -> u32 {
        self.calls.set(self.calls.get() + 1);
        self.calls.get()
    }

    #[retry(attempts = 3, delay = "1s")]
    async fn fetch(&self) -> Result<u32, Failed> {
        let call = self.tick();
        if call < 2 {
            Err(Failed(call))
        } else {
            Ok(call)
        }
    }

    #[retry(attempts = 3, delay = "1s")]
    async fn name_after(&self, failures: u32) -> Result<&str, Failed> {
        let call = self.tick();
        if call <= failures {
            Err(Failed(call))
        } else {
            Ok(&self.name)
        }
    }

    #[retry(attempts = 3, delay = "1ms")]
    fn fetch_blocking(&self) -> Result<u32, Failed> {
        Err(Failed(self.tick()))
    }
}

#[tokio::test(start_paused = true)]
async fn method_with_shared_self_and_an_interior_counter() {
    let service = Service::new("db");
    let start = Instant::now();
    assert_eq!(service.fetch().await, Ok(2));
    assert_eq!(service.calls.get(), 2);
    assert_eq!(start.elapsed(), ms(1_000));
}

#[tokio::test(start_paused = true)]
async fn method_returning_a_borrow_of_self() {
    let service = Service::new("db");
    let name = service.name_after(2).await;
    assert_eq!(name, Ok("db"));
    assert_eq!(service.calls.get(), 3);
}

#[test]
fn plain_method_with_shared_self() {
    let service = Service::new("db");
    assert_eq!(service.fetch_blocking(), Err(Failed(3)));
    assert_eq!(service.calls.get(), 3);
}

struct Counter {
    calls: u32,
    history: Vec<u32>,
}

impl Counter {
    #[retry(attempts = 4, delay = "1s")]
    async fn bump(&mut self, succeed_at: u32) -> Result<u32, Failed> {
        self.calls += 1;
        self.history.push(self.calls);
        if self.calls < succeed_at {
            Err(Failed(self.calls))
        } else {
            Ok(self.calls)
        }
    }

    #[retry(attempts = 4, delay = "1ms")]
    fn bump_blocking(&mut self) -> Result<u32, Failed> {
        self.calls += 1;
        Err(Failed(self.calls))
    }
}

#[tokio::test(start_paused = true)]
async fn method_with_mut_self() {
    let mut counter = Counter { calls: 0, history: Vec::new() };
    let start = Instant::now();
    assert_eq!(counter.bump(3).await, Ok(3));
    assert_eq!(counter.history, [1, 2, 3]);
    assert_eq!(start.elapsed(), ms(2_000));
}

#[test]
fn plain_method_with_mut_self() {
    let mut counter = Counter { calls: 0, history: Vec::new() };
    assert_eq!(counter.bump_blocking(), Err(Failed(4)));
    assert_eq!(counter.calls, 4);
}

struct Pool {
    connections: Vec<String>,
    calls: u32,
}

impl Pool {
    /// A shared borrow out of `&mut self`. (A `&mut` borrow out of it, `-> Result<&mut String,
    /// u32>`, does not compile: returning a mutable borrow from some iterations of a loop is
    /// rejected by today's borrow checker, hand-written loops included.)
    #[retry(attempts = 3, delay = "1ms")]
    async fn first_name(&mut self) -> Result<&str, u32> {
        self.calls += 1;
        if self.calls < 2 {
            return Err(self.calls);
        }
        self.connections.first().map(String::as_str).ok_or(self.calls)
    }

    #[retry(attempts = 3, delay = "1ms")]
    fn last_name(&mut self) -> Result<&str, u32> {
        self.calls += 1;
        if self.calls < 2 {
            return Err(self.calls);
        }
        self.connections.last().map(String::as_str).ok_or(self.calls)
    }
}

#[tokio::test(start_paused = true)]
async fn method_with_mut_self_returning_a_shared_borrow() {
    let mut pool = Pool { connections: vec!["a".to_owned(), "b".to_owned()], calls: 0 };
    assert_eq!(pool.first_name().await, Ok("a"));
    assert_eq!(pool.calls, 2);
    let mut pool = Pool { connections: vec!["a".to_owned(), "b".to_owned()], calls: 0 };
    assert_eq!(pool.last_name(), Ok("b"));
    assert_eq!(pool.calls, 2);
}

// ---------------------------------------------------------------- async fn in a trait impl

trait Repository {
    async fn load(&self, key: &str) -> Result<String, Failed>;
}

struct Flaky {
    calls: Cell<u32>,
}

impl Repository for Flaky {
    #[retry(attempts = 3, delay = "500ms")]
    async fn load(&self, key: &str) -> Result<String, Failed> {
        let call = self.calls.get() + 1;
        self.calls.set(call);
        if call < 3 {
            Err(Failed(call))
        } else {
            Ok(format!("{key}={call}"))
        }
    }
}

async fn load_through<R: Repository>(repository: &R, key: &str) -> Result<String, Failed> {
    repository.load(key).await
}

#[tokio::test(start_paused = true)]
async fn async_fn_in_a_trait_impl() {
    let flaky = Flaky { calls: Cell::new(0) };
    let start = Instant::now();
    assert_eq!(load_through(&flaky, "k").await, Ok("k=3".to_owned()));
    assert_eq!(flaky.calls.get(), 3);
    assert_eq!(start.elapsed(), ms(1_000));
}

// ---------------------------------------------------------------- generics and lifetimes

trait Tally {
    fn tally(&mut self) -> u32;
}

impl Tally for u32 {
    fn tally(&mut self) -> u32 {
        *self += 1;
        *self
    }
}

#[retry(attempts = 3, delay = "10ms")]
async fn first_word<'a, 'b, S, C>(text: &'a S, counter: &'b mut C) -> Result<&'a str, Failed>
where
    S: AsRef<str> + ?Sized,
    C: Tally,
    'a: 'b,
{
    let call = counter.tally();
    if call < 3 {
        return Err(Failed(call));
    }
    text.as_ref().split_whitespace().next().ok_or(Failed(call))
}

#[tokio::test(start_paused = true)]
async fn generic_fn_with_bounds_where_clause_and_lifetimes_returns_a_borrow() {
    let text = String::from("hello retrying world");
    let mut calls = 0u32;
    let word = first_word(&text, &mut calls).await;
    assert_eq!(word, Ok("hello"));
    assert_eq!(calls, 3);
    // The borrow is of `text`, not of a local of the function.
    assert_eq!(word.unwrap().as_ptr(), text.as_ptr());
}

#[retry(attempts = 2, delay = "1ms")]
fn pick<'a, T: PartialOrd + ?Sized, C: Tally>(
    left: &'a T,
    right: &'a T,
    counter: &mut C,
) -> Result<&'a T, Failed> {
    let call = counter.tally();
    if call < 2 {
        Err(Failed(call))
    } else if left >= right {
        Ok(left)
    } else {
        Ok(right)
    }
}

#[test]
fn generic_plain_fn_with_lifetimes() {
    let mut calls = 0u32;
    assert_eq!(pick("apple", "pear", &mut calls), Ok("pear"));
    assert_eq!(calls, 2);
}

#[retry(attempts = 3, delay = "1ms")]
fn sum_first<const N: usize>(values: [u32; N], calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    if *calls < 2 {
        Err(Failed(*calls))
    } else {
        Ok(values.iter().take(N).sum())
    }
}

#[test]
fn const_generic_fn() {
    let mut calls = 0;
    assert_eq!(sum_first([1, 2, 3], &mut calls), Ok(6));
    assert_eq!(calls, 2);
}

#[retry(attempts = N, delay = "1ms")]
fn generic_attempts<const N: u32>(calls: &mut u32) -> Result<(), u32> {
    *calls += 1;
    Err(*calls)
}

#[test]
fn attempts_may_be_a_const_generic_parameter() {
    let mut calls = 0;
    assert_eq!(generic_attempts::<2>(&mut calls), Err(2));
    let mut calls = 0;
    assert_eq!(generic_attempts::<5>(&mut calls), Err(5));
}

trait Cadence {
    const EVERY: Duration;
}

struct Fast;

impl Cadence for Fast {
    const EVERY: Duration = Duration::from_millis(3);
}

#[retry(attempts = 3, delay = C::EVERY)]
async fn on_cadence<C: Cadence>(calls: &mut u32) -> Result<(), u32> {
    *calls += 1;
    Err(*calls)
}

#[tokio::test(start_paused = true)]
async fn delay_may_be_an_associated_const_of_a_type_parameter() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(on_cadence::<Fast>(&mut calls).await, Err(3));
    assert_eq!(start.elapsed(), ms(6));
}

struct Cache<T> {
    value: T,
    calls: Cell<u32>,
}

impl<T: Clone + PartialEq> Cache<T> {
    #[retry(attempts = 3, delay = "1ms")]
    async fn get(&self, expected: &T) -> Result<T, u32> {
        self.calls.set(self.calls.get() + 1);
        if self.calls.get() < 3 || self.value != *expected {
            return Err(self.calls.get());
        }
        Ok(self.value.clone())
    }

    #[retry(attempts = 2, delay = "1ms")]
    fn wrap(value: &T) -> Result<Self, u32> {
        Ok(Self { value: value.clone(), calls: Cell::new(0) })
    }
}

#[tokio::test(start_paused = true)]
async fn methods_of_a_generic_impl() {
    let cache = Cache::wrap(&String::from("v")).unwrap();
    assert_eq!(cache.get(&"v".to_owned()).await, Ok("v".to_owned()));
    assert_eq!(cache.calls.get(), 3);
}

struct Poller;

impl Poller {
    const TRIES: u32 = 3;
    const PAUSE: Duration = Duration::from_millis(40);

    #[retry(attempts = Self::TRIES, delay = Self::PAUSE)]
    async fn poll(calls: &mut u32) -> Result<(), u32> {
        *calls += 1;
        Err(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn settings_may_be_associated_consts_of_self() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(Poller::poll(&mut calls).await, Err(3));
    assert_eq!(start.elapsed(), ms(80));
}

#[retry(attempts = 2, delay = "1ms")]
fn inner_attributes(calls: &mut u32) -> Result<u32, u32> {
    #![allow(unused_variables)]
    let unused = 1;
    *calls += 1;
    Err(*calls)
}

#[test]
fn inner_attributes_of_the_body_are_kept() {
    let mut calls = 0;
    assert_eq!(inner_attributes(&mut calls), Err(2));
}

#[retry(attempts = 3, delay = "10ms")]
async fn greet(name: impl AsRef<str>, calls: &mut u32) -> Result<String, Failed> {
    *calls += 1;
    if *calls < 2 {
        return Err(Failed(*calls));
    }
    Ok(format!("hello, {}", name.as_ref()))
}

#[tokio::test(start_paused = true)]
async fn impl_trait_arguments() {
    let mut calls = 0;
    assert_eq!(greet("ann", &mut calls).await, Ok("hello, ann".to_owned()));
    assert_eq!(calls, 2);
    let mut calls = 0;
    assert_eq!(greet(String::from("bob"), &mut calls).await, Ok("hello, bob".to_owned()));
}

#[retry(attempts = 3, delay = "10ms")]
async fn opaque_value(calls: &mut u32) -> Result<impl Display, Failed> {
    *calls += 1;
    if *calls < 2 {
        Err(Failed(*calls))
    } else {
        Ok(*calls * 100)
    }
}

#[retry(attempts = 3, delay = "10ms")]
async fn opaque_value_with_question_mark(
    inputs: &[&str],
    calls: &mut usize,
) -> Result<impl Display, AppError> {
    let input = inputs[*calls];
    *calls += 1;
    let number: u32 = input.parse()?;
    Ok(number)
}

#[tokio::test(start_paused = true)]
async fn impl_trait_in_the_ok_type() {
    let mut calls = 0;
    let value = opaque_value(&mut calls).await.map(|value| value.to_string());
    assert_eq!(value, Ok("200".to_owned()));
    let mut calls = 0;
    let value = opaque_value_with_question_mark(&["x", "9"], &mut calls).await.map(|value| value.to_string());
    assert_eq!(value, Ok("9".to_owned()));
    assert_eq!(calls, 2);
}

// ---------------------------------------------------------------- `?` and `return`

#[derive(Debug, PartialEq, Eq)]
enum AppError {
    Parse(ParseIntError),
    Zero(u32),
}

impl From<ParseIntError> for AppError {
    fn from(error: ParseIntError) -> Self {
        Self::Parse(error)
    }
}

/// Reads `inputs[attempt - 1]`: a parse failure (`?`) and an early `return` both end only
/// their attempt.
#[retry(attempts = 4, delay = "1s")]
async fn parse_next(inputs: &[&str], calls: &mut usize) -> Result<u32, AppError> {
    let input = inputs[*calls];
    *calls += 1;
    let number: u32 = input.parse()?;
    if number == 0 {
        return Err(AppError::Zero(u32::try_from(*calls).unwrap()));
    }
    Ok(number)
}

#[tokio::test(start_paused = true)]
async fn question_mark_and_early_return_end_the_attempt_not_the_call() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(parse_next(&["x", "0", "7", "8"], &mut calls).await, Ok(7));
    assert_eq!(calls, 3);
    assert_eq!(start.elapsed(), ms(2_000));

    let mut calls = 0;
    let error = parse_next(&["0", "0", "0", "nope"], &mut calls).await.unwrap_err();
    assert_eq!(error, AppError::Parse("nope".parse::<u32>().unwrap_err()));
    assert_eq!(calls, 4);
}

#[retry(attempts = 3, delay = "1ms")]
fn parse_blocking(inputs: &[&str], calls: &mut usize) -> Result<u32, AppError> {
    let input = inputs[*calls];
    *calls += 1;
    if input.is_empty() {
        return Err(AppError::Zero(0));
    }
    Ok(input.parse::<u32>()? + 1)
}

#[test]
fn question_mark_and_early_return_in_a_plain_fn() {
    let mut calls = 0;
    assert_eq!(parse_blocking(&["", "y", "41"], &mut calls), Ok(42));
    assert_eq!(calls, 3);
}

// ---------------------------------------------------------------- Result aliases

#[retry(attempts = 3, delay = "10ms")]
async fn io_alias(calls: &mut u32) -> io::Result<u32> {
    *calls += 1;
    if *calls < 3 {
        return Err(io::Error::new(io::ErrorKind::ConnectionReset, format!("reset {calls}")));
    }
    Ok(*calls)
}

mod spelled_out {
    use reattempt::retry;

    #[retry(attempts = 2, delay = "10ms")]
    pub async fn io_alias_failing(calls: &mut u32) -> std::io::Result<()> {
        *calls += 1;
        Err(std::io::Error::new(std::io::ErrorKind::TimedOut, format!("timed out {calls}")))
    }
}

#[tokio::test(start_paused = true)]
async fn std_io_result_alias() {
    let mut calls = 0;
    assert_eq!(io_alias(&mut calls).await.unwrap(), 3);
    let mut calls = 0;
    let error = spelled_out::io_alias_failing(&mut calls).await.unwrap_err();
    assert_eq!((error.kind(), error.to_string()), (io::ErrorKind::TimedOut, "timed out 2".to_owned()));
}

#[derive(Debug, PartialEq, Eq)]
struct Connection {
    attempt: u32,
}

impl Connection {
    #[retry(attempts = 3, delay = "1s")]
    async fn connect(calls: &mut u32) -> Result<Self, io::Error> {
        *calls += 1;
        if *calls < 2 {
            return Err(io::ErrorKind::ConnectionRefused.into());
        }
        Ok(Self { attempt: *calls })
    }

    #[retry(attempts = 3, delay = "1ms")]
    fn connect_blocking(calls: &mut u32) -> io::Result<Self> {
        *calls += 1;
        Ok(Connection { attempt: *calls })
    }
}

#[tokio::test(start_paused = true)]
async fn constructor_returning_result_of_self() {
    let mut calls = 0;
    assert_eq!(Connection::connect(&mut calls).await.unwrap(), Connection { attempt: 2 });
    let mut calls = 0;
    assert_eq!(Connection::connect_blocking(&mut calls).unwrap(), Connection { attempt: 1 });
}

mod own_alias {
    use reattempt::retry;

    #[derive(Debug, PartialEq, Eq)]
    pub struct MyError(pub u32);

    /// The user's own `Result`, shadowing the prelude's in this module.
    pub type Result<T> = std::result::Result<T, MyError>;

    #[retry(attempts = 3, delay = "10ms")]
    pub async fn fetch(calls: &mut u32) -> Result<u32> {
        *calls += 1;
        if *calls < 3 {
            return Err(MyError(*calls));
        }
        Ok(*calls)
    }

    #[retry(attempts = 2, delay = "1ms")]
    pub fn fetch_blocking(calls: &mut u32) -> Result<()> {
        *calls += 1;
        Err(MyError(*calls))
    }
}

#[tokio::test(start_paused = true)]
async fn users_own_result_alias() {
    let mut calls = 0;
    assert_eq!(own_alias::fetch(&mut calls).await, Ok(3));
    let mut calls = 0;
    assert_eq!(own_alias::fetch_blocking(&mut calls), Err(own_alias::MyError(2)));
}

// ---------------------------------------------------------------- visibility and attributes

pub mod visibility {
    //! Items here are reached from outside only if `#[retry]` keeps their visibility; the
    //! lint below fails the build if it drops their doc comments.
    #![deny(missing_docs)]
    use reattempt::retry;

    /// Documented and visible to the crate only.
    #[retry(attempts = 2, delay = "10ms")]
    pub(crate) async fn crate_visible(calls: &mut u32) -> Result<u32, u32> {
        *calls += 1;
        Err(*calls)
    }

    /// A documented public function whose result must be used.
    #[must_use = "the greeting is the point"]
    #[retry(attempts = 2, delay = "1ms")]
    pub fn documented(calls: &mut u32) -> Result<String, u32> {
        *calls += 1;
        if *calls < 2 {
            Err(*calls)
        } else {
            Ok(String::from("documented"))
        }
    }

    /// Lint attributes written after `#[retry]` apply to the function too.
    #[retry(attempts = 2, delay = "1ms")]
    #[allow(clippy::unnecessary_wraps)]
    pub fn allowed(calls: &mut u32) -> Result<u32, u32> {
        *calls += 1;
        Ok(*calls)
    }
}

#[tokio::test(start_paused = true)]
async fn visibility_docs_and_attributes_are_kept() {
    let mut calls = 0;
    assert_eq!(visibility::crate_visible(&mut calls).await, Err(2));
    let mut calls = 0;
    assert_eq!(visibility::documented(&mut calls), Ok("documented".to_owned()));
    assert_eq!(calls, 2);
    let mut calls = 0;
    assert_eq!(visibility::allowed(&mut calls), Ok(1));
}

// ---------------------------------------------------------------- custom sleep and crate path

thread_local! {
    static SLEEPS: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
}

/// A timer that records what it was asked for and only yields.
async fn my_sleep(duration: Duration) {
    SLEEPS.with(|sleeps| sleeps.borrow_mut().push(duration));
    tokio::task::yield_now().await;
}

#[retry(attempts = 4, delay = "1s", backoff = "linear", sleep = my_sleep)]
async fn with_my_sleep(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[tokio::test(start_paused = true)]
async fn custom_sleep_is_asked_for_every_wait() {
    SLEEPS.with(|sleeps| sleeps.borrow_mut().clear());
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(with_my_sleep(&mut calls).await, Err(Failed(4)));
    assert_eq!(SLEEPS.with(RefCell::take), [ms(1_000), ms(2_000), ms(3_000)]);
    // tokio's timer was not used: the paused clock did not move.
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[retry(attempts = 3, delay = "0s", sleep = my_sleep)]
async fn with_my_sleep_and_no_delay(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[tokio::test(start_paused = true)]
async fn custom_sleep_is_not_asked_for_a_zero_wait() {
    SLEEPS.with(|sleeps| sleeps.borrow_mut().clear());
    let mut calls = 0;
    assert_eq!(with_my_sleep_and_no_delay(&mut calls).await, Err(Failed(3)));
    assert!(SLEEPS.with(RefCell::take).is_empty());
}

/// A timer shaped like `async_io::Timer::after` and `smol::Timer::after`: its output is the
/// instant it fired at, which the expansion ignores.
async fn timer_after(duration: Duration) -> Instant {
    SLEEPS.with(|sleeps| sleeps.borrow_mut().push(duration));
    tokio::time::sleep(duration).await;
    Instant::now()
}

#[retry(attempts = 3, delay = "250ms", backoff = "exponential", sleep = timer_after)]
async fn with_a_timer_that_returns_an_instant(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[retry(attempts = 2, delay = "1s", timeout = "100ms", sleep = timer_after)]
async fn timed_by_a_timer_that_returns_an_instant(calls: &mut u32) -> Result<u32, io::Error> {
    *calls += 1;
    if *calls == 1 {
        tokio::time::sleep(ms(500)).await;
    }
    Ok(*calls)
}

#[tokio::test(start_paused = true)]
async fn a_timer_whose_output_is_not_unit_waits_and_times_out() {
    SLEEPS.with(|sleeps| sleeps.borrow_mut().clear());
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(with_a_timer_that_returns_an_instant(&mut calls).await, Err(Failed(3)));
    assert_eq!(SLEEPS.with(RefCell::take), [ms(250), ms(500)]);
    assert_eq!(start.elapsed(), ms(750));

    // The first attempt is cut at 100 ms by the same timer, then 1 s, then the second succeeds.
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(timed_by_a_timer_that_returns_an_instant(&mut calls).await.unwrap(), 2);
    assert_eq!(SLEEPS.with(RefCell::take), [ms(100), ms(1_000)]);
    assert_eq!(start.elapsed(), ms(1_100));
}

thread_local! {
    static BLOCKING_SLEEPS: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
}

/// A blocking wait for a plain `fn` that records instead of sleeping: how tests of blocking
/// code avoid real waits, and how targets without `std::thread::sleep` wait.
fn record_blocking_sleep(duration: Duration) {
    BLOCKING_SLEEPS.with(|sleeps| sleeps.borrow_mut().push(duration));
}

#[retry(attempts = 4, delay = "1s", backoff = "linear", sleep = record_blocking_sleep)]
fn blocking_with_my_sleep(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[retry(attempts = 3, delay = "10s", sleep = |wait| waits.borrow_mut().push(wait))]
fn blocking_with_a_closure_sleep(calls: &mut u32, waits: &RefCell<Vec<Duration>>) -> Result<u32, Failed> {
    *calls += 1;
    if *calls < 3 {
        return Err(Failed(*calls));
    }
    Ok(*calls)
}

#[test]
fn a_plain_fn_waits_with_the_blocking_sleep_it_names() {
    BLOCKING_SLEEPS.with(|sleeps| sleeps.borrow_mut().clear());
    let started = std::time::Instant::now();
    let mut calls = 0;
    assert_eq!(blocking_with_my_sleep(&mut calls), Err(Failed(4)));
    assert_eq!(BLOCKING_SLEEPS.with(RefCell::take), [ms(1_000), ms(2_000), ms(3_000)]);

    let mut calls = 0;
    let waits = RefCell::default();
    assert_eq!(blocking_with_a_closure_sleep(&mut calls, &waits), Ok(3));
    assert_eq!(waits.into_inner(), [ms(10_000), ms(10_000)]);
    // Neither slept: 26 s of waits went to the recorders.
    assert!(started.elapsed() < ms(5_000));

    // The test switch skips the named sleep too.
    let _guard = reattempt::testing::skip_waits();
    let mut calls = 0;
    assert_eq!(blocking_with_my_sleep(&mut calls), Err(Failed(4)));
    assert!(BLOCKING_SLEEPS.with(RefCell::take).is_empty());
}

mod reexport {
    pub use reattempt as inner;
}

#[retry(crate = "crate::reexport::inner", attempts = 3, delay = "1s", backoff = "exponential",
        on_retry = |ev| waits.borrow_mut().push(ev.wait()))]
async fn through_reexport(calls: &mut u32, waits: &RefCell<Vec<Duration>>) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[retry(crate = "crate::reexport::inner", attempts = 2, delay = "1ms", when = |e| e.0 < 10)]
fn through_reexport_blocking(calls: &mut u32) -> Result<u32, Failed> {
    *calls += 1;
    Err(Failed(*calls))
}

#[tokio::test(start_paused = true)]
async fn crate_path_override() {
    let mut calls = 0;
    let waits = RefCell::default();
    let start = Instant::now();
    assert_eq!(through_reexport(&mut calls, &waits).await, Err(Failed(3)));
    assert_eq!(waits.into_inner(), [ms(1_000), ms(2_000)]);
    assert_eq!(start.elapsed(), ms(3_000));
    let mut calls = 0;
    assert_eq!(through_reexport_blocking(&mut calls), Err(Failed(2)));
}

// ---------------------------------------------------------------- names in user code

/// A module-level item with the name the expansion uses for its policy constant.
const POLICY: u32 = 2;
const MAX_TRIES: u32 = 3;

#[retry(attempts = MAX_TRIES, delay = "10ms")]
async fn names_like_the_expansion(calls: &mut u32) -> Result<u32, Failed> {
    let retry = POLICY;
    let outcome = retry * 10;
    let policy = "user's policy";
    let wait = Duration::from_secs(1);
    let result: Result<u32, Failed> =
        Ok(outcome + u32::try_from(policy.len()).unwrap() + u32::from(wait.as_secs() == 1));
    *calls += 1;
    if *calls < 3 {
        return Err(Failed(*calls));
    }
    result
}

#[tokio::test(start_paused = true)]
async fn user_locals_and_items_named_like_the_expansion_s_are_untouched() {
    let mut calls = 0;
    let start = Instant::now();
    assert_eq!(names_like_the_expansion(&mut calls).await, Ok(20 + 13 + 1));
    assert_eq!(calls, 3);
    assert_eq!(start.elapsed(), ms(20));
}

#[retry(attempts = POLICY, delay = "1ms")]
fn attempts_named_policy(retry: &mut u32, wait: u32) -> Result<u32, u32> {
    *retry += 1;
    Err(*retry + wait)
}

#[test]
fn a_const_named_policy_may_be_an_argument_and_parameters_may_be_named_retry_and_wait() {
    let mut retry = 0;
    assert_eq!(attempts_named_policy(&mut retry, 100), Err(102));
    assert_eq!(retry, 2);
}
