impl Fetch for Client {
    fn fetch<'life0, 'life1, 'async_trait>(
        &'life0 self,
        url: &'life1 str,
    ) -> ::core::pin::Pin<
        Box<
            dyn ::core::future::Future<
                Output = Result<String, Error>,
            > + ::core::marker::Send + 'async_trait,
        >,
    >
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            let __self = self;
            let url = url;
            let __ret: Result<String, Error> = {
                let __policy = &const {
                    ::reattempt::Policy::new(3)
                        .delay(::core::time::Duration::from_millis(100))
                };
                let mut __retry = ::reattempt::__private::Retry::<
                    ::reattempt::__private::Untimed,
                    ::reattempt::__private::Unjittered,
                >::start(__policy);
                loop {
                    let __wait = {
                        let __outcome = async {
                            if let ::core::option::Option::Some(__outcome) = ::core::option::Option::None::<
                                Result<String, Error>,
                            > {
                                return __outcome;
                            }
                            { __self.get(url).await }
                        }
                            .await;
                        let __result = ::reattempt::__private::as_result::<
                            Result<String, Error>,
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
            };
            #[allow(unreachable_code)] __ret
        })
    }
}
