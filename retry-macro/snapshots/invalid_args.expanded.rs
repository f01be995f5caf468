::core::compile_error! {
    "unknown key `attempt`; did you mean `attempts`? the keys are `attempts`, `delay`, `backoff`, `factor`, `max_delay`, `jitter`, `max_elapsed`, `timeout`, `when`, `classify`, `on_retry`, `sleep` or `crate`"
}
::core::compile_error! {
    "`delay` needs a unit: write `delay = \"100ms\"` or `delay = \"100s\"`"
}
async fn fetch(url: &str) -> Result<String, Error> {
    download(url).await
}
