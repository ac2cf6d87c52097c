//! The database: one connection type over PostgreSQL and SQLite, the pool, the embedded
//! migrations, and `Db::run`, the only way handlers reach a connection (on the blocking pool).

pub mod agencies;
pub mod audit;
pub mod figures;
pub mod investigations;
pub mod jpas;
pub mod mfa;
pub mod milestones;
pub mod outbox;
pub mod outcomes;
pub mod reports;
pub mod retention;
pub mod returns;
pub mod schema;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod work_plans;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::Error;

/// Keyset pagination, newest first: keeps the rows strictly after the cursor
/// `(timestamp, id)` of the previous page's last row.
macro_rules! after_cursor {
    ($query:expr, $at:expr, $id:expr, $after:expr) => {
        match $after {
            Some((at, id)) => $query.filter($at.lt(at).or($at.eq(at).and($id.lt(id)))),
            None => $query,
        }
    };
}
pub(crate) use after_cursor;

const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Key of the PostgreSQL advisory lock held while migrations run, so two instances
/// starting together apply them once.
const MIGRATION_LOCK_KEY: i64 = 0x004a_5041_5f4d_4947;

/// One connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a URL names. Chosen from the scheme alone: an unknown scheme is an
/// error, never a silently created SQLite file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Postgres,
    Sqlite,
}

impl BackendKind {
    pub fn from_url(url: &str) -> anyhow::Result<BackendKind> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(BackendKind::Postgres)
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                anyhow::bail!(
                    "database.url sqlite:// needs a file path, e.g. sqlite://data/jpa.db"
                );
            }
            Ok(BackendKind::Sqlite)
        } else {
            anyhow::bail!(
                "database.url must start with sqlite:// or postgres:// (got a URL with another scheme)"
            )
        }
    }
}

/// Opens connections for the pool, choosing the backend from the scheme.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    kind: BackendKind,
}

impl Manager {
    pub fn new(url: &str) -> anyhow::Result<Manager> {
        Ok(Manager {
            url: url.to_string(),
            kind: BackendKind::from_url(url)?,
        })
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match self.kind {
            BackendKind::Postgres => PgConnection::establish(&self.url)
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError),
            BackendKind::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://");
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                }
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// Builds the pool without connecting: a database that is down at start answers 503
/// until it returns.
pub fn build_pool(url: &str, size: u32, connect_timeout: Duration) -> anyhow::Result<Pool> {
    let manager = Manager::new(url)?;
    let size = match manager.kind {
        // SQLite serialises writers; a few connections are plenty.
        BackendKind::Sqlite => size.clamp(1, 4),
        BackendKind::Postgres => size.max(1),
    };
    Ok(r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(connect_timeout)
        .test_on_check_out(true)
        .build_unchecked(manager))
}

/// Applies pending migrations. On PostgreSQL under an advisory lock.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
    match conn {
        DbConnection::Pg(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let result = pg
                .run_pending_migrations(PG_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!("migration failed: {e}"));
            pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            result
        }
        DbConnection::Sqlite(sqlite) => {
            // SQLite has no advisory lock: when two processes race on a fresh file, the
            // loser fails on the lock or on tables the winner made; once the winner is
            // done, a retry finds nothing pending.
            let mut attempt = 0;
            loop {
                match sqlite.run_pending_migrations(SQLITE_MIGRATIONS) {
                    Ok(_) => return Ok(()),
                    Err(e) if attempt >= 10 => anyhow::bail!("migration failed: {e}"),
                    Err(_) => {
                        attempt += 1;
                        std::thread::sleep(Duration::from_millis(100 * attempt));
                    }
                }
            }
        }
    }
}

/// The pool, shared by handlers and workers.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    kind: BackendKind,
}

impl Db {
    pub fn new(pool: Pool, kind: BackendKind) -> Db {
        Db { pool, kind }
    }

    pub fn kind(&self) -> BackendKind {
        self.kind
    }

    /// A connection for synchronous callers (CLI, startup). Not for the async executor.
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, Error> {
        checkout(&self.pool)
    }

    /// The pool's connections and idle connections now (for `/metrics`).
    pub fn pool_state(&self) -> r2d2::State {
        self.pool.state()
    }

    /// Runs `f` (an operation, usually) with a pooled connection on the blocking pool.
    pub async fn run<F, T>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        // The request's language goes along: text made in the closure is in it too.
        let lang = crate::i18n::current();
        actix_web::rt::task::spawn_blocking(move || {
            let mut conn = checkout(&pool)?;
            crate::i18n::on_this_thread(lang, || f(&mut conn))
        })
        .await
        .map_err(|e| Error::internal(format!("blocking task failed: {e}")))?
    }
}

/// A pooled connection, its wait measured (`db_pool_wait_seconds`); a timeout is 503.
fn checkout(pool: &Pool) -> Result<r2d2::PooledConnection<Manager>, Error> {
    let started = std::time::Instant::now();
    let conn = pool.get();
    metrics::histogram!("db_pool_wait_seconds").record(started.elapsed().as_secs_f64());
    conn.map_err(|_| {
        metrics::counter!("db_pool_timeouts_total").increment(1);
        Error::Unavailable
    })
}

/// Current UTC time, truncated to microseconds so both backends store it exactly.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}

/// A new id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The result of a compare-and-set write (`UPDATE .. WHERE id = ? AND version = ?`, or
/// `.. AND status = ?`): exactly one row changed, or the row had moved on since it was
/// read (another writer won), which the caller answers with `lost`.
pub fn one_row_or(rows: usize, lost: Error) -> Result<(), Error> {
    if rows == 1 {
        Ok(())
    } else {
        Err(lost)
    }
}

/// A versioned update that changed no row: the version the caller read is stale (412).
pub fn versioned(rows: usize) -> Result<(), Error> {
    one_row_or(rows, Error::Stale)
}

/// Inserts through `insert` inside a savepoint. A unique violation (another transaction
/// inserted the same key first: "at most one" is a unique index) is `Ok(false)` and
/// leaves the surrounding transaction usable, so the caller can answer with the
/// idempotent result instead of a 409.
pub fn insert_once<T>(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<T>,
) -> diesel::QueryResult<bool> {
    use diesel::result::{DatabaseErrorKind, Error};
    match conn.transaction(insert) {
        Ok(_) => Ok(true),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Serialises, until the end of the current transaction, every transaction that takes the
/// same `key`: for rules that span rows (the last active admin, throttle counters,
/// participation), where no single-row compare-and-set can hold them. PostgreSQL takes a
/// transaction-scoped advisory lock on the key's hash; on SQLite, `write_tx`'s
/// `BEGIN IMMEDIATE` already holds the database's one write lock.
pub fn lock(conn: &mut DbConnection, key: &str) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    match conn {
        DbConnection::Pg(pg) => diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind::<diesel::sql_types::Text, _>(key)
            .execute(pg)
            .map(|_| ()),
        DbConnection::Sqlite(_) => Ok(()),
    }
}

/// The shared side of `lock`: transactions holding `key` shared run side by side, and
/// wait only for (and hold off) one that takes it with `lock`. Work that relies on a fact
/// (an agency takes part, a partner stays one) takes it shared; the one change that would
/// end the fact takes it exclusively.
pub fn lock_shared(conn: &mut DbConnection, key: &str) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    match conn {
        DbConnection::Pg(pg) => {
            diesel::sql_query("SELECT pg_advisory_xact_lock_shared(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(pg)
                .map(|_| ())
        }
        DbConnection::Sqlite(_) => Ok(()),
    }
}

/// Runs `f` in a write transaction. On SQLite it is `BEGIN IMMEDIATE`: the write lock is
/// taken up front (waiting up to `busy_timeout`), so a transaction that reads and then
/// writes cannot fail with "database is locked" when another writer got in between. It
/// goes through diesel's transaction manager, so work inside may nest (savepoints).
pub fn write_tx<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    let result = f(conn);
    let DbConnection::Sqlite(sqlite) = conn else {
        return result;
    };
    match result {
        Ok(value) => match AnsiTransactionManager::commit_transaction(sqlite) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = AnsiTransactionManager::rollback_transaction(sqlite);
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            Err(e)
        }
    }
}

/// A raw SQL statement whose text is one of a fixed few (no values spliced into it: they
/// are all bound), so the connection may keep it prepared: diesel leaves every
/// `sql_query` unprepared, and PostgreSQL then parses and plans each of progress's
/// statements on every request (about a sixth of its database time at scale 50).
/// `Prepared(diesel::sql_query(sql).bind(..))`, then `.load(conn)` as usual.
#[derive(Debug, Clone)]
pub struct Prepared<Q>(pub Q);

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for Prepared<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> diesel::QueryResult<bool> {
        Ok(true)
    }
}

impl<Q> diesel::query_builder::QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: diesel::query_builder::Query> diesel::query_builder::Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> diesel::RunQueryDsl<Conn> for Prepared<Q> {}
