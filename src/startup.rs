//! `Application::build`: the pool, migrations, secrets, mailer, first-start admin and
//! the HTTP server; `run_until_stopped` also starts the outbox worker.

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};
use secrecy::{ExposeSecret, SecretString};

use crate::auth::jwt::JwtKeys;
use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::{self, BackendKind, Db};
use crate::email::{worker, Mailer};
use crate::reminders::render::Templates;
use crate::state::AppState;

pub struct Application {
    port: u16,
    server: Server,
    /// The metrics listener (`metrics.listen`), when configured: its port and server.
    metrics: Option<(u16, Server)>,
    state: AppState,
    mailer: Arc<Mailer>,
    bootstrap_password: Option<SecretString>,
}

/// Opens the pool for the configured database (no connection is made yet).
pub fn open_db(settings: &Settings) -> anyhow::Result<Db> {
    let url = settings.database.url.expose_secret();
    let kind = BackendKind::from_url(url)?;
    let pool = db::build_pool(
        url,
        settings.database.pool_size,
        Duration::from_secs(settings.database.connect_timeout_seconds),
    )?;
    Ok(Db::new(pool, kind))
}

/// Applies pending migrations (blocking).
pub fn migrate(db: &Db) -> anyhow::Result<()> {
    let mut conn = db
        .get()
        .map_err(|_| anyhow::anyhow!("cannot connect to the database"))?;
    db::run_migrations(&mut conn)
}

/// The configured JWT secret, or outside production one generated once and kept in
/// `data_dir/jwt_secret` (mode 0600).
fn jwt_secret(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &settings.auth.jwt_secret {
        return Ok(secret.expose_secret().as_bytes().to_vec());
    }
    if settings.is_production() {
        anyhow::bail!("production requires auth.jwt_secret");
    }
    let path = settings.server.data_dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        if existing.trim().len() >= 32 {
            return Ok(existing.trim().as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(&settings.server.data_dir)?;
    let secret = format!(
        "{}{}",
        crate::auth::random_token().map_err(|e| anyhow::anyhow!("{e}"))?,
        crate::auth::random_token().map_err(|e| anyhow::anyhow!("{e}"))?
    );
    write_private(&path, &secret)?;
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(content.as_bytes())?;
    Ok(())
}

/// Everything but the HTTP server: pool (migrated), keys, hasher, templates, mailer.
/// Used by `serve` and by the CLI commands that work without HTTP.
pub async fn build_state(settings: Settings) -> anyhow::Result<(AppState, Arc<Mailer>)> {
    let settings = Arc::new(settings);
    let db = open_db(&settings)?;
    {
        let db = db.clone();
        actix_web::rt::task::spawn_blocking(move || migrate(&db)).await??;
    }
    let secret = jwt_secret(&settings)?;
    let jwt = Arc::new(JwtKeys::new(&secret, settings.auth.access_ttl_seconds));
    let totp_box = Arc::new(
        crate::auth::totp::SecretBox::from_master(&secret).map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    let page_key = {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"jpa-coord pages"), &secret);
        let mut key = [0u8; 32];
        hk.expand(b"csrf v1", &mut key)
            .map_err(|_| anyhow::anyhow!("hkdf expand"))?;
        Arc::new(key)
    };
    // Templates, catalogue and assets are compiled in: a broken one stops the start.
    // Process-wide and never switched off again (tests share one process).
    if settings.i18n.pseudo_locale {
        crate::i18n::enable_pseudo(true);
    }
    crate::web::pages().map_err(|e| anyhow::anyhow!("pages: {e:?}"))?;
    // Metrics are recorded only when someone can read them (`metrics.listen` or a token):
    // without a recorder every `metrics::` call is a no-op.
    if !settings.metrics.listen.trim().is_empty()
        || !settings.metrics.bearer_token.expose_secret().is_empty()
    {
        crate::monitoring::install();
    }
    let hasher = Hasher::new(settings.auth.hash_concurrency).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mailer = Arc::new(Mailer::from_settings(&settings.email)?);
    let templates = Arc::new(Templates::new().map_err(|e| anyhow::anyhow!("templates: {e}"))?);
    let progress_cache = Arc::new(crate::reports::cache::ProgressCache::new(
        Duration::from_secs(settings.reports.progress_cache_seconds),
    ));
    let report_permits = Arc::new(tokio::sync::Semaphore::new(
        settings.database.report_concurrency.max(1),
    ));
    let state = AppState {
        db,
        settings,
        jwt,
        hasher,
        outbox_notify: Arc::new(tokio::sync::Notify::new()),
        templates,
        report_permits,
        progress_runs: Arc::default(),
        progress_cache,
        totp_box,
        page_key,
    };
    Ok((state, mailer))
}

/// Runs reminder passes every `reminders.interval_minutes` until the process ends.
async fn run_scheduler(state: AppState) {
    let every = Duration::from_secs(state.settings.reminders.interval_minutes.max(1) * 60);
    loop {
        match state.run_reminder_pass(None).await {
            Ok(c) => tracing::info!(
                due_soon = c.due_soon,
                overdue = c.overdue,
                digest = c.digest,
                "reminder pass"
            ),
            Err(e) => tracing::warn!(error = %e, "reminder pass failed"),
        }
        tokio::time::sleep(every).await;
    }
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let (state, mailer) = build_state(settings).await?;
        let settings = state.settings.clone();
        let db = state.db.clone();
        let bootstrap_password = {
            let db = db.clone();
            let email = settings.bootstrap.admin_email.clone();
            actix_web::rt::task::spawn_blocking(move || {
                let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
                crate::operations::accounts::bootstrap_admin(&mut conn, &email)
                    .map_err(|e| anyhow::anyhow!("{e:?}"))
            })
            .await??
        };
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))?;
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state.clone());
        let origins = settings.server.cors_origins.clone();
        let mut server = HttpServer::new(move || {
            let mut cors = actix_cors::Cors::default()
                .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
                .allowed_headers([
                    actix_web::http::header::AUTHORIZATION,
                    actix_web::http::header::CONTENT_TYPE,
                    actix_web::http::header::IF_MATCH,
                ])
                .expose_headers([
                    actix_web::http::header::ETAG,
                    actix_web::http::header::RETRY_AFTER,
                ])
                .max_age(600);
            for origin in &origins {
                cors = cors.allowed_origin(origin);
            }
            App::new()
                .wrap(middleware::Condition::new(!origins.is_empty(), cors))
                .wrap(middleware::from_fn(crate::middleware::request_context))
                .app_data(data.clone())
                .route("/metrics", web::get().to(crate::monitoring::on_public_port))
                .configure(crate::routes::configure)
                .configure(crate::web::configure)
                // The docs live under /docs/; a link or a typed URL without the slash
                // gets there too.
                .service(web::redirect("/docs", "/docs/").permanent())
                .service(
                    utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}")
                        .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")),
                )
        })
        .shutdown_timeout(10)
        .listen(listener)?;
        if settings.server.workers > 0 {
            server = server.workers(settings.server.workers);
        }
        let server = server.run();
        let metrics = match settings.metrics.listen.trim() {
            "" => None,
            address => {
                let listener = TcpListener::bind(address)
                    .map_err(|e| anyhow::anyhow!("metrics.listen {address}: {e}"))?;
                let port = listener.local_addr()?.port();
                let data = web::Data::new(state.clone());
                let server = HttpServer::new(move || {
                    App::new().app_data(data.clone()).route(
                        "/metrics",
                        web::get().to(crate::monitoring::on_own_listener),
                    )
                })
                .workers(1)
                .shutdown_timeout(5)
                .listen(listener)?
                .run();
                Some((port, server))
            }
        };
        Ok(Application {
            port,
            server,
            metrics,
            state,
            mailer,
            bootstrap_password,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the metrics listener, when `metrics.listen` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub fn mailer(&self) -> Arc<Mailer> {
        self.mailer.clone()
    }

    /// The first-start admin's password, when this start created it.
    pub fn take_bootstrap_password(&mut self) -> Option<SecretString> {
        self.bootstrap_password.take()
    }

    /// Serves until the server stops, with the outbox worker alongside.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = tokio::spawn(worker::run(self.state.clone(), self.mailer.clone()));
        let scheduler = self
            .state
            .settings
            .reminders
            .enabled
            .then(|| tokio::spawn(run_scheduler(self.state.clone())));
        let metrics = self.metrics.map(|(_, server)| tokio::spawn(server));
        let upkeep = crate::monitoring::installed().map(|handle| {
            tokio::spawn(async move {
                // Histograms gather samples until drained: drained here even when
                // nobody scrapes.
                loop {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    handle.run_upkeep();
                }
            })
        });
        let folder = tokio::spawn(fold_figures(self.state.clone()));
        let result = self.server.await;
        folder.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        if let Some(upkeep) = upkeep {
            upkeep.abort();
        }
        worker.abort();
        if let Some(scheduler) = scheduler {
            scheduler.abort();
        }
        result
    }
}

/// Every second, moves the progress figures' changes into the figures
/// (`db::figures::fold`), so that readers sum few of them. Figures are exact without it:
/// it only keeps reading cheap. Every instance runs it; they take turns.
async fn fold_figures(state: AppState) {
    for tick in 1u64.. {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if tick % 10 == 0 {
            // Beside the fold for want of a better timer: memory freed by a burst of
            // requests goes back to the system within ten seconds.
            let _ = tokio::task::spawn_blocking(crate::memory::trim).await;
        }
        if let Err(e) = state
            .db
            .run(|conn| Ok(crate::db::figures::fold(conn)?))
            .await
        {
            metrics::counter!("progress_fold_failures_total").increment(1);
            tracing::warn!(error = %e, "folding progress figures failed; retried in a second");
        }
    }
}
