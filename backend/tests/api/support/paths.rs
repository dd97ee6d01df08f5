//! The routes the tests call most, spelled once.

use uuid::Uuid;

use super::Json;

pub const ITEMS: &str = "/api/v1/items/";
pub const USERS: &str = "/api/v1/users/";
pub const ME: &str = "/api/v1/users/me";
pub const MY_PASSWORD: &str = "/api/v1/users/me/password";
pub const SIGNUP: &str = "/api/v1/users/signup";
pub const TEST_TOKEN: &str = "/api/v1/login/test-token";

pub fn user_path(id: Uuid) -> String {
    format!("{USERS}{id}")
}

pub fn item_path(item: &Json) -> String {
    format!(
        "{ITEMS}{}",
        item["id"].as_str().expect("the item has an id")
    )
}
