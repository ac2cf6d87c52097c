//! `/admin/users` (admins only): the users with their role, agency, state and two-factor
//! sign-in; invite one (`operations::users::invite`: the invitation mail goes out as
//! through the API); change a user's name, role, agency or active state
//! (`operations::users::update` at the form's `version`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use minijinja::value::Value;

use super::{
    agency_options, all_agencies, domain_errors, kept_limit, notice, one_error, options, page,
    page_of, pager, push_error, require, t, values, version_of, ListQuery, PAGE_SIZE,
};
use crate::auth::policy::Action;
use crate::domain::Role;
use crate::error::Error;
use crate::operations::users::{self as ops, CreateUser, UpdateUser};
use crate::operations::views::{AgencyView, UserView};
use crate::routes::extract::path_id;
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::pages::signed_in;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{see_other, PageError};

const INVITE_FIELDS: &[&str] = &[
    "email",
    "display_name",
    "role",
    "agency_id",
    "organisation",
    "locale",
];
const EDIT_FIELDS: &[&str] = &[
    "display_name",
    "role",
    "agency_id",
    "organisation",
    "locale",
    "active",
    "version",
];

fn role_options() -> Result<Vec<(String, String)>, PageError> {
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    options("adm-role-", &roles)
}

/// `GET /admin/users`: a page of users, newest first.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ListUsers)?;
    let q = query.into_inner();
    let limit = q.limit.clone();
    let Some(p) = page_of(limit.as_deref(), q.cursor.as_deref()) else {
        return Err(PageError::BadRequest);
    };
    let caller = who.caller.clone();
    let (listed, agencies) = state
        .db
        .run(move |conn| {
            let listed = ops::list_with_two_factor(conn, &caller, p)?;
            let agencies = all_agencies(conn, &caller)?;
            Ok((listed, agencies))
        })
        .await?;
    let names: BTreeMap<String, String> = agencies.into_iter().map(|a| (a.id, a.name)).collect();
    let rows: Vec<Value> = listed
        .items
        .iter()
        .map(|e| {
            minijinja::context! {
                user => e.user,
                two_factor => e.two_factor,
                agency => e.user.agency_id.as_ref().map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone())),
            }
        })
        .collect();
    let filters = [("limit", kept_limit(&limit))];
    page(
        StatusCode::OK,
        "admin/users.html",
        &who,
        &req,
        minijinja::context! {
            rows => rows,
            pager => pager("/admin/users", &filters, q.cursor.as_deref(), listed.next_cursor.as_deref()),
            notice => notice(q.notice.as_deref()),
            page_size => PAGE_SIZE,
        },
    )
}

/// The invite and edit form.
#[allow(clippy::too_many_arguments)]
fn form(
    req: &HttpRequest,
    who: &SignedIn,
    user: Option<&UserView>,
    agencies: &[AgencyView],
    values: &BTreeMap<String, String>,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let action = match user {
        Some(u) => format!("/admin/users/{}/edit", u.id),
        None => "/admin/users/new".to_string(),
    };
    page(
        status,
        "admin/user_form.html",
        who,
        req,
        minijinja::context! {
            is_new => user.is_none(),
            user => user,
            action => action,
            values => values,
            errors => errors,
            notice => notice,
            role_options => role_options()?,
            agency_options => agency_options(agencies),
            locale_options => crate::web::language_options()?,
            is_self => user.is_some_and(|u| u.id == who.caller.user_id),
        },
    )
}

async fn agencies(state: &AppState, who: &SignedIn) -> Result<Vec<AgencyView>, PageError> {
    let caller = who.caller.clone();
    Ok(state
        .db
        .run(move |conn| all_agencies(conn, &caller))
        .await?)
}

/// `GET /admin/users/new`: the invitation form.
pub async fn new_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateUser)?;
    let agencies = agencies(&state, &who).await?;
    let mut v = values(&[], INVITE_FIELDS);
    v.insert("role".into(), Role::Liaison.as_str().into());
    form(
        &req,
        &who,
        None,
        &agencies,
        &v,
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// A role from the form: an error at `role` when it is none of the four.
fn parse_role(errors: &mut FormErrors, raw: &str) -> Result<Option<Role>, PageError> {
    let raw = raw.trim();
    if raw.is_empty() {
        push_error(errors, "role", t("adm-err-role-missing")?);
        return Ok(None);
    }
    match Role::parse(raw) {
        Some(r) => Ok(Some(r)),
        None => {
            push_error(errors, "role", t("adm-err-choice")?);
            Ok(None)
        }
    }
}

fn blank_none(raw: &str) -> Option<String> {
    Some(raw.trim().to_string()).filter(|s| !s.is_empty())
}

/// `POST /admin/users/new`: `operations::users::invite`, then 303 to the list; the
/// invitation mail is queued in the same transaction.
pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::CreateUser)?;
    let agencies = agencies(&state, &who).await?;
    let v = values(&pairs, INVITE_FIELDS);
    let again = |status, errors| form(&req, &who, None, &agencies, &v, status, errors, None);
    let mut errors = FormErrors::default();
    if v["email"].trim().is_empty() {
        push_error(&mut errors, "email", t("adm-err-email-missing")?);
    }
    if v["display_name"].trim().is_empty() {
        push_error(
            &mut errors,
            "display_name",
            t("adm-err-display_name-missing")?,
        );
    }
    let role = parse_role(&mut errors, &v["role"])?;
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        super::sort_errors(&mut errors, INVITE_FIELDS);
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors);
    };
    let input = CreateUser {
        email: v["email"].clone(),
        display_name: v["display_name"].clone(),
        role,
        agency_id: blank_none(&v["agency_id"]),
        locale: blank_none(&v["locale"]),
        organisation: blank_none(&v["organisation"]),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let mailing = state.mailing();
    let result = state
        .db
        .run(move |conn| ops::invite(conn, &caller, &ctx, &mailing, input))
        .await;
    match result {
        Ok(_) => {
            state.outbox_notify.notify_one();
            Ok(see_other("/admin/users?notice=user-invited"))
        }
        Err(Error::Invalid(fields)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            domain_errors(&fields, INVITE_FIELDS)?,
        ),
        Err(Error::Conflict(_)) => again(
            StatusCode::CONFLICT,
            one_error("email", t("adm-err-email-taken")?),
        ),
        Err(e) => Err(e.into()),
    }
}

fn edit_values(u: &UserView) -> BTreeMap<String, String> {
    let mut v = values(&[], EDIT_FIELDS);
    v.insert("display_name".into(), u.display_name.clone());
    v.insert("role".into(), u.role.clone());
    v.insert("agency_id".into(), u.agency_id.clone().unwrap_or_default());
    v.insert("locale".into(), u.locale.clone());
    v.insert(
        "organisation".into(),
        u.organisation.clone().unwrap_or_default(),
    );
    v.insert("active".into(), u.active.to_string());
    v.insert("version".into(), u.version.to_string());
    v
}

async fn user_and_agencies(
    state: &AppState,
    who: &SignedIn,
    id: &str,
) -> Result<(UserView, Vec<AgencyView>), PageError> {
    let caller = who.caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| {
            let user = ops::get(conn, &caller, &id)?;
            Ok((user, all_agencies(conn, &caller)?))
        })
        .await?)
}

/// `GET /admin/users/{id}/edit`.
pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateUser)?;
    let (user, agencies) = user_and_agencies(&state, &who, &path).await?;
    form(
        &req,
        &who,
        Some(&user),
        &agencies,
        &edit_values(&user),
        StatusCode::OK,
        FormErrors::default(),
        notice(query.notice.as_deref()),
    )
}

/// `POST /admin/users/{id}/edit`: `operations::users::update` at the form's `version`; a
/// stale version shows the form again (409) with the input kept; the last active admin
/// stays one (409, said at the field).
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::UpdateUser)?;
    let (user, agencies) = user_and_agencies(&state, &who, &path).await?;
    let mut v = values(&pairs, EDIT_FIELDS);
    let expected = version_of(&v["version"])?;
    let mut errors = FormErrors::default();
    if v["display_name"].trim().is_empty() {
        push_error(
            &mut errors,
            "display_name",
            t("adm-err-display_name-missing")?,
        );
    }
    let role = parse_role(&mut errors, &v["role"])?;
    let active = match v["active"].as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            push_error(&mut errors, "active", t("adm-err-active-missing")?);
            None
        }
    };
    let (Some(role), Some(active), true) = (role, active, errors.is_empty()) else {
        super::sort_errors(&mut errors, EDIT_FIELDS);
        return form(
            &req,
            &who,
            Some(&user),
            &agencies,
            &v,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            None,
        );
    };
    let input = UpdateUser {
        display_name: Some(v["display_name"].clone()),
        role: Some(role),
        agency_id: Some(blank_none(&v["agency_id"])),
        active: Some(active),
        locale: blank_none(&v["locale"]),
        organisation: Some(blank_none(&v["organisation"])),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = user.id.clone();
    let result = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await;
    match result {
        Ok(saved) => Ok(see_other(&format!(
            "/admin/users/{}/edit?notice=user-saved",
            saved.id
        ))),
        Err(Error::Invalid(fields)) => form(
            &req,
            &who,
            Some(&user),
            &agencies,
            &v,
            StatusCode::UNPROCESSABLE_ENTITY,
            domain_errors(&fields, EDIT_FIELDS)?,
            None,
        ),
        Err(Error::Stale) => {
            // Submitting again saves over the other change, knowingly: the form now
            // carries the version this page was built from.
            v.insert("version".into(), user.version.to_string());
            form(
                &req,
                &who,
                Some(&user),
                &agencies,
                &v,
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some("adm-notice-stale"),
            )
        }
        Err(Error::Conflict(_)) => {
            let field = if active { "role" } else { "active" };
            form(
                &req,
                &who,
                Some(&user),
                &agencies,
                &v,
                StatusCode::CONFLICT,
                one_error(field, t("adm-err-last-admin")?),
                None,
            )
        }
        Err(e) => Err(e.into()),
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(list))
        .service(
            web::resource("/admin/users/new")
                .route(web::get().to(new_form))
                .route(web::post().to(invite)),
        )
        .service(
            web::resource("/admin/users/{id}/edit")
                .route(web::get().to(edit_form))
                .route(web::post().to(update)),
        );
}
