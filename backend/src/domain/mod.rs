//! Domain types that parse raw input at the edge ("parse, don't validate").
//! Past the edge, a value of one of these types is known to be good. Each
//! type also states its rules as an OpenAPI schema (`Documented`), built
//! from the same constants and patterns its parser checks.

/// The characters `str::trim` removes (Unicode White_Space), as the inside
/// of a regex character class that reads the same in Rust's `regex` and in
/// ECMAScript (the dialect of OpenAPI's `pattern`), with or without its `u`
/// flag: only `\uXXXX` escapes, no `\s` (whose meaning differs between them).
macro_rules! blanks {
    () => {
        "\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
    };
}

mod dates;
mod email;
mod number;
mod pagination;
mod password;
mod reference;
mod schema;
mod text;
mod validator;

pub use dates::{Date, Timestamp};
pub use email::Email;
pub use number::Int;
pub use pagination::{Page, Pagination};
pub use password::Password;
pub use reference::{REFERENCES, Ref, Referable};
pub use schema::{Documented, nullable, parameter, required};
pub use text::{Description, FullName, Text, Title};
pub use validator::Validator;
