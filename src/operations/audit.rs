//! The audit log, read-only (admin, co-chair).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{list_response, ts, ListResponse, Page, Result};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
pub use crate::db::audit::AuditFilter;
use crate::db::audit::{self, AuditRow};
use crate::db::DbConnection;

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

/// A page of audit events, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    filter: AuditFilter,
    page: Page,
) -> Result<ListResponse<AuditEventView>> {
    require(caller.role, Action::ReadAudit)?;
    let rows = audit::list(conn, filter, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.at, r.id.clone()),
        AuditEventView::from,
    ))
}
