//! The `Host` check against DNS rebinding (issue 12, item 8): bound to loopback, the server
//! answers only loopback names and the `--allow-host` ones; bound elsewhere, every name.

use crate::http::Server;
use crate::{TOKEN, fixture, shared};

fn status_for_host(server: &Server, target: &str, host: &str) -> (u16, String) {
    let response = server.request("GET", target, &[("Host", host)], None);
    let code = if response.status == 200 {
        String::new()
    } else {
        response.code()
    };
    (response.status, code)
}

#[test]
fn bound_to_loopback_only_loopback_hosts_are_answered() {
    let server = shared();
    let port = server.address.port();
    let allowed = [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("LocalHost.:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ];
    let refused = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "192.168.1.20".to_string(),
        "0.0.0.0".to_string(),
    ];
    for target in ["/healthz", "/api/events", "/", "/api/nothing-here"] {
        for host in &allowed {
            let (status, _) = status_for_host(server, target, host);
            assert_ne!(status, 421, "{target} with Host {host}");
        }
        for host in &refused {
            assert_eq!(
                status_for_host(server, target, host),
                (421, "host_not_allowed".to_string()),
                "{target} with Host {host}"
            );
        }
    }
    let response = server.request("GET", "/api/events", &[("Host", "evil.example")], None);
    let message = response.json()["error"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(message.contains("evil.example"), "{message}");
    assert!(message.contains("--allow-host"), "{message}");
    assert!(
        response.header("x-content-type-options").is_some(),
        "the refusal has the security headers"
    );
}

#[test]
fn a_request_without_a_host_or_naming_another_in_its_uri_is_refused() {
    let server = shared();
    let no_host = server.raw(b"GET /healthz HTTP/1.0\r\n\r\n");
    assert_eq!(
        (no_host.status, no_host.code()),
        (421, "host_not_allowed".into())
    );
    let absolute = server.raw(
        b"GET http://evil.example/healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(absolute.status, 421, "{}", absolute.text());
    let request = format!(
        "GET http://127.0.0.1:{}/healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        server.address.port()
    );
    assert_eq!(server.raw(request.as_bytes()).status, 200);
}

#[test]
fn a_post_with_a_foreign_host_is_refused_before_anything_is_written() {
    let server = Server::start(Some(TOKEN), 1024 * 1024, fixture::build);
    let authorization = format!("Bearer {TOKEN}");
    let body = br#"[{"text": "Hungary rejected the compact on Monday.", "title": "Rebound"}]"#;
    let post = |host: &str| {
        server.request(
            "POST",
            "/api/documents",
            &[
                ("Host", host),
                ("Authorization", &authorization),
                ("Content-Type", "application/json"),
            ],
            Some(body),
        )
    };
    let response = post("evil.example");
    assert_eq!(response.status, 421, "{}", response.text());
    assert_eq!(server.get("/healthz").json()["counts"]["documents"], 3);
    let response = post("localhost");
    assert_eq!(response.status, 201, "{}", response.text());
    assert_eq!(server.get("/healthz").json()["counts"]["documents"], 4);
}

#[test]
fn allowed_hosts_are_answered_too() {
    let server = Server::start_with(None, 1024, fixture::build, |cfg| {
        cfg.allowed_hosts = vec!["migtrack.lan".into(), "Box.Example:9000".into()];
    });
    let port = server.address.port();
    for (host, status) in [
        (format!("migtrack.lan:{port}"), 200),
        ("MIGTRACK.LAN".to_string(), 200),
        ("box.example".to_string(), 200),
        (format!("localhost:{port}"), 200),
        ("other.lan".to_string(), 421),
    ] {
        assert_eq!(
            status_for_host(&server, "/healthz", &host).0,
            status,
            "{host}"
        );
    }
}

#[test]
fn bound_to_every_address_every_host_is_answered() {
    let server = Server::start_with(None, 1024, fixture::build, |cfg| {
        cfg.listen = std::net::SocketAddr::from(([0, 0, 0, 0], 0));
    });
    for host in ["evil.example", "192.168.1.20:8080", "localhost"] {
        assert_eq!(status_for_host(&server, "/healthz", host).0, 200, "{host}");
    }
}
