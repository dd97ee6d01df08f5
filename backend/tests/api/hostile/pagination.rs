//! Absurd `skip` and `limit` on every paged list: a 422 naming the
//! parameter (limits are not silently clamped), never a 500, nothing changed.
//! (The ordinary bad values are in `items::list` and
//! `users::list_and_create`.)

use super::{assert_refused, database_state};
use crate::support::TestApp;
use crate::support::documented::Fixture;

const ABSURD: &[&str] = &[
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "1000000000000000000000000000000",
    "1e3",
    "1.0",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "%201",
    "1%20",
    "%00",
    "1%00",
    "%27%3B%20DROP%20TABLE%20items%3B%20--",
    "1;DROP",
    "%E2%88%9E",
    "%FF",
];

/// Every paged list (a documented operation taking `skip` and `limit`),
/// with each caller allowed to read it: the ordinary user (who owns a row
/// of every owned collection) unless only a superuser may, and the
/// superuser (who sees everyone's rows).
async fn lists(app: &TestApp) -> Vec<(String, String)> {
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(app, &operations).await;
    let mut lists = Vec::new();
    for operation in &operations {
        if !(operation.takes_query("skip") && operation.takes_query("limit")) {
            continue;
        }
        // The tests read each list with GET.
        assert_eq!(operation.method, reqwest::Method::GET, "{operation}");
        let path = fixture.path(operation);
        if !operation.superuser_only {
            lists.push((path.clone(), fixture.user.access_token.clone()));
        }
        lists.push((path, fixture.admin.access_token.clone()));
    }
    assert!(lists.len() >= 3, "{} paged lists and callers", lists.len());
    lists
}

#[tokio::test]
async fn absurd_paging_values_are_422_naming_the_parameter_on_every_list() {
    let app = TestApp::spawn().await;
    let lists = lists(&app).await;
    let before = database_state(&app).await;
    for (list, token) in lists {
        for parameter in ["skip", "limit"] {
            for value in ABSURD {
                let path = format!("{list}?{parameter}={value}");
                let response = app.get(&path, Some(&token)).await;
                assert_refused(&response, 422);
                assert_eq!(
                    response.error_fields(),
                    [parameter],
                    "{path}: {}",
                    response.text
                );
                assert!(
                    response.detail().contains(parameter),
                    "{path}: {}",
                    response.text
                );
            }
        }
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_repeated_paging_parameter_is_422() {
    let app = TestApp::spawn().await;
    for (list, token) in lists(&app).await {
        for query in ["skip=0&skip=5", "limit=1&limit=5000", "limit=5000&limit=1"] {
            let response = app.get(&format!("{list}?{query}"), Some(&token)).await;
            assert_refused(&response, 422);
            assert!(
                response.detail().contains("duplicate field"),
                "{}",
                response.text
            );
        }
    }
}

#[tokio::test]
async fn the_largest_skip_and_limit_are_an_empty_page_with_the_full_count() {
    let app = TestApp::spawn().await;
    for (list, token) in lists(&app).await {
        let path = format!("{list}?skip={}&limit=1000", i64::MAX);
        let response = app.get(&path, Some(&token)).await;
        assert_eq!(response.status, 200, "{path}: {}", response.text);
        assert_eq!(response.body["data"], serde_json::json!([]), "{path}");
        assert!(response.body["count"].as_i64().unwrap() >= 1, "{path}");
    }
}
