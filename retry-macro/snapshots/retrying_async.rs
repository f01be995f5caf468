// `retrying!` with an `async` block in the middle of a function: the locals are borrowed, `?`
// in the block ends the attempt, `?` after `.await` the function.
async fn sync_order(client: &Client, order: &Order) -> Result<Receipt, Error> {
    let token = login(client).await?;
    let receipt = retrying!(attempts = 4, delay = "200ms", backoff = "exponential", when = |e| e.is_timeout(), async {
        client.post(&order.url).bearer_auth(&token).json(order).send().await?.json::<Receipt>().await
    })
    .await?;
    audit(&receipt).await;
    Ok(receipt)
}
