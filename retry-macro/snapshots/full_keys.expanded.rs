pub async fn upload(
    store: &Store,
    id: u64,
    body: &[u8],
) -> Result<Receipt, UploadError> {
    let __policy = &const {
        ::reattempt::Policy::new(5)
            .delay(::core::time::Duration::from_millis(200))
            .max_delay(::core::time::Duration::from_secs(5))
            .max_elapsed(::core::time::Duration::from_secs(90))
            .backoff(::reattempt::Backoff::exponential(1.5))
            .jitter(::reattempt::Jitter::Full)
    };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::StdClock,
        ::reattempt::__private::Jittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = ::reattempt::__private::into_outcome(
                ::reattempt::__private::timeout(
                        ::core::time::Duration::from_millis(2500),
                        my_runtime::time::sleep,
                        async {
                            if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                                Result<Receipt, UploadError>,
                            > {
                                return __outcome;
                            }
                            { store.put(id, body).await }
                        },
                    )
                    .await,
            );
            let __result = ::reattempt::__private::as_result::<
                Result<Receipt, UploadError>,
                _,
                _,
            >(&__outcome);
            match __retry
                .next(
                    ::reattempt::__private::when(__result, |error| error.is_transient()),
                )
            {
                ::core::ops::ControlFlow::Break(_) => return __outcome,
                ::core::ops::ControlFlow::Continue(__wait) => {
                    ::reattempt::__private::notify(
                        &__retry,
                        __result,
                        __wait,
                        |event| {
                            eprintln!(
                                "{id}: attempt {} failed, retrying in {:?}", event
                                .attempt(), event.wait()
                            )
                        },
                    );
                    __wait
                }
            }
        };
        if ::reattempt::__private::is_nonzero(__wait) {
            ::reattempt::__private::custom_sleep(my_runtime::time::sleep, __wait).await;
        } else {
            ::reattempt::__private::yield_now().await;
        }
    }
}
