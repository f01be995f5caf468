// A retry budget shared by many calls: asked before a retry, told of a call that needs none.
#[retry(attempts = 4, delay = "50ms", budget = INVENTORY_BUDGET, classify = http::idempotent)]
async fn get_item(client: &Client, id: u64) -> Result<Response, reqwest::Error> {
    client.get(id).send().await
}
