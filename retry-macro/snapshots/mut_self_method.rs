// A `&mut self` method: every attempt reborrows `self`.
impl Connection {
    #[retry(attempts = 4, delay = "50ms", backoff = "linear", jitter = "equal")]
    async fn send(&mut self, frame: &Frame) -> Result<usize, std::io::Error> {
        self.reconnect_if_closed().await?;
        self.socket.write(frame.as_bytes()).await
    }
}
