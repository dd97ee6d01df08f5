//! `app healthcheck`: asks a local endpoint (the API's `/health/ready` by
//! default; the worker's `/health` with `--port 9100 --path /health`) and
//! exits 0 when it answers 200. Written for container health checks in
//! images without curl, so it needs nothing but a TCP socket.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(3);

pub fn check(port: u16, path: &str) -> anyhow::Result<()> {
    let valid = path.starts_with('/') && !path.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid {
        anyhow::bail!("--path must start with / and contain no spaces (got {path:?})");
    }
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.take(4096).read_to_string(&mut response)?;
    let status_line = response.lines().next().unwrap_or_default();
    if status_line.split_whitespace().nth(1) == Some("200") {
        Ok(())
    } else {
        anyhow::bail!("not ready: {status_line}")
    }
}
