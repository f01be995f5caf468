// `const` values: the policy is a named `const` item, checked by the compiler.
const ATTEMPTS: u32 = 5;
const BASE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

#[retry(attempts = ATTEMPTS, delay = BASE_DELAY, max_delay = "4s", backoff = "exponential", factor = config::FACTOR)]
async fn poll(job: JobId) -> Result<Status, PollError> {
    job.status().await
}
