//! The forward work plan and the compendium across JPAs, for every signed-in role:
//! `/work-plans` (the plans; a new one for admins and co-chairs), `/work-plans/{id}` (its
//! priorities, action items with their status and interest, meetings; add an item or a
//! meeting), `/action-items/{id}` (an item's interest and status history; register or
//! withdraw interest), `/meetings/{id}` (the plan's table as of the meeting, printable,
//! with what changed since the previous one; record a status, mark the meeting held),
//! and `/compendium` (A C O). Each form calls the operation the JSON API calls.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;

use super::admin::{may, message, push_error, require, sort_errors, t, values, version_of};
use super::{render, signed_in};
use crate::auth::policy::{self, Action};
use crate::domain::{CrimeType, InterestRole, ItemStatus, ModusOperandi, Role};
use crate::error::{Error, FieldError};
use crate::operations::work_plans::{self as ops, Member};
use crate::routes::extract::path_id;
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{see_other, Frame, PageError};

pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "plans/macros.html",
    "plans/list.html",
    "plans/plan.html",
    "plans/item.html",
    "plans/meeting.html",
    "plans/table.html",
    "plans/compendium.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/work-plans", web::get().to(list))
        .route("/work-plans/new", web::post().to(create_plan))
        .route("/work-plans/{id}", web::get().to(plan))
        .route("/work-plans/{id}/action-items", web::post().to(create_item))
        .route("/work-plans/{id}/meetings", web::post().to(create_meeting))
        .route("/action-items/{id}", web::get().to(item))
        .route(
            "/action-items/{id}/interests",
            web::post().to(record_interest),
        )
        .route(
            "/interests/{id}/withdraw",
            web::post().to(withdraw_interest),
        )
        .route("/meetings/{id}", web::get().to(meeting))
        .route(
            "/meetings/{id}/status-updates",
            web::post().to(record_update),
        )
        .route("/meetings/{id}/held", web::post().to(hold_meeting))
        .route("/meetings/{id}/table.md", web::get().to(table_markdown))
        .route("/meetings/{id}/table.csv", web::get().to(table_csv))
        .route("/compendium", web::get().to(compendium))
        .route("/compendium.md", web::get().to(compendium_markdown));
}

fn page(
    status: StatusCode,
    template: &str,
    who: &SignedIn,
    req: &HttpRequest,
    context: minijinja::Value,
) -> Result<HttpResponse, PageError> {
    let frame = Frame::signed_in(who, req.path());
    // Whether the plan's forms show: the rule of the operations they call.
    let coordinator = may(&who.caller, Action::ManageWorkPlan);
    let full = minijinja::context! {
        csrf => who.csrf,
        coordinator => coordinator,
        ..context
    };
    render(status, template, frame, full)
}

/// The notices after a redirect: a closed list.
fn notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "plan-created" => "wp-notice-plan-created",
        "item-added" => "wp-notice-item-added",
        "meeting-added" => "wp-notice-meeting-added",
        "interest-recorded" => "wp-notice-interest-recorded",
        "interest-withdrawn" => "wp-notice-interest-withdrawn",
        "status-recorded" => "wp-notice-status-recorded",
        "meeting-held" => "wp-notice-meeting-held",
        _ => return None,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

/// An operation's field errors at the form's inputs, each labelled `wp-label-<field>`.
fn errors_of(fields: &[FieldError], inputs: &[&str]) -> Result<FormErrors, PageError> {
    let mut errors = FormErrors::default();
    for e in fields {
        // `priorities[2].text` is the priorities input's; `member.country` is its own.
        let base = e.field.split('[').next().unwrap_or(&e.field);
        let field = if inputs.contains(&e.field.as_str()) {
            e.field.as_str()
        } else if inputs.contains(&base) {
            base
        } else {
            inputs.first().copied().unwrap_or("main")
        };
        let label = t(&format!("wp-label-{}", field.replace('.', "-")))?;
        let text = message(
            "wp-err-field",
            &[
                ("label", label.into()),
                (
                    "message",
                    crate::web::forms::domain_message(&e.message).into(),
                ),
            ],
        )?;
        push_error(&mut errors, field, text);
    }
    sort_errors(&mut errors, inputs);
    Ok(errors)
}

/// Every field of this group's forms: a page's forms always find each of their values
/// (empty when not submitted).
fn all_fields() -> BTreeMap<String, String> {
    [
        PLAN_FIELDS,
        ITEM_FIELDS,
        MEETING_FIELDS,
        INTEREST_FIELDS,
        UPDATE_FIELDS,
    ]
    .iter()
    .flat_map(|f| f.iter())
    .map(|f| ((*f).to_string(), String::new()))
    .collect()
}

/// The rejected form's context: which form, its values, its errors.
fn rejected(form: &str, values: &BTreeMap<String, String>, errors: FormErrors) -> minijinja::Value {
    let mut all = all_fields();
    all.extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
    minijinja::context! { form => form, values => all, errors => errors }
}

fn none_form() -> minijinja::Value {
    minijinja::context! { form => "", values => all_fields(), errors => FormErrors::default() }
}

/// What a form's operation said, as the page shows it: field errors and conflicts go
/// back to the form (422 / 409), anything else is the error page.
fn form_error(e: Error, inputs: &[&str]) -> Result<(StatusCode, FormErrors), PageError> {
    match e {
        Error::Invalid(fields) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            errors_of(&fields, inputs)?,
        )),
        Error::Conflict(m) => {
            let mut errors = FormErrors::default();
            let text = crate::web::forms::domain_message(&m);
            let text = if text == m { conflict_text(&m)? } else { text };
            push_error(&mut errors, inputs.first().copied().unwrap_or("main"), text);
            Ok((StatusCode::CONFLICT, errors))
        }
        Error::Stale => Ok((StatusCode::CONFLICT, {
            let mut errors = FormErrors::default();
            push_error(
                &mut errors,
                inputs.first().copied().unwrap_or("main"),
                t("wp-err-stale")?,
            );
            errors
        })),
        other => Err(other.into()),
    }
}

/// The conflicts of the work plan's operations, in the page's language.
fn conflict_text(m: &str) -> Result<String, PageError> {
    let id = if m.contains("action item with this number") {
        "wp-err-number-taken"
    } else if m.contains("meeting on that day") {
        "wp-err-day-taken"
    } else if m.contains("already registered interest") {
        "wp-err-interest-taken"
    } else if m.contains("is held") {
        "wp-err-held"
    } else {
        "wp-err-conflict"
    };
    t(id)
}

// `/work-plans`.

const PLAN_FIELDS: &[&str] = &[
    "title",
    "first_year",
    "last_year",
    "objectives",
    "priorities",
];

async fn plans_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    form: minijinja::Value,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let caller = who.caller.clone();
    let plans = state
        .db
        .run(move |conn| {
            ops::list_plans(
                conn,
                &caller,
                crate::operations::Page {
                    limit: 200,
                    after: None,
                },
            )
        })
        .await?;
    page(
        status,
        "plans/list.html",
        who,
        req,
        minijinja::context! { plans => plans.items, form => form, notice => notice },
    )
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    plans_page(
        &req,
        &state,
        &who,
        StatusCode::OK,
        none_form(),
        notice(query.notice.as_deref()),
    )
    .await
}

/// `priorities` as a form writes them: one per line, `number. text` (or `number text`).
fn parse_priorities(raw: &str) -> Option<Vec<ops::Priority>> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
            let number = digits.parse::<i32>().ok()?;
            let text = line[digits.len()..]
                .trim_start_matches(['.', ')', ':', ' ', '\t'])
                .trim();
            Some(ops::Priority {
                number,
                text: text.to_string(),
            })
        })
        .collect()
}

fn year_of(
    errors: &mut FormErrors,
    v: &BTreeMap<String, String>,
    field: &str,
) -> Result<i32, PageError> {
    match v[field].trim().parse::<i32>() {
        Ok(y) => Ok(y),
        Err(_) => {
            push_error(errors, field, t("wp-err-year")?);
            Ok(0)
        }
    }
}

pub async fn create_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageWorkPlan)?;
    let v = values(&pairs, PLAN_FIELDS);
    let mut errors = FormErrors::default();
    if v["title"].trim().is_empty() {
        push_error(&mut errors, "title", t("wp-err-title-missing")?);
    }
    let first_year = year_of(&mut errors, &v, "first_year")?;
    let last_year = year_of(&mut errors, &v, "last_year")?;
    let priorities = parse_priorities(&v["priorities"]);
    if priorities.is_none() {
        push_error(&mut errors, "priorities", t("wp-err-priorities")?);
    }
    let again = |status, errors| {
        plans_page(
            &req,
            &state,
            &who,
            status,
            rejected("plan", &v, errors),
            None,
        )
    };
    if !errors.is_empty() {
        sort_errors(&mut errors, PLAN_FIELDS);
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors).await;
    }
    let input = ops::CreateWorkPlan {
        title: v["title"].clone(),
        first_year,
        last_year,
        objectives: v["objectives"].clone(),
        priorities: priorities.unwrap_or_default(),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    match state
        .db
        .run(move |conn| ops::create_plan(conn, &caller, &ctx, input))
        .await
    {
        Ok(plan) => Ok(see_other(&format!(
            "/work-plans/{}?notice=plan-created",
            plan.id
        ))),
        Err(e) => {
            let (status, errors) = form_error(e, PLAN_FIELDS)?;
            again(status, errors).await
        }
    }
}

// `/work-plans/{id}`.

const ITEM_FIELDS: &[&str] = &["number", "text", "priority_numbers", "jpa_ids"];
const MEETING_FIELDS: &[&str] = &["held_on", "place"];

async fn plan_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    id: &str,
    status: StatusCode,
    form: minijinja::Value,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (caller, id) = (who.caller.clone(), id.to_string());
    let (overview, jpas, current) = state
        .db
        .run(move |conn| {
            let overview = ops::overview(conn, &caller, &id)?;
            // The JPAs a coordinator may link (every JPA: coordinators see all).
            let jpas = if may(&caller, Action::ManageWorkPlan) {
                crate::db::jpas::list(conn, &policy::jpa_scope(&caller), None, 500)?
            } else {
                Vec::new()
            };
            // Each item's status at the latest meeting.
            let current = match overview.meetings.last() {
                Some(m) => ops::table(conn, &caller, &m.id)?.items,
                None => Vec::new(),
            };
            Ok((overview, jpas, current))
        })
        .await?;
    let statuses: BTreeMap<String, Option<ops::TableStatus>> = current
        .into_iter()
        .map(|r| (r.action_item_id, r.status))
        .collect();
    let jpa_options: Vec<(String, String)> = jpas
        .into_iter()
        .map(|j| (j.id, format!("{} – {}", j.code, j.name)))
        .collect();
    page(
        status,
        "plans/plan.html",
        who,
        req,
        minijinja::context! {
            plan => overview.plan,
            items => overview.items,
            meetings => overview.meetings,
            statuses => statuses,
            jpa_options => jpa_options,
            form => form,
            notice => notice,
        },
    )
}

pub async fn plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    plan_page(
        &req,
        &state,
        &who,
        &id,
        StatusCode::OK,
        none_form(),
        notice(query.notice.as_deref()),
    )
    .await
}

/// Every value of a repeated field (`priority_numbers`, `jpa_ids`).
fn all_of(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

pub async fn create_item(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let mut v = values(&pairs, ITEM_FIELDS);
    let priorities = all_of(&pairs, "priority_numbers");
    let jpa_ids = all_of(&pairs, "jpa_ids");
    v.insert("priority_numbers".into(), priorities.join(","));
    v.insert("jpa_ids".into(), jpa_ids.join(","));
    let mut errors = FormErrors::default();
    if v["number"].trim().is_empty() {
        push_error(&mut errors, "number", t("wp-err-number-missing")?);
    }
    if v["text"].trim().is_empty() {
        push_error(&mut errors, "text", t("wp-err-text-missing")?);
    }
    let numbers: Option<Vec<i32>> = priorities.iter().map(|p| p.parse().ok()).collect();
    if numbers.is_none() {
        return Err(PageError::BadRequest);
    }
    if !errors.is_empty() {
        sort_errors(&mut errors, ITEM_FIELDS);
        return plan_page(
            &req,
            &state,
            &who,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            rejected("item", &v, errors),
            None,
        )
        .await;
    }
    let input = ops::CreateActionItem {
        number: v["number"].clone(),
        text: v["text"].clone(),
        priority_numbers: numbers.unwrap_or_default(),
        jpa_ids,
    };
    let (caller, plan_id) = (who.caller.clone(), id.clone());
    let ctx = signed_in(&caller);
    match state
        .db
        .run(move |conn| ops::create_item(conn, &caller, &ctx, &plan_id, input))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/work-plans/{id}?notice=item-added#items"
        ))),
        Err(e) => {
            let (status, errors) = form_error(e, ITEM_FIELDS)?;
            plan_page(
                &req,
                &state,
                &who,
                &id,
                status,
                rejected("item", &v, errors),
                None,
            )
            .await
        }
    }
}

pub async fn create_meeting(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let v = values(&pairs, MEETING_FIELDS);
    let mut errors = FormErrors::default();
    let held_on = super::admin::parse_date(&mut errors, "held_on", &v["held_on"])?;
    if held_on.is_none() && !errors.by_field.contains_key("held_on") {
        push_error(&mut errors, "held_on", t("wp-err-held_on-missing")?);
    }
    if v["place"].trim().is_empty() {
        push_error(&mut errors, "place", t("wp-err-place-missing")?);
    }
    let Some(held_on) = held_on.filter(|_| errors.is_empty()) else {
        sort_errors(&mut errors, MEETING_FIELDS);
        return plan_page(
            &req,
            &state,
            &who,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            rejected("meeting", &v, errors),
            None,
        )
        .await;
    };
    let input = ops::CreateMeeting {
        held_on,
        place: v["place"].clone(),
    };
    let (caller, plan_id) = (who.caller.clone(), id.clone());
    let ctx = signed_in(&caller);
    match state
        .db
        .run(move |conn| ops::create_meeting(conn, &caller, &ctx, &plan_id, input))
        .await
    {
        Ok(m) => Ok(see_other(&format!(
            "/meetings/{}?notice=meeting-added",
            m.id
        ))),
        Err(e) => {
            let (status, errors) = form_error(e, MEETING_FIELDS)?;
            plan_page(
                &req,
                &state,
                &who,
                &id,
                status,
                rejected("meeting", &v, errors),
                None,
            )
            .await
        }
    }
}

// `/action-items/{id}`.

const INTEREST_FIELDS: &[&str] = &[
    "member_kind",
    "member.country",
    "member.organisation",
    "role",
    "recorded_on",
    "note",
];

async fn item_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    id: &str,
    status: StatusCode,
    form: minijinja::Value,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (caller, id) = (who.caller.clone(), id.to_string());
    let (item, overview, own) = state
        .db
        .run(move |conn| {
            let item = ops::get_item(conn, &caller, &id)?;
            let overview = ops::overview(conn, &caller, &item.work_plan_id)?;
            let own = ops::own_member(conn, &caller)?;
            Ok((item, overview, own))
        })
        .await?;
    let Some(detail) = overview.items.into_iter().find(|i| i.item.id == item.id) else {
        return Err(PageError::NotFound);
    };
    // Which interests this reader may withdraw: a coordinator's any, a member's own.
    let withdrawable: Vec<String> = detail
        .interests
        .iter()
        .filter(|i| {
            policy::can_record_interest(
                &who.caller,
                own.as_ref().is_some_and(|o| o.same_as(&i.member)),
            )
        })
        .map(|i| i.id.clone())
        .collect();
    let may_record = policy::can_record_interest(&who.caller, own.is_some());
    let own_label = own.as_ref().map(|m| match m {
        Member::Country(c) => {
            crate::i18n::country_name(crate::i18n::current(), c).unwrap_or_else(|| c.clone())
        }
        Member::Organisation(o) => o.clone(),
    });
    let own_kind = own.as_ref().map(|m| match m {
        Member::Country(_) => "country",
        Member::Organisation(_) => "organisation",
    });
    let own_value = own.as_ref().map(|m| match m {
        Member::Country(c) | Member::Organisation(c) => c.clone(),
    });
    page(
        status,
        "plans/item.html",
        who,
        req,
        minijinja::context! {
            plan => overview.plan,
            detail => detail,
            withdrawable => withdrawable,
            may_record => may_record,
            own_label => own_label,
            own_kind => own_kind,
            own_value => own_value,
            country_options => super::admin::agencies::country_options(),
            today => chrono::Utc::now().date_naive().to_string(),
            form => form,
            notice => notice,
        },
    )
}

pub async fn item(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    item_page(
        &req,
        &state,
        &who,
        &id,
        StatusCode::OK,
        none_form(),
        notice(query.notice.as_deref()),
    )
    .await
}

pub async fn record_interest(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::RecordInterest)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let v = values(&pairs, INTEREST_FIELDS);
    let mut errors = FormErrors::default();
    let member = match v["member_kind"].as_str() {
        "country" if !v["member.country"].trim().is_empty() => {
            Some(Member::Country(v["member.country"].trim().to_string()))
        }
        "country" => {
            push_error(&mut errors, "member.country", t("wp-err-country-missing")?);
            None
        }
        "organisation" if !v["member.organisation"].trim().is_empty() => {
            Some(Member::Organisation(v["member.organisation"].clone()))
        }
        "organisation" => {
            push_error(
                &mut errors,
                "member.organisation",
                t("wp-err-organisation-missing")?,
            );
            None
        }
        _ => {
            push_error(&mut errors, "member_kind", t("wp-err-member-missing")?);
            None
        }
    };
    let role = match InterestRole::parse(v["role"].trim()) {
        Some(r) => Some(r),
        None => {
            push_error(&mut errors, "role", t("wp-err-role-missing")?);
            None
        }
    };
    let recorded_on: Option<NaiveDate> =
        super::admin::parse_date(&mut errors, "recorded_on", &v["recorded_on"])?;
    let (Some(member), Some(role), true) = (member, role, errors.is_empty()) else {
        sort_errors(&mut errors, INTEREST_FIELDS);
        return item_page(
            &req,
            &state,
            &who,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            rejected("interest", &v, errors),
            None,
        )
        .await;
    };
    let input = ops::CreateInterest {
        member,
        role,
        recorded_on,
        note: v["note"].clone(),
    };
    let (caller, item_id) = (who.caller.clone(), id.clone());
    let ctx = signed_in(&caller);
    match state
        .db
        .run(move |conn| ops::record_interest(conn, &caller, &ctx, &item_id, input))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/action-items/{id}?notice=interest-recorded"
        ))),
        Err(Error::Forbidden) => {
            let mut errors = FormErrors::default();
            push_error(&mut errors, "member_kind", t("wp-err-not-your-member")?);
            item_page(
                &req,
                &state,
                &who,
                &id,
                StatusCode::FORBIDDEN,
                rejected("interest", &v, errors),
                None,
            )
            .await
        }
        Err(e) => {
            let (status, errors) = form_error(e, INTEREST_FIELDS)?;
            item_page(
                &req,
                &state,
                &who,
                &id,
                status,
                rejected("interest", &v, errors),
                None,
            )
            .await
        }
    }
}

pub async fn withdraw_interest(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::RecordInterest)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let v = values(&pairs, &["action_item_id"]);
    let item = path_id(&v["action_item_id"]).map_err(|_| PageError::BadRequest)?;
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    state
        .db
        .run(move |conn| ops::withdraw_interest(conn, &caller, &ctx, &id))
        .await?;
    Ok(see_other(&format!(
        "/action-items/{item}?notice=interest-withdrawn"
    )))
}

// `/meetings/{id}`.

const UPDATE_FIELDS: &[&str] = &["action_item_id", "status", "timeframe", "note", "reason"];

async fn meeting_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    id: &str,
    status: StatusCode,
    form: minijinja::Value,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (caller, id) = (who.caller.clone(), id.to_string());
    let table = state
        .db
        .run(move |conn| ops::table(conn, &caller, &id))
        .await?;
    let numbers: BTreeMap<String, String> = table
        .items
        .iter()
        .map(|i| (i.action_item_id.clone(), i.number.clone()))
        .collect();
    let item_options: Vec<(String, String)> = table
        .items
        .iter()
        .map(|i| (i.action_item_id.clone(), format!("{} {}", i.number, i.text)))
        .collect();
    let status_options = super::admin::options(
        "wp-status-",
        &ItemStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
    )?;
    page(
        status,
        "plans/meeting.html",
        who,
        req,
        minijinja::context! {
            table => table,
            numbers => numbers,
            item_options => item_options,
            status_options => status_options,
            form => form,
            notice => notice,
        },
    )
}

pub async fn meeting(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    meeting_page(
        &req,
        &state,
        &who,
        &id,
        StatusCode::OK,
        none_form(),
        notice(query.notice.as_deref()),
    )
    .await
}

pub async fn record_update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let v = values(&pairs, UPDATE_FIELDS);
    let mut errors = FormErrors::default();
    if v["action_item_id"].trim().is_empty() {
        push_error(&mut errors, "action_item_id", t("wp-err-item-missing")?);
    }
    let status = match ItemStatus::parse(v["status"].trim()) {
        Some(s) => Some(s),
        None => {
            push_error(&mut errors, "status", t("wp-err-status-missing")?);
            None
        }
    };
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        sort_errors(&mut errors, UPDATE_FIELDS);
        return meeting_page(
            &req,
            &state,
            &who,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            rejected("update", &v, errors),
            None,
        )
        .await;
    };
    let blank = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    let input = ops::CreateStatusUpdate {
        action_item_id: v["action_item_id"].trim().to_string(),
        status,
        timeframe: blank(&v["timeframe"]),
        note: v["note"].clone(),
        reason: blank(&v["reason"]),
    };
    let (caller, meeting_id) = (who.caller.clone(), id.clone());
    let ctx = signed_in(&caller);
    match state
        .db
        .run(move |conn| ops::record_update(conn, &caller, &ctx, &meeting_id, input))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/meetings/{id}?notice=status-recorded#table"
        ))),
        Err(e) => {
            let (status, errors) = form_error(e, UPDATE_FIELDS)?;
            meeting_page(
                &req,
                &state,
                &who,
                &id,
                status,
                rejected("update", &v, errors),
                None,
            )
            .await
        }
    }
}

pub async fn hold_meeting(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let v = values(&pairs, &["version"]);
    let expected = version_of(&v["version"])?;
    let (caller, meeting_id) = (who.caller.clone(), id.clone());
    let ctx = signed_in(&caller);
    let input = ops::UpdateMeeting {
        held: Some(true),
        ..Default::default()
    };
    match state
        .db
        .run(move |conn| ops::update_meeting(conn, &caller, &ctx, &meeting_id, expected, input))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/meetings/{id}?notice=meeting-held"))),
        Err(e) => {
            let (status, errors) = form_error(e, &["held"])?;
            meeting_page(
                &req,
                &state,
                &who,
                &id,
                status,
                rejected("held", &v, errors),
                None,
            )
            .await
        }
    }
}

pub async fn table_markdown(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let caller = who.caller.clone();
    let (md, name) = state
        .db
        .run(move |conn| {
            let t = ops::table(conn, &caller, &id)?;
            Ok((
                crate::reports::meeting_table::markdown(&t),
                crate::reports::meeting_table::file_name(&t, "md"),
            ))
        })
        .await?;
    Ok(super::dashboard::download(
        "text/markdown; charset=utf-8",
        &name,
        md,
    ))
}

pub async fn table_csv(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadWorkPlan)?;
    let id = path_id(&path).map_err(|_| PageError::NotFound)?;
    let caller = who.caller.clone();
    let (csv, name) = state
        .db
        .run(move |conn| {
            let t = ops::table(conn, &caller, &id)?;
            Ok((
                crate::reports::meeting_table::csv(&t)?,
                crate::reports::meeting_table::file_name(&t, "csv"),
            ))
        })
        .await?;
    Ok(super::dashboard::download(
        "text/csv; charset=utf-8",
        &name,
        csv,
    ))
}

// `/compendium`.

fn filter_of(
    q: &crate::routes::reports::CompendiumQuery,
) -> Result<crate::reports::compendium::Filter, PageError> {
    crate::routes::reports::compendium_filter(q).map_err(|_| PageError::BadRequest)
}

pub async fn compendium(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<crate::routes::reports::CompendiumQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadCompendium)?;
    let filter = filter_of(&query)?;
    let cases = crate::operations::reports::compendium_across(&state, &who.caller, filter).await?;
    let crime_options = super::admin::options(
        "inv-crime-",
        &CrimeType::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    let mo_options = super::admin::options(
        "inv-mo-",
        &ModusOperandi::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    let this_year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    let year_options: Vec<(String, String)> = (2015..=this_year)
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let q = query.into_inner();
    let qs = serde_urlencoded::to_string([
        ("crime_type", q.crime_type.clone().unwrap_or_default()),
        (
            "modus_operandi",
            q.modus_operandi.clone().unwrap_or_default(),
        ),
        ("country", q.country.clone().unwrap_or_default()),
        ("year", q.year.clone().unwrap_or_default()),
    ])
    .unwrap_or_default();
    page(
        StatusCode::OK,
        "plans/compendium.html",
        &who,
        &req,
        minijinja::context! {
            cases => cases,
            show_titles => who.caller.role != Role::Observer,
            query => minijinja::context! {
                crime_type => q.crime_type.unwrap_or_default(),
                modus_operandi => q.modus_operandi.unwrap_or_default(),
                country => q.country.unwrap_or_default(),
                year => q.year.unwrap_or_default(),
            },
            query_string => qs,
            crime_options => crime_options,
            mo_options => mo_options,
            year_options => year_options,
            country_options => super::admin::agencies::country_options(),
        },
    )
}

pub async fn compendium_markdown(
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<crate::routes::reports::CompendiumQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadCompendium)?;
    let filter = filter_of(&query)?;
    let cases =
        crate::operations::reports::compendium_across(&state, &who.caller, filter.clone()).await?;
    Ok(super::dashboard::download(
        "text/markdown; charset=utf-8",
        "compendium.md",
        crate::reports::compendium::markdown_across(&cases, &filter),
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_priorities;

    #[test]
    fn priorities_are_read_one_per_line() {
        let p = parse_priorities("1. Compendium\n\n 2) Exercise \n3 JPA").unwrap();
        let got: Vec<(i32, &str)> = p.iter().map(|p| (p.number, p.text.as_str())).collect();
        assert_eq!(got, [(1, "Compendium"), (2, "Exercise"), (3, "JPA")]);
        assert!(parse_priorities("Compendium").is_none());
    }
}
