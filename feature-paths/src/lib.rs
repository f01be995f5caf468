//! Tests only: `tests/runtime_features.rs`. The facade is built without its features here and
//! the runtime with `tokio` and `tracing`, through its own dependency line.
