//! The audit log, read-only (admin, co-chair).

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::extract::{page, parse_instant, query_text, query_uuid};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::audit as ops;
use crate::operations::audit::{AuditEventView, AuditFilter};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    #[param(schema_with = super::schemas::entity_type)]
    pub entity_type: Option<String>,
    /// The id of the changed object; a participation is `<jpa id>:<agency id>`.
    #[param(schema_with = super::schemas::entity_id)]
    pub entity_id: Option<String>,
    #[param(schema_with = super::schemas::uuid)]
    pub actor_id: Option<String>,
    /// RFC 3339 timestamp or date, inclusive.
    #[param(schema_with = super::schemas::date_or_timestamp)]
    pub from: Option<String>,
    /// RFC 3339 timestamp or date, exclusive.
    #[param(schema_with = super::schemas::date_or_timestamp)]
    pub to: Option<String>,
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, description = "A page of audit events, newest first", body = super::extract::ListResponse<AuditEventView>),
              (status = 400, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadAudit)?;
    let q = query.into_inner();
    let page = page(q.limit.as_deref(), q.cursor.as_deref())?;
    let filter = AuditFilter {
        entity_type: query_text("entity_type", q.entity_type, 64)?,
        entity_id: query_text("entity_id", q.entity_id, 100)?,
        actor_id: query_uuid("actor_id", q.actor_id)?,
        from: q
            .from
            .as_deref()
            .map(|v| parse_instant("from", v))
            .transpose()?,
        to: q
            .to
            .as_deref()
            .map(|v| parse_instant("to", v))
            .transpose()?,
    };
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}
