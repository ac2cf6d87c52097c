//! A JPA's own page (`/jpas/{id}`: a liaison's work first; an overview for the other
//! roles), the monthly returns (`/jpas/{id}/returns`, the return form with its
//! confirmation step) and the compliance grid (`/jpas/{id}/compliance`).
//!
//! The return form saves a draft (`narrative`, `nil_return`, the hidden `version` it
//! showed) or saves and goes on to the confirmation page; only the confirmation's POST
//! submits. Admins and co-chairs act on an agency's returns with `?agency_id=`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{render, signed_in};
use crate::domain::period::ReturnState;
use crate::domain::Role;
use crate::error::Error;
use crate::operations::investigations::InvestigationView;
use crate::operations::jpas::JpaView;
use crate::operations::returns::{AgencyReturns, PeriodReturn, SaveReturn};
use crate::operations::{self, Page};
use crate::state::AppState;
use crate::web::forms::{FormErrors, ShownError};
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{pages, see_other, Frame, PageError};

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "ret_jpa.html",
    "ret_list.html",
    "ret_form.html",
    "ret_confirm.html",
    "ret_compliance.html",
    "compliance_grid.html",
];

/// Mounts the pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // Compressed like the dashboard it shows to admins, co-chairs and observers.
    cfg.service(
        web::resource("/jpas/{id}")
            .wrap(actix_web::middleware::Compress::default())
            .route(web::get().to(jpa_page)),
    )
    .route("/jpas/{id}/returns", web::get().to(returns_list))
    .route("/jpas/{id}/returns/{period}", web::get().to(return_form))
    .route("/jpas/{id}/returns/{period}", web::post().to(save_return))
    .route(
        "/jpas/{id}/returns/{period}/submit",
        web::get().to(confirm_page),
    )
    .route(
        "/jpas/{id}/returns/{period}/submit",
        web::post().to(submit_return),
    )
    .route("/jpas/{id}/compliance", web::get().to(compliance));
}

/// How many investigations and milestones the liaison's page lists before "see all".
const LIST_LIMIT: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgencyQuery {
    pub agency_id: Option<String>,
    pub notice: Option<String>,
}

impl AgencyQuery {
    /// The agency asked for (a blank select means none).
    fn agency(&self) -> Option<String> {
        self.agency_id
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
    }
}

/// The notices of these pages after a redirect: a closed list.
fn notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "saved" => "ret-notice-saved",
        "submitted" => "ret-notice-submitted",
        "milestone-achieved" => "ret-notice-achieved",
        other => return super::notice(Some(other)),
    })
}

/// `?agency_id=...` to carry on a coordinator's links (empty for a liaison).
fn agency_suffix(who: &SignedIn, agency: &str) -> String {
    if matches!(who.caller.role, Role::Admin | Role::CoChair) {
        format!("?agency_id={}", super::auth::encode(agency))
    } else {
        String::new()
    }
}

/// A period as a row of the returns pages: which of the five states it shows.
#[derive(Debug, Serialize)]
struct PeriodRow {
    period: String,
    first_day: chrono::NaiveDate,
    due_on: chrono::NaiveDate,
    /// on_time | late | missing | not_due | draft; `none` before the agency joined.
    shown: &'static str,
    /// A draft is saved (shown beside "missing").
    draft: bool,
    started: bool,
    submitted: bool,
    submitted_at: Option<String>,
    href: String,
}

fn state_word(state: ReturnState) -> &'static str {
    match state {
        ReturnState::OnTime => "on_time",
        ReturnState::Late => "late",
        ReturnState::Missing => "missing",
        ReturnState::NotDue => "not_due",
    }
}

/// An instant in the JPA's time zone, to the minute.
fn local_time(at: DateTime<Utc>, timezone: &str) -> String {
    let tz: chrono_tz::Tz = timezone.parse().unwrap_or(chrono_tz::UTC);
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string() + &format!(" ({timezone})")
}

fn period_row(p: &PeriodReturn, jpa: &JpaView, suffix: &str) -> PeriodRow {
    let submitted = p.saved.as_ref().is_some_and(|r| r.status == "submitted");
    let draft = p.saved.as_ref().is_some_and(|r| r.status == "draft");
    let shown = match p.state {
        None => "none",
        Some(ReturnState::NotDue) if draft => "draft",
        Some(s) => state_word(s),
    };
    PeriodRow {
        period: p.period.clone(),
        first_day: p.first_day,
        due_on: p.due_on,
        shown,
        draft,
        started: p.started,
        submitted,
        submitted_at: p
            .saved
            .as_ref()
            .and_then(|r| r.submitted_at)
            .map(|at| local_time(at, &jpa.timezone)),
        href: format!("/jpas/{}/returns/{}{suffix}", jpa.id, p.period),
    }
}

/// The JPA, or the 404 page (same for one the caller may not see).
async fn load_jpa(state: &AppState, who: &SignedIn, id: &str) -> Result<JpaView, PageError> {
    let (caller, id) = (who.caller.clone(), id.to_string());
    Ok(state
        .db
        .run(move |conn| operations::jpas::get(conn, &caller, &id))
        .await?)
}

fn frame(who: &SignedIn, req: &HttpRequest, jpa: &JpaView) -> Frame {
    Frame::signed_in(who, req.path()).in_jpa(jpa, req.path())
}

/// An investigation as the liaison's page lists it (no protected field).
#[derive(Debug, Serialize)]
struct InvestigationItem {
    id: String,
    title: String,
    status: String,
    lead: bool,
    opened_on: chrono::NaiveDate,
}

fn investigation_item(v: InvestigationView, agency: &str) -> InvestigationItem {
    InvestigationItem {
        lead: v.lead_agency_id == agency,
        id: v.id,
        title: v.title,
        status: v.status,
        opened_on: v.opened_on,
    }
}

/// `GET /jpas/{id}`: a liaison's work (returns owed, milestones due, investigations);
/// for the other roles a short overview with links.
pub async fn jpa_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let jpa = load_jpa(&state, &who, &id).await?;
    let notice_id = notice(query.notice.as_deref());
    if who.caller.role != Role::Liaison {
        let dash = web::Query::<super::dashboard::DashQuery>::from_query(req.query_string())
            .map(web::Query::into_inner)
            .unwrap_or_default();
        return super::dashboard::dashboard(&req, &state, &who, &jpa, &dash).await;
    }
    let caller = who.caller.clone();
    let jpa_id = jpa.id.clone();
    let (returns, milestones, investigations) = state
        .db
        .run(move |conn| {
            let returns = operations::returns::of_agency(conn, &caller, &jpa_id, None)?;
            let milestones =
                operations::milestones::due_for_agency(conn, &caller, &jpa_id, LIST_LIMIT)?;
            let investigations = operations::investigations::list(
                conn,
                &caller,
                &jpa_id,
                Default::default(),
                Page {
                    limit: LIST_LIMIT,
                    after: None,
                },
            )?;
            Ok::<_, Error>((returns, milestones, investigations))
        })
        .await?;
    // Owed: every missing return, and those of begun periods not due yet.
    let owed: Vec<PeriodRow> = returns
        .periods
        .iter()
        .filter(|p| p.saved.as_ref().is_none_or(|r| r.status != "submitted"))
        .filter(|p| match p.state {
            Some(ReturnState::Missing) => true,
            Some(ReturnState::NotDue) => p.started,
            _ => false,
        })
        .map(|p| period_row(p, &jpa, ""))
        .collect();
    let more_investigations = investigations.next_cursor.is_some();
    let investigations: Vec<InvestigationItem> = investigations
        .items
        .into_iter()
        .map(|v| investigation_item(v, &returns.agency_id))
        .collect();
    let more_milestones = milestones.len() as i64 >= LIST_LIMIT;
    render(
        StatusCode::OK,
        "ret_jpa.html",
        frame(&who, &req, &jpa),
        minijinja::context! {
            jpa => jpa, agency => returns.name, today => returns.today,
            owed => owed, milestones => milestones, more_milestones => more_milestones,
            investigations => investigations, more_investigations => more_investigations,
            horizon => operations::milestones::DUE_HORIZON_DAYS,
            csrf => who.csrf, notice => notice_id,
        },
    )
}

/// The participating agencies as `[id, "name (country)"]` options of the agency picker.
async fn agency_options(
    state: &AppState,
    who: &SignedIn,
    jpa_id: &str,
) -> Result<Vec<(String, String)>, PageError> {
    let (caller, id) = (who.caller.clone(), jpa_id.to_string());
    let list = state
        .db
        .run(move |conn| operations::jpas::participants(conn, &caller, &id))
        .await?;
    Ok(list
        .items
        .into_iter()
        .map(|p| {
            (
                p.agency_id,
                format!("{} ({})", p.agency.name, p.agency.country),
            )
        })
        .collect())
}

async fn load_returns(
    state: &AppState,
    who: &SignedIn,
    jpa_id: &str,
    agency: Option<String>,
) -> Result<AgencyReturns, PageError> {
    let (caller, id) = (who.caller.clone(), jpa_id.to_string());
    let result = state
        .db
        .run(move |conn| operations::returns::of_agency(conn, &caller, &id, agency.as_deref()))
        .await;
    match result {
        Ok(r) => Ok(r),
        // A coordinator who names no agency picks one first (the list page).
        Err(Error::Invalid(_)) => Err(PageError::Redirect(format!("/jpas/{jpa_id}/returns"))),
        Err(e) => Err(e.into()),
    }
}

/// `GET /jpas/{id}/returns`: the agency's periods with their state and due date.
pub async fn returns_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    let coordinator = matches!(who.caller.role, Role::Admin | Role::CoChair);
    let chosen = query.agency();
    let options = if coordinator {
        agency_options(&state, &who, &jpa.id).await?
    } else {
        Vec::new()
    };
    let returns = if coordinator && chosen.is_none() {
        None
    } else {
        Some(load_returns(&state, &who, &jpa.id, chosen.clone()).await?)
    };
    let rows: Vec<PeriodRow> = returns
        .as_ref()
        .map(|r| {
            let suffix = agency_suffix(&who, &r.agency_id);
            r.periods
                .iter()
                .map(|p| period_row(p, &jpa, &suffix))
                .collect()
        })
        .unwrap_or_default();
    render(
        StatusCode::OK,
        "ret_list.html",
        frame(&who, &req, &jpa),
        minijinja::context! {
            jpa => jpa, coordinator => coordinator, options => options,
            chosen => chosen.unwrap_or_default(), returns => returns, rows => rows,
        },
    )
}

/// What the return form shows besides the period.
struct FormState {
    status: StatusCode,
    narrative: String,
    nil_return: bool,
    version: i64,
    errors: FormErrors,
    /// A catalogue id of a message at the top (a conflict).
    message: Option<&'static str>,
    notice: Option<&'static str>,
}

fn find_period(returns: &AgencyReturns, period: &str) -> Result<usize, PageError> {
    returns
        .periods
        .iter()
        .position(|p| p.period == period)
        .ok_or(PageError::NotFound)
}

fn form_page(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: &JpaView,
    returns: &AgencyReturns,
    index: usize,
    form: FormState,
) -> Result<HttpResponse, PageError> {
    let p = &returns.periods[index];
    let suffix = agency_suffix(who, &returns.agency_id);
    let row = period_row(p, jpa, &suffix);
    let saved = p.saved.as_ref();
    render(
        form.status,
        "ret_form.html",
        frame(who, req, jpa),
        minijinja::context! {
            jpa => jpa, agency => returns.name, row => row, suffix => suffix,
            saved_narrative => saved.map(|r| r.narrative.clone()),
            saved_nil => saved.is_some_and(|r| r.nil_return),
            submitted_by_you => saved.and_then(|r| r.submitted_by.as_deref()) == Some(who.caller.user_id.as_str()),
            open => jpa.status != "closed",
            narrative => form.narrative, nil_return => form.nil_return, version => form.version,
            errors => form.errors, message => form.message, notice => form.notice,
            csrf => who.csrf,
            list_href => format!("/jpas/{}/returns{suffix}", jpa.id),
        },
    )
}

/// `GET /jpas/{id}/returns/{period}`: the form, or the submitted return read-only.
pub async fn return_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, PageError> {
    let (id, period) = path.into_inner();
    let jpa = load_jpa(&state, &who, &id).await?;
    let returns = load_returns(&state, &who, &jpa.id, query.agency()).await?;
    let index = find_period(&returns, &period)?;
    let saved = returns.periods[index].saved.as_ref();
    let form = FormState {
        status: StatusCode::OK,
        narrative: saved.map(|r| r.narrative.clone()).unwrap_or_default(),
        nil_return: saved.is_some_and(|r| r.nil_return),
        version: saved.map_or(0, |r| r.version),
        errors: FormErrors::default(),
        message: None,
        notice: notice(query.notice.as_deref()),
    };
    form_page(&req, &who, &jpa, &returns, index, form)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReturnFields {
    pub narrative: String,
    pub nil_return: Option<String>,
    pub version: String,
    /// Which button: `draft` (save) or `submit` (save, then confirm).
    pub intent: String,
}

/// A message at one field.
fn field_error(errors: &mut FormErrors, field: &str, message: String) {
    if !errors.by_field.contains_key(field) {
        errors.by_field.insert(field.to_string(), message.clone());
        errors.list.push(ShownError {
            field: field.to_string(),
            message,
        });
    }
}

/// The catalogue id of a conflict the return operations report.
fn conflict_message(message: &str) -> &'static str {
    if message.contains("already submitted") {
        "ret-err-submitted"
    } else if message.contains("not started") {
        "ret-err-not-started"
    } else if message.contains("closed") {
        "ret-err-closed"
    } else {
        "ret-err-conflict"
    }
}

/// The domain's field errors on the return form's inputs.
fn return_errors(fields: &[crate::error::FieldError]) -> Result<FormErrors, PageError> {
    let p = pages()?;
    let mut errors = FormErrors::default();
    for e in fields {
        match e.field.as_str() {
            "narrative" if e.message.starts_with("must be at most") => {
                field_error(&mut errors, "narrative", p.t("ret-err-narrative-long"))
            }
            "narrative" => field_error(&mut errors, "narrative", p.t("ret-err-narrative-control")),
            _ => {
                let other = FormErrors::from_domain(p, std::slice::from_ref(e), &["narrative"]);
                for shown in other.list {
                    field_error(&mut errors, &shown.field, shown.message);
                }
            }
        }
    }
    Ok(errors)
}

/// `POST /jpas/{id}/returns/{period}`: save the draft (`intent=draft`), or save it and go
/// on to the confirmation (`intent=submit`).
pub async fn save_return(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
    CsrfForm(fields): CsrfForm<ReturnFields>,
) -> Result<HttpResponse, PageError> {
    let (id, period) = path.into_inner();
    let jpa = load_jpa(&state, &who, &id).await?;
    let agency = query.agency();
    let returns = load_returns(&state, &who, &jpa.id, agency.clone()).await?;
    let index = find_period(&returns, &period)?;
    let p = pages()?;
    let mut errors = FormErrors::default();
    let nil_return = match fields.nil_return.as_deref() {
        None | Some("") | Some("false") => false,
        Some("true") | Some("on") => true,
        Some(_) => {
            field_error(&mut errors, "nil_return", p.t("ret-err-nil-return"));
            false
        }
    };
    let version = match fields.version.trim().parse::<i64>() {
        Ok(v) if v >= 0 => v,
        _ => {
            field_error(&mut errors, "narrative", p.t("ret-err-version"));
            0
        }
    };
    let kept = |status, errors, message, version| FormState {
        status,
        narrative: fields.narrative.clone(),
        nil_return,
        version,
        errors,
        message,
        notice: None,
    };
    if !errors.is_empty() {
        let form = kept(StatusCode::UNPROCESSABLE_ENTITY, errors, None, version);
        return form_page(&req, &who, &jpa, &returns, index, form);
    }
    let (caller, jpa_id, period_key) = (who.caller.clone(), jpa.id.clone(), period.clone());
    let input = SaveReturn {
        narrative: fields.narrative.clone(),
        nil_return,
    };
    let ctx = signed_in(&who.caller);
    let agency_for_op = agency.clone();
    let result = state
        .db
        .run(move |conn| {
            operations::returns::save_if_unchanged(
                conn,
                &caller,
                &ctx,
                &jpa_id,
                &period_key,
                agency_for_op.as_deref(),
                input,
                Some(version),
            )
        })
        .await;
    let suffix = agency_suffix(&who, &returns.agency_id);
    match result {
        Ok(_) if fields.intent == "submit" => Ok(see_other(&format!(
            "/jpas/{}/returns/{period}/submit{suffix}",
            jpa.id
        ))),
        Ok(_) => Ok(see_other(&format!(
            "/jpas/{}/returns/{period}{}",
            jpa.id,
            with_notice(&suffix, "saved")
        ))),
        Err(Error::Invalid(list)) => {
            let form = kept(
                StatusCode::UNPROCESSABLE_ENTITY,
                return_errors(&list)?,
                None,
                version,
            );
            form_page(&req, &who, &jpa, &returns, index, form)
        }
        Err(Error::Stale) => {
            // Shown again with what is saved now; the user's text stays in the form and a
            // second save (with the new version) is a deliberate overwrite.
            let fresh = load_returns(&state, &who, &jpa.id, agency).await?;
            let current = fresh.periods[index].saved.as_ref().map_or(0, |r| r.version);
            let form = kept(
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some("ret-err-stale"),
                current,
            );
            form_page(&req, &who, &jpa, &fresh, index, form)
        }
        Err(Error::Conflict(m)) => {
            let fresh = load_returns(&state, &who, &jpa.id, agency).await?;
            let form = kept(
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(conflict_message(&m)),
                version,
            );
            form_page(&req, &who, &jpa, &fresh, index, form)
        }
        Err(e) => Err(e.into()),
    }
}

/// `suffix` (`""` or `?agency_id=...`) with `notice=` added.
fn with_notice(suffix: &str, notice: &str) -> String {
    if suffix.is_empty() {
        format!("?notice={notice}")
    } else {
        format!("{suffix}&notice={notice}")
    }
}

fn confirm_view(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: &JpaView,
    returns: &AgencyReturns,
    index: usize,
    status: StatusCode,
    message: Option<&'static str>,
) -> Result<HttpResponse, PageError> {
    let p = &returns.periods[index];
    let suffix = agency_suffix(who, &returns.agency_id);
    let Some(saved) = p.saved.as_ref().filter(|r| r.status == "draft") else {
        // Nothing to confirm (no draft yet, or already submitted): the form says why.
        return Ok(see_other(&format!(
            "/jpas/{}/returns/{}{suffix}",
            jpa.id, p.period
        )));
    };
    render(
        status,
        "ret_confirm.html",
        frame(who, req, jpa),
        minijinja::context! {
            jpa => jpa, agency => returns.name, row => period_row(p, jpa, &suffix),
            narrative => saved.narrative, nil_return => saved.nil_return,
            version => saved.version, csrf => who.csrf, message => message,
            suffix => suffix,
            late => p.state == Some(ReturnState::Missing),
        },
    )
}

/// `GET /jpas/{id}/returns/{period}/submit`: check the return, then submit it.
pub async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, PageError> {
    let (id, period) = path.into_inner();
    let jpa = load_jpa(&state, &who, &id).await?;
    let returns = load_returns(&state, &who, &jpa.id, query.agency()).await?;
    let index = find_period(&returns, &period)?;
    confirm_view(&req, &who, &jpa, &returns, index, StatusCode::OK, None)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubmitFields {
    pub version: String,
}

/// `POST /jpas/{id}/returns/{period}/submit`: submits the draft the confirmation showed.
pub async fn submit_return(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
    CsrfForm(fields): CsrfForm<SubmitFields>,
) -> Result<HttpResponse, PageError> {
    let (id, period) = path.into_inner();
    let jpa = load_jpa(&state, &who, &id).await?;
    let agency = query.agency();
    let returns = load_returns(&state, &who, &jpa.id, agency.clone()).await?;
    let index = find_period(&returns, &period)?;
    let expected = fields.version.trim().parse::<i64>().ok();
    let (caller, jpa_id, period_key) = (who.caller.clone(), jpa.id.clone(), period.clone());
    let ctx = signed_in(&who.caller);
    let agency_for_op = agency.clone();
    let result = state
        .db
        .run(move |conn| {
            operations::returns::submit_if_unchanged(
                conn,
                &caller,
                &ctx,
                &jpa_id,
                &period_key,
                agency_for_op.as_deref(),
                // A version that is not a number matches no draft.
                Some(expected.unwrap_or(-1)),
            )
        })
        .await;
    let suffix = agency_suffix(&who, &returns.agency_id);
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/jpas/{}/returns/{period}{}",
            jpa.id,
            with_notice(&suffix, "submitted")
        ))),
        Err(Error::Stale) => {
            let fresh = load_returns(&state, &who, &jpa.id, agency).await?;
            confirm_view(
                &req,
                &who,
                &jpa,
                &fresh,
                index,
                StatusCode::CONFLICT,
                Some("ret-err-stale-submit"),
            )
        }
        Err(Error::Conflict(m)) => {
            let fresh = load_returns(&state, &who, &jpa.id, agency).await?;
            let saved = fresh.periods[index].saved.as_ref();
            let form = FormState {
                status: StatusCode::CONFLICT,
                narrative: saved.map(|r| r.narrative.clone()).unwrap_or_default(),
                nil_return: saved.is_some_and(|r| r.nil_return),
                version: saved.map_or(0, |r| r.version),
                errors: FormErrors::default(),
                message: Some(conflict_message(&m)),
                notice: None,
            };
            form_page(&req, &who, &jpa, &fresh, index, form)
        }
        Err(e) => Err(e.into()),
    }
}

/// A compliance cell.
#[derive(Debug, Serialize)]
struct Cell {
    /// on_time | late | missing | not_due | none (before the agency joined)
    state: &'static str,
    href: String,
}

#[derive(Debug, Serialize)]
struct GridRow {
    name: String,
    country: String,
    cells: Vec<Cell>,
    rates: operations::returns::Rates,
}

/// A rate as a whole percentage, or a dash when nothing was expected yet.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.0}%", r * 100.0))
}

/// `GET /jpas/{id}/compliance`: agencies x periods (a liaison's own row), with rates.
pub async fn compliance(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    let (caller, id) = (who.caller.clone(), jpa.id.clone());
    let grid = state
        .db
        .run(move |conn| operations::returns::compliance(conn, &caller, &id, None))
        .await?;
    render(
        StatusCode::OK,
        "ret_compliance.html",
        frame(&who, &req, &jpa),
        minijinja::context! { jpa => jpa, grid => grid_context(&who, &jpa, grid) },
    )
}

/// The compliance grid as `compliance_grid.html` shows it (here and on the dashboard).
pub fn grid_context(
    who: &SignedIn,
    jpa: &JpaView,
    grid: operations::returns::Compliance,
) -> minijinja::Value {
    let coordinator = matches!(who.caller.role, Role::Admin | Role::CoChair);
    let rows: Vec<GridRow> = grid
        .agencies
        .into_iter()
        .map(|a| {
            let suffix = agency_suffix(who, &a.agency_id);
            GridRow {
                cells: grid
                    .periods
                    .iter()
                    .map(|p| Cell {
                        state: a.periods.get(p).map_or("none", |s| state_word(*s)),
                        href: format!("/jpas/{}/returns/{p}{suffix}", jpa.id),
                    })
                    .collect(),
                name: a.name,
                country: a.country,
                rates: a.rates,
            }
        })
        .collect();
    let rates: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                percent(r.rates.submitted_rate),
                percent(r.rates.on_time_rate),
            )
        })
        .collect();
    let (total_submitted, total_on_time) = (
        percent(grid.totals.submitted_rate),
        percent(grid.totals.on_time_rate),
    );
    minijinja::context! {
        as_of => grid.as_of, periods => grid.periods, rows => rows,
        percents => rates, coordinator => coordinator, totals => grid.totals,
        total_submitted => total_submitted, total_on_time => total_on_time,
        report_due_day => jpa.report_due_day,
    }
}
