//! The audit log, read-only (admin, co-chair).

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::extract::{list_response, page, parse_instant, query_text, query_uuid, ts};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, AuditFilter, AuditRow};
use crate::error::ApiError;
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

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditEventView {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// `{field: {before, after}}`; an investigation's protected fields (reference,
    /// summary, route_legs, compendium) appear only as `{field: {"changed": true}}`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

impl From<AuditRow> for AuditEventView {
    fn from(r: AuditRow) -> AuditEventView {
        AuditEventView {
            id: r.id,
            at: ts(r.at),
            actor_id: r.actor_id,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            changes: serde_json::from_str(&r.changes).unwrap_or(serde_json::Value::Null),
            request_id: r.request_id,
            client_addr: r.client_addr,
        }
    }
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
    let limit = page.limit;
    let rows = state
        .db
        .run(move |conn| Ok(audit::list(conn, filter, page.after, limit)?))
        .await?;
    Ok(HttpResponse::Ok().json(list_response(
        rows,
        limit,
        |r| (r.at, r.id.clone()),
        AuditEventView::from,
    )))
}
