impl Connection {
    async fn send(&mut self, frame: &Frame) -> Result<usize, std::io::Error> {
        let __policy = &const {
            ::reattempt::Policy::new(4)
                .delay(::core::time::Duration::from_millis(50))
                .backoff(::reattempt::Backoff::Linear)
                .jitter(::reattempt::Jitter::Equal)
        };
        let mut __retry = ::reattempt::__private::Retry::<
            ::reattempt::__private::Untimed,
            ::reattempt::__private::Jittered,
        >::start(__policy);
        loop {
            let __wait = {
                let __outcome = async {
                    if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                        Result<usize, std::io::Error>,
                    > {
                        return __outcome;
                    }
                    {
                        self.reconnect_if_closed().await?;
                        self.socket.write(frame.as_bytes()).await
                    }
                }
                    .await;
                let __result = ::reattempt::__private::as_result::<
                    Result<usize, std::io::Error>,
                    _,
                    _,
                >(&__outcome);
                match __retry.next(::reattempt::__private::decide(__result)) {
                    ::core::ops::ControlFlow::Break(_) => return __outcome,
                    ::core::ops::ControlFlow::Continue(__wait) => __wait,
                }
            };
            if ::reattempt::__private::is_nonzero(__wait) {
                ::reattempt::sleep(__wait).await;
            } else {
                ::reattempt::__private::cooperate().await;
            }
        }
    }
}
