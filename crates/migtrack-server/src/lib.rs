//! The HTTP JSON API and the web page, served by `migtrack serve`.
//!
//! Only this crate knows HTTP and JSON wire shapes. Queries run on a read-only store connection;
//! `POST /api/documents` uses a separate read-write one and needs the bearer token. Every error
//! goes through one table ([`error::ApiError::table`]) to a status and a stable snake_case code.

pub mod error;
mod host;
mod params;
mod relink;
mod routes;
mod state;
pub mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use migtrack_store::Store;
use tower_http::set_header::SetResponseHeaderLayer;

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
        }
    }
}

/// The Content-Security-Policy of every response: only our own scripts, styles and data.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Bind, log the URL, serve until ctrl-c.
pub async fn serve(cfg: ServeConfig) -> anyhow::Result<()> {
    let app = router(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        url = %format!("http://{address}/"),
        db = %cfg.db_path.display(),
        writes = cfg.token.is_some(),
        "serving"
    );
    eprintln!("migtrack: serving http://{address}/ (ctrl-c to stop)");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .context("server failed")?;
    Ok(())
}

/// The whole application on the SQLite store at `cfg.db_path`.
pub fn router(cfg: &ServeConfig) -> anyhow::Result<Router> {
    let stores = state::open_sqlite(cfg)?;
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
    let mut app = routes::all()
        .with_state(app_state)
        .layer(DefaultBodyLimit::max(cfg.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            host_policy,
            host::check,
        ));
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
