//! `/admin/jpas` (admins and co-chairs): the JPAs; create one, change its fields, move
//! its status planning -> active -> closed through a confirmation page, and add or remove
//! participating agencies (`operations::jpas::create`, `update`, `add_participant`,
//! `remove_participant`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use super::{
    agency_options, all_agencies, domain_errors, kept_limit, message, notice, one_error, page,
    page_of, pager, parse_date, push_error, require, t, values, version_of, ListQuery,
};
use crate::auth::policy::Action;
use crate::domain::JpaStatus;
use crate::error::Error;
use crate::operations::jpas::{
    self as ops, CreateJpa, JpaView, ParticipantView, Participation, UpdateJpa,
};
use crate::operations::views::AgencyView;
use crate::routes::extract::path_id;
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::pages::signed_in;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{see_other, PageError};

const FIELDS: &[&str] = &[
    "code",
    "name",
    "description",
    "start_date",
    "end_date",
    "is_exercise",
    "report_due_day",
    "reminder_days_before",
    "timezone",
    "version",
];

const ADD_FIELDS: &[&str] = &["agency_id", "joined_on"];

/// The time zones of the picker: the IANA region names and UTC (and `current`, if it is
/// none of them).
fn timezone_options(current: &str) -> Vec<(String, String)> {
    const REGIONS: &[&str] = &[
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|n| REGIONS.iter().any(|r| n.starts_with(r)))
        .collect();
    names.sort_unstable();
    let mut out = vec![("UTC".to_string(), "UTC".to_string())];
    if !current.is_empty() && current != "UTC" && !names.contains(&current) {
        out.push((current.to_string(), current.to_string()));
    }
    out.extend(
        names
            .into_iter()
            .map(|n| (n.to_string(), n.replace('_', " "))),
    );
    out
}

/// The status a JPA moves to next, if any.
fn next_status(status: &str) -> Option<JpaStatus> {
    match JpaStatus::parse(status)? {
        JpaStatus::Planning => Some(JpaStatus::Active),
        JpaStatus::Active => Some(JpaStatus::Closed),
        JpaStatus::Closed => None,
    }
}

/// `GET /admin/jpas`: a page of JPAs, newest first.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateJpa)?;
    let q = query.into_inner();
    let limit = q.limit.clone();
    let Some(p) = page_of(limit.as_deref(), q.cursor.as_deref()) else {
        return Err(PageError::BadRequest);
    };
    let caller = who.caller.clone();
    let listed = state
        .db
        .run(move |conn| ops::list(conn, &caller, p))
        .await?;
    let filters = [("limit", kept_limit(&limit))];
    page(
        StatusCode::OK,
        "admin/jpas.html",
        &who,
        &req,
        minijinja::context! {
            jpas => listed.items,
            pager => pager("/admin/jpas", &filters, q.cursor.as_deref(), listed.next_cursor.as_deref()),
            notice => notice(q.notice.as_deref()),
        },
    )
}

fn form(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: Option<&JpaView>,
    values: &BTreeMap<String, String>,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let action = match jpa {
        Some(j) => format!("/admin/jpas/{}/edit", j.id),
        None => "/admin/jpas/new".to_string(),
    };
    page(
        status,
        "admin/jpa_form.html",
        who,
        req,
        minijinja::context! {
            is_new => jpa.is_none(),
            jpa => jpa,
            action => action,
            values => values,
            errors => errors,
            notice => notice,
            timezone_options => timezone_options(&values["timezone"]),
        },
    )
}

/// `GET /admin/jpas/new`: the form, with the API's defaults filled in.
pub async fn new_form(req: HttpRequest, who: SignedIn) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateJpa)?;
    let mut v = values(&[], FIELDS);
    v.insert("report_due_day".into(), "10".into());
    v.insert("reminder_days_before".into(), "5".into());
    v.insert("timezone".into(), "UTC".into());
    form(
        &req,
        &who,
        None,
        &v,
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// A whole number input (`None` when blank; an error at the field when it is no number).
fn parse_number(errors: &mut FormErrors, field: &str, raw: &str) -> Result<Option<i32>, PageError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i32>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => {
            push_error(errors, field, t(&format!("adm-err-{field}"))?);
            Ok(None)
        }
    }
}

/// The form's fields in the API's types; on an edit, every field is required (a blank
/// one would otherwise mean "unchanged" and surprise).
struct Parsed {
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    report_due_day: Option<i32>,
    reminder_days_before: Option<i32>,
    timezone: Option<String>,
}

fn parse(v: &BTreeMap<String, String>, is_new: bool) -> Result<(Parsed, FormErrors), PageError> {
    let mut errors = FormErrors::default();
    if v["code"].trim().is_empty() {
        push_error(&mut errors, "code", t("adm-err-code-missing")?);
    }
    if v["name"].trim().is_empty() {
        push_error(&mut errors, "name", t("adm-err-name-missing")?);
    }
    let start_date = parse_date(&mut errors, "start_date", &v["start_date"])?;
    if v["start_date"].trim().is_empty() {
        push_error(&mut errors, "start_date", t("adm-err-start_date-missing")?);
    }
    let end_date = parse_date(&mut errors, "end_date", &v["end_date"])?;
    let report_due_day = parse_number(&mut errors, "report_due_day", &v["report_due_day"])?;
    let reminder_days_before = parse_number(
        &mut errors,
        "reminder_days_before",
        &v["reminder_days_before"],
    )?;
    let timezone = Some(v["timezone"].trim().to_string()).filter(|s| !s.is_empty());
    if !is_new {
        for (field, blank) in [
            ("end_date", v["end_date"].trim().is_empty()),
            ("report_due_day", v["report_due_day"].trim().is_empty()),
            (
                "reminder_days_before",
                v["reminder_days_before"].trim().is_empty(),
            ),
            ("timezone", timezone.is_none()),
        ] {
            if blank {
                push_error(&mut errors, field, t(&format!("adm-err-{field}-missing"))?);
            }
        }
    }
    super::sort_errors(&mut errors, FIELDS);
    Ok((
        Parsed {
            start_date,
            end_date,
            report_due_day,
            reminder_days_before,
            timezone,
        },
        errors,
    ))
}

/// What a rejected JPA form shows for an operation's error.
fn rejected(e: Error) -> Result<(StatusCode, FormErrors), PageError> {
    match e {
        Error::Invalid(fields) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            domain_errors(&fields, FIELDS)?,
        )),
        Error::Conflict(m) if m.contains("closed") => Ok((
            StatusCode::CONFLICT,
            one_error("code", t("adm-err-jpa-closed")?),
        )),
        Error::Conflict(_) => Ok((
            StatusCode::CONFLICT,
            one_error("code", t("adm-err-code-taken")?),
        )),
        other => Err(other.into()),
    }
}

/// `POST /admin/jpas/new`: `operations::jpas::create` (in planning), then 303 to the
/// JPA's administration page, where its agencies are added.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateJpa)?;
    let v = values(&pairs, FIELDS);
    let (parsed, errors) = parse(&v, true)?;
    let (Some(start_date), true) = (parsed.start_date, errors.is_empty()) else {
        return form(
            &req,
            &who,
            None,
            &v,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            None,
        );
    };
    let input = CreateJpa {
        code: v["code"].clone(),
        name: v["name"].clone(),
        description: v["description"].clone(),
        start_date,
        end_date: parsed.end_date,
        status: None,
        is_exercise: v["is_exercise"] == "true",
        report_due_day: parsed.report_due_day,
        reminder_days_before: parsed.reminder_days_before,
        timezone: parsed.timezone,
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let result = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, input))
        .await;
    match result {
        Ok(jpa) => Ok(see_other(&format!(
            "/admin/jpas/{}?notice=jpa-created",
            jpa.id
        ))),
        Err(e) => {
            let (status, errors) = rejected(e)?;
            form(&req, &who, None, &v, status, errors, None)
        }
    }
}

/// A JPA the caller sees, with its participants and every agency.
async fn jpa_context(
    state: &AppState,
    who: &SignedIn,
    id: &str,
) -> Result<(JpaView, Vec<ParticipantView>, Vec<AgencyView>), PageError> {
    let caller = who.caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| {
            let jpa = ops::get(conn, &caller, &id)?;
            let participants = ops::participants(conn, &caller, &jpa.id)?.items;
            let agencies = all_agencies(conn, &caller)?;
            Ok((jpa, participants, agencies))
        })
        .await?)
}

/// The JPA's administration page: its fields, status and agencies.
#[allow(clippy::too_many_arguments)]
fn detail(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: &JpaView,
    participants: &[ParticipantView],
    agencies: &[AgencyView],
    status: StatusCode,
    errors: FormErrors,
    add: &BTreeMap<String, String>,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let candidates: Vec<(String, String)> = agency_options(agencies)
        .into_iter()
        .filter(|(id, _)| !participants.iter().any(|p| &p.agency_id == id))
        .collect();
    page(
        status,
        "admin/jpa.html",
        who,
        req,
        minijinja::context! {
            jpa => jpa,
            participants => participants,
            candidates => candidates,
            next_status => next_status(&jpa.status).map(|s| s.as_str()),
            open => jpa.status != JpaStatus::Closed.as_str(),
            add => add,
            errors => errors,
            notice => notice,
        },
    )
}

/// `GET /admin/jpas/{id}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateJpa)?;
    let (jpa, participants, agencies) = jpa_context(&state, &who, &path).await?;
    detail(
        &req,
        &who,
        &jpa,
        &participants,
        &agencies,
        StatusCode::OK,
        FormErrors::default(),
        &values(&[], ADD_FIELDS),
        notice(query.notice.as_deref()),
    )
}

fn edit_values(j: &JpaView) -> BTreeMap<String, String> {
    let mut v = values(&[], FIELDS);
    v.insert("code".into(), j.code.clone());
    v.insert("name".into(), j.name.clone());
    v.insert("description".into(), j.description.clone());
    v.insert("start_date".into(), j.start_date.to_string());
    v.insert("end_date".into(), j.end_date.to_string());
    v.insert(
        "is_exercise".into(),
        if j.is_exercise { "true" } else { "" }.into(),
    );
    v.insert("report_due_day".into(), j.report_due_day.to_string());
    v.insert(
        "reminder_days_before".into(),
        j.reminder_days_before.to_string(),
    );
    v.insert("timezone".into(), j.timezone.clone());
    v.insert("version".into(), j.version.to_string());
    v
}

async fn jpa_only(state: &AppState, who: &SignedIn, id: &str) -> Result<JpaView, PageError> {
    let caller = who.caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?)
}

/// `GET /admin/jpas/{id}/edit` (a closed JPA is read-only: its page says so instead).
pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateJpa)?;
    let jpa = jpa_only(&state, &who, &path).await?;
    form(
        &req,
        &who,
        Some(&jpa),
        &edit_values(&jpa),
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// `POST /admin/jpas/{id}/edit`: `operations::jpas::update` at the form's `version`.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateJpa)?;
    let jpa = jpa_only(&state, &who, &path).await?;
    let mut v = values(&pairs, FIELDS);
    let expected = version_of(&v["version"])?;
    let (parsed, errors) = parse(&v, false)?;
    if !errors.is_empty() {
        return form(
            &req,
            &who,
            Some(&jpa),
            &v,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            None,
        );
    }
    let input = UpdateJpa {
        code: Some(v["code"].clone()),
        name: Some(v["name"].clone()),
        description: Some(v["description"].clone()),
        start_date: parsed.start_date,
        end_date: parsed.end_date,
        status: None,
        is_exercise: Some(v["is_exercise"] == "true"),
        report_due_day: parsed.report_due_day,
        reminder_days_before: parsed.reminder_days_before,
        timezone: parsed.timezone,
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = jpa.id.clone();
    let result = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await;
    match result {
        Ok(saved) => Ok(see_other(&format!(
            "/admin/jpas/{}?notice=jpa-saved",
            saved.id
        ))),
        Err(Error::Stale) => {
            v.insert("version".into(), jpa.version.to_string());
            form(
                &req,
                &who,
                Some(&jpa),
                &v,
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some("adm-notice-stale"),
            )
        }
        Err(e) => {
            let (status, errors) = rejected(e)?;
            form(&req, &who, Some(&jpa), &v, status, errors, None)
        }
    }
}

fn status_page(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: &JpaView,
    status: StatusCode,
    problem: Option<&str>,
) -> Result<HttpResponse, PageError> {
    page(
        status,
        "admin/jpa_status.html",
        who,
        req,
        minijinja::context! {
            jpa => jpa,
            next_status => next_status(&jpa.status).map(|s| s.as_str()),
            problem => problem,
        },
    )
}

/// `GET /admin/jpas/{id}/status`: the confirmation of the next status move.
pub async fn status_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateJpa)?;
    let jpa = jpa_only(&state, &who, &path).await?;
    status_page(&req, &who, &jpa, StatusCode::OK, None)
}

/// `POST /admin/jpas/{id}/status` (`status`, `version`): `operations::jpas::update` with
/// the status only. A stale version or a move the rules refuse shows the confirmation
/// page again (409) with what is true now.
pub async fn status_move(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateJpa)?;
    let jpa = jpa_only(&state, &who, &path).await?;
    let v = values(&pairs, &["status", "version"]);
    let expected = version_of(&v["version"])?;
    let Some(target) = JpaStatus::parse(v["status"].trim()) else {
        return status_page(
            &req,
            &who,
            &jpa,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("adm-err-status-choice"),
        );
    };
    let input = UpdateJpa {
        status: Some(target),
        ..UpdateJpa::default()
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = jpa.id.clone();
    let result = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await;
    match result {
        Ok(saved) => Ok(see_other(&format!(
            "/admin/jpas/{}?notice=jpa-{}",
            saved.id, saved.status
        ))),
        Err(Error::Stale) => status_page(
            &req,
            &who,
            &jpa,
            StatusCode::CONFLICT,
            Some("adm-err-status-stale"),
        ),
        Err(Error::Conflict(_)) => status_page(
            &req,
            &who,
            &jpa,
            StatusCode::CONFLICT,
            Some("adm-err-status-refused"),
        ),
        Err(Error::Invalid(_)) => status_page(
            &req,
            &who,
            &jpa,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("adm-err-status-invalid"),
        ),
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/jpas/{id}/agencies` (`agency_id`, `joined_on`):
/// `operations::jpas::add_participant` (idempotent), then 303 to the JPA's page.
pub async fn add_agency(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageParticipants)?;
    let (jpa, participants, agencies) = jpa_context(&state, &who, &path).await?;
    let v = values(&pairs, ADD_FIELDS);
    let again = |status, errors| {
        detail(
            &req,
            &who,
            &jpa,
            &participants,
            &agencies,
            status,
            errors,
            &v,
            None,
        )
    };
    let mut errors = FormErrors::default();
    let agency_id = v["agency_id"].trim().to_string();
    if agency_id.is_empty() {
        push_error(&mut errors, "agency_id", t("adm-err-agency-missing")?);
    }
    let joined_on = parse_date(&mut errors, "joined_on", &v["joined_on"])?;
    if !errors.is_empty() {
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = jpa.id.clone();
    let result = state
        .db
        .run(move |conn| {
            ops::add_participant(
                conn,
                &caller,
                &ctx,
                &id,
                &agency_id,
                Participation { joined_on },
            )
        })
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/admin/jpas/{}?notice=agency-added#participants",
            jpa.id
        ))),
        // The JPA was found above: what is missing is the agency.
        Err(Error::NotFound) | Err(Error::Invalid(_)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            one_error("agency_id", t("adm-err-agency-unknown")?),
        ),
        Err(Error::Conflict(_)) => again(
            StatusCode::CONFLICT,
            one_error("agency_id", t("adm-err-jpa-closed")?),
        ),
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/jpas/{id}/agencies/{agency_id}/remove`:
/// `operations::jpas::remove_participant`; while the agency leads or partners an
/// investigation of the JPA the page says so (409) and nothing changes.
pub async fn remove_agency(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ManageParticipants)?;
    let (jpa_id, agency_id) = path.into_inner();
    let (jpa, participants, agencies) = jpa_context(&state, &who, &jpa_id).await?;
    let agency_id = path_id(&agency_id)?;
    let name = participants
        .iter()
        .find(|p| p.agency_id == agency_id)
        .map(|p| p.agency.name.clone())
        .ok_or(PageError::NotFound)?;
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = jpa.id.clone();
    let removed = agency_id.clone();
    let result = state
        .db
        .run(move |conn| ops::remove_participant(conn, &caller, &ctx, &id, &removed))
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/admin/jpas/{}?notice=agency-removed#participants",
            jpa.id
        ))),
        Err(Error::Conflict(m)) => {
            let text = if m.contains("closed") {
                t("adm-err-jpa-closed")?
            } else {
                message("adm-err-agency-in-use", &[("agency", name.into())])?
            };
            detail(
                &req,
                &who,
                &jpa,
                &participants,
                &agencies,
                StatusCode::CONFLICT,
                one_error("participants", text),
                &values(&[], ADD_FIELDS),
                None,
            )
        }
        Err(e) => Err(e.into()),
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/jpas", web::get().to(list))
        .service(
            web::resource("/admin/jpas/new")
                .route(web::get().to(new_form))
                .route(web::post().to(create)),
        )
        .route("/admin/jpas/{id}", web::get().to(show))
        .service(
            web::resource("/admin/jpas/{id}/edit")
                .route(web::get().to(edit_form))
                .route(web::post().to(update)),
        )
        .service(
            web::resource("/admin/jpas/{id}/status")
                .route(web::get().to(status_confirm))
                .route(web::post().to(status_move)),
        )
        .route("/admin/jpas/{id}/agencies", web::post().to(add_agency))
        .route(
            "/admin/jpas/{id}/agencies/{agency_id}/remove",
            web::post().to(remove_agency),
        );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_moves_one_step_forward_only() {
        assert_eq!(next_status("planning"), Some(JpaStatus::Active));
        assert_eq!(next_status("active"), Some(JpaStatus::Closed));
        assert_eq!(next_status("closed"), None);
    }

    #[test]
    fn the_time_zone_picker_has_utc_first_and_keeps_an_unlisted_current_zone() {
        let o = timezone_options("Asia/Bangkok");
        assert_eq!(o[0].0, "UTC");
        assert!(o.iter().any(|(v, _)| v == "Asia/Bangkok"));
        let o = timezone_options("Etc/GMT-7");
        assert_eq!(o[1].0, "Etc/GMT-7");
    }
}
