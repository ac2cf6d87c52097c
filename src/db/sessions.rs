//! Sessions and their refresh tokens. A refresh token is stored as a hash, spent on use;
//! presenting a spent one again revokes its whole session (a stolen token was replayed).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{refresh_tokens, sessions, users};
use super::{new_id, DbConnection};

/// Opens a session and stores its first refresh token's hash. Returns the session id.
pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    refresh_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<String> {
    let session_id = new_id();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&session_id),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    add_refresh_token(conn, &session_id, refresh_hash, now)?;
    Ok(session_id)
}

pub fn add_refresh_token(
    conn: &mut DbConnection,
    session_id: &str,
    refresh_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(new_id()),
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::token_hash.eq(refresh_hash),
            refresh_tokens::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// What a presented refresh token turned out to be.
pub enum RefreshLookup {
    Unknown,
    /// The session is over (revoked, expired, user inactive): sign in again.
    Rejected,
    /// A spent token came back: the session is revoked (a stolen token was replayed).
    Replayed {
        session_id: String,
    },
    /// Valid and now spent; the session and user it belongs to.
    Spent {
        session_id: String,
        user_id: String,
    },
}

/// Spends a refresh token. A replayed (already spent) token revokes its session; one
/// issued before `idle_cutoff` (the session sat unused too long) ends it.
pub fn spend_refresh_token(
    conn: &mut DbConnection,
    refresh_hash: &str,
    now: NaiveDateTime,
    idle_cutoff: NaiveDateTime,
) -> QueryResult<RefreshLookup> {
    let found = refresh_tokens::table
        .inner_join(sessions::table.inner_join(users::table))
        .filter(refresh_tokens::token_hash.eq(refresh_hash))
        .select((
            refresh_tokens::id,
            refresh_tokens::created_at,
            refresh_tokens::spent_at,
            sessions::id,
            sessions::user_id,
            sessions::revoked_at,
            sessions::expires_at,
            users::active,
        ))
        .first::<(
            String,
            NaiveDateTime,
            Option<NaiveDateTime>,
            String,
            String,
            Option<NaiveDateTime>,
            NaiveDateTime,
            bool,
        )>(conn)
        .optional()?;
    let Some((token_id, issued_at, spent_at, session_id, user_id, revoked_at, expires_at, active)) =
        found
    else {
        return Ok(RefreshLookup::Unknown);
    };
    if spent_at.is_some() {
        revoke(conn, &session_id, now)?;
        return Ok(RefreshLookup::Replayed { session_id });
    }
    if revoked_at.is_some() || expires_at <= now || !active {
        return Ok(RefreshLookup::Rejected);
    }
    if issued_at < idle_cutoff {
        revoke(conn, &session_id, now)?;
        return Ok(RefreshLookup::Rejected);
    }
    // Conditional update: of two concurrent refreshes with one token, only one wins; the
    // loser is treated as a replay.
    let updated = diesel::update(
        refresh_tokens::table
            .find(&token_id)
            .filter(refresh_tokens::spent_at.is_null()),
    )
    .set(refresh_tokens::spent_at.eq(Some(now)))
    .execute(conn)?;
    if updated == 0 {
        revoke(conn, &session_id, now)?;
        return Ok(RefreshLookup::Replayed { session_id });
    }
    Ok(RefreshLookup::Spent {
        session_id,
        user_id,
    })
}

/// The session a refresh token belongs to, if any.
pub fn session_of_refresh_token(
    conn: &mut DbConnection,
    refresh_hash: &str,
) -> QueryResult<Option<(String, String)>> {
    refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_hash.eq(refresh_hash))
        .select((sessions::id, sessions::user_id))
        .first(conn)
        .optional()
}

pub fn revoke(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(now)))
    .execute(conn)
    .map(|_| ())
}

/// Revokes every session of a user except `keep` (the caller's own, when given).
pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let keep = keep.unwrap_or("").to_string();
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id.ne(keep))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(now)))
    .execute(conn)
}

/// Makes a freshly opened session a browser session: the cookie's hash and the idle
/// clock are set, and its refresh tokens are spent (a browser never holds one).
pub fn bind_cookie(
    conn: &mut DbConnection,
    session_id: &str,
    cookie_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::session_id.eq(session_id))
            .filter(refresh_tokens::spent_at.is_null()),
    )
    .set(refresh_tokens::spent_at.eq(Some(now)))
    .execute(conn)?;
    diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::cookie_hash.is_null()),
    )
    .set((
        sessions::cookie_hash.eq(Some(cookie_hash)),
        sessions::last_seen_at.eq(Some(now)),
    ))
    .execute(conn)
}

/// A live browser session and its user, by the cookie's hash, in one query.
pub struct CookieSession {
    pub session_id: String,
    pub user_id: String,
    pub role: String,
    pub agency_id: Option<String>,
    pub email: String,
    pub display_name: String,
    pub mfa_on: bool,
    pub last_seen_at: NaiveDateTime,
    pub locale: String,
}

/// The session a cookie names if it is neither revoked, past its absolute limit, idle
/// since before `idle_cutoff`, nor its user inactive.
pub fn find_by_cookie(
    conn: &mut DbConnection,
    cookie_hash: &str,
    now: NaiveDateTime,
    idle_cutoff: NaiveDateTime,
) -> QueryResult<Option<CookieSession>> {
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        bool,
        Option<NaiveDateTime>,
        String,
    );
    let row = sessions::table
        .inner_join(users::table)
        .filter(sessions::cookie_hash.eq(cookie_hash))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::last_seen_at.gt(idle_cutoff))
        .filter(users::active.eq(true))
        .select((
            sessions::id,
            users::id,
            users::role,
            users::agency_id,
            users::email,
            users::display_name,
            users::totp_enabled,
            sessions::last_seen_at,
            users::locale,
        ))
        .first::<Row>(conn)
        .optional()?;
    Ok(row.map(
        |(session_id, user_id, role, agency_id, email, display_name, mfa_on, seen, locale)| {
            CookieSession {
                session_id,
                user_id,
                role,
                agency_id,
                email,
                display_name,
                mfa_on,
                last_seen_at: seen.unwrap_or(now),
                locale,
            }
        },
    ))
}

/// Moves a browser session's idle clock to `now`.
pub fn touch(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_seen_at.eq(Some(now)))
        .execute(conn)
        .map(|_| ())
}

/// Ends the browser session a cookie names, whoever it belongs to (a sign-in replacing it).
pub fn revoke_by_cookie(
    conn: &mut DbConnection,
    cookie_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .filter(sessions::cookie_hash.eq(cookie_hash))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(now)))
    .execute(conn)
    .map(|_| ())
}
