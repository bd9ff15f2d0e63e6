//! Hostile clients (issue 12, item 6): a slow read does not hold up other readers, past the
//! request bound the answer is 503 at once, half-sent requests and idle connections are
//! closed after the header timeout, and `POST`s past a client's allowance get 429.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use migtrack_server::{ServeConfig, Stores, router_with};
use migtrack_store::{
    ClaimRow, Counts, DateRow, DocumentFilter, DocumentSummary, DocumentView, EventFilter,
    EventRef, EventRow, Fact, FigureRow, LinkUnit, NewDocument, Page, Paged, PutOutcome, QuoteRow,
    RecordFilter, Result, Review, ReviewKind, SearchHit, SpeakerMention, SqliteStore, Store,
    Verdict,
};

use crate::http::Server;
use crate::{TOKEN, fixture};

/// Holds every `search("block")` until opened; counts the searches waiting in it.
#[derive(Default)]
struct Gate {
    waiting: AtomicUsize,
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn pass(&self) {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let mut open = self.open.lock().unwrap();
        while !*open {
            open = self.opened.wait(open).unwrap();
        }
    }

    fn wait_for(&self, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.waiting.load(Ordering::SeqCst) < count {
            assert!(
                Instant::now() < deadline,
                "{count} slow reads never started"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn release(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }
}

/// A read-only SQLite store whose `search("block")` waits at the gate: a read as slow as the
/// test wants.
struct SlowStore {
    inner: SqliteStore,
    gate: Arc<Gate>,
}

impl Store for SlowStore {
    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>> {
        self.inner.put_batch(docs)
    }
    fn counts(&self) -> Result<Counts> {
        self.inner.counts()
    }
    fn events(&self, filter: &EventFilter, page: Page) -> Result<Paged<EventRow>> {
        self.inner.events(filter, page)
    }
    fn quotes(&self, filter: &RecordFilter, page: Page) -> Result<Paged<QuoteRow>> {
        self.inner.quotes(filter, page)
    }
    fn dates(&self, filter: &RecordFilter, page: Page) -> Result<Paged<DateRow>> {
        self.inner.dates(filter, page)
    }
    fn figures(&self, filter: &RecordFilter, page: Page) -> Result<Paged<FigureRow>> {
        self.inner.figures(filter, page)
    }
    fn claims(&self, filter: &RecordFilter, page: Page) -> Result<Paged<ClaimRow>> {
        self.inner.claims(filter, page)
    }
    fn documents_where(
        &self,
        filter: &DocumentFilter,
        page: Page,
    ) -> Result<Paged<DocumentSummary>> {
        self.inner.documents_where(filter, page)
    }
    fn document(&self, id: i64) -> Result<DocumentView> {
        self.inner.document(id)
    }
    fn find_document(&self, id_or_source: &str) -> Result<DocumentView> {
        self.inner.find_document(id_or_source)
    }
    fn search(&self, query: &str, page: Page) -> Result<Paged<SearchHit>> {
        if query == "block" {
            self.gate.pass();
        }
        self.inner.search(query, page)
    }
    fn speaker_mentions(&self) -> Result<Vec<SpeakerMention>> {
        self.inner.speaker_mentions()
    }
    fn event_refs(&self) -> Result<Vec<EventRef>> {
        self.inner.event_refs()
    }
    fn replace_facts(&mut self, facts: &[Fact]) -> Result<()> {
        self.inner.replace_facts(facts)
    }
    fn speaker_counts(&self) -> Result<Vec<(SpeakerMention, usize)>> {
        self.inner.speaker_counts()
    }
    fn asserted_facts(
        &self,
        filter: &EventFilter,
        actions: &[migtrack_model::Action],
    ) -> Result<Vec<Fact>> {
        self.inner.asserted_facts(filter, actions)
    }
    fn link_units(&self, doc_ids: &[i64]) -> Result<Vec<LinkUnit>> {
        self.inner.link_units(doc_ids)
    }
    fn unit_event_refs(&self, units: &[LinkUnit]) -> Result<Vec<EventRef>> {
        self.inner.unit_event_refs(units)
    }
    fn replace_unit_facts(&mut self, units: &[LinkUnit], facts: &[Fact]) -> Result<()> {
        self.inner.replace_unit_facts(units, facts)
    }
    fn facts(&self, filter: &EventFilter, page: Page) -> Result<Paged<Fact>> {
        self.inner.facts(filter, page)
    }
    fn fact(&self, id: i64) -> Result<Fact> {
        self.inner.fact(id)
    }
    fn facts_stale(&self) -> Result<bool> {
        self.inner.facts_stale()
    }
    fn review(
        &mut self,
        kind: ReviewKind,
        id: i64,
        verdict: Verdict,
        note: Option<&str>,
    ) -> Result<Review> {
        self.inner.review(kind, id, verdict, note)
    }
}

/// A server on the fixture whose read connections are [`SlowStore`]s behind `gate`.
fn slow_server(gate: &Arc<Gate>, configure: impl FnOnce(&mut ServeConfig)) -> Server {
    let gate = Arc::clone(gate);
    Server::start_built(None, 1024 * 1024, fixture::build, configure, move |cfg| {
        let read = (0..cfg.limits.read_connections)
            .map(|_| {
                let inner = SqliteStore::open_read_only(&cfg.db_path).expect("open read-only");
                Box::new(SlowStore {
                    inner,
                    gate: Arc::clone(&gate),
                }) as Box<dyn Store + Send>
            })
            .collect();
        router_with(Stores { read, write: None }, cfg)
    })
}

/// `GET target` with a deadline: the status, or `None` when nothing came back in time.
fn get_within(server: &Server, target: &str, limit: Duration) -> Option<(u16, String)> {
    let stream = TcpStream::connect(server.address).expect("connect");
    stream.set_read_timeout(Some(limit)).expect("timeout");
    get_on(stream, target)
}

/// `GET target` on `stream` (the connection closed after it), read to the end: the answer's
/// status and text.
fn get_on(mut stream: TcpStream, target: &str) -> Option<(u16, String)> {
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text))
}

/// Several blocked searches in their threads; `finish` releases the gate and checks them.
fn block_searches(server: &Server, count: usize) -> Vec<std::thread::JoinHandle<Option<u16>>> {
    (0..count)
        .map(|_| {
            let address = server.address;
            std::thread::spawn(move || {
                let stream = TcpStream::connect(address).ok()?;
                get_on(stream, "/api/search?q=block").map(|(status, _)| status)
            })
        })
        .collect()
}

fn finish(gate: &Gate, blocked: Vec<std::thread::JoinHandle<Option<u16>>>) {
    gate.release();
    for handle in blocked {
        assert_eq!(handle.join().expect("thread"), Some(200));
    }
}

#[test]
fn a_slow_read_does_not_hold_up_other_readers() {
    let gate = Arc::new(Gate::default());
    let server = slow_server(&gate, |cfg| cfg.limits.read_connections = 4);
    let blocked = block_searches(&server, 1);
    gate.wait_for(1);
    for target in [
        "/healthz",
        "/api/dates?limit=1",
        "/api/events",
        "/api/status",
    ] {
        let answer = get_within(&server, target, Duration::from_secs(10));
        assert_eq!(
            answer.as_ref().map(|(status, _)| *status),
            Some(200),
            "{target} while a read is stuck: {answer:?}"
        );
    }
    finish(&gate, blocked);
}

#[test]
fn past_the_request_bound_the_answer_is_503_at_once() {
    let gate = Arc::new(Gate::default());
    let server = slow_server(&gate, |cfg| {
        cfg.limits.read_connections = 4;
        cfg.limits.max_concurrent_requests = 2;
    });
    let blocked = block_searches(&server, 2);
    gate.wait_for(2);
    let started = Instant::now();
    let (status, text) =
        get_within(&server, "/healthz", Duration::from_secs(10)).expect("an answer");
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("\"overloaded\""), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("retry-after: 1"),
        "{text}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered at once"
    );
    finish(&gate, blocked);
    assert_eq!(
        get_within(&server, "/healthz", Duration::from_secs(10)).map(|(status, _)| status),
        Some(200),
        "the bound frees up"
    );
}

/// `GET target` from the source address `from` (another loopback address is another client).
fn get_from(server: &Server, from: &str, target: &str) -> Option<u16> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let stream = runtime
        .block_on(async {
            let socket = tokio::net::TcpSocket::new_v4()?;
            socket.bind(format!("{from}:0").parse().expect("address"))?;
            socket.connect(server.address).await
        })
        .expect("connect");
    let stream = stream.into_std().expect("std stream");
    stream.set_nonblocking(false).expect("blocking");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    get_on(stream, target).map(|(status, _)| status)
}

#[test]
fn one_address_cannot_take_every_slot() {
    let gate = Arc::new(Gate::default());
    let server = slow_server(&gate, |cfg| {
        cfg.limits.read_connections = 4;
        cfg.limits.max_requests_per_client = 2;
    });
    let blocked = block_searches(&server, 2);
    gate.wait_for(2);
    assert_eq!(get_from(&server, "127.0.0.1", "/healthz"), Some(503));
    assert_eq!(
        get_from(&server, "127.0.0.2", "/healthz"),
        Some(200),
        "another address is served"
    );
    finish(&gate, blocked);
    assert_eq!(get_from(&server, "127.0.0.1", "/healthz"), Some(200));
}

fn quick_timeout_server() -> Server {
    Server::start_with(None, 1024, fixture::build, |cfg| {
        cfg.limits.header_read_timeout = Some(Duration::from_millis(300));
    })
}

/// Reads until the server closes; the time that took, or `None` if it was still open at 10 s.
fn closed_within(stream: &mut TcpStream) -> Option<(Duration, Vec<u8>)> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some((started.elapsed(), raw)),
            Ok(count) => raw.extend_from_slice(&buffer[..count]),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some((started.elapsed(), raw));
            }
            Err(_) => return None,
        }
    }
}

#[test]
fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let server = quick_timeout_server();
    let mut streams: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(server.address).expect("connect");
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                .expect("write");
            stream
        })
        .collect();
    for stream in &mut streams {
        let closed = closed_within(stream);
        assert!(
            closed
                .as_ref()
                .is_some_and(|(after, _)| *after < Duration::from_secs(5)),
            "a half-sent request stays open: {closed:?}"
        );
    }
    assert_eq!(
        server.get("/healthz").status,
        200,
        "the server still serves"
    );
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let server = quick_timeout_server();
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("write");
    let closed = closed_within(&mut stream);
    let Some((after, raw)) = closed else {
        panic!("an idle keep-alive connection stays open");
    };
    assert!(
        String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200"),
        "the request was answered first"
    );
    assert!(after < Duration::from_secs(5), "closed after {after:?}");
}

#[test]
fn a_body_sent_too_slowly_fails_and_frees_its_slot() {
    let server = Server::start_with(Some(TOKEN), 1024 * 1024, fixture::build, |cfg| {
        cfg.limits.body_read_timeout = Duration::from_millis(300);
    });
    let mut stream = TcpStream::connect(server.address).expect("connect");
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n[{{\"text\": "
    );
    stream.write_all(head.as_bytes()).expect("write");
    let closed = closed_within(&mut stream);
    let Some((after, raw)) = closed else {
        panic!("a request whose body never comes is still waiting at 10 s");
    };
    let answer = String::from_utf8_lossy(&raw).into_owned();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(after < Duration::from_secs(5), "answered after {after:?}");
}

#[test]
fn posts_past_the_client_allowance_get_429() {
    let server = Server::start_with(Some(TOKEN), 1024 * 1024, fixture::build, |cfg| {
        cfg.limits.post_burst = 2;
        cfg.limits.post_per_minute = 1;
    });
    let authorization = format!("Bearer {TOKEN}");
    let post = |text: &str| {
        let body = format!(r#"[{{"text": "{text}", "title": "Rate"}}]"#);
        server.request(
            "POST",
            "/api/documents",
            &[
                ("Authorization", &authorization),
                ("Content-Type", "application/json"),
            ],
            Some(body.as_bytes()),
        )
    };
    for text in ["Hungary rejected the compact.", "Chile joined the compact."] {
        let response = post(text);
        assert!(matches!(response.status, 200 | 201), "{}", response.text());
    }
    let response = post("Austria left the compact.");
    assert_eq!(
        (response.status, response.code().as_str()),
        (429, "rate_limited"),
        "{}",
        response.text()
    );
    let retry: u64 = response
        .header("retry-after")
        .and_then(|value| value.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    let wrong_token = server.request(
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer guess")],
        Some(b"[]"),
    );
    assert_eq!(
        wrong_token.status, 429,
        "token guesses are rate limited too"
    );
    assert_eq!(server.get("/healthz").status, 200, "reads are not limited");
    assert_eq!(server.get("/healthz").json()["counts"]["documents"], 5);
}
