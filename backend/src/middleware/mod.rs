//! The HTTP middleware stack, applied in `routes::router`.

mod observe;
mod request_id;
mod timeout;
mod trailing_slash;

pub use observe::observe;
pub use request_id::{RequestId, request_id};
pub use timeout::timeout;
pub use trailing_slash::strip_trailing_slash;
