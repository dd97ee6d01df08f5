//! A real SMTP server for tests: `tests/smtp_server.py` (aiosmtpd) on a free
//! loopback port, run as its own process. It stores each message it accepts
//! as `<n>.json` in a fresh directory, which tests read back.

mod received;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::config::{EmailConfig, SmtpConfig};
use uuid::Uuid;

pub use received::ReceivedEmail;

const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
const INSTALL_HINT: &str = "the test SMTP server needs aiosmtpd: \
    `pip install -r backend/tests/requirements.txt` (TEST_PYTHON picks the Python to run)";

pub struct TestSmtp {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

impl TestSmtp {
    pub async fn start() -> TestSmtp {
        TestSmtp::start_failing_first(0).await
    }

    /// A server that answers the first `n` messages with a transient
    /// `451 4.3.0 Try again later` and does not store them.
    pub async fn start_failing_first(n: usize) -> TestSmtp {
        let dir = std::env::temp_dir().join(format!("app-test-smtp-{}", Uuid::new_v4().simple()));
        // The server creates the directory, so a failed start leaves none.
        let child = spawn(&dir, n);
        // Built before the server is ready, so a failed start still cleans up.
        let mut smtp = TestSmtp {
            port: 0,
            dir,
            child,
        };
        smtp.port = wait_until_ready(&mut smtp.child).await;
        smtp
    }

    /// Sends through this server: plain SMTP, no authentication.
    pub fn email_config(&self) -> EmailConfig {
        EmailConfig {
            smtp: Some(SmtpConfig {
                host: "127.0.0.1".into(),
                port: self.port,
                user: None,
                password: None,
                starttls: false,
                ssl: false,
            }),
            from_email: "noreply@example.com".into(),
            from_name: "Full Stack Rust".into(),
            ..EmailConfig::default()
        }
    }

    /// Every message received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedEmail> {
        let mut numbered: Vec<(u64, PathBuf)> = std::fs::read_dir(&self.dir)
            .expect("the mail directory is readable")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let n = path
                    .file_name()?
                    .to_str()?
                    .strip_suffix(".json")?
                    .parse()
                    .ok()?;
                Some((n, path))
            })
            .collect();
        numbered.sort();
        numbered
            .iter()
            .map(|(_, path)| ReceivedEmail::read(path))
            .collect()
    }

    /// Waits until at least `count` messages have arrived and returns them
    /// all; panics, saying how many came, if `timeout` passes first.
    pub async fn wait_for_messages(&self, count: usize, timeout: Duration) -> Vec<ReceivedEmail> {
        let deadline = Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            if Instant::now() >= deadline {
                panic!(
                    "expected {count} email(s) within {timeout:?}, {} arrived",
                    received.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for TestSmtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn spawn(dir: &Path, fail_first: usize) -> Child {
    let python = std::env::var("TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
    Command::new(&python)
        .arg(script)
        .arg("--dir")
        .arg(dir)
        .args(["--fail-first", &fail_first.to_string()])
        // The server exits when this pipe closes, even if the test process
        // is killed before it can kill the server.
        .arg("--exit-on-stdin-eof")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}; {INSTALL_HINT}"))
}

/// Reads the server's `READY <port>` line. Pipes are read on threads (the
/// runtime has no process support); stderr is kept for the panic message.
async fn wait_until_ready(child: &mut Child) -> u16 {
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = match tokio::time::timeout(STARTUP_TIMEOUT, rx).await {
        Ok(Ok(line)) => line,
        _ => String::new(),
    };
    if let Some(port) = line
        .trim()
        .strip_prefix("READY ")
        .and_then(|p| p.parse().ok())
    {
        return port;
    }
    let _ = child.kill();
    let _ = child.wait();
    let stderr = stderr.join().unwrap_or_default();
    panic!(
        "the test SMTP server did not start (no `READY <port>` line within {STARTUP_TIMEOUT:?}; \
         stdout: {line:?}); its stderr:\n{stderr}\n{INSTALL_HINT}"
    )
}

/// Reads a pipe to its end, so the server never blocks writing to it.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
