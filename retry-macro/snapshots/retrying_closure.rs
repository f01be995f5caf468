// `retrying!` with a closure: called at once, blocking between attempts; the attempt number,
// and a hook reading a local the body mutates.
fn load(path: &Path) -> Result<String, io::Error> {
    let mut reads = 0;
    let config = retrying!(attempts = 3, delay = "50ms", attempt = n, on_retry = |event| log(n, reads, event.wait()), || {
        reads += 1;
        std::fs::read_to_string(path)
    })?;
    Ok(config)
}
