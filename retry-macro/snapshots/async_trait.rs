// A method of an `#[async_trait]` impl, as `#[retry]` receives it: `#[async_trait]` (the outer
// attribute) has already made it a plain `fn` returning a boxed future. The retry loop goes
// inside its `Box::pin(async move { ... })`, around the user's block.
impl Fetch for Client {
    #[retry(attempts = 3, delay = "100ms")]
    fn fetch<'life0, 'life1, 'async_trait>(
        &'life0 self,
        url: &'life1 str,
    ) -> ::core::pin::Pin<
        Box<dyn ::core::future::Future<Output = Result<String, Error>> + ::core::marker::Send + 'async_trait>,
    >
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            let __self = self;
            let url = url;
            let __ret: Result<String, Error> = { __self.get(url).await };
            #[allow(unreachable_code)]
            __ret
        })
    }
}
