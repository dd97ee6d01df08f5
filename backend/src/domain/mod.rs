//! Domain types that parse raw input at the edge ("parse, don't validate").
//! Past the edge, a value of one of these types is known to be good.

mod email;
mod pagination;
mod password;
mod text;
mod validator;

pub use email::Email;
pub use pagination::{Page, Pagination};
pub use password::Password;
pub use text::{Description, FullName, Title};
pub use validator::Validator;
