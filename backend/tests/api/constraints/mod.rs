//! The OpenAPI document states every rule the API enforces on its inputs
//! (lengths, ranges, patterns, ids), so that a client can check a form
//! before sending it with checks generated from the document.
//! This reads the served document and, for every parameter and request-body
//! property with a rule, sends each operation that takes it the values at
//! and just past each limit, and for a pattern a corpus of tricky strings;
//! the documented schema decides which ones the API must accept. A rule is
//! covered the moment it is documented, and a document that says more or
//! less than the API enforces fails here.

mod document;
mod operations;
mod values;

use std::time::Duration;

use app::config::RateLimitConfig;

use crate::support::{Json, TestApp, TestResponse};
use document::Input;
use operations::Context;
use values::Case;

#[tokio::test]
async fn the_api_accepts_exactly_the_inputs_the_document_allows() {
    // Hundreds of sign-ups and logins: no rate limit may answer instead.
    let app = TestApp::spawn_with(|config| {
        config.rate_limits = RateLimitConfig::uniform(1_000_000, Duration::from_secs(60));
    })
    .await;
    let document = app.get("/openapi.json", None).await.body;
    let inputs = document::inputs(&document);
    inputs.iter().for_each(Input::assert_checkable);
    let ruled: Vec<&Input> = inputs.iter().filter(|input| input.has_rules()).collect();
    assert!(ruled.len() > 20, "{} inputs with rules", ruled.len());

    let context = Context::new(&app, &document).await;
    let mut disagreements = Vec::new();
    let (mut count, mut allowed) = (0, 0);
    for input in ruled {
        for case in values::cases(input) {
            count += 1;
            allowed += usize::from(case.accepted);
            let mut request = operations::baseline(&context, input, &case.value).await;
            request.set(input, &case.value);
            let response = request.send(&app).await;
            if let Some(disagreement) = disagreement(input, &case, request.success, &response) {
                disagreements.push(disagreement);
            }
            context.clean().await;
        }
    }
    println!("{count} cases, {allowed} of them allowed by the document");
    assert!(
        disagreements.is_empty(),
        "{} of {count} cases: the API disagrees with its document:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// How the answer contradicts the document, if it does: an allowed value
/// must get the operation's success status; any other must get a 422
/// naming the input, and only it.
fn disagreement(
    input: &Input,
    case: &Case,
    success: u16,
    response: &TestResponse,
) -> Option<String> {
    let rejected_for_it = response.status == 422 && response.error_fields() == [input.name.clone()];
    let (agrees, verdict) = match case.accepted {
        true => (response.status == success, "allows"),
        false => (rejected_for_it, "forbids"),
    };
    let value = describe(&case.value);
    let answer = format!("{} {}", response.status, response.text);
    (!agrees)
        .then(|| format!("{input} = {value}: the document {verdict} it; the API answered {answer}"))
}

/// The value as it reads in a report: long strings shortened.
fn describe(value: &Json) -> String {
    match value.as_str() {
        Some(text) if text.chars().count() > 40 => {
            let start: String = text.chars().take(16).collect();
            format!("{start:?}… ({} characters)", text.chars().count())
        }
        _ => value.to_string(),
    }
}
