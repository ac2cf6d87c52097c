//! Sign-in throttling, counted in the database so that it holds across instances.
//! Each failed attempt adds a row per key (`account:<email>`, `addr:<ip>`); a key with
//! too many rows inside the window is throttled until the oldest of them leaves it.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::login_failures;
use super::{new_id, DbConnection};

pub fn record_failure(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(new_id()),
            login_failures::throttle_key.eq(key),
            login_failures::at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Seconds until `key` may try again, or `None` when it is not throttled.
pub fn retry_after(
    conn: &mut DbConnection,
    key: &str,
    max_failures: i64,
    window_seconds: i64,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let since = now - TimeDelta::seconds(window_seconds);
    let recent: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::throttle_key.eq(key))
        .filter(login_failures::at.gt(since))
        .select(login_failures::at)
        .order(login_failures::at.desc())
        .limit(max_failures)
        .load(conn)?;
    if (recent.len() as i64) < max_failures {
        return Ok(None);
    }
    // The attempt that must age out is the max_failures-th most recent.
    let oldest = recent.last().copied().unwrap_or(now);
    let free_at = oldest + TimeDelta::seconds(window_seconds);
    Ok(Some((free_at - now).num_seconds().max(1)))
}

/// A successful sign-in clears the account's failures.
pub fn clear(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::throttle_key.eq(key)))
        .execute(conn)
        .map(|_| ())
}

/// Drops rows older than the window (called by the outbox worker's housekeeping).
pub fn prune(
    conn: &mut DbConnection,
    window_seconds: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::at.lt(now - TimeDelta::seconds(window_seconds))),
    )
    .execute(conn)
}

/// The two keys one sign-in attempt counts under: the account and the client address.
pub struct AttemptKeys {
    pub account: String,
    pub address: String,
}

impl AttemptKeys {
    /// `account` is already prefixed (`account:<email>`, `mfa:<user id>`).
    pub fn new(account: String, client_addr: Option<&str>) -> AttemptKeys {
        AttemptKeys {
            account,
            address: format!("addr:{}", client_addr.unwrap_or_default()),
        }
    }
}

/// Seconds until either key may try again, or `None` when neither is throttled.
pub fn check(
    conn: &mut DbConnection,
    keys: &AttemptKeys,
    auth: &crate::config::AuthSettings,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let window = auth.throttle_window_seconds;
    let by_account = retry_after(
        conn,
        &keys.account,
        auth.max_failures_per_account,
        window,
        now,
    )?;
    let by_address = retry_after(
        conn,
        &keys.address,
        auth.max_failures_per_address,
        window,
        now,
    )?;
    Ok(by_account.max(by_address))
}

/// Counts a failed attempt under both keys.
pub fn record(conn: &mut DbConnection, keys: &AttemptKeys, now: NaiveDateTime) -> QueryResult<()> {
    record_failure(conn, &keys.account, now)?;
    record_failure(conn, &keys.address, now)
}
