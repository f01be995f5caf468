async fn ping(host: &str) -> Result<(), PingError> {
    let __policy = &const {
        ::my::reexport::Policy::new(2).delay(::core::time::Duration::from_secs(1))
    };
    let mut __retry = ::my::reexport::__private::Retry::<
        ::my::reexport::__private::TokioClock,
        ::my::reexport::__private::Unjittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = async {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    Result<(), PingError>,
                > {
                    return __outcome;
                }
                { send_ping(host).await }
            }
                .await;
            let __result = ::my::reexport::__private::as_result::<
                Result<(), PingError>,
                _,
                _,
            >(&__outcome);
            match __retry.next(::my::reexport::__private::decide(__result)) {
                ::core::ops::ControlFlow::Break(_) => return __outcome,
                ::core::ops::ControlFlow::Continue(__wait) => {
                    ::my::reexport::__private::notify(
                        &__retry,
                        __result,
                        __wait,
                        log_retry,
                    );
                    __wait
                }
            }
        };
        if ::my::reexport::__private::is_nonzero(__wait) {
            ::my::reexport::sleep(__wait).await;
        } else {
            ::my::reexport::__private::cooperate().await;
        }
    }
}
