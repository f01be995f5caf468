async fn fetch(url: &str) -> Result<String, FetchError> {
    let __policy = &const {
        ::reattempt::Policy::new(3).delay(::core::time::Duration::from_millis(100))
    };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::TokioClock,
        ::reattempt::__private::Unjittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = async {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    Result<String, FetchError>,
                > {
                    return __outcome;
                }
                { download(url).await }
            }
                .await;
            let __result = ::reattempt::__private::as_result::<
                Result<String, FetchError>,
                _,
                _,
            >(&__outcome);
            match __retry.next(::reattempt::__private::decide(__result)) {
                ::core::ops::ControlFlow::Break(__stop) => {
                    if __stop.gave_up() {
                        use ::reattempt::__private::trace::{
                            ViaDebug as _, ViaTypeName as _,
                        };
                        ::reattempt::__private::trace::gave_up(
                            "fetch",
                            &__retry,
                            __stop,
                            (&::reattempt::__private::trace::Describe(__result))
                                .__reattempt_describe(),
                        );
                    }
                    return __outcome;
                }
                ::core::ops::ControlFlow::Continue(__wait) => {
                    {
                        use ::reattempt::__private::trace::{
                            ViaDebug as _, ViaTypeName as _,
                        };
                        ::reattempt::__private::trace::retrying(
                            "fetch",
                            &__retry,
                            __wait,
                            (&::reattempt::__private::trace::Describe(__result))
                                .__reattempt_describe(),
                        );
                    }
                    ::reattempt::__private::notify(
                        &__retry,
                        __result,
                        __wait,
                        |event| metrics::increment(event.attempt()),
                    );
                    __wait
                }
            }
        };
        if ::reattempt::__private::is_nonzero(__wait) {
            ::reattempt::sleep(__wait).await;
        } else {
            ::reattempt::__private::cooperate().await;
        }
    }
}
