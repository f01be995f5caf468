impl<S: Store> Cache<S> {
    const ATTEMPTS: u32 = 4;
    async fn get<K: AsRef<str>>(&self, key: K) -> Result<Option<S::Value>, S::Error> {
        let __policy = &const {
            ::reattempt::Policy::new(
                    ::reattempt::__private::checked_attempts(Self::ATTEMPTS),
                )
                .delay(::core::time::Duration::from_millis(10))
        };
        let mut __retry = ::reattempt::__private::Retry::<
            ::reattempt::__private::Untimed,
            ::reattempt::__private::Unjittered,
        >::start(__policy);
        loop {
            let __wait = {
                let __outcome = async {
                    if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                        Result<Option<S::Value>, S::Error>,
                    > {
                        return __outcome;
                    }
                    { self.store.get(key.as_ref()).await }
                }
                    .await;
                let __result = ::reattempt::__private::as_result::<
                    Result<Option<S::Value>, S::Error>,
                    _,
                    _,
                >(&__outcome);
                match __retry
                    .next(::reattempt::__private::when(__result, |e| !Self::is_fatal(e)))
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
}
