//! Two-factor state: the TOTP secret and last accepted step, recovery codes (hashed,
//! single use), and sign-in challenges (hashed, five minutes).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{mfa_challenges, recovery_codes, users};
use super::{new_id, DbConnection};

/// `(secret, enabled, last_step)` of a user.
pub fn state(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<(Option<String>, bool, Option<i64>)> {
    users::table
        .find(user_id)
        .select((
            users::totp_secret,
            users::totp_enabled,
            users::totp_last_step,
        ))
        .first(conn)
}

pub fn set_pending_secret(conn: &mut DbConnection, user_id: &str, secret: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(Some(secret)),
            users::totp_enabled.eq(false),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn enable(conn: &mut DbConnection, user_id: &str, step: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_enabled.eq(true),
            users::totp_last_step.eq(Some(step)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn disable(conn: &mut DbConnection, user_id: &str) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_enabled.eq(false),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records `step` as used if it is newer than the last one; false for a replay.
pub fn accept_step(conn: &mut DbConnection, user_id: &str, step: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::id.eq(new_id()),
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many of the user's recovery codes are still unused.
pub fn unused_recovery_codes(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Spends an unused recovery code; true when one matched.
pub fn use_recovery_code(
    conn: &mut DbConnection,
    user_id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(updated >= 1)
}

pub fn create_challenge(
    conn: &mut DbConnection,
    user_id: &str,
    hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(mfa_challenges::table)
        .values((
            mfa_challenges::id.eq(new_id()),
            mfa_challenges::user_id.eq(user_id),
            mfa_challenges::token_hash.eq(hash),
            mfa_challenges::expires_at.eq(expires_at),
            mfa_challenges::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The user of a live (unused, unexpired) challenge.
pub fn challenge_user(
    conn: &mut DbConnection,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(String, String)>> {
    mfa_challenges::table
        .filter(mfa_challenges::token_hash.eq(hash))
        .filter(mfa_challenges::used_at.is_null())
        .filter(mfa_challenges::expires_at.gt(now))
        .select((mfa_challenges::id, mfa_challenges::user_id))
        .first(conn)
        .optional()
}

pub fn spend_challenge(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        mfa_challenges::table
            .find(id)
            .filter(mfa_challenges::used_at.is_null()),
    )
    .set(mfa_challenges::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(updated == 1)
}
