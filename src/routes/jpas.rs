//! JPAs and their participating agencies: the JSON face of `operations::jpas`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{audit_context, ListQuery};
use super::extract::{if_match, located, page, path_id, with_etag, JsonBody};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::jpas as ops;
use crate::operations::jpas::{CreateJpa, JpaView, ParticipantView, Participation, UpdateJpa};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/jpas", tag = "jpas", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, description = "A page of JPAs, newest first", body = super::extract::ListResponse<JpaView>)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListJpas)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/jpas", tag = "jpas", security(("bearer" = [])), request_body = CreateJpa,
    responses((status = 201, body = JpaView), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateJpa>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateJpa)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let jpa = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, input))
        .await?;
    let location = format!("/api/v1/jpas/{}", jpa.id);
    Ok(located(
        with_etag(StatusCode::CREATED, jpa.version, &jpa),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}", tag = "jpas", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = JpaView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadJpa)?;
    let id = path_id(&id)?;
    let jpa = state
        .db
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, jpa.version, &jpa))
}

#[utoipa::path(patch, path = "/api/v1/jpas/{id}", tag = "jpas", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)), request_body = UpdateJpa,
    responses((status = 200, body = JpaView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateJpa>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateJpa)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let jpa = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, jpa.version, &jpa))
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/agencies", tag = "jpas", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, description = "Participating agencies by name (one page)", body = super::extract::ListResponse<ParticipantView>)))]
pub async fn participants(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListParticipants)?;
    let id = path_id(&id)?;
    let list = state
        .db
        .run(move |conn| ops::participants(conn, &caller, &id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(put, path = "/api/v1/jpas/{id}/agencies/{agency_id}", tag = "jpas", security(("bearer" = [])),
    params(("id" = String, Path), ("agency_id" = String, Path)), request_body(content = Option<Participation>),
    responses((status = 201, body = ParticipantView), (status = 200, body = ParticipantView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem)))]
pub async fn add_participant(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageParticipants)?;
    let (id, agency_id) = (path_id(&path.0)?, path_id(&path.1)?);
    let input: Participation = super::extract::optional_body(&req, &body)?;
    let ctx = audit_context(&caller);
    let (created, participant) = state
        .db
        .run(move |conn| ops::add_participant(conn, &caller, &ctx, &id, &agency_id, input))
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!(
        "/api/v1/jpas/{}/agencies/{}",
        participant.jpa_id, participant.agency_id
    );
    Ok(located(
        HttpResponse::build(status).json(participant),
        &location,
    ))
}

#[utoipa::path(delete, path = "/api/v1/jpas/{id}/agencies/{agency_id}", tag = "jpas", security(("bearer" = [])),
    params(("id" = String, Path), ("agency_id" = String, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn remove_participant(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageParticipants)?;
    let (id, agency_id) = (path_id(&path.0)?, path_id(&path.1)?);
    let ctx = audit_context(&caller);
    state
        .db
        .run(move |conn| ops::remove_participant(conn, &caller, &ctx, &id, &agency_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/indicators", tag = "jpas", security(("bearer" = [])),
    responses((status = 200, description = "The indicator dictionary (one page)", body = super::extract::ListResponse<crate::domain::indicators::Indicator>)))]
pub async fn indicators(caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ops::indicators(&caller)?))
}
