//! User administration (admin only): list, invite, read, change.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::TimeDelta;
use serde::Deserialize;

use super::extract::{
    audit_context, double_option, if_match, list_response, page, path_id, with_etag, JsonBody,
    ListQuery,
};
use super::views::UserView;
use crate::auth::policy::{require, Action};
use crate::auth::{random_token, token_hash, Caller};
use crate::db::audit::{self, diff};
use crate::db::users::UserRow;
use crate::db::{self, agencies, outbox, sessions, tokens, users, DbConnection};
use crate::domain::{required_text, Email, Role};
use crate::email::messages;
use crate::error::{ApiError, FieldError};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[schema(schema_with = super::schemas::email)]
    pub email: String,
    #[schema(schema_with = super::schemas::required_text_200)]
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    #[schema(format = Uuid)]
    pub agency_id: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[schema(schema_with = super::schemas::required_text_200_or_null)]
    pub display_name: Option<String>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub agency_id: Option<Option<String>>,
    pub active: Option<bool>,
}

/// A liaison needs an agency; a given agency must exist.
fn check_agency(
    conn: &mut DbConnection,
    role: Role,
    agency_id: &Option<String>,
) -> Result<(), ApiError> {
    match agency_id {
        None if role == Role::Liaison => {
            Err(ApiError::invalid("agency_id", "is required for a liaison"))
        }
        None => Ok(()),
        Some(id) => {
            let known = uuid::Uuid::parse_str(id).is_ok() && agencies::exists(conn, id)?;
            if known {
                Ok(())
            } else {
                Err(ApiError::invalid(
                    "agency_id",
                    "does not name an existing agency",
                ))
            }
        }
    }
}

#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, description = "A page of users", body = super::extract::ListResponse<super::views::UserView>), (status = 403, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListUsers)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let limit = page.limit;
    let rows = state
        .db
        .run(move |conn| Ok(users::list(conn, page.after, limit)?))
        .await?;
    Ok(HttpResponse::Ok().json(list_response(
        rows,
        limit,
        |u| (u.created_at, u.id.clone()),
        UserView::from,
    )))
}

/// Creates a user and mails an invitation link (single use, 72 h).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    request_body = CreateUser,
    responses((status = 201, body = UserView), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateUser)?;
    let input = body.into_inner()?;
    let mut errors: Vec<FieldError> = Vec::new();
    let email = Email::parse("email", &input.email)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = required_text("display_name", &input.display_name, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(email), Some(display_name)) = (email, display_name) else {
        return Err(ApiError::Validation(errors));
    };
    let token = random_token()?;
    let hash = token_hash(&token);
    let public_url = state.settings.server.public_url.clone();
    let domain = state.message_domain();
    let ctx = audit_context(&caller);
    let user = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                check_agency(conn, input.role, &input.agency_id)?;
                let now = db::now();
                if users::find_by_email(conn, email.as_str())?.is_some() {
                    return Err(ApiError::Conflict(
                        "A user with this email already exists.".into(),
                    ));
                }
                let row = UserRow {
                    id: db::new_id(),
                    email: email.into_inner(),
                    display_name,
                    role: input.role.as_str().to_string(),
                    agency_id: input.agency_id,
                    active: true,
                    password_hash: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                users::insert(conn, &row)?;
                tokens::insert(
                    conn,
                    &row.id,
                    tokens::PURPOSE_INVITE,
                    &hash,
                    now,
                    now + TimeDelta::hours(72),
                )?;
                let mail = messages::invitation(
                    &row.email,
                    &row.display_name,
                    &public_url,
                    &token,
                    format!("invite:{}:{}", row.id, db::new_id()),
                );
                outbox::enqueue(conn, mail, &domain, now)?;
                let view = UserView::from(row.clone());
                audit::record(
                    conn,
                    &ctx,
                    "user.create",
                    "user",
                    &row.id,
                    diff(&serde_json::json!({}), &view.audit_fields()),
                    now,
                )?;
                Ok(row)
            })
        })
        .await?;
    state.outbox_notify.notify_one();
    let id = user.id.clone();
    let mut response = with_etag(StatusCode::CREATED, user.version, &UserView::from(user));
    if let Ok(value) =
        actix_web::http::header::HeaderValue::from_str(&format!("/api/v1/users/{id}"))
    {
        response
            .headers_mut()
            .insert(actix_web::http::header::LOCATION, value);
    }
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadUser)?;
    let id = path_id(&id)?;
    let user = state
        .db
        .run(move |conn| Ok(users::find(conn, &id)?))
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        user.version,
        &UserView::from(user),
    ))
}

/// Changes display name, role, agency or active. Deactivation ends the user's sessions.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateUser,
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateUser)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let display_name = input
        .display_name
        .as_deref()
        .map(|n| required_text("display_name", n, 200))
        .transpose()
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let ctx = audit_context(&caller);
    let user = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let before = users::find(conn, &id)?;
                if before.version != expected {
                    return Err(ApiError::PreconditionFailed);
                }
                let mut after = before.clone();
                if let Some(name) = display_name {
                    after.display_name = name;
                }
                if let Some(role) = input.role {
                    after.role = role.as_str().to_string();
                }
                if let Some(agency_id) = input.agency_id {
                    after.agency_id = agency_id;
                }
                if let Some(active) = input.active {
                    after.active = active;
                }
                let role = Role::parse(&after.role)
                    .ok_or_else(|| ApiError::internal("unknown role stored"))?;
                if after.agency_id != before.agency_id || role == Role::Liaison {
                    check_agency(conn, role, &after.agency_id)?;
                }
                let was_admin = before.role == "admin" && before.active;
                let still_admin = after.role == "admin" && after.active;
                if was_admin && !still_admin {
                    // Two admins demoting each other at once: the second counts only after
                    // the first has committed.
                    db::lock(conn, "users.active_admins")?;
                    if users::count_active_admins(conn)? <= 1 {
                        return Err(ApiError::Conflict(
                            "This is the last active admin; make another admin first.".into(),
                        ));
                    }
                }
                let now = db::now();
                db::versioned(users::update(conn, &after, now)?)?;
                if before.active && !after.active {
                    sessions::revoke_all_for_user(conn, &after.id, None, now)?;
                }
                let changes = diff(
                    &UserView::from(before).audit_fields(),
                    &UserView::from(after.clone()).audit_fields(),
                );
                audit::record(conn, &ctx, "user.update", "user", &after.id, changes, now)?;
                Ok(users::find(conn, &after.id)?)
            })
        })
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        user.version,
        &UserView::from(user),
    ))
}
