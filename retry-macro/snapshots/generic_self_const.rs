// A value that names `Self` (or a generic parameter) cannot go in a `const` item: it takes the
// inline `const { ... }` form.
impl<S: Store> Cache<S> {
    const ATTEMPTS: u32 = 4;

    #[retry(attempts = Self::ATTEMPTS, delay = "10ms", when = |e| !Self::is_fatal(e))]
    async fn get<K: AsRef<str>>(&self, key: K) -> Result<Option<S::Value>, S::Error> {
        self.store.get(key.as_ref()).await
    }
}
