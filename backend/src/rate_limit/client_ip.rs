//! Who the client is, as far as rate limits (and logs) are concerned.
//!
//! Behind a reverse proxy every request comes from the proxy, and the client
//! is named in `X-Forwarded-For`. That header is written by whoever sends the
//! request, so it is believed only when the TCP peer is a trusted proxy, and
//! then read from the right: each trusted proxy appends the address it saw,
//! so the right-most address that is not itself a trusted proxy is the
//! client. Anything further left was supplied by the client and may be
//! forged.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::config::TrustedProxies;
use crate::error::AppError;
use crate::state::AppState;

/// The client's address: the peer, or what trusted proxies say it is.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for entry in forwarded.rev() {
        match parse_entry(entry) {
            Some(ip) if trusted.contains(ip) => continue,
            Some(ip) => return ip,
            // A trusted proxy would not have written this: stop believing.
            None => return peer,
        }
    }
    peer
}

/// `1.2.3.4`, `2001:db8::1`, or either with a port (`[2001:db8::1]:443`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// Extracts the [`client_ip`] of the request.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ConnectInfo(peer) = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .copied()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("no peer address on the request")))?;
        Ok(ClientIp(client_ip(
            peer.ip(),
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn proxies(raw: &str) -> TrustedProxies {
        raw.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let headers = forwarded(&["198.51.100.1"]);
        let got = client_ip(ip("203.0.113.5"), &headers, &TrustedProxies::default());
        assert_eq!(got, ip("203.0.113.5"));
    }

    #[test]
    fn a_spoofed_header_from_an_untrusted_peer_is_ignored() {
        let headers = forwarded(&["198.51.100.1"]);
        let got = client_ip(ip("203.0.113.5"), &headers, &proxies("10.0.0.0/8"));
        assert_eq!(got, ip("203.0.113.5"));
    }

    #[test]
    fn a_trusted_peer_names_the_client() {
        let headers = forwarded(&["198.51.100.1"]);
        let got = client_ip(ip("10.0.0.2"), &headers, &proxies("10.0.0.0/8"));
        assert_eq!(got, ip("198.51.100.1"));
    }

    #[test]
    fn the_rightmost_untrusted_address_wins_over_client_supplied_ones() {
        // The client sent "X-Forwarded-For: 1.1.1.1"; the edge proxy appended
        // the real client, the inner proxy appended the edge proxy.
        let headers = forwarded(&["1.1.1.1, 198.51.100.1, 10.0.0.9"]);
        let got = client_ip(ip("10.0.0.2"), &headers, &proxies("10.0.0.0/8"));
        assert_eq!(got, ip("198.51.100.1"));
    }

    #[test]
    fn several_header_lines_read_as_one_list() {
        let headers = forwarded(&["1.1.1.1", "198.51.100.1", "10.0.0.9"]);
        let got = client_ip(ip("10.0.0.2"), &headers, &proxies("10.0.0.0/8"));
        assert_eq!(got, ip("198.51.100.1"));
    }

    #[test]
    fn the_peer_is_used_when_the_header_is_missing_all_trusted_or_garbled() {
        let trusted = proxies("10.0.0.0/8");
        let peer = ip("10.0.0.2");
        assert_eq!(client_ip(peer, &HeaderMap::new(), &trusted), peer);
        assert_eq!(client_ip(peer, &forwarded(&["10.0.0.7"]), &trusted), peer);
        assert_eq!(
            client_ip(peer, &forwarded(&["1.1.1.1, unknown"]), &trusted),
            peer
        );
    }

    #[test]
    fn addresses_with_ports_and_mapped_peers_are_understood() {
        let trusted = proxies("127.0.0.1");
        let headers = forwarded(&["[2001:db8::7]:4711"]);
        let got = client_ip(ip("::ffff:127.0.0.1"), &headers, &trusted);
        assert_eq!(got, ip("2001:db8::7"));
        let got = client_ip(ip("127.0.0.1"), &forwarded(&["198.51.100.1:80"]), &trusted);
        assert_eq!(got, ip("198.51.100.1"));
    }
}
