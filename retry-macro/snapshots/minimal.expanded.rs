async fn fetch(client: &Client, url: &str) -> Result<String, reqwest::Error> {
    let __policy = &const { ::reattempt::Policy::new(3) };
    let mut __retry = ::reattempt::__private::Retry::<
        ::reattempt::__private::Untimed,
        ::reattempt::__private::Unjittered,
    >::start(__policy);
    loop {
        let __wait = {
            let __outcome = async {
                if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                    Result<String, reqwest::Error>,
                > {
                    return __outcome;
                }
                { client.get(url).send().await?.text().await }
            }
                .await;
            let __result = ::reattempt::__private::as_result::<
                Result<String, reqwest::Error>,
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
