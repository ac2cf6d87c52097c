//! Queries on the forward work plan: `work_plans`, `action_items` (with
//! `action_item_jpas`), `interests`, `meetings` and `status_updates`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{
    action_item_jpas, action_items, interests, meetings, status_updates, work_plans,
};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = work_plans)]
pub struct WorkPlanRow {
    pub id: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub objectives: String,
    /// JSON `[{"number": n, "text": "..."}]`.
    pub priorities: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = action_items)]
pub struct ActionItemRow {
    pub id: String,
    pub work_plan_id: String,
    pub number: String,
    pub text: String,
    /// JSON `[n, ...]`.
    pub priority_numbers: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interests)]
pub struct InterestRow {
    pub id: String,
    pub action_item_id: String,
    /// `country` or `organisation`.
    pub member_kind: String,
    pub member: String,
    /// `lead` or `support`.
    pub role: String,
    pub recorded_on: NaiveDate,
    pub note: String,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = meetings)]
pub struct MeetingRow {
    pub id: String,
    pub work_plan_id: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub held: bool,
    /// The table as it stood when the meeting was marked held (JSON).
    pub tabled: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = status_updates)]
pub struct StatusUpdateRow {
    pub id: String,
    pub meeting_id: String,
    pub action_item_id: String,
    pub status: String,
    pub timeframe: Option<String>,
    pub note: String,
    pub reason: Option<String>,
    pub correction: bool,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

type Cursor = Option<(NaiveDateTime, String)>;

// Work plans.

pub fn find_plan(conn: &mut DbConnection, id: &str) -> QueryResult<WorkPlanRow> {
    work_plans::table
        .find(id)
        .select(WorkPlanRow::as_select())
        .first(conn)
}

pub fn insert_plan(conn: &mut DbConnection, row: &WorkPlanRow) -> QueryResult<()> {
    diesel::insert_into(work_plans::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn list_plans(
    conn: &mut DbConnection,
    after: Cursor,
    limit: i64,
) -> QueryResult<Vec<WorkPlanRow>> {
    let mut query = work_plans::table
        .select(WorkPlanRow::as_select())
        .order((work_plans::created_at.desc(), work_plans::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, work_plans::created_at, work_plans::id, after);
    query.load(conn)
}

/// Compare-and-set on `version` (0 rows: another writer won).
pub fn update_plan(
    conn: &mut DbConnection,
    row: &WorkPlanRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        work_plans::table
            .find(&row.id)
            .filter(work_plans::version.eq(row.version)),
    )
    .set((
        work_plans::title.eq(&row.title),
        work_plans::first_year.eq(row.first_year),
        work_plans::last_year.eq(row.last_year),
        work_plans::objectives.eq(&row.objectives),
        work_plans::priorities.eq(&row.priorities),
        work_plans::version.eq(row.version + 1),
        work_plans::updated_at.eq(now),
    ))
    .execute(conn)
}

// Action items.

pub fn find_item(conn: &mut DbConnection, id: &str) -> QueryResult<ActionItemRow> {
    action_items::table
        .find(id)
        .select(ActionItemRow::as_select())
        .first(conn)
}

pub fn insert_item(conn: &mut DbConnection, row: &ActionItemRow) -> QueryResult<()> {
    diesel::insert_into(action_items::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn list_items(
    conn: &mut DbConnection,
    plan_id: &str,
    after: Cursor,
    limit: i64,
) -> QueryResult<Vec<ActionItemRow>> {
    let mut query = action_items::table
        .filter(action_items::work_plan_id.eq(plan_id))
        .select(ActionItemRow::as_select())
        .order((action_items::created_at.desc(), action_items::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, action_items::created_at, action_items::id, after);
    query.load(conn)
}

/// Every action item of a plan (a plan has tens, not thousands).
pub fn items_of_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<ActionItemRow>> {
    action_items::table
        .filter(action_items::work_plan_id.eq(plan_id))
        .select(ActionItemRow::as_select())
        .order((action_items::created_at.asc(), action_items::id.asc()))
        .load(conn)
}

pub fn update_item(
    conn: &mut DbConnection,
    row: &ActionItemRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        action_items::table
            .find(&row.id)
            .filter(action_items::version.eq(row.version)),
    )
    .set((
        action_items::number.eq(&row.number),
        action_items::text.eq(&row.text),
        action_items::priority_numbers.eq(&row.priority_numbers),
        action_items::version.eq(row.version + 1),
        action_items::updated_at.eq(now),
    ))
    .execute(conn)
}

/// `(action_item_id, jpa_id)` of the given items, in the order the JPAs were linked.
pub fn jpas_of_items(
    conn: &mut DbConnection,
    item_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    action_item_jpas::table
        .filter(action_item_jpas::action_item_id.eq_any(item_ids))
        .select((action_item_jpas::action_item_id, action_item_jpas::jpa_id))
        .order((
            action_item_jpas::created_at.asc(),
            action_item_jpas::jpa_id.asc(),
        ))
        .load(conn)
}

/// Makes the JPAs of an item exactly `jpa_ids`.
pub fn set_item_jpas(
    conn: &mut DbConnection,
    item_id: &str,
    jpa_ids: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        action_item_jpas::table
            .filter(action_item_jpas::action_item_id.eq(item_id))
            .filter(action_item_jpas::jpa_id.ne_all(jpa_ids)),
    )
    .execute(conn)?;
    let present: Vec<String> = action_item_jpas::table
        .filter(action_item_jpas::action_item_id.eq(item_id))
        .select(action_item_jpas::jpa_id)
        .load(conn)?;
    for jpa in jpa_ids.iter().filter(|j| !present.contains(j)) {
        diesel::insert_into(action_item_jpas::table)
            .values((
                action_item_jpas::action_item_id.eq(item_id),
                action_item_jpas::jpa_id.eq(jpa),
                action_item_jpas::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

// Interests.

pub fn find_interest(conn: &mut DbConnection, id: &str) -> QueryResult<InterestRow> {
    interests::table
        .find(id)
        .select(InterestRow::as_select())
        .first(conn)
}

pub fn insert_interest(conn: &mut DbConnection, row: &InterestRow) -> QueryResult<()> {
    diesel::insert_into(interests::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn delete_interest(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(interests::table.find(id)).execute(conn)
}

pub fn list_interests(
    conn: &mut DbConnection,
    item_id: &str,
    after: Cursor,
    limit: i64,
) -> QueryResult<Vec<InterestRow>> {
    let mut query = interests::table
        .filter(interests::action_item_id.eq(item_id))
        .select(InterestRow::as_select())
        .order((interests::created_at.desc(), interests::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, interests::created_at, interests::id, after);
    query.load(conn)
}

pub fn interests_of_items(
    conn: &mut DbConnection,
    item_ids: &[String],
) -> QueryResult<Vec<InterestRow>> {
    interests::table
        .filter(interests::action_item_id.eq_any(item_ids))
        .select(InterestRow::as_select())
        .order((interests::recorded_on.asc(), interests::created_at.asc()))
        .load(conn)
}

// Meetings.

pub fn find_meeting(conn: &mut DbConnection, id: &str) -> QueryResult<MeetingRow> {
    meetings::table
        .find(id)
        .select(MeetingRow::as_select())
        .first(conn)
}

pub fn insert_meeting(conn: &mut DbConnection, row: &MeetingRow) -> QueryResult<()> {
    diesel::insert_into(meetings::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn list_meetings(
    conn: &mut DbConnection,
    plan_id: &str,
    after: Cursor,
    limit: i64,
) -> QueryResult<Vec<MeetingRow>> {
    let mut query = meetings::table
        .filter(meetings::work_plan_id.eq(plan_id))
        .select(MeetingRow::as_select())
        .order((meetings::created_at.desc(), meetings::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, meetings::created_at, meetings::id, after);
    query.load(conn)
}

/// The plan's meetings by date.
pub fn meetings_of_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<MeetingRow>> {
    meetings::table
        .filter(meetings::work_plan_id.eq(plan_id))
        .select(MeetingRow::as_select())
        .order((meetings::held_on.asc(), meetings::id.asc()))
        .load(conn)
}

/// Writes date, place and held (with what was tabled), if still at `row.version`.
pub fn update_meeting(
    conn: &mut DbConnection,
    row: &MeetingRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        meetings::table
            .find(&row.id)
            .filter(meetings::version.eq(row.version))
            .filter(meetings::held.eq(false)),
    )
    .set((
        meetings::held_on.eq(row.held_on),
        meetings::place.eq(&row.place),
        meetings::held.eq(row.held),
        meetings::tabled.eq(&row.tabled),
        meetings::version.eq(row.version + 1),
        meetings::updated_at.eq(now),
    ))
    .execute(conn)
}

// Status updates.

pub fn insert_update(conn: &mut DbConnection, row: &StatusUpdateRow) -> QueryResult<()> {
    diesel::insert_into(status_updates::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn list_updates(
    conn: &mut DbConnection,
    meeting_id: &str,
    after: Cursor,
    limit: i64,
) -> QueryResult<Vec<StatusUpdateRow>> {
    let mut query = status_updates::table
        .filter(status_updates::meeting_id.eq(meeting_id))
        .select(StatusUpdateRow::as_select())
        .order((status_updates::created_at.desc(), status_updates::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, status_updates::created_at, status_updates::id, after);
    query.load(conn)
}

/// Every status update of the plan's meetings, oldest first.
pub fn updates_of_meetings(
    conn: &mut DbConnection,
    meeting_ids: &[String],
) -> QueryResult<Vec<StatusUpdateRow>> {
    status_updates::table
        .filter(status_updates::meeting_id.eq_any(meeting_ids))
        .select(StatusUpdateRow::as_select())
        .order((status_updates::created_at.asc(), status_updates::id.asc()))
        .load(conn)
}

pub fn has_update(conn: &mut DbConnection, meeting_id: &str, item_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        status_updates::table
            .filter(status_updates::meeting_id.eq(meeting_id))
            .filter(status_updates::action_item_id.eq(item_id)),
    ))
    .get_result(conn)
}

/// The action items of a JPA (the plan items it delivers).
pub fn items_of_jpa(conn: &mut DbConnection, jpa_id: &str) -> QueryResult<Vec<ActionItemRow>> {
    action_items::table
        .inner_join(action_item_jpas::table)
        .filter(action_item_jpas::jpa_id.eq(jpa_id))
        .select(ActionItemRow::as_select())
        .order(action_items::number.asc())
        .load(conn)
}
