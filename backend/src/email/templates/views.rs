//! The Askama template types. Askama ties one template file to one type, so
//! each email has two types with the same fields: one for its HTML, one for
//! its plain text.

use askama::Template;

#[derive(Template)]
#[template(path = "email/new_account.html")]
pub(super) struct NewAccountHtml<'a> {
    pub(super) project_name: &'a str,
    pub(super) username: &'a str,
    pub(super) link: &'a str,
}

#[derive(Template)]
#[template(path = "email/new_account.txt")]
pub(super) struct NewAccountText<'a> {
    pub(super) project_name: &'a str,
    pub(super) username: &'a str,
    pub(super) link: &'a str,
}

#[derive(Template)]
#[template(path = "email/reset_password.html")]
pub(super) struct ResetPasswordHtml<'a> {
    pub(super) project_name: &'a str,
    pub(super) email: &'a str,
    pub(super) link: &'a str,
    pub(super) valid_for: &'a str,
}

#[derive(Template)]
#[template(path = "email/reset_password.txt")]
pub(super) struct ResetPasswordText<'a> {
    pub(super) project_name: &'a str,
    pub(super) email: &'a str,
    pub(super) link: &'a str,
    pub(super) valid_for: &'a str,
}

#[derive(Template)]
#[template(path = "email/test_email.html")]
pub(super) struct TestEmailHtml<'a> {
    pub(super) project_name: &'a str,
    pub(super) email: &'a str,
}

#[derive(Template)]
#[template(path = "email/test_email.txt")]
pub(super) struct TestEmailText<'a> {
    pub(super) project_name: &'a str,
    pub(super) email: &'a str,
}

#[derive(Template)]
#[template(path = "email/email_changed.html")]
pub(super) struct EmailChangedHtml<'a> {
    pub(super) project_name: &'a str,
    pub(super) old_email: &'a str,
    pub(super) new_email: &'a str,
    pub(super) link: &'a str,
    pub(super) valid_for: &'a str,
}

#[derive(Template)]
#[template(path = "email/email_changed.txt")]
pub(super) struct EmailChangedText<'a> {
    pub(super) project_name: &'a str,
    pub(super) old_email: &'a str,
    pub(super) new_email: &'a str,
    pub(super) link: &'a str,
    pub(super) valid_for: &'a str,
}
