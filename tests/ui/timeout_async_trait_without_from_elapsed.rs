use std::time::Duration;

use async_trait::async_trait;
use reattempt::retry;

#[derive(Debug)]
struct ApiError;

const LIMIT: Duration = Duration::from_secs(1);

async fn my_sleep(_: Duration) {}

// `#[async_trait]` boxes each future as `dyn Future + Send`, which checks the future's type
// again: still one error per function, on the `timeout` value.
#[async_trait]
trait Api {
    #[retry(attempts = 3, timeout = "1s")]
    async fn default_method(&self) -> Result<u32, ApiError> {
        Ok(1)
    }

    async fn literal(&self) -> Result<u32, ApiError>;
    async fn constant(&self) -> Result<u32, ApiError>;
    async fn custom_timer(&self) -> Result<u32, ApiError>;
}

struct Client;

#[async_trait]
impl Api for Client {
    #[retry(attempts = 3, timeout = "1s")]
    async fn literal(&self) -> Result<u32, ApiError> {
        Ok(1)
    }

    #[retry(attempts = 3, timeout = LIMIT)]
    async fn constant(&self) -> Result<u32, ApiError> {
        Ok(1)
    }

    #[retry(attempts = 3, timeout = "1s", sleep = my_sleep)]
    async fn custom_timer(&self) -> Result<u32, ApiError> {
        Ok(1)
    }
}

fn main() {
    let _ = Client.literal();
}
