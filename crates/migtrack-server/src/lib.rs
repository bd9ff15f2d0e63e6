//! The HTTP JSON API and the web page, served by `migtrack serve`.
//!
//! Only this crate knows HTTP and JSON wire shapes. Queries run on a pool of read-only store
//! connections; `POST /api/documents` uses a separate read-write one and needs the bearer token.
//! Hostile clients meet bounds ([`Limits`]): header and idle timeouts, a cap on requests at once
//! (503 past it) and on connections, a `POST` rate per client (429), and a `Host` check. Every error
//! goes through one table ([`error::ApiError::table`]) to a status and a stable snake_case code.

pub mod error;
mod host;
mod limits;
mod params;
pub mod relink;
mod routes;
mod state;
pub mod views;
pub mod wire;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::from_fn_with_state;
use hyper::body::Incoming;
use migtrack_store::Store;
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyDeadlineLayer;

pub use limits::Limits;
pub use state::Stores;

/// How `migtrack serve` runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to bind; `127.0.0.1:8080` by default.
    pub listen: SocketAddr,
    pub db_path: PathBuf,
    /// Bearer token for `POST`; without one, writing is disabled.
    pub token: Option<String>,
    /// Largest request body accepted (10 MiB by default).
    pub max_body_bytes: usize,
    /// Host names answered besides the loopback ones when `listen` is a loopback address
    /// (`--allow-host`); a port in a name is ignored. Bound elsewhere, every host is answered.
    pub allowed_hosts: Vec<String>,
    /// Read connections, request and connection bounds, timeouts, the `POST` rate.
    pub limits: Limits,
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db_path: PathBuf::from("migtrack.db"),
            token: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            allowed_hosts: Vec::new(),
            limits: Limits::default(),
        }
    }
}

/// The Content-Security-Policy of every response: only our own scripts, styles and data.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Build a runtime whose blocking threads are bounded, then [`serve`] until ctrl-c.
pub fn serve_blocking(cfg: ServeConfig) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store work runs on blocking threads: one per read connection at most, plus writes.
        .max_blocking_threads(cfg.limits.read_connections.max(1) + 8)
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(cfg))
}

/// Bind, log the URL, serve until ctrl-c.
pub async fn serve(cfg: ServeConfig) -> anyhow::Result<()> {
    let app = router(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        url = %format!("http://{address}/"),
        db = %migtrack_store::redact_url(&cfg.db_path.to_string_lossy()),
        writes = cfg.token.is_some(),
        "serving"
    );
    eprintln!("migtrack: serving http://{address}/ (ctrl-c to stop)");
    serve_on(listener, app, &cfg.limits, async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
}

/// Serve `app` on `listener` until `shutdown` completes, then let open connections finish
/// (for up to 10 s). HTTP/1.1 with keep-alive; each connection has `limits.header_read_timeout`
/// to send a request's headers, counted from when the server waits for them (so an idle
/// keep-alive connection closes after the same time); at most `limits.max_connections` are
/// open. Requests carry the peer address as [`axum::extract::ConnectInfo`].
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};

    let open_connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&open_connections).acquire_owned() => {
                permit.context("connection bound closed")?
            }
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before accept: go on.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let mut app = app.clone();
            async move { tower_service::Service::call(&mut app, request).await }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            drop(permit);
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => {
            tracing::warn!("connections still open 10 s after shutdown; closing them");
        }
    }
    Ok(())
}

/// The whole application on the store at `cfg.db_path` (a SQLite file or a PostgreSQL URL).
pub fn router(cfg: &ServeConfig) -> anyhow::Result<Router> {
    let stores = state::open_stores(cfg)?;
    Ok(router_with(stores, cfg))
}

/// The whole application on any [`Store`] (tests, other backends).
pub fn router_with(stores: Stores, cfg: &ServeConfig) -> Router {
    let app_state = state::AppState::new(stores, cfg);
    let security_headers = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let host_policy = host::HostPolicy::new(cfg.listen, &cfg.allowed_hosts);
    // Outermost last: headers, then the Host check, the POST rate, the request bound.
    let mut app = routes::all()
        .with_state(app_state)
        .layer(DefaultBodyLimit::max(cfg.max_body_bytes))
        .layer(RequestBodyDeadlineLayer::new(cfg.limits.body_read_timeout))
        .layer(from_fn_with_state(
            limits::InFlight::new(&cfg.limits),
            limits::bound_concurrency,
        ))
        .layer(from_fn_with_state(
            limits::PostRate::new(&cfg.limits),
            limits::limit_post_rate,
        ))
        .layer(from_fn_with_state(host_policy, host::check))
        // One span per request (method, path), its response and latency at debug level.
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::DEBUG),
                )
                .on_failure(tower_http::trace::DefaultOnFailure::new().level(tracing::Level::WARN)),
        );
    for (name, value) in security_headers {
        app = app.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// Keeps the trait in the public signature's vocabulary for callers building [`Stores`].
pub type DynStore = Box<dyn Store + Send>;
