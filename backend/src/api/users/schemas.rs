//! Wire shapes of the users API and their parsing into domain types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::NewAccount;
use crate::db::users::{Account, User};
use crate::domain::{Email, FullName, Password, Validator, nullable, required};
use crate::error::AppResult;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPublic {
    pub id: Uuid,
    pub email: String,
    pub is_active: bool,
    pub is_superuser: bool,
    pub full_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserPublic {
    fn from(user: User) -> UserPublic {
        Account::from(user).into()
    }
}

impl From<Account> for UserPublic {
    fn from(user: Account) -> UserPublic {
        UserPublic {
            id: user.id,
            email: user.email,
            is_active: user.is_active,
            is_superuser: user.is_superuser,
            full_name: user.full_name,
            created_at: user.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UsersPublic {
    pub data: Vec<UserPublic>,
    pub count: i64,
}

/// A new user, created by a superuser.
#[derive(Deserialize, ToSchema)]
pub struct UserCreate {
    #[schema(schema_with = required::<Email>)]
    email: String,
    #[schema(schema_with = required::<Password>)]
    password: String,
    #[schema(schema_with = nullable::<FullName>)]
    full_name: Option<String>,
    #[serde(default = "yes")]
    #[schema(default = true)]
    is_active: bool,
    #[serde(default)]
    is_superuser: bool,
}

fn yes() -> bool {
    true
}

/// Self-service sign-up.
#[derive(Deserialize, ToSchema)]
pub struct UserRegister {
    #[schema(schema_with = required::<Email>)]
    email: String,
    #[schema(schema_with = required::<Password>)]
    password: String,
    #[schema(schema_with = nullable::<FullName>)]
    full_name: Option<String>,
}

/// Changes to the caller's own profile.
#[derive(Deserialize, ToSchema)]
pub struct UserUpdateMe {
    #[schema(schema_with = nullable::<FullName>)]
    full_name: Option<String>,
    #[schema(schema_with = nullable::<Email>)]
    email: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct UpdatePassword {
    /// The account's password as it is: any string, since the length rules
    /// of new passwords may have changed since it was set.
    pub current_password: String,
    #[schema(schema_with = required::<Password>)]
    new_password: String,
}

/// Changes to any user, by a superuser.
#[derive(Deserialize, ToSchema)]
pub struct UserUpdate {
    #[schema(schema_with = nullable::<Email>)]
    email: Option<String>,
    #[schema(schema_with = nullable::<Password>)]
    password: Option<String>,
    #[schema(schema_with = nullable::<FullName>)]
    full_name: Option<String>,
    is_active: Option<bool>,
    is_superuser: Option<bool>,
}

/// Checked profile changes.
pub struct ProfileChanges {
    pub email: Option<Email>,
    pub full_name: Option<FullName>,
    pub password: Option<Password>,
    pub is_active: Option<bool>,
    pub is_superuser: Option<bool>,
}

impl UserCreate {
    pub fn parse(self) -> AppResult<NewAccount> {
        Ok(NewAccount {
            is_active: self.is_active,
            is_superuser: self.is_superuser,
            ..NewAccount::parse(self.email, self.password, self.full_name)?
        })
    }
}

impl UserRegister {
    pub fn parse(self) -> AppResult<NewAccount> {
        NewAccount::parse(self.email, self.password, self.full_name)
    }
}

impl UserUpdateMe {
    pub fn parse(self) -> AppResult<ProfileChanges> {
        UserUpdate {
            email: self.email,
            full_name: self.full_name,
            password: None,
            is_active: None,
            is_superuser: None,
        }
        .parse()
    }
}

impl UserUpdate {
    pub fn parse(self) -> AppResult<ProfileChanges> {
        let mut v = Validator::default();
        let email = v.check_optional("email", self.email, Email::parse);
        let full_name = v.check_optional("full_name", self.full_name, FullName::parse);
        let password = v.check_optional("password", self.password, Password::parse);
        v.finish()?;
        Ok(ProfileChanges {
            email: email.flatten(),
            full_name: full_name.flatten(),
            password: password.flatten(),
            is_active: self.is_active,
            is_superuser: self.is_superuser,
        })
    }
}

impl UpdatePassword {
    pub fn parse_new(&self) -> AppResult<Password> {
        let mut v = Validator::default();
        let password = v.check("new_password", Password::parse(self.new_password.clone()));
        v.finish()?;
        Ok(password.expect("validated"))
    }
}
