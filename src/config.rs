//! Settings and their loader.
//!
//! Layers, later wins: `config/default.toml`, `config/$JPA_ENV.toml`, then environment
//! variables `JPA__SECTION__KEY`. Every key:
//!
//! | variable | meaning |
//! |---|---|
//! | `JPA__SERVER__HOST`, `JPA__SERVER__PORT` | listen address (port 0 picks a free one) |
//! | `JPA__SERVER__PUBLIC_URL` | base of links in emails |
//! | `JPA__SERVER__DATA_DIR` | where the generated JWT secret lives (default `data`) |
//! | `JPA__SERVER__TRUST_FORWARDED_FOR` | take the client address from `X-Forwarded-For` |
//! | `JPA__SERVER__WORKERS` | HTTP worker threads, 0 = one per core |
//! | `server.cors_origins` | browser origins allowed to call the API (none by default; a list, set in a config file) |
//! | `JPA__DATABASE__URL` | `sqlite://PATH` or `postgres://...`; anything else is refused |
//! | `JPA__DATABASE__POOL_SIZE`, `JPA__DATABASE__CONNECT_TIMEOUT_SECONDS` | pool (timeout at most 3 s) |
//! | `JPA__DATABASE__REPORT_CONCURRENCY` | progress/export/compendium computations at once (they queue beyond) |
//! | `JPA__AUTH__JWT_SECRET` | HS256 key, at least 32 bytes (required in production) |
//! | `JPA__AUTH__ACCESS_TTL_SECONDS` | access token lifetime, at most 600 |
//! | `JPA__AUTH__SESSION_MAX_HOURS` | a session ends this long after sign-in, however active (12) |
//! | `JPA__AUTH__SESSION_IDLE_MINUTES` | a session ends when its refresh token goes unused this long (30) |
//! | `JPA__AUTH__THROTTLE_WINDOW_SECONDS`, `..._MAX_FAILURES_PER_ACCOUNT`, `..._MAX_FAILURES_PER_ADDRESS` | sign-in throttling |
//! | `JPA__AUTH__HASH_CONCURRENCY` | password hashes computed at once |
//! | `auth.require_mfa_roles` | roles that must enrol in two-factor sign-in first, e.g. `["admin", "co_chair"]` |
//! | `JPA__EMAIL__TRANSPORT` | `file` or `smtp` (`memory` in tests) |
//! | `JPA__EMAIL__FILE_DIR`, `JPA__EMAIL__SMTP_URL`, `JPA__EMAIL__FROM` | transports and sender |
//! | `JPA__EMAIL__SEND_TIMEOUT_SECONDS`, `JPA__EMAIL__GIVE_UP_AFTER_HOURS`, `JPA__EMAIL__RETRY_BASE_MS`, `JPA__EMAIL__POLL_INTERVAL_MS`, `JPA__EMAIL__CONCURRENCY` | outbox worker (mails in flight at once = pooled SMTP connections) |
//! | `JPA__REMINDERS__ENABLED`, `JPA__REMINDERS__INTERVAL_MINUTES` | reminder scheduler |
//! | `JPA__BOOTSTRAP__ADMIN_EMAIL` | the admin created on first start |
//! | `JPA__RETENTION__SENT_EMAIL_DAYS` | days a sent mail stays in the outbox |
//! | `JPA__REPORTS__PROGRESS_CACHE_SECONDS` | seconds a progress document is reused; writes on this instance clear it |
//! | `JPA__LOG__FORMAT` (`pretty`/`json`), `JPA__LOG__LEVEL` | logs |
//! | `JPA__METRICS__LISTEN` | address of the metrics listener serving `GET /metrics` (e.g. `127.0.0.1:9100`; empty, the default: none) |
//! | `JPA__METRICS__BEARER_TOKEN` | if set, `GET /metrics` on the public port answers this bearer token (at least 32 characters); else 404 there |
//! | `JPA__I18N__PSEUDO_LOCALE` | offer the tests' pseudo-language `en-XA` (refused in production) |

use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// All settings of one process.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub email: EmailSettings,
    pub reminders: ReminderSettings,
    pub bootstrap: BootstrapSettings,
    pub retention: RetentionSettings,
    pub reports: ReportSettings,
    pub log: LogSettings,
    #[serde(default)]
    pub i18n: I18nSettings,
    #[serde(default)]
    pub metrics: MetricsSettings,
    /// `JPA_ENV`, e.g. `production`; empty for development.
    #[serde(default)]
    pub environment: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub public_url: String,
    pub data_dir: PathBuf,
    pub trust_forwarded_for: bool,
    pub workers: usize,
    /// Browser origins allowed to call the API (CORS); none by default.
    #[serde(default)]
    pub cors_origins: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: SecretString,
    pub pool_size: u32,
    pub connect_timeout_seconds: u64,
    /// Heavy reports computed at once (progress, exports, compendium).
    pub report_concurrency: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub jwt_secret: Option<SecretString>,
    pub access_ttl_seconds: i64,
    /// Absolute session lifetime (OWASP ASVS 3.3.2, level 2: 12 hours).
    pub session_max_hours: i64,
    /// Idle limit: a refresh token older than this is refused (ASVS level 2: 30 minutes).
    pub session_idle_minutes: i64,
    pub throttle_window_seconds: i64,
    pub max_failures_per_account: i64,
    pub max_failures_per_address: i64,
    pub hash_concurrency: usize,
    /// Roles that must enrol in two-factor sign-in before anything else works.
    #[serde(default)]
    pub require_mfa_roles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EmailTransportKind {
    File,
    Smtp,
    Memory,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    pub transport: EmailTransportKind,
    pub file_dir: PathBuf,
    pub smtp_url: SecretString,
    pub from: String,
    pub send_timeout_seconds: u64,
    /// A mail still undelivered after this many hours of temporary failures is marked failed.
    pub give_up_after_hours: i64,
    pub retry_base_ms: u64,
    pub poll_interval_ms: u64,
    pub concurrency: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReminderSettings {
    pub enabled: bool,
    pub interval_minutes: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReportSettings {
    /// Seconds the dashboard's route matrix is reused (0: never). Writes through the same
    /// instance clear it at once. (The name is kept so that existing configurations still
    /// load; progress itself is not cached.)
    pub progress_cache_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RetentionSettings {
    /// Sent mails are deleted this many days after sending.
    pub sent_email_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BootstrapSettings {
    pub admin_email: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct I18nSettings {
    /// Offers the tests' pseudo-language `en-XA` (every message accented and 40% longer),
    /// so that a browser walk shows any text that escaped the catalogue. Never in production.
    #[serde(default)]
    pub pseudo_locale: bool,
}

/// `/metrics` for the people who run the service: never on the public port by default.
#[derive(Debug, Clone, Deserialize)]
pub struct MetricsSettings {
    /// `host:port` of a listener that serves only `GET /metrics`; empty: none.
    #[serde(default)]
    pub listen: String,
    /// A bearer token that may read `GET /metrics` on the public port; empty: nobody.
    #[serde(default = "no_token")]
    pub bearer_token: SecretString,
}

fn no_token() -> SecretString {
    SecretString::from(String::new())
}

impl Default for MetricsSettings {
    fn default() -> MetricsSettings {
        MetricsSettings {
            listen: String::new(),
            bearer_token: no_token(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub format: String,
    pub level: String,
}

impl Settings {
    /// Loads the layers from `config_dir` and the process environment.
    pub fn load(config_dir: &std::path::Path) -> anyhow::Result<Settings> {
        let environment = std::env::var("JPA_ENV").unwrap_or_default();
        let mut builder = config::Config::builder()
            .add_source(config::File::from(config_dir.join("default.toml")).required(true));
        if !environment.is_empty() {
            builder = builder.add_source(
                config::File::from(config_dir.join(format!("{environment}.toml"))).required(false),
            );
        }
        let raw = builder
            .add_source(
                config::Environment::with_prefix("JPA")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            )
            .set_override("environment", environment)?
            .build()?;
        let settings: Settings = raw
            .try_deserialize()
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        settings.validate()?;
        Ok(settings)
    }

    /// True when `JPA_ENV=production`.
    pub fn is_production(&self) -> bool {
        self.environment == "production"
    }

    /// Refuses settings that would run insecurely or lose data.
    pub fn validate(&self) -> anyhow::Result<()> {
        crate::db::BackendKind::from_url(self.database.url.expose_secret())?;
        if self.auth.access_ttl_seconds < 30 || self.auth.access_ttl_seconds > 600 {
            anyhow::bail!("auth.access_ttl_seconds must be between 30 and 600");
        }
        if self.database.connect_timeout_seconds == 0 || self.database.connect_timeout_seconds > 3 {
            anyhow::bail!("database.connect_timeout_seconds must be between 1 and 3");
        }
        if let Some(bad) = self
            .auth
            .require_mfa_roles
            .iter()
            .find(|r| crate::domain::Role::parse(r).is_none())
        {
            anyhow::bail!("auth.require_mfa_roles: {bad:?} is not a role");
        }
        if !(1..=720).contains(&self.auth.session_max_hours) {
            anyhow::bail!("auth.session_max_hours must be between 1 and 720");
        }
        if self.auth.session_idle_minutes * 60 <= self.auth.access_ttl_seconds
            || self.auth.session_idle_minutes > self.auth.session_max_hours * 60
        {
            anyhow::bail!(
                "auth.session_idle_minutes must be longer than an access token lives and at most session_max_hours"
            );
        }
        let token = self.metrics.bearer_token.expose_secret();
        if !token.is_empty() && token.len() < 32 {
            anyhow::bail!("metrics.bearer_token must be at least 32 characters");
        }
        if let Some(secret) = &self.auth.jwt_secret {
            if secret.expose_secret().len() < 32 {
                anyhow::bail!("auth.jwt_secret must be at least 32 bytes");
            }
        }
        if self.is_production() {
            if crate::db::BackendKind::from_url(self.database.url.expose_secret())?
                != crate::db::BackendKind::Postgres
            {
                anyhow::bail!("production requires a postgres:// database.url");
            }
            if self.email.transport != EmailTransportKind::Smtp {
                anyhow::bail!("production requires email.transport = \"smtp\"");
            }
            if self.i18n.pseudo_locale {
                anyhow::bail!("i18n.pseudo_locale is for tests; production refuses it");
            }
            if self.auth.jwt_secret.is_none() {
                anyhow::bail!("production requires auth.jwt_secret (at least 32 bytes)");
            }
        }
        Ok(())
    }
}
