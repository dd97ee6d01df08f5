//! The HTTP middleware stack, applied in `routes::router`.

mod complete;
mod observe;
mod request_id;
mod timeout;
mod trailing_slash;

pub use complete::{changes_nothing, run_to_completion};
pub use observe::observe;
pub use request_id::{RequestId, request_id};
pub use timeout::timeout;
pub use trailing_slash::strip_trailing_slash;
