//! Queries on `users`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub agency_id: Option<String>,
    pub active: bool,
    pub password_hash: Option<String>,
    /// The language of the user's pages and mails (a tag of `locales/`).
    pub locale: String,
    /// The international organisation an observer belongs to (UNODC, IOM, ...).
    pub organisation: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<UserRow> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn count_active_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table
        .filter(users::role.eq("admin"))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)
}

/// Newest first, after the cursor position `(created_at, id)` if given.
pub fn list(
    conn: &mut DbConnection,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<UserRow>> {
    let mut query = users::table
        .select(UserRow::as_select())
        .order((users::created_at.desc(), users::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, users::created_at, users::id, after);
    query.load(conn)
}

/// Of the users `ids`, those who sign in with a second factor (TOTP enabled).
pub fn with_two_factor(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::id.eq_any(ids))
        .filter(users::totp_enabled.eq(true))
        .select(users::id)
        .load(conn)
}

/// Writes the editable fields and bumps the version, if the row is still at the version
/// `row` was read at: 0 rows changed means another writer got there first.
pub fn update(conn: &mut DbConnection, row: &UserRow, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        users::table
            .find(&row.id)
            .filter(users::version.eq(row.version)),
    )
    .set((
        users::display_name.eq(&row.display_name),
        users::role.eq(&row.role),
        users::agency_id.eq(&row.agency_id),
        users::active.eq(row.active),
        users::locale.eq(&row.locale),
        users::organisation.eq(&row.organisation),
        users::version.eq(row.version + 1),
        users::updated_at.eq(now),
    ))
    .execute(conn)
}

pub fn set_password(
    conn: &mut DbConnection,
    id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(Some(hash)),
            users::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Active users of a role, optionally only those of the given agencies, by email.
pub fn active_with_role(
    conn: &mut DbConnection,
    role: &str,
    agency_ids: Option<&[String]>,
) -> QueryResult<Vec<UserRow>> {
    let mut query = users::table
        .filter(users::role.eq(role.to_string()))
        .filter(users::active.eq(true))
        .order(users::email.asc())
        .select(UserRow::as_select())
        .into_boxed();
    if let Some(ids) = agency_ids {
        query = query.filter(users::agency_id.eq_any(ids.to_vec()));
    }
    query.load(conn)
}
