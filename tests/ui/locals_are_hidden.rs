// The expansion's locals (`retry`, `policy`, `outcome`, `result`, `wait`) are invisible to the
// body and to the closures given to the attribute: naming one is rustc's own "cannot find value".
// (The attribute is not imported, so that `retry` is not the attribute's name either.)

#[reattempt::retry(attempts = 2, delay = "1ms", when = |_| retry.failed_attempts() < 2)]
fn blocking(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    let _ = (policy, outcome);
    Err(*calls)
}

#[reattempt::retry(attempts = 2, on_retry = |_| drop(wait))]
async fn async_fn(calls: &mut u32) -> Result<u32, u32> {
    *calls += 1;
    let _ = (retry, result);
    Err(*calls)
}

fn main() {
    let _ = blocking(&mut 0);
    let _ = async_fn(&mut 0);
}
