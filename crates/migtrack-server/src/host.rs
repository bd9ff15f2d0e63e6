//! The `Host` check against DNS rebinding: a server bound to loopback answers only requests
//! that name a loopback host (`localhost`, `127.0.0.1`, `[::1]`, with or without a port) or a
//! name given with `--allow-host`, so a page on another site whose name was re-pointed at
//! 127.0.0.1 cannot read it. A server bound to any other address answers every host.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Which `Host` values the server answers.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    /// `None`: any host (bound to a non-loopback address).
    allowed: Option<Arc<[String]>>,
}

impl HostPolicy {
    /// The policy for a server bound to `listen` with the extra names `allowed_hosts`.
    pub fn new(listen: SocketAddr, allowed_hosts: &[String]) -> HostPolicy {
        if !listen.ip().is_loopback() {
            return HostPolicy { allowed: None };
        }
        let names = allowed_hosts
            .iter()
            .map(|name| normalise(strip_port(name.trim())))
            .filter(|name| !name.is_empty())
            .collect();
        HostPolicy {
            allowed: Some(names),
        }
    }

    /// Whether a request naming `host` (a `Host` header value or a URI authority) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Some(allowed) = &self.allowed else {
            return true;
        };
        let name = normalise(strip_port(host.trim()));
        is_loopback_name(&name) || allowed.contains(&name)
    }

    fn describe(&self) -> String {
        let mut names = vec!["localhost", "127.0.0.1", "[::1]"];
        if let Some(allowed) = &self.allowed {
            names.extend(allowed.iter().map(String::as_str));
        }
        names.join(", ")
    }
}

/// Middleware: refuse (421, `host_not_allowed`) a request whose `Host` header or URI authority
/// the policy does not allow, or that names no host at all while the policy is strict.
pub async fn check(State(policy): State<HostPolicy>, request: Request, next: Next) -> Response {
    if policy.allowed.is_none() {
        return next.run(request).await;
    }
    let header_host = match request.headers().get(header::HOST) {
        Some(value) => match value.to_str() {
            Ok(text) => Some(text.to_string()),
            Err(_) => return refuse(&policy, "a Host header that is not text"),
        },
        None => None,
    };
    let uri_host = request
        .uri()
        .authority()
        .map(|authority| authority.to_string());
    if header_host.is_none() && uri_host.is_none() {
        return refuse(&policy, "no Host header");
    }
    for host in header_host.iter().chain(uri_host.iter()) {
        if !policy.allows(host) {
            return refuse(&policy, &format!("Host {host:?}"));
        }
    }
    next.run(request).await
}

fn refuse(policy: &HostPolicy, what: &str) -> Response {
    let shown: String = what.chars().take(200).collect();
    ApiError::HostNotAllowed(format!(
        "{shown} is not allowed: this server listens on loopback and answers only {} \
         (start it with `--allow-host NAME` to answer another name)",
        policy.describe()
    ))
    .into_response()
}

/// `host` without its `:port`; an IPv6 literal keeps its brackets (`[::1]:8080` → `[::1]`).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => &host[..=end],
            None => host,
        };
    }
    match host.rsplit_once(':') {
        // A bare IPv6 address has several colons and no port.
        Some((name, port)) if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    }
}

/// Lower case, without the trailing dot of a fully qualified name.
fn normalise(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// `localhost` or a loopback IP literal (`127.x.x.x`, `[::1]`): names no other site can
/// re-point.
fn is_loopback_name(name: &str) -> bool {
    if name == "localhost" {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(name);
    literal
        .parse::<IpAddr>()
        .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback(extra: &[&str]) -> HostPolicy {
        let extra: Vec<String> = extra.iter().map(|name| name.to_string()).collect();
        HostPolicy::new(SocketAddr::from(([127, 0, 0, 1], 8080)), &extra)
    }

    #[test]
    fn loopback_policy_answers_loopback_names_and_allowed_ones() {
        let policy = loopback(&["migtrack.lan", "Box.Example:9000"]);
        let cases = [
            ("localhost", true),
            ("localhost:8080", true),
            ("LOCALHOST.", true),
            ("127.0.0.1", true),
            ("127.0.0.1:8080", true),
            ("127.1.2.3:1", true),
            ("[::1]", true),
            ("[::1]:8080", true),
            ("::1", true),
            ("migtrack.lan", true),
            ("migtrack.lan:8080", true),
            ("box.example", true),
            ("evil.example", false),
            ("evil.example:8080", false),
            ("localhost.evil.example", false),
            ("127.0.0.1.evil.example", false),
            ("0.0.0.0", false),
            ("192.168.1.2:8080", false),
            ("[::2]", false),
            ("", false),
            (":8080", false),
            ("[::1", false),
        ];
        for (host, allowed) in cases {
            assert_eq!(policy.allows(host), allowed, "{host:?}");
        }
    }

    #[test]
    fn a_non_loopback_bind_answers_every_host() {
        for listen in ["0.0.0.0:8080", "192.168.1.2:80", "[::]:8080"] {
            let policy = HostPolicy::new(listen.parse().unwrap(), &[]);
            assert!(policy.allows("evil.example"), "{listen}");
        }
        let policy = HostPolicy::new("[::1]:8080".parse().unwrap(), &[]);
        assert!(!policy.allows("evil.example"));
    }
}
