//! `TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` we believe.
//!
//! Entries are addresses, CIDR blocks, or host names. A name (such as the
//! Compose service `nginx`) is resolved at start-up and every
//! `RESOLVE_EVERY` after, so the one proxy in front is trusted whatever
//! address it gets; until it resolves, nothing is trusted for it.
//!
//! A tiny CIDR matcher rather than a dependency: parsing `addr/len` and
//! comparing masked bits is all that is needed.

use std::net::IpAddr;
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How often host names are resolved again (a restarted proxy container may
/// come back with another address).
const RESOLVE_EVERY: Duration = Duration::from_secs(5);

/// An address block such as `10.0.0.0/8` or `fd00::/8`; a bare address is
/// a block of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix_len: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        // IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, as a dual-stack
        // socket reports IPv4 peers) compare as the IPv4 address they carry.
        let ip = ip.to_canonical();
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                masked(u32::from(net).into(), 32, self.prefix_len)
                    == masked(u32::from(ip).into(), 32, self.prefix_len)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                masked(net.into(), 128, self.prefix_len) == masked(ip.into(), 128, self.prefix_len)
            }
            _ => false,
        }
    }
}

/// The top `prefix_len` bits of a `bits`-wide address.
fn masked(value: u128, bits: u8, prefix_len: u8) -> u128 {
    if prefix_len == 0 {
        0
    } else {
        value >> (bits - prefix_len)
    }
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(raw: &str) -> Result<Cidr, String> {
        let (address, len) = match raw.split_once('/') {
            Some((address, len)) => (address, Some(len)),
            None => (raw, None),
        };
        let network = address
            .trim()
            .parse::<IpAddr>()
            .map_err(|_| format!("`{raw}` is not an IP address or CIDR block"))?
            .to_canonical();
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix_len = match len {
            None => max,
            Some(len) => len
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|len| *len <= max)
                .ok_or_else(|| format!("`{raw}` has a prefix length outside 0-{max}"))?,
        };
        Ok(Cidr {
            network,
            prefix_len,
        })
    }
}

/// The trusted proxies; empty (the default) trusts nobody.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    blocks: Vec<Cidr>,
    hosts: Vec<String>,
    /// The addresses the host names resolved to last.
    resolved: Arc<RwLock<Vec<IpAddr>>>,
}

impl PartialEq for TrustedProxies {
    fn eq(&self, other: &TrustedProxies) -> bool {
        self.blocks == other.blocks && self.hosts == other.hosts
    }
}

impl Eq for TrustedProxies {}

impl TrustedProxies {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.blocks.iter().any(|cidr| cidr.contains(ip))
            || (!self.hosts.is_empty()
                && self.resolved.read().is_ok_and(|found| found.contains(&ip)))
    }

    /// Resolves the host names now, then every `RESOLVE_EVERY` until the
    /// returned task is aborted; `None` when there are no names.
    pub async fn keep_resolved(&self) -> Option<tokio::task::JoinHandle<()>> {
        if self.hosts.is_empty() {
            return None;
        }
        self.resolve().await;
        let proxies = self.clone();
        Some(tokio::spawn(async move {
            loop {
                tokio::time::sleep(RESOLVE_EVERY).await;
                proxies.resolve().await;
            }
        }))
    }

    async fn resolve(&self) {
        let mut found = Vec::new();
        for host in &self.hosts {
            match tokio::net::lookup_host((host.as_str(), 0)).await {
                Ok(addresses) => found.extend(addresses.map(|a| a.ip().to_canonical())),
                Err(err) => tracing::debug!(%host, error = %err, "trusted proxy not resolved yet"),
            }
        }
        if let Ok(mut resolved) = self.resolved.write() {
            *resolved = found;
        }
    }
}

/// A DNS name: dot-separated labels of letters, digits and hyphens, with a
/// letter somewhere (so that a mistyped address is an error, not a name).
fn is_host_name(raw: &str) -> bool {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    raw.len() <= 253 && raw.split('.').all(label_ok) && raw.chars().any(|c| c.is_ascii_alphabetic())
}

impl FromStr for TrustedProxies {
    type Err = String;

    /// A comma-separated list of addresses, CIDR blocks and host names.
    fn from_str(raw: &str) -> Result<TrustedProxies, String> {
        let mut proxies = TrustedProxies::default();
        for entry in raw.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match entry.parse::<Cidr>() {
                Ok(cidr) => proxies.blocks.push(cidr),
                Err(_) if is_host_name(entry) => proxies.hosts.push(entry.to_owned()),
                Err(err) => {
                    return Err(format!("{err}, nor a host name"));
                }
            }
        }
        Ok(proxies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    #[test]
    fn a_bare_address_matches_only_itself() {
        let cidr: Cidr = "10.1.2.3".parse().unwrap();
        assert!(cidr.contains(ip("10.1.2.3")));
        assert!(!cidr.contains(ip("10.1.2.4")));
    }

    #[test]
    fn ipv4_blocks_match_by_prefix() {
        let cidr: Cidr = "172.16.0.0/12".parse().unwrap();
        assert!(cidr.contains(ip("172.16.0.1")));
        assert!(cidr.contains(ip("172.31.255.255")));
        assert!(!cidr.contains(ip("172.32.0.0")));
        assert!(!cidr.contains(ip("fd00::1")));
    }

    #[test]
    fn ipv6_blocks_match_by_prefix() {
        let cidr: Cidr = "fd00::/8".parse().unwrap();
        assert!(cidr.contains(ip("fd12:3456::1")));
        assert!(!cidr.contains(ip("fe80::1")));
        assert!(!cidr.contains(ip("10.0.0.1")));
    }

    #[test]
    fn a_zero_prefix_matches_everything_of_its_family() {
        let cidr: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(cidr.contains(ip("203.0.113.9")));
        assert!(!cidr.contains(ip("::1")));
    }

    #[test]
    fn ipv4_mapped_ipv6_peers_match_ipv4_blocks() {
        let cidr: Cidr = "127.0.0.0/8".parse().unwrap();
        assert!(cidr.contains(ip("::ffff:127.0.0.1")));
    }

    #[test]
    fn bad_entries_are_rejected() {
        for raw in [
            "10.0.0.0/33",
            "::/129",
            "localhost",
            "10.0.0.0/x",
            "10.0.0/8",
        ] {
            assert!(raw.parse::<Cidr>().is_err(), "{raw}");
        }
    }

    #[test]
    fn the_list_is_comma_separated_and_may_be_empty() {
        let proxies: TrustedProxies = " 10.0.0.0/8 , ::1 ".parse().unwrap();
        assert!(proxies.contains(ip("10.9.9.9")));
        assert!(proxies.contains(ip("::1")));
        assert!(!proxies.contains(ip("192.168.0.1")));
        let nobody: TrustedProxies = "".parse().unwrap();
        assert!(!nobody.contains(ip("127.0.0.1")));
        assert!("10.0.0.1, not a name!".parse::<TrustedProxies>().is_err());
    }

    #[test]
    fn host_names_are_trusted_once_resolved() {
        let proxies: TrustedProxies = "localhost, 10.0.0.0/8".parse().unwrap();
        assert!(!proxies.contains(ip("127.0.0.1")), "not resolved yet");
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let task = proxies.keep_resolved().await.expect("a name to resolve");
                task.abort();
            });
        assert!(proxies.contains(ip("127.0.0.1")));
        assert!(proxies.contains(ip("::ffff:127.0.0.1")));
        assert!(!proxies.contains(ip("192.168.0.1")));
    }

    #[test]
    fn a_bad_trusted_proxies_value_names_the_variable() {
        for bad in [
            "10.0.0.0/8, 10.0.0/8",
            "10.0.0.0/33",
            "proxy_1.internal",
            "10.0.0",
        ] {
            let env = super::super::env::Env::from_pairs([(
                "TRUSTED_PROXIES".to_owned(),
                bad.to_owned(),
            )]);
            let err = env
                .parse_or("TRUSTED_PROXIES", TrustedProxies::default())
                .unwrap_err();
            assert_eq!(err.variable, "TRUSTED_PROXIES");
        }
    }
}
