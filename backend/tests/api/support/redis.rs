//! Each test's Redis keys live under their own prefix and are deleted when
//! the test ends, so tests share the server without seeing each other.

use uuid::Uuid;

/// The server tests use: `TEST_REDIS_URL`, by default the local one.
pub fn url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/0".into())
}

pub struct TestRedis {
    pub prefix: String,
}

impl TestRedis {
    pub fn new() -> TestRedis {
        TestRedis {
            prefix: format!("test:{}:", Uuid::new_v4().simple()),
        }
    }

    /// A synchronous connection, for inspecting what the app stored.
    pub fn connection(&self) -> redis::Connection {
        redis::Client::open(url())
            .unwrap()
            .get_connection()
            .expect("Redis is reachable for tests")
    }
}

impl Drop for TestRedis {
    fn drop(&mut self) {
        let Ok(mut connection) = redis::Client::open(url()).and_then(|c| c.get_connection()) else {
            return;
        };
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(format!("{}*", self.prefix))
            .query(&mut connection)
            .unwrap_or_default();
        if !keys.is_empty() {
            let _: redis::RedisResult<()> = redis::cmd("DEL").arg(keys).query(&mut connection);
        }
    }
}
