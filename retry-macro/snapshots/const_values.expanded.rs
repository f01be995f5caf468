const ATTEMPTS: u32 = 5;
const BASE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);
async fn poll(job: JobId) -> Result<Status, PollError> {
    let __policy = {
        const POLICY: ::reattempt::Policy = ::reattempt::__private::checked_cap(
            ::reattempt::Policy::new(::reattempt::__private::checked_attempts(ATTEMPTS))
                .delay(BASE_DELAY)
                .max_delay(::core::time::Duration::from_secs(4))
                .backoff(
                    ::reattempt::Backoff::exponential(
                        ::reattempt::__private::checked_factor(config::FACTOR),
                    ),
                ),
        );
        &POLICY
    };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::Untimed,
        ::reattempt::__private::Unjittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = async {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    Result<Status, PollError>,
                > {
                    return __outcome;
                }
                { job.status().await }
            }
                .await;
            let __result = ::reattempt::__private::as_result::<
                Result<Status, PollError>,
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
