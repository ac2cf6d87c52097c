//! `/audit` (admins and co-chairs): the audit log with the API's filters (`entity_type`,
//! `entity_id`, `actor_id`, `from`, `to`) as a GET form, newest first, paged. Each event
//! shows its action, actor, entity, changed fields with their before and after as the
//! API gives them (an investigation's protected fields only as "changed"), request id and
//! time in UTC (`operations::audit::list`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{kept_limit, may, page, page_of, pager, push_error, require, t};
use crate::auth::policy::Action;
use crate::operations::audit::{self as ops, AuditFilter};
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::session::SignedIn;
use crate::web::PageError;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<String>,
}

/// One changed field of an event as the page shows it.
#[derive(Debug, Serialize, PartialEq)]
struct Change {
    field: String,
    /// Recorded as changed only (a protected field): no value to show.
    withheld: bool,
    before: Option<String>,
    after: Option<String>,
}

/// A recorded value as text: strings as they are, `null` as nothing, the rest as JSON.
fn shown(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn changes(v: &serde_json::Value) -> Vec<Change> {
    let Some(fields) = v.as_object() else {
        return Vec::new();
    };
    fields
        .iter()
        .map(|(field, c)| {
            let withheld = c.get("changed").is_some() && c.get("before").is_none();
            Change {
                field: field.clone(),
                withheld,
                before: if withheld { None } else { shown(&c["before"]) },
                after: if withheld { None } else { shown(&c["after"]) },
            }
        })
        .collect()
}

/// A `from` / `to` filter: an RFC 3339 instant or a `YYYY-MM-DD` day (its start, UTC).
fn instant(raw: &str) -> Option<NaiveDateTime> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(t.naive_utc());
    }
    crate::domain::date::parse(raw).map(|d| d.and_time(chrono::NaiveTime::MIN))
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `GET /audit`.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadAudit)?;
    let q = query.into_inner();
    let entity_type = given(&q.entity_type);
    let entity_id = given(&q.entity_id);
    let actor_id = given(&q.actor_id);
    let from_raw = given(&q.from);
    let to_raw = given(&q.to);
    let mut errors = FormErrors::default();
    if entity_type
        .as_deref()
        .is_some_and(|s| s.chars().count() > 64)
    {
        push_error(
            &mut errors,
            "filter-entity_type",
            t("adm-err-audit-entity_type")?,
        );
    }
    if entity_id
        .as_deref()
        .is_some_and(|s| s.chars().count() > 100)
    {
        push_error(
            &mut errors,
            "filter-entity_id",
            t("adm-err-audit-entity_id")?,
        );
    }
    if actor_id
        .as_deref()
        .is_some_and(|s| uuid::Uuid::parse_str(s).is_err())
    {
        push_error(&mut errors, "filter-actor_id", t("adm-err-audit-actor_id")?);
    }
    let from = from_raw.as_deref().and_then(instant);
    if from_raw.is_some() && from.is_none() {
        push_error(&mut errors, "filter-from", t("adm-err-audit-instant")?);
    }
    let to = to_raw.as_deref().and_then(instant);
    if to_raw.is_some() && to.is_none() {
        push_error(&mut errors, "filter-to", t("adm-err-audit-instant")?);
    }
    let p = page_of(q.limit.as_deref(), q.cursor.as_deref());
    if p.is_none() {
        push_error(&mut errors, "filter-entity_type", t("adm-err-cursor")?);
    }
    let names_actors = may(&who.caller, Action::ReadUser);
    let caller = who.caller.clone();
    let filter = AuditFilter {
        entity_type: entity_type.clone(),
        entity_id: entity_id.clone(),
        actor_id: actor_id.clone(),
        from,
        to,
    };
    let listed = match (errors.is_empty(), p) {
        (true, Some(p)) => Some(
            state
                .db
                .run(move |conn| {
                    let listed = ops::list(conn, &caller, filter, p)?;
                    // Admins see who each actor is; co-chairs (who may not list users)
                    // the actor's id.
                    let mut actors = BTreeMap::new();
                    if names_actors {
                        for e in &listed.items {
                            if let Some(id) = &e.actor_id {
                                if !actors.contains_key(id) {
                                    if let Ok(u) = crate::operations::users::get(conn, &caller, id)
                                    {
                                        actors.insert(id.clone(), u.display_name);
                                    }
                                }
                            }
                        }
                    }
                    Ok((listed, actors))
                })
                .await?,
        ),
        _ => None,
    };
    let (events, next_cursor, actors) = match listed {
        Some((l, actors)) => (l.items, l.next_cursor, actors),
        None => (Vec::new(), None, BTreeMap::new()),
    };
    let rows: Vec<minijinja::Value> = events
        .iter()
        .map(|e| {
            minijinja::context! {
                event => e,
                at => e.at.to_rfc3339(),
                actor_name => e.actor_id.as_ref().and_then(|id| actors.get(id)),
                changes => changes(&e.changes),
            }
        })
        .collect();
    let limit = q.limit.clone();
    let filters = [
        ("entity_type", entity_type.as_deref()),
        ("entity_id", entity_id.as_deref()),
        ("actor_id", actor_id.as_deref()),
        ("from", from_raw.as_deref()),
        ("to", to_raw.as_deref()),
        ("limit", kept_limit(&limit)),
    ];
    let filtered = filters[..5].iter().any(|(_, v)| v.is_some());
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    page(
        status,
        "admin/audit.html",
        &who,
        &req,
        minijinja::context! {
            rows => rows,
            errors => errors,
            filter => minijinja::context! {
                entity_type => entity_type.clone().unwrap_or_default(),
                entity_id => entity_id.clone().unwrap_or_default(),
                actor_id => actor_id.clone().unwrap_or_default(),
                from => from_raw.clone().unwrap_or_default(),
                to => to_raw.clone().unwrap_or_default(),
            },
            filtered => filtered,
            limit => kept_limit(&limit),
            pager => pager("/audit", &filters, q.cursor.as_deref(), next_cursor.as_deref()),
        },
    )
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(list));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_protected_field_shows_as_changed_only_and_values_as_text() {
        let c = changes(&serde_json::json!({
            "summary": {"changed": true},
            "name": {"before": "Old", "after": "New"},
            "report_due_day": {"before": null, "after": 10},
        }));
        assert_eq!(
            c,
            vec![
                Change {
                    field: "name".into(),
                    withheld: false,
                    before: Some("Old".into()),
                    after: Some("New".into())
                },
                Change {
                    field: "report_due_day".into(),
                    withheld: false,
                    before: None,
                    after: Some("10".into())
                },
                Change {
                    field: "summary".into(),
                    withheld: true,
                    before: None,
                    after: None
                },
            ]
        );
    }

    #[test]
    fn the_time_filters_take_an_instant_or_a_day() {
        assert!(instant("2026-03-01").is_some());
        assert!(instant("2026-03-01T10:00:00+07:00").is_some());
        assert!(instant("yesterday").is_none());
    }
}
