//! The append-only audit log. `record` is called inside the transaction of the change
//! it records, so a change and its event commit or roll back together.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{Map, Value};

use super::schema::audit_events;
use super::{new_id, DbConnection};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub changes: String,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

/// Who did it, from where, in which request.
#[derive(Debug, Clone, Default)]
pub struct AuditContext {
    pub actor_id: Option<String>,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

impl AuditContext {
    /// A signed-in caller's change, in the request being served (every face's).
    pub fn of(caller: &crate::auth::Caller) -> AuditContext {
        AuditContext {
            actor_id: Some(caller.user_id.clone()),
            request_id: crate::error::current_request_id(),
            client_addr: caller.client_addr.clone(),
        }
    }

    /// A change made before sign-in, from `client_addr`, in the request being served.
    pub fn anonymous(client_addr: Option<String>) -> AuditContext {
        AuditContext {
            actor_id: None,
            request_id: crate::error::current_request_id(),
            client_addr,
        }
    }
}

/// `{"field": {"before": .., "after": ..}}` for the fields that differ. Callers pass
/// only fields that may be recorded: never passwords, hashes or tokens.
pub fn diff(before: &Value, after: &Value) -> Value {
    let mut out = Map::new();
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let old = b.get(key).cloned().unwrap_or(Value::Null);
        let new = a.get(key).cloned().unwrap_or(Value::Null);
        if old != new {
            out.insert(
                key.clone(),
                serde_json::json!({"before": old, "after": new}),
            );
        }
    }
    Value::Object(out)
}

pub fn record(
    conn: &mut DbConnection,
    ctx: &AuditContext,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changes: Value,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let row = AuditRow {
        id: new_id(),
        at,
        actor_id: ctx.actor_id.clone(),
        action: action.to_string(),
        entity_type: entity_type.to_string(),
        entity_id: entity_id.to_string(),
        changes: changes.to_string(),
        request_id: ctx.request_id.clone(),
        client_addr: ctx.client_addr.clone(),
    };
    diesel::insert_into(audit_events::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    filter: AuditFilter,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut query = audit_events::table
        .select(AuditRow::as_select())
        .order((audit_events::at.desc(), audit_events::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(v) = filter.entity_type {
        query = query.filter(audit_events::entity_type.eq(v));
    }
    if let Some(v) = filter.entity_id {
        query = query.filter(audit_events::entity_id.eq(v));
    }
    if let Some(v) = filter.actor_id {
        query = query.filter(audit_events::actor_id.eq(v));
    }
    if let Some(v) = filter.from {
        query = query.filter(audit_events::at.ge(v));
    }
    if let Some(v) = filter.to {
        query = query.filter(audit_events::at.lt(v));
    }
    query = super::after_cursor!(query, audit_events::at, audit_events::id, after);
    query.load(conn)
}
