// `policy = ...` decided at run time, with the attempt number and `on_give_up`: a static is kept
// as it is; a policy that names the arguments is copied out of them.
impl Client {
    #[retry(policy = &self.config.retry, attempt = n, on_give_up = |event| log::warn!("gave up after {}", event.attempts()))]
    async fn send(&mut self, request: &Request) -> Result<Response, Error> {
        self.connection.send(request, n).await
    }
}
