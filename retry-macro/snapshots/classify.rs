// `classify` decides on the whole outcome: it may retry an `Ok` value or honour Retry-After.
#[retry(
    attempts = 4,
    delay = "100ms",
    backoff = "exponential",
    jitter = "decorrelated",
    max_delay = "10s",
    classify = |outcome| match outcome {
        Ok(response) if response.status() == 503 => Decision::RetryAfter(response.retry_after()),
        Ok(_) => Decision::Return,
        Err(error) if error.is_timeout() => Decision::Retry,
        Err(_) => Decision::Return,
    },
)]
async fn get(client: &Client, url: &str) -> Result<Response, Error> {
    client.get(url).send().await
}
