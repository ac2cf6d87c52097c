//! The working group's forward work plan: plans with their priorities, action items (and
//! the JPAs that deliver them), members' interest to lead or support, annual meetings and
//! the status of each item at each meeting, and the meeting's table.
//!
//! Everyone signed in reads all of it. Admins and co-chairs write it; a liaison records
//! interest for its agency's country and an observer for its organisation
//! (`policy::may_record_interest`). Status updates are never changed: once a meeting is
//! marked held its table is kept as it was tabled (`meetings.tabled`), and a correction
//! is a new update with a reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{list_response, ts, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{self, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
use crate::db::work_plans::{
    self as wp, ActionItemRow, InterestRow, MeetingRow, StatusUpdateRow, WorkPlanRow,
};
use crate::db::{self, agencies, jpas, users, DbConnection};
use crate::domain::work_plan::{item_number, item_order, timeframe};
use crate::domain::{optional_text, required_text, CountryCode, InterestRole, ItemStatus, Role};
use crate::error::{Error, FieldError};
use crate::reports::progress;

// Views.

/// A priority of a plan.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    #[schema(minimum = 1, maximum = 99)]
    pub number: i32,
    #[schema(schema_with = crate::schemas::required_text_300)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkPlanView {
    pub id: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub objectives: String,
    pub priorities: Vec<Priority>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<WorkPlanRow> for WorkPlanView {
    fn from(r: WorkPlanRow) -> WorkPlanView {
        WorkPlanView {
            priorities: serde_json::from_str(&r.priorities).unwrap_or_default(),
            id: r.id,
            title: r.title,
            first_year: r.first_year,
            last_year: r.last_year,
            objectives: r.objectives,
            version: r.version,
            created_at: ts(r.created_at),
            updated_at: ts(r.updated_at),
        }
    }
}

impl WorkPlanView {
    fn audit_fields(&self) -> serde_json::Value {
        json!({
            "title": self.title, "first_year": self.first_year, "last_year": self.last_year,
            "objectives": self.objectives, "priorities": self.priorities,
        })
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActionItemView {
    pub id: String,
    pub work_plan_id: String,
    pub number: String,
    pub text: String,
    pub priority_numbers: Vec<i32>,
    /// The JPAs (exercises included) that deliver the item.
    pub jpa_ids: Vec<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ActionItemView {
    fn of(r: ActionItemRow, jpa_ids: Vec<String>) -> ActionItemView {
        ActionItemView {
            priority_numbers: serde_json::from_str(&r.priority_numbers).unwrap_or_default(),
            id: r.id,
            work_plan_id: r.work_plan_id,
            number: r.number,
            text: r.text,
            jpa_ids,
            version: r.version,
            created_at: ts(r.created_at),
            updated_at: ts(r.updated_at),
        }
    }

    fn audit_fields(&self) -> serde_json::Value {
        json!({
            "number": self.number, "text": self.text,
            "priority_numbers": self.priority_numbers, "jpa_ids": self.jpa_ids,
        })
    }
}

/// A member of the working group: a member state, by its ISO country code, or an
/// international organisation, by its name (`UNODC`, `IOM`, ...).
#[derive(
    Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Member {
    Country(String),
    Organisation(String),
}

impl Member {
    fn kind(&self) -> &'static str {
        match self {
            Member::Country(_) => "country",
            Member::Organisation(_) => "organisation",
        }
    }

    fn name(&self) -> &str {
        match self {
            Member::Country(c) | Member::Organisation(c) => c,
        }
    }

    fn of_row(kind: &str, name: &str) -> Member {
        match kind {
            "country" => Member::Country(name.to_string()),
            _ => Member::Organisation(name.to_string()),
        }
    }

    /// Whether two members are the same (organisations compared without case).
    pub fn same_as(&self, other: &Member) -> bool {
        match (self, other) {
            (Member::Country(a), Member::Country(b)) => a == b,
            (Member::Organisation(a), Member::Organisation(b)) => {
                a.to_lowercase() == b.to_lowercase()
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InterestView {
    pub id: String,
    pub action_item_id: String,
    pub member: Member,
    /// `lead` or `support`.
    pub role: String,
    pub recorded_on: NaiveDate,
    pub note: String,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<InterestRow> for InterestView {
    fn from(r: InterestRow) -> InterestView {
        InterestView {
            member: Member::of_row(&r.member_kind, &r.member),
            id: r.id,
            action_item_id: r.action_item_id,
            role: r.role,
            recorded_on: r.recorded_on,
            note: r.note,
            recorded_by: r.recorded_by,
            created_at: ts(r.created_at),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MeetingView {
    pub id: String,
    pub work_plan_id: String,
    pub held_on: NaiveDate,
    pub place: String,
    /// Once true, the meeting's table is kept as tabled and its updates are final.
    pub held: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<MeetingRow> for MeetingView {
    fn from(r: MeetingRow) -> MeetingView {
        MeetingView {
            id: r.id,
            work_plan_id: r.work_plan_id,
            held_on: r.held_on,
            place: r.place,
            held: r.held,
            version: r.version,
            created_at: ts(r.created_at),
            updated_at: ts(r.updated_at),
        }
    }
}

impl MeetingView {
    fn audit_fields(&self) -> serde_json::Value {
        json!({ "held_on": self.held_on, "place": self.place, "held": self.held })
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatusUpdateView {
    pub id: String,
    pub meeting_id: String,
    pub action_item_id: String,
    pub status: String,
    /// `ongoing`, a quarter `YYYY-Qn` or a date.
    pub timeframe: Option<String>,
    pub note: String,
    /// Why a held meeting's update was corrected.
    pub reason: Option<String>,
    /// Recorded after the meeting was held.
    pub correction: bool,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<StatusUpdateRow> for StatusUpdateView {
    fn from(r: StatusUpdateRow) -> StatusUpdateView {
        StatusUpdateView {
            id: r.id,
            meeting_id: r.meeting_id,
            action_item_id: r.action_item_id,
            status: r.status,
            timeframe: r.timeframe,
            note: r.note,
            reason: r.reason,
            correction: r.correction,
            recorded_by: r.recorded_by,
            created_at: ts(r.created_at),
        }
    }
}

// Input.

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWorkPlan {
    #[schema(schema_with = crate::schemas::required_text_200)]
    pub title: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub first_year: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub last_year: i32,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_10000)]
    pub objectives: String,
    #[serde(default)]
    #[schema(max_items = 30)]
    pub priorities: Vec<Priority>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkPlan {
    #[schema(schema_with = crate::schemas::required_text_200_or_null)]
    pub title: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub first_year: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub last_year: Option<i32>,
    #[schema(schema_with = crate::schemas::optional_text_10000_or_null)]
    pub objectives: Option<String>,
    #[schema(max_items = 30)]
    pub priorities: Option<Vec<Priority>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateActionItem {
    #[schema(schema_with = crate::schemas::item_number)]
    pub number: String,
    #[schema(schema_with = crate::schemas::required_text_2000)]
    pub text: String,
    #[serde(default)]
    #[schema(max_items = 30)]
    pub priority_numbers: Vec<i32>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::jpa_ids)]
    pub jpa_ids: Vec<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateActionItem {
    #[schema(schema_with = crate::schemas::item_number_or_null)]
    pub number: Option<String>,
    #[schema(schema_with = crate::schemas::required_text_2000_or_null)]
    pub text: Option<String>,
    #[schema(max_items = 30)]
    pub priority_numbers: Option<Vec<i32>>,
    #[schema(schema_with = crate::schemas::jpa_ids_or_null)]
    pub jpa_ids: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInterest {
    pub member: Member,
    pub role: InterestRole,
    /// Default: today. Not in the future.
    #[serde(default)]
    pub recorded_on: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_2000)]
    pub note: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMeeting {
    pub held_on: NaiveDate,
    #[schema(schema_with = crate::schemas::required_text_200)]
    pub place: String,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeeting {
    pub held_on: Option<NaiveDate>,
    #[schema(schema_with = crate::schemas::required_text_200_or_null)]
    pub place: Option<String>,
    /// `true` marks the meeting held (not before its day): its table is kept as it
    /// stands, and later updates to it are corrections with a reason. It cannot be undone.
    pub held: Option<bool>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStatusUpdate {
    #[schema(format = Uuid)]
    pub action_item_id: String,
    pub status: ItemStatus,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::timeframe_or_null)]
    pub timeframe: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_2000)]
    pub note: String,
    /// Required when the meeting is held: why its update is corrected.
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_2000_or_null)]
    pub reason: Option<String>,
}

// Checks.

fn collect<T>(errors: &mut Vec<FieldError>, r: std::result::Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

fn check_years(errors: &mut Vec<FieldError>, first: i32, last: i32) {
    for (field, year) in [("first_year", first), ("last_year", last)] {
        if !(2000..=2100).contains(&year) {
            errors.push(FieldError::new(field, "must be a year from 2000 to 2100"));
        }
    }
    if last < first {
        errors.push(FieldError::new(
            "last_year",
            "must not be before first_year",
        ));
    } else if last - first > 10 {
        errors.push(FieldError::new(
            "last_year",
            "must be at most 10 years after first_year",
        ));
    }
}

fn check_priorities(errors: &mut Vec<FieldError>, priorities: &[Priority]) -> Vec<Priority> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(priorities.len());
    if priorities.len() > 30 {
        errors.push(FieldError::new("priorities", "must be at most 30"));
    }
    for (i, p) in priorities.iter().enumerate() {
        let field = format!("priorities[{i}]");
        if !(1..=99).contains(&p.number) {
            errors.push(FieldError::new(
                format!("{field}.number"),
                "must be from 1 to 99",
            ));
        } else if !seen.insert(p.number) {
            errors.push(FieldError::new(format!("{field}.number"), "is given twice"));
        }
        if let Some(text) = collect(
            errors,
            required_text(&format!("{field}.text"), &p.text, 300),
        ) {
            out.push(Priority {
                number: p.number,
                text,
            });
        }
    }
    out.sort_by_key(|p| p.number);
    out
}

fn check_priority_numbers(
    errors: &mut Vec<FieldError>,
    plan: &WorkPlanView,
    numbers: &[i32],
) -> Vec<i32> {
    let mut out: Vec<i32> = numbers.to_vec();
    out.sort_unstable();
    out.dedup();
    if numbers.len() > 30 {
        errors.push(FieldError::new("priority_numbers", "must be at most 30"));
    }
    if out
        .iter()
        .any(|n| !plan.priorities.iter().any(|p| p.number == *n))
    {
        errors.push(FieldError::new(
            "priority_numbers",
            "must be priorities of this work plan",
        ));
    }
    out
}

/// The JPAs given, each an existing JPA, once each, in the order given.
fn check_jpas(
    conn: &mut DbConnection,
    errors: &mut Vec<FieldError>,
    ids: &[String],
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    if ids.len() > 20 {
        errors.push(FieldError::new("jpa_ids", "must be at most 20"));
        return Ok(out);
    }
    for id in ids {
        let known = uuid::Uuid::parse_str(id).is_ok() && jpas::find(conn, id).is_ok();
        if !known {
            errors.push(FieldError::new("jpa_ids", "must name existing JPAs"));
            return Ok(out);
        }
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

fn invalid_unless_empty(errors: Vec<FieldError>) -> Result<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn item_number_taken(e: Error) -> Error {
    match e {
        Error::Conflict(_) => {
            Error::Conflict("This work plan already has an action item with this number.".into())
        }
        other => other,
    }
}

/// The latest day any time zone has reached.
fn latest_today() -> NaiveDate {
    (Utc::now() + chrono::TimeDelta::hours(14)).date_naive()
}

// Work plans.

pub fn list_plans(
    conn: &mut DbConnection,
    caller: &Caller,
    page: Page,
) -> Result<ListResponse<WorkPlanView>> {
    require(caller.role, Action::ReadWorkPlan)?;
    let rows = wp::list_plans(conn, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        WorkPlanView::from,
    ))
}

pub fn get_plan(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<WorkPlanView> {
    require(caller.role, Action::ReadWorkPlan)?;
    Ok(wp::find_plan(conn, id)?.into())
}

pub fn create_plan(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    input: CreateWorkPlan,
) -> Result<WorkPlanView> {
    require(caller.role, Action::ManageWorkPlan)?;
    let mut errors = Vec::new();
    let title = collect(&mut errors, required_text("title", &input.title, 200));
    let objectives = collect(
        &mut errors,
        optional_text("objectives", &input.objectives, 10_000),
    );
    check_years(&mut errors, input.first_year, input.last_year);
    let priorities = check_priorities(&mut errors, &input.priorities);
    invalid_unless_empty(errors)?;
    write(conn, |conn| {
        let now = db::now();
        let row = WorkPlanRow {
            id: db::new_id(),
            title: title.unwrap_or_default(),
            first_year: input.first_year,
            last_year: input.last_year,
            objectives: objectives.unwrap_or_default(),
            priorities: serde_json::to_string(&priorities).map_err(Error::internal)?,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        wp::insert_plan(conn, &row)?;
        let view = WorkPlanView::from(row);
        audit::record(
            conn,
            ctx,
            "work_plan.create",
            "work_plan",
            &view.id,
            diff(&json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

pub fn update_plan(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateWorkPlan,
) -> Result<WorkPlanView> {
    require(caller.role, Action::ManageWorkPlan)?;
    write(conn, |conn| {
        let before = wp::find_plan(conn, id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        let mut errors = Vec::new();
        let mut after = before.clone();
        if let Some(t) = &input.title {
            after.title = collect(&mut errors, required_text("title", t, 200)).unwrap_or_default();
        }
        if let Some(o) = &input.objectives {
            after.objectives =
                collect(&mut errors, optional_text("objectives", o, 10_000)).unwrap_or_default();
        }
        after.first_year = input.first_year.unwrap_or(before.first_year);
        after.last_year = input.last_year.unwrap_or(before.last_year);
        check_years(&mut errors, after.first_year, after.last_year);
        if let Some(p) = &input.priorities {
            let priorities = check_priorities(&mut errors, p);
            after.priorities = serde_json::to_string(&priorities).map_err(Error::internal)?;
        }
        invalid_unless_empty(errors)?;
        let (old, new) = (
            WorkPlanView::from(before),
            WorkPlanView::from(after.clone()),
        );
        // A priority an action item serves stays in the plan.
        let kept: BTreeSet<i32> = new.priorities.iter().map(|p| p.number).collect();
        for item in wp::items_of_plan(conn, id)? {
            let served: Vec<i32> = serde_json::from_str(&item.priority_numbers).unwrap_or_default();
            if let Some(n) = served.iter().find(|n| !kept.contains(n)) {
                return Err(Error::Conflict(format!(
                    "Priority {n} is served by action item {}: change the item first.",
                    item.number
                )));
            }
        }
        let changes = diff(&old.audit_fields(), &new.audit_fields());
        if unchanged(&changes) {
            return Ok(new);
        }
        let now = db::now();
        db::versioned(wp::update_plan(conn, &after, now)?)?;
        audit::record(conn, ctx, "work_plan.update", "work_plan", id, changes, now)?;
        Ok(wp::find_plan(conn, id)?.into())
    })
}

// Action items.

fn item_view(conn: &mut DbConnection, row: ActionItemRow) -> Result<ActionItemView> {
    let jpa_ids = wp::jpas_of_items(conn, std::slice::from_ref(&row.id))?
        .into_iter()
        .map(|(_, j)| j)
        .collect();
    Ok(ActionItemView::of(row, jpa_ids))
}

pub fn list_items(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_id: &str,
    page: Page,
) -> Result<ListResponse<ActionItemView>> {
    require(caller.role, Action::ReadWorkPlan)?;
    wp::find_plan(conn, plan_id)?;
    let rows = wp::list_items(conn, plan_id, page.after, page.limit)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for (item, jpa) in wp::jpas_of_items(conn, &ids)? {
        links.entry(item).or_default().push(jpa);
    }
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        |r| {
            let jpa_ids = links.remove(&r.id).unwrap_or_default();
            ActionItemView::of(r, jpa_ids)
        },
    ))
}

pub fn get_item(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<ActionItemView> {
    require(caller.role, Action::ReadWorkPlan)?;
    let row = wp::find_item(conn, id)?;
    item_view(conn, row)
}

pub fn create_item(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    plan_id: &str,
    input: CreateActionItem,
) -> Result<ActionItemView> {
    require(caller.role, Action::ManageWorkPlan)?;
    write(conn, |conn| {
        let plan = WorkPlanView::from(wp::find_plan(conn, plan_id)?);
        let mut errors = Vec::new();
        let number = collect(&mut errors, item_number("number", &input.number));
        let text = collect(&mut errors, required_text("text", &input.text, 2000));
        let priority_numbers = check_priority_numbers(&mut errors, &plan, &input.priority_numbers);
        let jpa_ids = check_jpas(conn, &mut errors, &input.jpa_ids)?;
        invalid_unless_empty(errors)?;
        let now = db::now();
        let row = ActionItemRow {
            id: db::new_id(),
            work_plan_id: plan.id.clone(),
            number: number.unwrap_or_default(),
            text: text.unwrap_or_default(),
            priority_numbers: serde_json::to_string(&priority_numbers).map_err(Error::internal)?,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        wp::insert_item(conn, &row).map_err(|e| item_number_taken(e.into()))?;
        wp::set_item_jpas(conn, &row.id, &jpa_ids, now)?;
        let view = ActionItemView::of(row, jpa_ids);
        audit::record(
            conn,
            ctx,
            "action_item.create",
            "action_item",
            &view.id,
            diff(&json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

pub fn update_item(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateActionItem,
) -> Result<ActionItemView> {
    require(caller.role, Action::ManageWorkPlan)?;
    write(conn, |conn| {
        let before_row = wp::find_item(conn, id)?;
        if before_row.version != expected {
            return Err(Error::Stale);
        }
        let plan = WorkPlanView::from(wp::find_plan(conn, &before_row.work_plan_id)?);
        let before = item_view(conn, before_row.clone())?;
        let mut errors = Vec::new();
        let mut after_row = before_row.clone();
        if let Some(n) = &input.number {
            after_row.number = collect(&mut errors, item_number("number", n)).unwrap_or_default();
        }
        if let Some(t) = &input.text {
            after_row.text =
                collect(&mut errors, required_text("text", t, 2000)).unwrap_or_default();
        }
        if let Some(p) = &input.priority_numbers {
            let p = check_priority_numbers(&mut errors, &plan, p);
            after_row.priority_numbers = serde_json::to_string(&p).map_err(Error::internal)?;
        }
        let jpa_ids = match &input.jpa_ids {
            Some(ids) => check_jpas(conn, &mut errors, ids)?,
            None => before.jpa_ids.clone(),
        };
        invalid_unless_empty(errors)?;
        let after = ActionItemView::of(after_row.clone(), jpa_ids.clone());
        let changes = diff(&before.audit_fields(), &after.audit_fields());
        if unchanged(&changes) {
            return Ok(before);
        }
        let now = db::now();
        db::versioned(
            wp::update_item(conn, &after_row, now).map_err(|e| item_number_taken(e.into()))?,
        )?;
        wp::set_item_jpas(conn, id, &jpa_ids, now)?;
        audit::record(
            conn,
            ctx,
            "action_item.update",
            "action_item",
            id,
            changes,
            now,
        )?;
        let row = wp::find_item(conn, id)?;
        item_view(conn, row)
    })
}

// Interests.

/// The member a liaison or an observer speaks for: its agency's country, or its
/// organisation. `None` for the others (and for an observer without an organisation).
pub fn own_member(conn: &mut DbConnection, caller: &Caller) -> Result<Option<Member>> {
    Ok(match caller.role {
        Role::Liaison => match &caller.agency_id {
            Some(a) => Some(Member::Country(agencies::find(conn, a)?.country)),
            None => None,
        },
        Role::Observer => users::find(conn, &caller.user_id)?
            .organisation
            .map(Member::Organisation),
        Role::Admin | Role::CoChair => None,
    })
}

fn check_member(member: &Member) -> std::result::Result<Member, FieldError> {
    match member {
        Member::Country(c) => {
            CountryCode::parse("member.country", c).map(|c| Member::Country(c.into_inner()))
        }
        Member::Organisation(o) => {
            required_text("member.organisation", o, 100).map(Member::Organisation)
        }
    }
}

pub fn list_interests(
    conn: &mut DbConnection,
    caller: &Caller,
    item_id: &str,
    page: Page,
) -> Result<ListResponse<InterestView>> {
    require(caller.role, Action::ReadWorkPlan)?;
    wp::find_item(conn, item_id)?;
    let rows = wp::list_interests(conn, item_id, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        InterestView::from,
    ))
}

fn interest_fields(v: &InterestView) -> serde_json::Value {
    json!({
        "action_item_id": v.action_item_id, "member": v.member, "role": v.role,
        "recorded_on": v.recorded_on, "note": v.note,
    })
}

pub fn record_interest(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    item_id: &str,
    input: CreateInterest,
) -> Result<InterestView> {
    require(caller.role, Action::RecordInterest)?;
    let mut errors = Vec::new();
    let member = collect(&mut errors, check_member(&input.member));
    let note = collect(&mut errors, optional_text("note", &input.note, 2000));
    let recorded_on = input.recorded_on.unwrap_or_else(|| Utc::now().date_naive());
    if recorded_on > latest_today() {
        errors.push(FieldError::new("recorded_on", "must not be in the future"));
    }
    invalid_unless_empty(errors)?;
    let member = member.ok_or_else(|| Error::internal("member checked"))?;
    write(conn, |conn| {
        let item = wp::find_item(conn, item_id)?;
        let own = own_member(conn, caller)?;
        policy::may_record_interest(caller, own.as_ref().is_some_and(|o| o.same_as(&member)))?;
        // One spelling per organisation, so that "unodc" and "UNODC" are one member: the
        // observer's own, or one already recorded for the item.
        let member = match (&member, own) {
            (Member::Organisation(_), Some(own)) if own.same_as(&member) => own,
            (Member::Organisation(_), _) => {
                wp::interests_of_items(conn, std::slice::from_ref(&item.id))?
                    .into_iter()
                    .map(|i| Member::of_row(&i.member_kind, &i.member))
                    .find(|m| m.same_as(&member))
                    .unwrap_or(member)
            }
            _ => member,
        };
        let now = db::now();
        let row = InterestRow {
            id: db::new_id(),
            action_item_id: item.id,
            member_kind: member.kind().to_string(),
            member: member.name().to_string(),
            role: input.role.as_str().to_string(),
            recorded_on,
            note: note.unwrap_or_default(),
            recorded_by: caller.user_id.clone(),
            created_at: now,
        };
        wp::insert_interest(conn, &row).map_err(|e| match Error::from(e) {
            Error::Conflict(_) => Error::Conflict(
                "This member has already registered interest in this action item; withdraw it to record another."
                    .into(),
            ),
            other => other,
        })?;
        let view = InterestView::from(row);
        audit::record(
            conn,
            ctx,
            "interest.create",
            "interest",
            &view.id,
            diff(&json!({}), &interest_fields(&view)),
            now,
        )?;
        Ok(view)
    })
}

/// Withdraws an interest (by whoever may record it for that member).
pub fn withdraw_interest(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
) -> Result<()> {
    require(caller.role, Action::RecordInterest)?;
    write(conn, |conn| {
        let row = wp::find_interest(conn, id)?;
        let view = InterestView::from(row);
        let own = own_member(conn, caller)?;
        policy::may_record_interest(
            caller,
            own.as_ref().is_some_and(|o| o.same_as(&view.member)),
        )?;
        db::one_row_or(wp::delete_interest(conn, id)?, Error::NotFound)?;
        audit::record(
            conn,
            ctx,
            "interest.delete",
            "interest",
            id,
            diff(&interest_fields(&view), &json!({})),
            db::now(),
        )?;
        Ok(())
    })
}

// Meetings.

pub fn list_meetings(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_id: &str,
    page: Page,
) -> Result<ListResponse<MeetingView>> {
    require(caller.role, Action::ReadWorkPlan)?;
    wp::find_plan(conn, plan_id)?;
    let rows = wp::list_meetings(conn, plan_id, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        MeetingView::from,
    ))
}

pub fn get_meeting(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<MeetingView> {
    require(caller.role, Action::ReadWorkPlan)?;
    Ok(wp::find_meeting(conn, id)?.into())
}

fn meeting_day_taken(e: Error) -> Error {
    match e {
        Error::Conflict(_) => {
            Error::Conflict("This work plan already has a meeting on that day.".into())
        }
        other => other,
    }
}

pub fn create_meeting(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    plan_id: &str,
    input: CreateMeeting,
) -> Result<MeetingView> {
    require(caller.role, Action::ManageWorkPlan)?;
    let place = required_text("place", &input.place, 200).map_err(|e| Error::Invalid(vec![e]))?;
    write(conn, |conn| {
        let plan = wp::find_plan(conn, plan_id)?;
        let now = db::now();
        let row = MeetingRow {
            id: db::new_id(),
            work_plan_id: plan.id,
            held_on: input.held_on,
            place,
            held: false,
            tabled: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        wp::insert_meeting(conn, &row).map_err(|e| meeting_day_taken(e.into()))?;
        let view = MeetingView::from(row);
        audit::record(
            conn,
            ctx,
            "meeting.create",
            "meeting",
            &view.id,
            diff(&json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

pub fn update_meeting(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateMeeting,
) -> Result<MeetingView> {
    require(caller.role, Action::ManageWorkPlan)?;
    let place = input
        .place
        .as_deref()
        .map(|p| required_text("place", p, 200))
        .transpose()
        .map_err(|e| Error::Invalid(vec![e]))?;
    write(conn, |conn| {
        // Marking held and recording an update take turns, so that an update is either
        // in what is tabled or a correction, never neither.
        db::lock(conn, &format!("meeting:{id}"))?;
        let before = wp::find_meeting(conn, id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        if before.held {
            return Err(Error::Conflict(
                "This meeting is held: what it recorded is final (record a correction as a new status update with a reason).".into(),
            ));
        }
        let mut after = before.clone();
        if let Some(d) = input.held_on {
            after.held_on = d;
        }
        if let Some(p) = place {
            after.place = p;
        }
        if input.held == Some(true) {
            if after.held_on > latest_today() {
                return Err(Error::invalid(
                    "held",
                    "a meeting cannot be held before its day",
                ));
            }
            after.held = true;
        }
        let changes = diff(
            &MeetingView::from(before.clone()).audit_fields(),
            &MeetingView::from(after.clone()).audit_fields(),
        );
        if unchanged(&changes) {
            return Ok(after.into());
        }
        if after.held {
            // What is tabled: the table as it stands now, kept whatever is recorded later.
            let rows = live_rows(conn, &after)?;
            after.tabled = Some(serde_json::to_string(&rows).map_err(Error::internal)?);
        }
        let now = db::now();
        db::versioned(
            wp::update_meeting(conn, &after, now).map_err(|e| meeting_day_taken(e.into()))?,
        )?;
        audit::record(conn, ctx, "meeting.update", "meeting", id, changes, now)?;
        Ok(wp::find_meeting(conn, id)?.into())
    })
}

// Status updates.

pub fn list_updates(
    conn: &mut DbConnection,
    caller: &Caller,
    meeting_id: &str,
    page: Page,
) -> Result<ListResponse<StatusUpdateView>> {
    require(caller.role, Action::ReadWorkPlan)?;
    wp::find_meeting(conn, meeting_id)?;
    let rows = wp::list_updates(conn, meeting_id, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        StatusUpdateView::from,
    ))
}

pub fn record_update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    meeting_id: &str,
    input: CreateStatusUpdate,
) -> Result<StatusUpdateView> {
    require(caller.role, Action::ManageWorkPlan)?;
    let mut errors = Vec::new();
    let timeframe = input
        .timeframe
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .and_then(|t| collect(&mut errors, timeframe("timeframe", t)));
    let note = collect(&mut errors, optional_text("note", &input.note, 2000));
    let reason = input
        .reason
        .as_deref()
        .and_then(|r| collect(&mut errors, optional_text("reason", r, 2000)))
        .filter(|r| !r.is_empty());
    invalid_unless_empty(errors)?;
    write(conn, |conn| {
        db::lock(conn, &format!("meeting:{meeting_id}"))?;
        let meeting = wp::find_meeting(conn, meeting_id)?;
        let item = match uuid::Uuid::parse_str(&input.action_item_id) {
            Ok(_) => wp::find_item(conn, &input.action_item_id).ok(),
            Err(_) => None,
        }
        .filter(|i| i.work_plan_id == meeting.work_plan_id)
        .ok_or_else(|| {
            Error::invalid(
                "action_item_id",
                "is not an action item of this meeting's work plan",
            )
        })?;
        if meeting.held && reason.is_none() {
            return Err(Error::invalid(
                "reason",
                "is required: the meeting is held, so this update corrects its record",
            ));
        }
        let now = db::now();
        let row = StatusUpdateRow {
            id: db::new_id(),
            meeting_id: meeting.id,
            action_item_id: item.id,
            status: input.status.as_str().to_string(),
            timeframe,
            note: note.unwrap_or_default(),
            reason,
            correction: meeting.held,
            recorded_by: caller.user_id.clone(),
            created_at: now,
        };
        wp::insert_update(conn, &row)?;
        let view = StatusUpdateView::from(row);
        audit::record(
            conn,
            ctx,
            if view.correction {
                "status_update.correct"
            } else {
                "status_update.create"
            },
            "status_update",
            &view.id,
            diff(
                &json!({}),
                &json!({
                    "meeting_id": view.meeting_id, "action_item_id": view.action_item_id,
                    "status": view.status, "timeframe": view.timeframe, "note": view.note,
                    "reason": view.reason,
                }),
            ),
            now,
        )?;
        Ok(view)
    })
}

// The meeting's table.

/// An item's status at a meeting: the latest update of that meeting or an earlier one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct TableStatus {
    pub status: String,
    pub timeframe: Option<String>,
    pub note: String,
    /// The meeting that recorded it.
    pub meeting_id: String,
    pub recorded_at_meeting_on: NaiveDate,
}

/// A JPA's headline figures as of the meeting's day (or the JPA's last day).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct JpaHeadline {
    pub jpa_id: String,
    pub code: String,
    pub name: String,
    pub is_exercise: bool,
    pub status: String,
    pub as_of: NaiveDate,
    /// The JPA had begun by the meeting's day (figures are 0 before).
    pub started: bool,
    pub investigations: i64,
    pub cross_border: i64,
    pub milestones_achieved: i64,
    pub returns_submitted: i64,
    pub returns_expected: i64,
    /// Indicator code -> total reported (each outcome once), where not 0.
    pub outcomes: BTreeMap<String, i64>,
}

/// One row of the plan's table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct TableRow {
    pub action_item_id: String,
    pub number: String,
    pub text: String,
    pub priority_numbers: Vec<i32>,
    /// Members with an interest to lead, as recorded by the meeting's day.
    pub lead: Vec<Member>,
    pub support: Vec<Member>,
    pub status: Option<TableStatus>,
    pub jpas: Vec<JpaHeadline>,
}

/// What changed for an item since the previous meeting's table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TableChange {
    pub action_item_id: String,
    pub number: String,
    /// `item_added`, `item_removed`, `status_changed`, `interest_added`,
    /// `interest_withdrawn`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_before: Option<TableStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_after: Option<TableStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// `lead` or `support`, with `member`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
}

/// The plan's table as of a meeting (`GET /meetings/{id}/table`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingTable {
    pub work_plan: PlanSummary,
    pub meeting: MeetingView,
    /// `true`: the table as it stood when the meeting was marked held, unchanged since.
    /// `false`: the meeting is not held yet, and the table is as of now.
    pub tabled: bool,
    pub items: Vec<TableRow>,
    /// The meeting before this one, whose table `changes` compares with.
    pub previous_meeting: Option<MeetingView>,
    pub changes: Vec<TableChange>,
    /// Updates to this meeting's record made after it was held, each with its reason.
    pub corrections: Vec<StatusUpdateView>,
}

fn headline(conn: &mut DbConnection, jpa_id: &str, day: NaiveDate) -> Result<Option<JpaHeadline>> {
    let Ok(jpa) = jpas::find(conn, jpa_id) else {
        return Ok(None);
    };
    let as_of = day.min(jpa.end_date);
    let started = day >= jpa.start_date;
    let mut h = JpaHeadline {
        jpa_id: jpa.id.clone(),
        code: jpa.code.clone(),
        name: jpa.name.clone(),
        is_exercise: jpa.is_exercise,
        status: jpa.status.clone(),
        as_of,
        started,
        investigations: 0,
        cross_border: 0,
        milestones_achieved: 0,
        returns_submitted: 0,
        returns_expected: 0,
        outcomes: BTreeMap::new(),
    };
    if started {
        let doc = progress::compute(conn, &jpa, json!({}), as_of, false)?;
        let n = |v: &serde_json::Value| v.as_i64().unwrap_or(0);
        h.investigations = n(&doc["investigations"]["total"]);
        h.cross_border = n(&doc["investigations"]["cross_border"]);
        h.milestones_achieved = n(&doc["milestones"]["achieved"]);
        h.returns_submitted = n(&doc["returns"]["submitted"]);
        h.returns_expected = n(&doc["returns"]["expected"]);
        if let Some(outcomes) = doc["outcomes"].as_object() {
            for (code, figures) in outcomes {
                let total = n(&figures["total"]);
                if total != 0 {
                    h.outcomes.insert(code.clone(), total);
                }
            }
        }
    }
    Ok(Some(h))
}

/// The table of a meeting's plan as the records stand now, as of the meeting's day.
fn live_rows(conn: &mut DbConnection, meeting: &MeetingRow) -> Result<Vec<TableRow>> {
    let mut items = wp::items_of_plan(conn, &meeting.work_plan_id)?;
    items.sort_by_key(|i| item_order(&i.number));
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for (item, jpa) in wp::jpas_of_items(conn, &ids)? {
        links.entry(item).or_default().push(jpa);
    }
    let mut interests: HashMap<String, Vec<InterestRow>> = HashMap::new();
    for i in wp::interests_of_items(conn, &ids)? {
        if i.recorded_on <= meeting.held_on {
            interests
                .entry(i.action_item_id.clone())
                .or_default()
                .push(i);
        }
    }
    // The latest update of this meeting or an earlier one, by meeting day, then time.
    let meetings: Vec<MeetingRow> = wp::meetings_of_plan(conn, &meeting.work_plan_id)?
        .into_iter()
        .filter(|m| m.held_on <= meeting.held_on)
        .collect();
    let days: HashMap<String, NaiveDate> =
        meetings.iter().map(|m| (m.id.clone(), m.held_on)).collect();
    let meeting_ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
    let mut latest: HashMap<String, (NaiveDate, StatusUpdateRow)> = HashMap::new();
    for u in wp::updates_of_meetings(conn, &meeting_ids)? {
        let day = days.get(&u.meeting_id).copied().unwrap_or(meeting.held_on);
        let newer = latest
            .get(&u.action_item_id)
            .is_none_or(|(d, prev)| (day, u.created_at) >= (*d, prev.created_at));
        if newer {
            latest.insert(u.action_item_id.clone(), (day, u));
        }
    }
    let mut figures: HashMap<String, Option<JpaHeadline>> = HashMap::new();
    let mut rows = Vec::with_capacity(items.len());
    for item in items {
        let mut lead = Vec::new();
        let mut support = Vec::new();
        for i in interests.remove(&item.id).unwrap_or_default() {
            let m = Member::of_row(&i.member_kind, &i.member);
            if i.role == "lead" {
                lead.push(m);
            } else {
                support.push(m);
            }
        }
        let mut jpas_of_item = Vec::new();
        for jpa in links.remove(&item.id).unwrap_or_default() {
            if !figures.contains_key(&jpa) {
                let h = headline(conn, &jpa, meeting.held_on)?;
                figures.insert(jpa.clone(), h);
            }
            if let Some(Some(h)) = figures.get(&jpa) {
                jpas_of_item.push(h.clone());
            }
        }
        rows.push(TableRow {
            status: latest.remove(&item.id).map(|(day, u)| TableStatus {
                status: u.status,
                timeframe: u.timeframe,
                note: u.note,
                meeting_id: u.meeting_id,
                recorded_at_meeting_on: day,
            }),
            priority_numbers: serde_json::from_str(&item.priority_numbers).unwrap_or_default(),
            action_item_id: item.id,
            number: item.number,
            text: item.text,
            lead,
            support,
            jpas: jpas_of_item,
        });
    }
    Ok(rows)
}

/// A meeting's table: as tabled once held, else as the records stand.
fn rows_of(conn: &mut DbConnection, meeting: &MeetingRow) -> Result<Vec<TableRow>> {
    match (&meeting.tabled, meeting.held) {
        (Some(tabled), true) => serde_json::from_str(tabled).map_err(Error::internal),
        _ => live_rows(conn, meeting),
    }
}

/// What changed from one table to the next, item by item in the later table's order.
pub fn changes(before: &[TableRow], after: &[TableRow]) -> Vec<TableChange> {
    let change = |row: &TableRow, kind: &str| TableChange {
        action_item_id: row.action_item_id.clone(),
        number: row.number.clone(),
        kind: kind.to_string(),
        status_before: None,
        status_after: None,
        member: None,
        role: None,
    };
    let mut out = Vec::new();
    for row in after {
        let Some(old) = before
            .iter()
            .find(|b| b.action_item_id == row.action_item_id)
        else {
            out.push(change(row, "item_added"));
            continue;
        };
        let same_status = match (&old.status, &row.status) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.status == b.status && a.timeframe == b.timeframe && a.note == b.note
            }
            _ => false,
        };
        if !same_status {
            out.push(TableChange {
                status_before: old.status.clone(),
                status_after: row.status.clone(),
                ..change(row, "status_changed")
            });
        }
        for (role, was, now) in [
            ("lead", &old.lead, &row.lead),
            ("support", &old.support, &row.support),
        ] {
            for m in now.iter().filter(|m| !was.contains(m)) {
                out.push(TableChange {
                    member: Some(m.clone()),
                    role: Some(role.into()),
                    ..change(row, "interest_added")
                });
            }
            for m in was.iter().filter(|m| !now.contains(m)) {
                out.push(TableChange {
                    member: Some(m.clone()),
                    role: Some(role.into()),
                    ..change(row, "interest_withdrawn")
                });
            }
        }
    }
    for old in before {
        if !after.iter().any(|a| a.action_item_id == old.action_item_id) {
            out.push(change(old, "item_removed"));
        }
    }
    out
}

/// The plan's table as of a meeting, with what changed since the previous meeting.
pub fn table(conn: &mut DbConnection, caller: &Caller, meeting_id: &str) -> Result<MeetingTable> {
    require(caller.role, Action::ReadWorkPlan)?;
    let meeting = wp::find_meeting(conn, meeting_id)?;
    let plan = wp::find_plan(conn, &meeting.work_plan_id)?;
    let items = rows_of(conn, &meeting)?;
    let previous = wp::meetings_of_plan(conn, &plan.id)?
        .into_iter()
        .rfind(|m| m.held_on < meeting.held_on);
    let changes = match &previous {
        Some(p) => changes(&rows_of(conn, p)?, &items),
        None => Vec::new(),
    };
    let corrections = if meeting.held {
        wp::updates_of_meetings(conn, std::slice::from_ref(&meeting.id))?
            .into_iter()
            .filter(|u| u.correction)
            .map(StatusUpdateView::from)
            .collect()
    } else {
        Vec::new()
    };
    Ok(MeetingTable {
        work_plan: PlanSummary {
            id: plan.id,
            title: plan.title,
            first_year: plan.first_year,
            last_year: plan.last_year,
        },
        tabled: meeting.held && meeting.tabled.is_some(),
        meeting: meeting.into(),
        items,
        previous_meeting: previous.map(MeetingView::from),
        changes,
        corrections,
    })
}

/// Everything the work plan's page shows: the plan, its items (in the plan's order)
/// with their JPAs, interests and status history, and its meetings.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOverview {
    pub plan: WorkPlanView,
    pub items: Vec<ItemOverview>,
    pub meetings: Vec<MeetingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemOverview {
    pub item: ActionItemView,
    pub interests: Vec<InterestView>,
    /// Oldest first, each with the day of its meeting.
    pub history: Vec<(NaiveDate, StatusUpdateView)>,
    /// The JPAs' codes and names, where they exist.
    pub jpas: Vec<(String, String, String)>,
}

pub fn overview(conn: &mut DbConnection, caller: &Caller, plan_id: &str) -> Result<PlanOverview> {
    require(caller.role, Action::ReadWorkPlan)?;
    let plan = WorkPlanView::from(wp::find_plan(conn, plan_id)?);
    let mut items = wp::items_of_plan(conn, plan_id)?;
    items.sort_by_key(|i| item_order(&i.number));
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for (item, jpa) in wp::jpas_of_items(conn, &ids)? {
        links.entry(item).or_default().push(jpa);
    }
    let mut interests: HashMap<String, Vec<InterestView>> = HashMap::new();
    for i in wp::interests_of_items(conn, &ids)? {
        interests
            .entry(i.action_item_id.clone())
            .or_default()
            .push(i.into());
    }
    let meetings = wp::meetings_of_plan(conn, plan_id)?;
    let days: HashMap<String, NaiveDate> =
        meetings.iter().map(|m| (m.id.clone(), m.held_on)).collect();
    let meeting_ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
    let mut history: HashMap<String, Vec<(NaiveDate, StatusUpdateView)>> = HashMap::new();
    for u in wp::updates_of_meetings(conn, &meeting_ids)? {
        let day = days.get(&u.meeting_id).copied().unwrap_or_default();
        history
            .entry(u.action_item_id.clone())
            .or_default()
            .push((day, u.into()));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let jpa_ids = links.remove(&item.id).unwrap_or_default();
        let mut named = Vec::new();
        for j in &jpa_ids {
            if let Ok(row) = jpas::find(conn, j) {
                named.push((row.id, row.code, row.name));
            }
        }
        let mut h = history.remove(&item.id).unwrap_or_default();
        h.sort_by_key(|a| (a.0, a.1.created_at));
        out.push(ItemOverview {
            interests: interests.remove(&item.id).unwrap_or_default(),
            history: h,
            jpas: named,
            item: ActionItemView::of(item, jpa_ids),
        });
    }
    Ok(PlanOverview {
        plan,
        items: out,
        meetings: meetings.into_iter().map(MeetingView::from).collect(),
    })
}
