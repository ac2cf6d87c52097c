//! Single-use invitation and password-reset tokens, stored as hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{one_time_tokens, users};
use super::{new_id, DbConnection};

pub const PURPOSE_INVITE: &str = "invite";
pub const PURPOSE_RESET: &str = "reset";

pub fn insert(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: &str,
    token_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::id.eq(new_id()),
            one_time_tokens::user_id.eq(user_id),
            one_time_tokens::purpose.eq(purpose),
            one_time_tokens::token_hash.eq(token_hash),
            one_time_tokens::created_at.eq(now),
            one_time_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How many tokens of `purpose` were issued to the user since `since` (reset throttling).
pub fn count_since(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    one_time_tokens::table
        .filter(one_time_tokens::user_id.eq(user_id))
        .filter(one_time_tokens::purpose.eq(purpose))
        .filter(one_time_tokens::created_at.ge(since))
        .count()
        .get_result(conn)
}

/// Consumes a valid, unused, unexpired token of an active user; returns the user id.
/// The conditional update makes a token usable exactly once even under concurrency.
pub fn consume(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(String, String)>> {
    let found = one_time_tokens::table
        .inner_join(users::table)
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select((
            one_time_tokens::id,
            one_time_tokens::user_id,
            one_time_tokens::purpose,
        ))
        .first::<(String, String, String)>(conn)
        .optional()?;
    let Some((id, user_id, purpose)) = found else {
        return Ok(None);
    };
    let updated = diesel::update(
        one_time_tokens::table
            .find(&id)
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok((updated == 1).then_some((user_id, purpose)))
}

/// Spends every other open token of the user (a new password makes old links useless).
pub fn spend_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(Some(now)))
    .execute(conn)
    .map(|_| ())
}

/// The user a valid (unused, unexpired, active user) token belongs to, without spending it.
pub fn peek(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(String, String)>> {
    one_time_tokens::table
        .inner_join(users::table)
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select((users::id, users::email))
        .first(conn)
        .optional()
}
