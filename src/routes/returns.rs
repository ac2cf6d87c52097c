//! Monthly returns and compliance: the JSON face of `operations::returns`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::extract::audit_context;
use super::extract::{located, page, path_id, with_etag, JsonBody};
use crate::auth::policy::{self, require, Action};
use crate::auth::Caller;
use crate::domain::period::Period;
use crate::error::ApiError;
use crate::operations::returns as ops;
use crate::operations::returns::{Compliance, ReturnView, SaveReturn};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReturnQuery {
    #[param(schema_with = super::schemas::period)]
    pub period: Option<String>,
    #[param(schema_with = super::schemas::uuid)]
    pub agency_id: Option<String>,
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AgencyQuery {
    /// Admins and co-chairs: the agency whose return this is.
    #[param(schema_with = super::schemas::uuid)]
    pub agency_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/returns", tag = "returns", security(("bearer" = [])),
    params(("id" = String, Path), ReturnQuery),
    responses((status = 200, description = "A page of monthly returns, newest first", body = super::extract::ListResponse<ReturnView>), (status = 404, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ReturnQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListReturns)?;
    let id = path_id(&id)?;
    let q = query.into_inner();
    let page = page(q.limit.as_deref(), q.cursor.as_deref())?;
    if q.period
        .as_deref()
        .is_some_and(|p| Period::parse(p).is_none())
    {
        return Err(ApiError::BadRequest(
            "invalid_query",
            "period must be YYYY-MM.".into(),
        ));
    }
    let agency_id = super::extract::query_uuid("agency_id", q.agency_id)?;
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, &id, agency_id, q.period, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(put, path = "/api/v1/jpas/{id}/returns/{period}", tag = "returns", security(("bearer" = [])),
    params(("id" = String, Path), ("period" = String, Path, description = "YYYY-MM", pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"), AgencyQuery), request_body = SaveReturn,
    responses((status = 201, body = ReturnView), (status = 200, body = ReturnView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn save(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
    body: JsonBody<SaveReturn>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::WriteReturn)?;
    let (id, period) = (path_id(&path.0)?, path.1.clone());
    let agency_id = agency_for(&caller, query.into_inner())?;
    let location = match &agency_id {
        Some(agency) => format!("/api/v1/jpas/{id}/returns/{period}?agency_id={agency}"),
        None => format!("/api/v1/jpas/{id}/returns/{period}"),
    };
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let (created, row) = state
        .db
        .run(move |conn| {
            ops::save(
                conn,
                &caller,
                &ctx,
                &id,
                &period,
                agency_id.as_deref(),
                input,
            )
        })
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(located(with_etag(status, row.version, &row), &location))
}

#[utoipa::path(post, path = "/api/v1/jpas/{id}/returns/{period}/submit", tag = "returns", security(("bearer" = [])),
    params(("id" = String, Path), ("period" = String, Path, description = "YYYY-MM", pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"), AgencyQuery),
    request_body(content = Option<super::extract::NoFields>),
    responses((status = 200, body = ReturnView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    query: web::Query<AgencyQuery>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::WriteReturn)?;
    super::extract::expect_no_body(&req, &body)?;
    let (id, period) = (path_id(&path.0)?, path.1.clone());
    let agency_id = agency_for(&caller, query.into_inner())?;
    let ctx = audit_context(&caller);
    let row = state
        .db
        .run(move |conn| ops::submit(conn, &caller, &ctx, &id, &period, agency_id.as_deref()))
        .await?;
    Ok(with_etag(StatusCode::OK, row.version, &row))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ComplianceQuery {
    /// YYYY-MM-DD; default today in the JPA's timezone.
    #[param(schema_with = super::schemas::date)]
    pub as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/compliance", tag = "returns", security(("bearer" = [])),
    params(("id" = String, Path), ComplianceQuery),
    responses((status = 200, description = "`{jpa_id, as_of, periods, agencies: [ComplianceRow], totals}`; a liaison gets its own row", body = Compliance),
              (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn compliance(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ComplianceQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadCompliance)?;
    let id = path_id(&id)?;
    let as_of = query
        .as_of
        .as_deref()
        .map(|d| crate::domain::date::parse(d).ok_or(()))
        .transpose()
        .map_err(|_| {
            ApiError::BadRequest("invalid_query", "as_of must be a YYYY-MM-DD date.".into())
        })?;
    let body = state
        .db
        .run(move |conn| ops::compliance(conn, &caller, &id, as_of))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// `?agency_id=`: admins and co-chairs must name the agency whose return they act on.
fn agency_for(caller: &Caller, query: AgencyQuery) -> Result<Option<String>, ApiError> {
    if policy::coordinator_must_name_agency(caller) && query.agency_id.is_none() {
        return Err(ApiError::BadRequest(
            "invalid_query",
            "agency_id is required for this role.".into(),
        ));
    }
    Ok(query.agency_id)
}
