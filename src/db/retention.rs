//! Retention: what the service stops keeping. Expired or revoked sessions (with their
//! refresh tokens) and spent or expired one-time tokens go a day after they stopped
//! working; sent mails after `retention.sent_email_days`. Audit events are never purged.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::{email_outbox, one_time_tokens, refresh_tokens, sessions};
use super::DbConnection;

/// Rows removed by one purge.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub sessions: usize,
    pub refresh_tokens: usize,
    pub one_time_tokens: usize,
    pub emails: usize,
}

pub fn purge(
    conn: &mut DbConnection,
    sent_email_days: i64,
    now: NaiveDateTime,
) -> QueryResult<Purged> {
    let grace = now - TimeDelta::days(1);
    super::write_tx(conn, |conn| {
        let dead = sessions::table
            .filter(
                sessions::expires_at
                    .lt(grace)
                    .or(sessions::revoked_at.lt(grace)),
            )
            .select(sessions::id);
        let refresh =
            diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(dead)))
                .execute(conn)?;
        let sessions = diesel::delete(
            sessions::table.filter(
                sessions::expires_at
                    .lt(grace)
                    .or(sessions::revoked_at.lt(grace)),
            ),
        )
        .execute(conn)?;
        let tokens = diesel::delete(
            one_time_tokens::table.filter(
                one_time_tokens::used_at
                    .lt(grace)
                    .or(one_time_tokens::expires_at.lt(grace)),
            ),
        )
        .execute(conn)?;
        let emails = diesel::delete(
            email_outbox::table
                .filter(email_outbox::status.eq("sent"))
                .filter(email_outbox::sent_at.lt(now - TimeDelta::days(sent_email_days.max(1)))),
        )
        .execute(conn)?;
        Ok(Purged {
            sessions,
            refresh_tokens: refresh,
            one_time_tokens: tokens,
            emails,
        })
    })
}
