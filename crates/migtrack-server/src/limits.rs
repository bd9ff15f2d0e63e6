//! Bounds against hostile clients: how many requests run at once, in all and per client
//! address (past it, 503 at once rather than a queue), how often one client may `POST` (past it, 429), and the numbers the
//! connection loop uses (read connections, header and idle timeouts, open connections).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// The server's bounds. The defaults suit one machine serving a newsroom; tests shrink them.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Read-only store connections, each serving one query at a time (default 8).
    pub read_connections: usize,
    /// Requests handled at once; one more is answered 503 `overloaded` (default 64).
    pub max_concurrent_requests: usize,
    /// Requests of one client address handled at once; one more is 503 (default 16).
    pub max_requests_per_client: usize,
    /// Open connections; past it, new ones wait in the listen backlog (default 1024).
    pub max_connections: usize,
    /// Time a client has to send a request's headers, counted from the moment the server waits
    /// for them, so it also closes a keep-alive connection idle that long (default 10 s).
    pub header_read_timeout: Option<Duration>,
    /// Time a client has to send a request's whole body, counted from the end of its head; past
    /// it the request fails with 400 and its slot is free (default 30 s).
    pub body_read_timeout: Duration,
    /// `POST` requests one client address may make in a burst (default 10) …
    pub post_burst: u32,
    /// … and how many more it earns per minute (default 30); past it, 429 `rate_limited`.
    pub post_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            read_connections: 8,
            max_concurrent_requests: 64,
            max_requests_per_client: 16,
            max_connections: 1024,
            header_read_timeout: Some(Duration::from_secs(10)),
            body_read_timeout: Duration::from_secs(30),
            post_burst: 10,
            post_per_minute: 30,
        }
    }
}

/// Requests inside the server: all of them, and per client address.
#[derive(Debug, Clone)]
pub struct InFlight {
    permits: Arc<Semaphore>,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
    max_per_client: usize,
}

impl InFlight {
    pub fn new(limits: &Limits) -> InFlight {
        InFlight {
            permits: Arc::new(Semaphore::new(limits.max_concurrent_requests.max(1))),
            per_client: Arc::new(Mutex::new(HashMap::new())),
            max_per_client: limits.max_requests_per_client.max(1),
        }
    }

    /// Count one more request from `client`, unless it already has its share running.
    fn enter(&self, client: IpAddr) -> Option<ClientSlot> {
        let mut counts = self
            .per_client
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.entry(client).or_insert(0);
        if *count >= self.max_per_client {
            return None;
        }
        *count += 1;
        Some(ClientSlot {
            client,
            per_client: Arc::clone(&self.per_client),
        })
    }
}

/// One running request of a client; counted down on drop.
struct ClientSlot {
    client: IpAddr,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut counts = self
            .per_client
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

/// Middleware: at most `max_requests_per_client` requests of one client address and
/// `max_concurrent_requests` in all are inside; one more is 503 `overloaded` at once, so a
/// flood from one address leaves room for everyone else and nothing queues without bound.
pub async fn bound_concurrency(
    State(in_flight): State<InFlight>,
    request: Request,
    next: Next,
) -> Response {
    let Some(_slot) = in_flight.enter(client_of(&request)) else {
        return overloaded();
    };
    let Ok(_permit) = Arc::clone(&in_flight.permits).try_acquire_owned() else {
        return overloaded();
    };
    next.run(request).await
}

fn overloaded() -> Response {
    let mut response = ApiError::Overloaded.into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// The peer address the connection loop records; without one (a router used on its own)
/// every request is the same client.
fn client_of(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Token buckets of `POST` allowance, one per client address.
#[derive(Debug, Clone)]
pub struct PostRate {
    burst: f64,
    per_second: f64,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// More client addresses than this and the full buckets are forgotten (they hold nothing).
const MAX_TRACKED_CLIENTS: usize = 10_000;

impl PostRate {
    pub fn new(limits: &Limits) -> PostRate {
        PostRate {
            burst: f64::from(limits.post_burst.max(1)),
            per_second: f64::from(limits.post_per_minute) / 60.0,
            buckets: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Take one `POST` from `client`'s bucket: `Ok` or how long until one is there.
    /// An IPv6 client is its /64 (one host usually has a whole /64 to pick addresses from).
    /// Past [`MAX_TRACKED_CLIENTS`] clients with allowance spent, new ones share one bucket, so
    /// the table stays bounded however many addresses a flood comes from.
    fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut client = match client {
            IpAddr::V6(address) => {
                let segments = address.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                ))
            }
            v4 => v4,
        };
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS && !buckets.contains_key(&client) {
            let (burst, per_second) = (self.burst, self.per_second);
            buckets.retain(|_, bucket| refilled(*bucket, burst, per_second, now) < burst);
            if buckets.len() >= MAX_TRACKED_CLIENTS {
                client = IpAddr::V4(Ipv4Addr::BROADCAST);
            }
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let tokens = refilled(*bucket, self.burst, self.per_second, now);
        if tokens >= 1.0 {
            *bucket = Bucket {
                tokens: tokens - 1.0,
                updated: now,
            };
            return Ok(());
        }
        *bucket = Bucket {
            tokens,
            updated: now,
        };
        if self.per_second <= 0.0 {
            return Err(Duration::from_secs(60));
        }
        Err(Duration::from_secs_f64((1.0 - tokens) / self.per_second))
    }
}

fn refilled(bucket: Bucket, burst: f64, per_second: f64, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * per_second).min(burst)
}

/// Middleware: a `POST` (any method that is not a read) past the client's allowance is 429
/// `rate_limited` with `Retry-After`, per client address (see [`bound_concurrency`]).
pub async fn limit_post_rate(
    State(rate): State<PostRate>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if let Err(wait) = rate.take(client_of(&request), Instant::now()) {
        let seconds = wait.as_secs().max(1);
        let mut response = ApiError::RateLimited(seconds).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return response;
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_has_its_share_of_requests_at_once_and_others_theirs() {
        let limits = Limits {
            max_requests_per_client: 2,
            ..Limits::default()
        };
        let in_flight = InFlight::new(&limits);
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let two: IpAddr = "192.0.2.2".parse().unwrap();
        let first = in_flight.enter(one).expect("first");
        let _second = in_flight.enter(one).expect("second");
        assert!(in_flight.enter(one).is_none(), "a third at once");
        assert!(in_flight.enter(two).is_some(), "another client");
        drop(first);
        assert!(in_flight.enter(one).is_some(), "a slot freed");
    }

    #[test]
    fn a_client_gets_its_burst_then_one_post_per_refill() {
        let limits = Limits {
            post_burst: 2,
            post_per_minute: 60,
            ..Limits::default()
        };
        let rate = PostRate::new(&limits);
        let start = Instant::now();
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let two: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(rate.take(one, start).is_ok());
        assert!(rate.take(one, start).is_ok());
        let wait = rate.take(one, start).unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(
            rate.take(two, start).is_ok(),
            "another client has its own bucket"
        );
        let later = start + Duration::from_millis(1_100);
        assert!(rate.take(one, later).is_ok());
        assert!(rate.take(one, later).is_err());
    }

    #[test]
    fn the_post_table_stays_bounded_and_ipv6_counts_by_64() {
        let limits = Limits {
            post_burst: 1,
            post_per_minute: 1,
            ..Limits::default()
        };
        let rate = PostRate::new(&limits);
        let now = Instant::now();
        let first: IpAddr = "2001:db8::1".parse().unwrap();
        let same_64: IpAddr = "2001:db8::ffff:2".parse().unwrap();
        assert!(rate.take(first, now).is_ok());
        assert!(rate.take(same_64, now).is_err(), "one /64 is one client");
        for index in 0..(MAX_TRACKED_CLIENTS as u32 + 50) {
            let _ = rate.take(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + index)), now);
        }
        let tracked = rate.buckets.lock().unwrap().len();
        assert!(tracked <= MAX_TRACKED_CLIENTS + 1, "{tracked}");
    }
}
