//! A tiny HTTP/1.1 client over `TcpStream` (Connection: close) and a server started on
//! 127.0.0.1:0 in its own thread: the API tests go through real sockets without a client crate.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use migtrack_server::{Limits, ServeConfig, router, serve_on};

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "status {}: body is not JSON ({error}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `error.code` of a JSON error body.
    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

pub struct Server {
    pub address: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Builds the database with `populate`, then serves it until the test process ends.
    pub fn start(
        token: Option<&str>,
        max_body_bytes: usize,
        populate: impl FnOnce(&std::path::Path),
    ) -> Server {
        Server::start_with(token, max_body_bytes, populate, |_| {})
    }

    /// Like [`Server::start`], with `configure` changing the configuration before the server
    /// binds (a `listen` port 0 takes a free port) and builds the router.
    pub fn start_with(
        token: Option<&str>,
        max_body_bytes: usize,
        populate: impl FnOnce(&std::path::Path),
        configure: impl FnOnce(&mut ServeConfig),
    ) -> Server {
        Server::start_built(token, max_body_bytes, populate, configure, |cfg| {
            router(cfg).expect("router")
        })
    }

    /// Like [`Server::start_with`], with `build` making the application from the final
    /// configuration (tests that wrap the stores).
    pub fn start_built(
        token: Option<&str>,
        max_body_bytes: usize,
        populate: impl FnOnce(&std::path::Path),
        configure: impl FnOnce(&mut ServeConfig),
        build: impl FnOnce(&ServeConfig) -> axum::Router,
    ) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_path = dir.path().join("test.db");
        populate(&db_path);
        let mut cfg = ServeConfig {
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            db_path,
            token: token.map(str::to_string),
            max_body_bytes,
            ..ServeConfig::default()
        };
        configure(&mut cfg);
        let listener = std::net::TcpListener::bind(cfg.listen).expect("bind");
        cfg.listen = listener.local_addr().expect("address");
        listener.set_nonblocking(true).expect("nonblocking");
        // Clients reach an unspecified address (0.0.0.0) through loopback.
        let mut address = cfg.listen;
        if address.ip().is_unspecified() {
            address.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let app = build(&cfg);
        Server::serve(listener, app, cfg.limits, address, dir)
    }

    /// Serve `app` on `listener` with `limits`, in its own thread.
    fn serve(
        listener: std::net::TcpListener,
        app: axum::Router,
        limits: Limits,
        address: SocketAddr,
        dir: tempfile::TempDir,
    ) -> Server {
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                serve_on(listener, app, &limits, std::future::pending())
                    .await
                    .expect("serve");
            });
        });
        Server { address, _dir: dir }
    }

    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[], None)
    }

    pub fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Response {
        let mut stream = TcpStream::connect(self.address).expect("connect");
        let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        // The server's own address is the Host unless the test gives one.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("host"))
        {
            head.push_str(&format!("Host: {}\r\n", self.address));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = body {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("write head");
        if let Some(body) = body {
            // The server may answer (413, 401) and close before reading everything.
            let _ = stream.write_all(body);
        }
        let mut raw = Vec::new();
        // A reset after a complete early answer still leaves the answer in `raw`.
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }
}

impl Server {
    /// Send `request` as given (nothing added) and read the answer until the server closes.
    pub fn raw(&self, request: &[u8]) -> Response {
        let mut stream = TcpStream::connect(self.address).expect("connect");
        stream.write_all(request).expect("write");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(line_end) = data.windows(2).position(|window| window == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        let end = (start + size).min(data.len());
        out.extend_from_slice(&data[start..end]);
        data = data.get(end + 2..).unwrap_or(&[]);
    }
}
