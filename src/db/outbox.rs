//! The email outbox: every mail is a row first, delivered at least once by the worker.
//! A unique `dedupe_key` makes queueing idempotent; a lease (`lease_until`) keeps two
//! workers from sending one row at once, and an expired lease (a worker died mid-send)
//! makes the row due again.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamp};

use super::schema::email_outbox;
use super::{new_id, DbConnection};

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Every state of an outbox mail.
pub const STATUSES: [&str; 4] = [PENDING, SENDING, SENT, FAILED];

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_outbox)]
pub struct OutboxRow {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub kind: String,
    pub dedupe_key: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub message_id: String,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A mail to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub kind: String,
    pub dedupe_key: String,
}

/// Queues a mail unless one with the same dedupe key exists. Returns true when queued.
/// `message_domain` is the part after `@` in the stable Message-ID.
pub fn enqueue(
    conn: &mut DbConnection,
    mail: NewMail,
    message_domain: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let id = new_id();
    let row = OutboxRow {
        message_id: format!("<{id}@{message_domain}>"),
        id,
        recipient: mail.recipient,
        subject: mail.subject,
        body_text: mail.body_text,
        body_html: mail.body_html,
        kind: mail.kind,
        dedupe_key: mail.dedupe_key,
        status: PENDING.to_string(),
        attempts: 0,
        next_attempt_at: now,
        lease_until: None,
        last_error: None,
        sent_at: None,
        created_at: now,
        updated_at: now,
    };
    let sql = match conn {
        DbConnection::Pg(_) => {
            "INSERT INTO email_outbox (id, recipient, subject, body_text, body_html, kind, \
             dedupe_key, status, attempts, next_attempt_at, message_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12) \
             ON CONFLICT (dedupe_key) DO NOTHING"
        }
        DbConnection::Sqlite(_) => {
            "INSERT OR IGNORE INTO email_outbox (id, recipient, subject, body_text, body_html, \
             kind, dedupe_key, status, attempts, next_attempt_at, message_id, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)"
        }
    };
    let inserted = diesel::sql_query(sql)
        .bind::<Text, _>(&row.id)
        .bind::<Text, _>(&row.recipient)
        .bind::<Text, _>(&row.subject)
        .bind::<Text, _>(&row.body_text)
        .bind::<Text, _>(&row.body_html)
        .bind::<Text, _>(&row.kind)
        .bind::<Text, _>(&row.dedupe_key)
        .bind::<Text, _>(&row.status)
        .bind::<Timestamp, _>(row.next_attempt_at)
        .bind::<Text, _>(&row.message_id)
        .bind::<Timestamp, _>(row.created_at)
        .bind::<Timestamp, _>(row.updated_at)
        .execute(conn)?;
    Ok(inserted == 1)
}

/// Claims up to `limit` due rows for this worker: pending rows whose time has come and
/// sending rows whose lease expired. Each claimed row gets a lease and one more attempt.
pub fn claim_due(
    conn: &mut DbConnection,
    limit: i64,
    lease: TimeDelta,
    now: NaiveDateTime,
) -> QueryResult<Vec<OutboxRow>> {
    let lease_until = now + lease;
    let ids: Vec<String> = match conn {
        DbConnection::Pg(_) => conn.transaction(|conn| {
            #[derive(QueryableByName)]
            struct Id {
                #[diesel(sql_type = Text)]
                id: String,
            }
            let rows: Vec<Id> = diesel::sql_query(
                "SELECT id FROM email_outbox \
                 WHERE (status = 'pending' AND next_attempt_at <= $1) \
                    OR (status = 'sending' AND lease_until <= $1) \
                 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED",
            )
            .bind::<Timestamp, _>(now)
            .bind::<diesel::sql_types::BigInt, _>(limit)
            .load(conn)?;
            let ids: Vec<String> = rows.into_iter().map(|r| r.id).collect();
            mark_claimed(conn, &ids, lease_until, now)?;
            Ok::<_, diesel::result::Error>(ids)
        })?,
        DbConnection::Sqlite(sqlite) => {
            // An immediate transaction takes SQLite's write lock up front, so two
            // workers cannot both read the same due rows.
            sqlite.immediate_transaction(|conn| {
                let ids: Vec<String> = email_outbox::table
                    .filter(
                        email_outbox::status
                            .eq(PENDING)
                            .and(email_outbox::next_attempt_at.le(now))
                            .or(email_outbox::status
                                .eq(SENDING)
                                .and(email_outbox::lease_until.le(now))),
                    )
                    .order(email_outbox::next_attempt_at.asc())
                    .limit(limit)
                    .select(email_outbox::id)
                    .load(conn)?;
                diesel::update(email_outbox::table.filter(email_outbox::id.eq_any(&ids)))
                    .set((
                        email_outbox::status.eq(SENDING),
                        email_outbox::lease_until.eq(Some(lease_until)),
                        email_outbox::attempts.eq(email_outbox::attempts + 1),
                        email_outbox::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                Ok::<_, diesel::result::Error>(ids)
            })?
        }
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    email_outbox::table
        .filter(email_outbox::id.eq_any(&ids))
        .select(OutboxRow::as_select())
        .load(conn)
}

fn mark_claimed(
    conn: &mut DbConnection,
    ids: &[String],
    lease_until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::update(email_outbox::table.filter(email_outbox::id.eq_any(ids)))
        .set((
            email_outbox::status.eq(SENDING),
            email_outbox::lease_until.eq(Some(lease_until)),
            email_outbox::attempts.eq(email_outbox::attempts + 1),
            email_outbox::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::status.eq(SENT),
            email_outbox::sent_at.eq(Some(now)),
            email_outbox::lease_until.eq(None::<NaiveDateTime>),
            email_outbox::last_error.eq(None::<String>),
            email_outbox::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records a failed attempt: retried at `retry_at`, or failed for good when `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let status = if retry_at.is_some() { PENDING } else { FAILED };
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::status.eq(status),
            email_outbox::next_attempt_at.eq(retry_at.unwrap_or(now)),
            email_outbox::lease_until.eq(None::<NaiveDateTime>),
            email_outbox::last_error.eq(Some(error)),
            email_outbox::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Newest first, optionally by status.
pub fn list(
    conn: &mut DbConnection,
    status: Option<String>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let mut query = email_outbox::table
        .select(OutboxRow::as_select())
        .order((email_outbox::created_at.desc(), email_outbox::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(email_outbox::status.eq(status));
    }
    query = super::after_cursor!(query, email_outbox::created_at, email_outbox::id, after);
    query.load(conn)
}

/// How deep the outbox is: rows by status, and how long the oldest mail not yet sent
/// (pending or sending) has waited.
#[derive(Debug, Clone, Default)]
pub struct Depth {
    pub by_status: std::collections::BTreeMap<String, i64>,
    pub oldest_pending_age_seconds: i64,
}

pub fn depth(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Depth> {
    let counts: Vec<(String, i64)> = email_outbox::table
        .group_by(email_outbox::status)
        .select((email_outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    let oldest: Option<NaiveDateTime> = email_outbox::table
        .filter(email_outbox::status.eq_any([PENDING, SENDING]))
        .select(diesel::dsl::min(email_outbox::created_at))
        .first(conn)?;
    Ok(Depth {
        by_status: counts.into_iter().collect(),
        oldest_pending_age_seconds: oldest.map_or(0, |t| (now - t).num_seconds().max(0)),
    })
}
