//! The binary's admin commands and its refusal to start on bad config.

use std::process::{Command, Output};

use crate::support::{TestApp, TestDatabase};

const GOOD_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn app_command(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_app"));
    for variable in [
        "SECRET_KEY",
        "FIRST_SUPERUSER",
        "FIRST_SUPERUSER_PASSWORD",
        "DATABASE_URL",
        "ENVIRONMENT",
    ] {
        command.env_remove(variable);
    }
    command
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the app binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn create_superuser_is_idempotent() {
    let db = TestDatabase::create().await;
    let url = db.url();
    let env = [
        ("ENVIRONMENT", "production"),
        ("DATABASE_URL", url.as_str()),
        ("SECRET_KEY", GOOD_KEY),
        ("FIRST_SUPERUSER", "boss@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "a-real-password-42"),
    ];
    let first = app_command(&env, &["create-superuser"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("Created superuser boss@example.com"));
    let second = app_command(&env, &["create-superuser"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stdout(&second).contains("already exists"));

    let mut conn = db.connect().await;
    let superusers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE email = 'boss@example.com' AND is_superuser",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(superusers, 1);
}

#[test]
fn production_refuses_to_start_with_a_missing_short_or_placeholder_secret_key() {
    for key in [
        None,
        Some("too-short"),
        Some("changethis-changethis-changethis-changethis"),
    ] {
        let mut env = vec![("ENVIRONMENT", "production")];
        if let Some(key) = key {
            env.push(("SECRET_KEY", key));
        }
        let output = app_command(&env, &["serve"]);
        assert!(!output.status.success(), "started with SECRET_KEY={key:?}");
        assert!(
            stderr(&output).contains("SECRET_KEY"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn production_refuses_a_placeholder_first_superuser_password() {
    let env = [
        ("ENVIRONMENT", "production"),
        ("SECRET_KEY", GOOD_KEY),
        ("FIRST_SUPERUSER", "boss@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "changethis"),
    ];
    let output = app_command(&env, &["serve"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("FIRST_SUPERUSER_PASSWORD"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn invalid_settings_name_the_variable() {
    for (variable, value) in [
        ("API_PORT", "eighty"),
        ("ENVIRONMENT", "prod"),
        ("ALGORITHM", "RS256"),
        ("LOG_LEVEL", "LOUD"),
        ("SIGNUP_WELCOME_EMAIL", "maybe"),
    ] {
        let output = app_command(&[(variable, value)], &["serve"]);
        assert!(!output.status.success(), "{variable}={value} was accepted");
        assert!(stderr(&output).contains(variable), "{}", stderr(&output));
    }
}

/// A role PostgreSQL does not know, by DB_USER or in DATABASE_URL: each command
/// says so once, on one line, where and as whom it tried, and with no line of
/// PostgreSQL's C source ("at line 768").
#[tokio::test]
async fn an_unknown_database_role_is_reported_once_and_plainly() {
    let db = TestDatabase::create().await;
    let options = db.connect_options();
    let (host, port) = (
        options.get_host().to_owned(),
        options.get_port().to_string(),
    );
    let url = format!("postgres://nosuchrole@{host}:{port}/{}", db.name);
    let by_settings = [
        ("DB_HOST", host.as_str()),
        ("DB_PORT", port.as_str()),
        ("DB_USER", "nosuchrole"),
        ("DB_NAME", db.name.as_str()),
    ];
    let superuser = [
        ("FIRST_SUPERUSER", "boss@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "a-real-password-42"),
    ];
    let reason = r#"role "nosuchrole" does not exist"#;
    let place =
        format!(r#"could not connect to PostgreSQL at {host}:{port} as "nosuchrole": {reason}"#);
    for env in [by_settings.to_vec(), vec![("DATABASE_URL", url.as_str())]] {
        for (args, expected) in [
            (&["migrate", "up"][..], place.as_str()),
            (&["migrate", "status"][..], place.as_str()),
            (&["create-superuser"][..], reason),
        ] {
            let env = [env.as_slice(), &superuser].concat();
            let output = app_command(&env, args);
            let err = stderr(&output);
            assert!(!output.status.success(), "{args:?} succeeded");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.starts_with("error: "), "{args:?}: {err}");
            assert!(err.contains(expected), "{args:?}: {err}");
            assert_eq!(err.matches(reason).count(), 1, "{args:?}: {err}");
            assert!(!err.contains("line"), "{args:?}: {err}");
        }
    }
}

// Multi-threaded: the blocking child process must not stall the server.
#[tokio::test(flavor = "multi_thread")]
async fn healthcheck_exits_zero_only_when_the_api_is_ready() {
    let app = TestApp::spawn().await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    let ready = app_command(&[], &["healthcheck", "--port", &port]);
    assert!(ready.status.success(), "{}", stderr(&ready));

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let unused = listener.local_addr().unwrap().port().to_string();
    drop(listener);
    let down = app_command(&[], &["healthcheck", "--port", &unused]);
    assert!(!down.status.success());
}

#[tokio::test(flavor = "multi_thread")]
async fn healthcheck_probes_the_worker_with_its_port_and_path() {
    let app = TestApp::spawn().await;
    let worker = crate::support::TestWorker::spawn(&app).await;
    let port = worker.metrics_url.rsplit(':').next().unwrap();
    let port = port.trim_end_matches("/metrics").to_owned();
    let healthy = app_command(&[], &["healthcheck", "--port", &port, "--path", "/health"]);
    assert!(healthy.status.success(), "{}", stderr(&healthy));
    // The worker has no /health/ready: the default path is the API's.
    let wrong_path = app_command(&[], &["healthcheck", "--port", &port]);
    assert!(!wrong_path.status.success());
    for bad in ["health", "/he alth", "/x\r\nHost: evil"] {
        let refused = app_command(&[], &["healthcheck", "--port", &port, "--path", bad]);
        assert!(!refused.status.success(), "{bad:?} was accepted");
        assert!(
            stderr(&refused).contains("--path must start with /"),
            "{}",
            stderr(&refused)
        );
    }
    worker.stop().await;
}
