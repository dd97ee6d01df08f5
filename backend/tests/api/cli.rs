//! The binary's admin commands and its refusal to start on bad config.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Output, Stdio};

use secrecy::ExposeSecret;

use crate::support::paths::ME;
use crate::support::{
    SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, TestDatabase, assert_password_is,
    assert_unauthorized,
};

const GOOD_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The binary with `args` and `env` only of the app's settings.
fn command(env: &[(&str, &str)], args: &[&str]) -> Command {
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
    command.args(args).envs(env.iter().copied());
    command
}

fn app_command(env: &[(&str, &str)], args: &[&str]) -> Output {
    command(env, args).output().expect("the app binary runs")
}

/// As `app_command`, with `input` on stdin.
fn app_command_with_input(env: &[(&str, &str)], args: &[&str], input: &str) -> Output {
    let mut child = command(env, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // A command that refuses its arguments exits without reading its
    // input: writing to it then fails with a broken pipe, now and then.
    match stdin.write_all(input.as_bytes()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    }
    drop(stdin);
    child.wait_with_output().unwrap()
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

/// The settings that point the binary at the test app's database and Redis
/// keys, plus `extra`.
fn app_env<'a>(app: &'a TestApp, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut env = vec![
        ("DATABASE_URL", app.db.url()),
        ("REDIS_URL", app.config.redis.url.expose_secret().to_owned()),
        ("REDIS_KEY_PREFIX", app.config.redis.key_prefix.clone()),
        ("SECRET_KEY", crate::support::SECRET_KEY.to_owned()),
    ];
    env.extend(extra.iter().map(|(name, value)| (*name, value.to_string())));
    env
}

fn borrowed<'a>(env: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    env.iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

const RECREATED_ENV_WARNING: &str = "FIRST_SUPERUSER_PASSWORD is not its password";

#[tokio::test]
async fn create_superuser_warns_when_the_configured_password_is_not_the_accounts() {
    let db = TestDatabase::create().await;
    let url = db.url();
    let env = |password| {
        [
            ("DATABASE_URL", url.clone()),
            ("FIRST_SUPERUSER", "boss@example.com".to_owned()),
            ("FIRST_SUPERUSER_PASSWORD", password),
        ]
    };
    let first = env("the-first-password".to_owned());
    let created = app_command(&borrowed(&first), &["create-superuser"]);
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(
        !stderr(&created).contains("WARNING"),
        "{}",
        stderr(&created)
    );

    // .env recreated: a new generated password, the account unchanged.
    let recreated = env("a-newly-generated-password".to_owned());
    let output = app_command(&borrowed(&recreated), &["create-superuser"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("already exists"));
    let warning = stderr(&output);
    for needed in [
        "WARNING",
        "boss@example.com",
        RECREATED_ENV_WARNING,
        "make superuser-password",
    ] {
        assert!(warning.contains(needed), "{needed:?} missing in {warning}");
    }

    let same = app_command(&borrowed(&first), &["create-superuser"]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert!(!stderr(&same).contains("WARNING"), "{}", stderr(&same));
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_warns_when_the_configured_password_is_not_the_superusers() {
    let app = TestApp::spawn().await; // creates the superuser
    for (password, warned) in [
        ("not-the-superuser-password", true),
        (SUPERUSER_PASSWORD, false),
    ] {
        let env = app_env(
            &app,
            &[
                ("FIRST_SUPERUSER", SUPERUSER_EMAIL),
                ("FIRST_SUPERUSER_PASSWORD", password),
                ("API_HOST", "127.0.0.1"),
                ("API_PORT", "0"),
                ("LOG_LEVEL", "INFO"),
            ],
        );
        let mut server = command(&borrowed(&env), &["serve"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the app binary runs");
        // The superuser is checked before the API listens.
        let log: Vec<String> = BufReader::new(server.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .take_while(|line| !line.contains("API listening"))
            .collect();
        server.kill().unwrap();
        server.wait().unwrap();
        let mut errors = String::new();
        server
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut errors)
            .unwrap();
        assert_eq!(
            errors.contains(RECREATED_ENV_WARNING),
            warned,
            "{password}: {errors}"
        );
        assert_eq!(
            log.iter().any(|line| line.contains(RECREATED_ENV_WARNING)),
            warned,
            "{password}: {log:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn set_password_sets_it_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let env = app_env(&app, &[]);
    let output = app_command_with_input(
        &borrowed(&env),
        &["set-password", &user.email],
        "a-brand-new-password\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(&user.email), "{}", stdout(&output));

    assert_password_is(&app, &user, "a-brand-new-password", &user.password).await;
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
    assert_unauthorized(&app.get(ME, user.token()).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn set_password_from_env_gives_the_first_superuser_the_configured_password() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let env = app_env(
        &app,
        &[
            ("FIRST_SUPERUSER", SUPERUSER_EMAIL),
            ("FIRST_SUPERUSER_PASSWORD", "the-password-in-dotenv"),
        ],
    );
    let output = app_command(&borrowed(&env), &["set-password", "--from-env"]);
    assert!(output.status.success(), "{}", stderr(&output));

    assert_password_is(&app, &admin, "the-password-in-dotenv", SUPERUSER_PASSWORD).await;
    assert_unauthorized(&app.refresh(&admin.refresh_token).await);
    // The warning is gone: the password now matches.
    let checked = app_command(&borrowed(&env), &["create-superuser"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        !stderr(&checked).contains("WARNING"),
        "{}",
        stderr(&checked)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn set_password_refuses_bad_input_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let env = app_env(&app, &[]);
    let env = borrowed(&env);
    for (args, input, error) in [
        (
            vec!["set-password", "nobody@example.com"],
            "a-good-long-password\n",
            "no account has the email nobody@example.com",
        ),
        (
            vec!["set-password", "not-an-email"],
            "a-good-long-password\n",
            "not a valid email",
        ),
        (
            vec!["set-password", &user.email],
            "short\n",
            "at least 8 characters",
        ),
        (
            vec!["set-password", &user.email],
            "",
            "at least 8 characters",
        ),
        (
            vec!["set-password", &user.email],
            &format!("{}\n", "x".repeat(129)),
            "at most 128 characters",
        ),
        (vec!["set-password"], "a-good-long-password\n", "--from-env"),
        (
            vec!["set-password", &user.email, "--from-env"],
            "",
            "cannot be used with",
        ),
        // --from-env without FIRST_SUPERUSER set.
        (vec!["set-password", "--from-env"], "", "FIRST_SUPERUSER"),
    ] {
        let output = app_command_with_input(&env, &args, input);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            stderr(&output).contains(error),
            "{args:?}: {}",
            stderr(&output)
        );
    }

    // The password and the sessions are as they were.
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
    assert_password_is(&app, &user, &user.password, "a-good-long-password").await;
}
