//! `/admin/agencies` (admins and co-chairs): the agencies; create one and change one
//! (`operations::agencies::create` / `update` at the form's `version`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::{
    domain_errors, kept_limit, notice, one_error, options, page, page_of, pager, push_error,
    require, t, values, version_of, ListQuery,
};
use crate::auth::policy::Action;
use crate::domain::AgencyKind;
use crate::error::Error;
use crate::operations::agencies::{self as ops, CreateAgency, UpdateAgency};
use crate::operations::views::AgencyView;
use crate::routes::extract::path_id;
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::pages::signed_in;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{see_other, PageError};

const FIELDS: &[&str] = &["name", "country", "kind", "contact_email", "version"];

/// `[code, "Name (code)"]` of every country: the picker of the investigation form.
pub(crate) fn country_options() -> Vec<(String, String)> {
    crate::i18n::country_options(crate::i18n::current())
}

fn kind_options() -> Result<Vec<(String, String)>, PageError> {
    let kinds: Vec<&str> = AgencyKind::ALL.iter().map(|k| k.as_str()).collect();
    options("adm-kind-", &kinds)
}

/// `GET /admin/agencies`: a page of agencies, newest first.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateAgency)?;
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
        "admin/agencies.html",
        &who,
        &req,
        minijinja::context! {
            agencies => listed.items,
            pager => pager("/admin/agencies", &filters, q.cursor.as_deref(), listed.next_cursor.as_deref()),
            notice => notice(q.notice.as_deref()),
        },
    )
}

fn form(
    req: &HttpRequest,
    who: &SignedIn,
    agency: Option<&AgencyView>,
    values: &BTreeMap<String, String>,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let action = match agency {
        Some(a) => format!("/admin/agencies/{}/edit", a.id),
        None => "/admin/agencies/new".to_string(),
    };
    page(
        status,
        "admin/agency_form.html",
        who,
        req,
        minijinja::context! {
            is_new => agency.is_none(),
            agency => agency,
            action => action,
            values => values,
            errors => errors,
            notice => notice,
            country_options => country_options(),
            kind_options => kind_options()?,
        },
    )
}

/// `GET /admin/agencies/new`.
pub async fn new_form(req: HttpRequest, who: SignedIn) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateAgency)?;
    form(
        &req,
        &who,
        None,
        &values(&[], FIELDS),
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// The typed fields checked for presence and choice; the operation checks the rest.
fn check(v: &BTreeMap<String, String>) -> Result<(Option<AgencyKind>, FormErrors), PageError> {
    let mut errors = FormErrors::default();
    if v["name"].trim().is_empty() {
        push_error(&mut errors, "name", t("adm-err-name-missing")?);
    }
    if v["country"].trim().is_empty() {
        push_error(&mut errors, "country", t("adm-err-country-missing")?);
    }
    let kind = if v["kind"].trim().is_empty() {
        push_error(&mut errors, "kind", t("adm-err-kind-missing")?);
        None
    } else {
        let k = AgencyKind::parse(v["kind"].trim());
        if k.is_none() {
            push_error(&mut errors, "kind", t("adm-err-choice")?);
        }
        k
    };
    if v["contact_email"].trim().is_empty() {
        push_error(
            &mut errors,
            "contact_email",
            t("adm-err-contact_email-missing")?,
        );
    }
    super::sort_errors(&mut errors, FIELDS);
    Ok((kind, errors))
}

/// What a rejected form shows for an operation's error.
fn rejected(e: Error) -> Result<(StatusCode, FormErrors), PageError> {
    match e {
        Error::Invalid(fields) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            domain_errors(&fields, FIELDS)?,
        )),
        Error::Conflict(_) => Ok((
            StatusCode::CONFLICT,
            one_error("name", t("adm-err-agency-name-taken")?),
        )),
        other => Err(other.into()),
    }
}

/// `POST /admin/agencies/new`: `operations::agencies::create`, then 303 to the list.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateAgency)?;
    let v = values(&pairs, FIELDS);
    let (kind, errors) = check(&v)?;
    let (Some(kind), true) = (kind, errors.is_empty()) else {
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
    let input = CreateAgency {
        name: v["name"].clone(),
        country: v["country"].clone(),
        kind,
        contact_email: v["contact_email"].clone(),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let result = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, input))
        .await;
    match result {
        Ok(_) => Ok(see_other("/admin/agencies?notice=agency-created")),
        Err(e) => {
            let (status, errors) = rejected(e)?;
            form(&req, &who, None, &v, status, errors, None)
        }
    }
}

async fn agency(state: &AppState, who: &SignedIn, id: &str) -> Result<AgencyView, PageError> {
    let caller = who.caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?)
}

fn edit_values(a: &AgencyView) -> BTreeMap<String, String> {
    let mut v = values(&[], FIELDS);
    v.insert("name".into(), a.name.clone());
    v.insert("country".into(), a.country.clone());
    v.insert("kind".into(), a.kind.clone());
    v.insert("contact_email".into(), a.contact_email.clone());
    v.insert("version".into(), a.version.to_string());
    v
}

/// `GET /admin/agencies/{id}/edit`.
pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateAgency)?;
    let a = agency(&state, &who, &path).await?;
    form(
        &req,
        &who,
        Some(&a),
        &edit_values(&a),
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// `POST /admin/agencies/{id}/edit`: `operations::agencies::update` at the form's
/// `version` (stale: the form again, 409, the input kept).
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateAgency)?;
    let a = agency(&state, &who, &path).await?;
    let mut v = values(&pairs, FIELDS);
    let expected = version_of(&v["version"])?;
    let (kind, errors) = check(&v)?;
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return form(
            &req,
            &who,
            Some(&a),
            &v,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            None,
        );
    };
    let input = UpdateAgency {
        name: Some(v["name"].clone()),
        country: Some(v["country"].clone()),
        kind: Some(kind),
        contact_email: Some(v["contact_email"].clone()),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = a.id.clone();
    let result = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await;
    match result {
        Ok(_) => Ok(see_other("/admin/agencies?notice=agency-saved")),
        Err(Error::Stale) => {
            v.insert("version".into(), a.version.to_string());
            form(
                &req,
                &who,
                Some(&a),
                &v,
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some("adm-notice-stale"),
            )
        }
        Err(e) => {
            let (status, errors) = rejected(e)?;
            form(&req, &who, Some(&a), &v, status, errors, None)
        }
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/agencies", web::get().to(list))
        .service(
            web::resource("/admin/agencies/new")
                .route(web::get().to(new_form))
                .route(web::post().to(create)),
        )
        .service(
            web::resource("/admin/agencies/{id}/edit")
                .route(web::get().to(edit_form))
                .route(web::post().to(update)),
        );
}
