#![deny(warnings, clippy::pedantic, unused_qualifications)]
use reattempt::retry;
use std::time::Duration;

#[derive(Debug)]
struct Error;

#[retry(attempts = 3, delay = "1s")]
async fn fails(calls: &mut u32) -> Result<u32, Error> {
    *calls += 1;
    if *calls < 3 {
        return Err(Error);
    }
    Ok(*calls)
}

#[retry(attempts = 3, delay = "10ms", when = |e| matches!(e, std::io::ErrorKind::Other), on_retry = |ev| println!("{}", ev.attempt()))]
fn blocking(calls: &mut u32) -> Result<u32, std::io::ErrorKind> {
    *calls += 1;
    let x: u32 = "5".parse().map_err(|_| std::io::ErrorKind::Other)?;
    Err(std::io::ErrorKind::Other).map(|()| x)
}

#[tokio::test(start_paused = true)]
async fn smoke() {
    let start = tokio::time::Instant::now();
    let mut calls = 0;
    assert_eq!(fails(&mut calls).await.unwrap(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    let mut c = 0;
    assert!(blocking(&mut c).is_err());
    assert_eq!(c, 3);
}
