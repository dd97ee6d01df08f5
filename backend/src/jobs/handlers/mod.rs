//! The jobs this application defines. Each is registered in
//! `Registry::all`; periodic ones are also listed in `schedule`.

mod probe;
mod purge_tokens;
mod recover_password;
mod send_email;

pub use probe::Probe;
pub use purge_tokens::PurgeExpiredTokens;
pub use recover_password::RecoverPassword;
pub use send_email::SendEmail;
