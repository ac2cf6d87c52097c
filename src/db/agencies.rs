//! Queries on `agencies`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::agencies;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
    pub id: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub contact_email: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<AgencyRow> {
    agencies::table
        .find(id)
        .select(AgencyRow::as_select())
        .first(conn)
}

pub fn exists(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(agencies::table.find(id))).get_result(conn)
}

pub fn insert(conn: &mut DbConnection, row: &AgencyRow) -> QueryResult<()> {
    diesel::insert_into(agencies::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Newest first, after the cursor position `(created_at, id)` if given.
pub fn list(
    conn: &mut DbConnection,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<AgencyRow>> {
    let mut query = agencies::table
        .select(AgencyRow::as_select())
        .order((agencies::created_at.desc(), agencies::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, agencies::created_at, agencies::id, after);
    query.load(conn)
}

/// Writes the editable fields and bumps the version, if the row is still at the version
/// `row` was read at: 0 rows changed means another writer got there first.
/// A change of country moves the investigations the agency takes part in between
/// cross-border and not in the figures.
pub fn update(conn: &mut DbConnection, row: &AgencyRow, now: NaiveDateTime) -> QueryResult<usize> {
    let country: Option<String> = agencies::table
        .find(&row.id)
        .select(agencies::country)
        .first(conn)
        .optional()?;
    let moves = country.is_some_and(|c| c != row.country);
    let before = if moves {
        super::figures::country_before(conn, &row.id)?
    } else {
        Vec::new()
    };
    let changed = diesel::update(
        agencies::table
            .find(&row.id)
            .filter(agencies::version.eq(row.version)),
    )
    .set((
        agencies::name.eq(&row.name),
        agencies::country.eq(&row.country),
        agencies::kind.eq(&row.kind),
        agencies::contact_email.eq(&row.contact_email),
        agencies::version.eq(row.version + 1),
        agencies::updated_at.eq(now),
    ))
    .execute(conn)?;
    if moves && changed == 1 {
        super::figures::country_after(conn, &row.id, before)?;
    }
    Ok(changed)
}

/// The language most of an agency's users read (`domain::locale::default_for_country`),
/// English for no agency or an unknown one.
pub fn default_locale(conn: &mut DbConnection, id: Option<&str>) -> QueryResult<&'static str> {
    let Some(id) = id else {
        return Ok(crate::domain::locale::FALLBACK);
    };
    let country: Option<String> = agencies::table
        .find(id)
        .select(agencies::country)
        .first(conn)
        .optional()?;
    Ok(country.map_or(crate::domain::locale::FALLBACK, |c| {
        crate::domain::locale::default_for_country(&c)
    }))
}
