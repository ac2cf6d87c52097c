//! Sign-in throttling, counted in the database so that it holds across instances.
//!
//! Every attempt to verify a secret (a password, a second-factor code) first **reserves**
//! a row under its keys (`account:<email>` or `mfa:<user id>`, and `addr:<ip>`), in one
//! transaction that counts and inserts under a lock, and only then is the secret
//! verified. So N parallel guesses evaluate at most the limit: the others find the limit
//! reached and are throttled before any hash is computed. A failed attempt keeps its
//! rows (they are the failure record); a successful one releases them, and a successful
//! sign-in clears the account's failures.
//!
//! Limits (NIST SP 800-63B 5.2.2, OWASP Authentication Cheat Sheet): per account
//! `auth.max_failures_per_account` in the window; per address a far higher
//! `auth.max_failures_per_address`, and the address limit never stops an attempt on an
//! account with no failures in the window, so one mistyping colleague (or an attacker)
//! behind an agency's NAT gateway cannot lock out everyone behind it. The account key is
//! counted for unknown addresses too, so the rule says nothing about which accounts exist.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::login_failures;
use super::{new_id, DbConnection};
use crate::config::AuthSettings;
use crate::error::Error;

/// The two keys one attempt counts under: the account and the client address.
#[derive(Debug, Clone)]
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

/// The rows an admitted attempt counts under, until it is known to have succeeded.
#[derive(Debug, Clone)]
#[must_use = "a reservation is released on success, or kept as the failure record"]
pub struct Reservation {
    row_ids: Vec<String>,
}

/// Counts an attempt under `keys` before it is verified: `Err(TooManyRequests)` when a
/// limit is reached (nothing is counted then), else the reservation. Takes a write
/// transaction of its own, so call it outside one.
pub fn reserve(
    conn: &mut DbConnection,
    keys: &AttemptKeys,
    auth: &AuthSettings,
    now: NaiveDateTime,
) -> Result<Reservation, Error> {
    super::write_tx(conn, |conn| {
        // One lock for all keys: sign-ins are few, and a per-key lock would let parallel
        // guesses from one address at many accounts each slip under the address limit.
        super::lock(conn, "login_failures")?;
        let window = auth.throttle_window_seconds;
        let account_failures = failures(conn, &keys.account, window, now)?;
        let by_account = if account_failures >= auth.max_failures_per_account {
            retry_after(
                conn,
                &keys.account,
                auth.max_failures_per_account,
                window,
                now,
            )?
        } else {
            None
        };
        let by_address = if account_failures > 0 {
            retry_after(
                conn,
                &keys.address,
                auth.max_failures_per_address,
                window,
                now,
            )?
        } else {
            None
        };
        if let Some(seconds) = by_account.max(by_address) {
            return Err(Error::Throttled {
                retry_after_seconds: seconds,
            });
        }
        let mut row_ids = Vec::with_capacity(2);
        for key in [&keys.account, &keys.address] {
            row_ids.push(insert_row(conn, key, now)?);
        }
        Ok(Reservation { row_ids })
    })
}

/// The attempt succeeded: its rows go (a sign-in also clears the account's earlier
/// failures, with `clear`).
pub fn release(conn: &mut DbConnection, reservation: Reservation) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::id.eq_any(&reservation.row_ids)))
        .execute(conn)
        .map(|_| ())
}

fn insert_row(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(&id),
            login_failures::throttle_key.eq(key),
            login_failures::at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

fn failures(
    conn: &mut DbConnection,
    key: &str,
    window_seconds: i64,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    login_failures::table
        .filter(login_failures::throttle_key.eq(key))
        .filter(login_failures::at.gt(now - TimeDelta::seconds(window_seconds)))
        .count()
        .get_result(conn)
}

/// Seconds until `key` may try again, or `None` when it is not throttled.
fn retry_after(
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

/// Clears the failures of a key (a successful sign-in clears its account's).
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
