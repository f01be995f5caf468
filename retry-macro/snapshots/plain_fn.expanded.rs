fn read_config(path: &std::path::Path) -> std::io::Result<String> {
    let __policy = &const {
        ::reattempt::Policy::new(3)
            .delay(::core::time::Duration::from_millis(10))
            .max_elapsed(::core::time::Duration::from_secs(1))
    };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::StdClock,
        ::reattempt::__private::Unjittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = ::reattempt::__private::run_attempt(|| {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    std::io::Result<String>,
                > {
                    return __outcome;
                }
                { std::fs::read_to_string(path) }
            });
            let __result = ::reattempt::__private::as_result::<
                std::io::Result<String>,
                _,
                _,
            >(&__outcome);
            match __retry
                .next(
                    ::reattempt::__private::when(
                        __result,
                        |e| e.kind() == std::io::ErrorKind::Interrupted,
                    ),
                )
            {
                ::core::ops::ControlFlow::Break(_) => return __outcome,
                ::core::ops::ControlFlow::Continue(__wait) => __wait,
            }
        };
        if ::reattempt::__private::is_nonzero(__wait) {
            ::reattempt::__private::sleep_blocking(__wait);
        }
    }
}
