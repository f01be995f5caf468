// A blocking function: a closure per attempt, `std::thread::sleep` between them.
#[retry(attempts = 3, delay = "10ms", max_elapsed = "1s", when = |e| e.kind() == std::io::ErrorKind::Interrupted)]
fn read_config(path: &std::path::Path) -> std::io::Result<String> {
    std::fs::read_to_string(path)
}
