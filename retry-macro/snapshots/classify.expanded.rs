async fn get(client: &Client, url: &str) -> Result<Response, Error> {
    let __policy = &const {
        ::reattempt::Policy::new(4)
            .delay(::core::time::Duration::from_millis(100))
            .max_delay(::core::time::Duration::from_secs(10))
            .backoff(::reattempt::Backoff::exponential(2.0))
            .jitter(::reattempt::Jitter::Decorrelated)
    };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::Untimed,
        ::reattempt::__private::Jittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = async {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    Result<Response, Error>,
                > {
                    return __outcome;
                }
                { client.get(url).send().await }
            }
                .await;
            let __result = ::reattempt::__private::as_result::<
                Result<Response, Error>,
                _,
                _,
            >(&__outcome);
            match __retry
                .next(
                    ::reattempt::__private::classify(
                        __result,
                        |outcome| match outcome {
                            Ok(response) if response.status() == 503 => {
                                Decision::RetryAfter(response.retry_after())
                            }
                            Ok(_) => Decision::Return,
                            Err(error) if error.is_timeout() => Decision::Retry,
                            Err(_) => Decision::Return,
                        },
                    ),
                )
            {
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
