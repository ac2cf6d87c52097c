//! The reports of a JPA: progress (concurrent requests share a computation), the CSV exports
//! and the compendium. Each heavy computation holds one of `AppState::report_permits`, so a
//! burst of dashboards queues instead of taking every pooled connection.

use std::sync::Arc;

use chrono::NaiveDate;

use super::jpas::{visible_jpa, JpaView};
use super::Result;
use crate::auth::policy::{require, route_scope, Action, RouteScope};
use crate::auth::Caller;
use crate::domain::{today_in, Role};
use crate::error::Error;
use crate::reports::csv_export::{self, ExportKind};
use crate::reports::{compendium, progress, routes};
use crate::state::AppState;

/// The progress document as of a day (default today in the JPA's time zone); observers get
/// small figures suppressed, as of the end of a month.
pub async fn progress(
    state: &AppState,
    caller: &Caller,
    id: &str,
    as_of: Option<NaiveDate>,
) -> Result<Arc<serde_json::Value>> {
    require(caller.role, Action::ReadProgress)?;
    let suppress = caller.role == Role::Observer;
    // Visibility is checked on every request, whoever computes the document.
    let (c, id) = (caller.clone(), id.to_string());
    let jpa = state.db.run(move |conn| visible_jpa(conn, &c, &id)).await?;
    let today = today_in(&jpa.timezone);
    // Observers see the figures as of a month's end that has passed (`observer_as_of`), so
    // that differencing two days attributes no new figure to one agency.
    let as_of = if suppress {
        progress::observer_as_of(as_of, today)
    } else {
        as_of.unwrap_or(today)
    };
    // Requests for the same document at the same time share one computation, started
    // after they all arrived (`reports::coalesce`): never older than the request.
    let key = (jpa.id.clone(), jpa.version, as_of, suppress);
    state
        .progress_runs
        .run(key, || async {
            let _permit = state
                .report_permits
                .acquire()
                .await
                .map_err(Error::internal)?;
            let body = state
                .db
                .run(move |conn| {
                    let view = serde_json::to_value(JpaView::from(jpa.clone()))
                        .map_err(Error::internal)?;
                    progress::compute(conn, &jpa, view, as_of, suppress)
                })
                .await?;
            Ok(Arc::new(body))
        })
        .await
}

/// The route matrix of a JPA as of a day (`reports::routes`), over the route legs the
/// caller may see (`policy::route_scope`). Observers get the pair and transit totals only,
/// each under 5 as `"<5"`; pass them the `as_of` of their progress document.
pub async fn routes(
    state: &AppState,
    caller: &Caller,
    id: &str,
    as_of: NaiveDate,
) -> Result<Arc<serde_json::Value>> {
    require(caller.role, Action::ReadProgress)?;
    let (c, id) = (caller.clone(), id.to_string());
    let jpa = state.db.run(move |conn| visible_jpa(conn, &c, &id)).await?;
    let scope = route_scope(caller);
    let what = match &scope {
        RouteScope::Standard => "routes:standard".to_string(),
        RouteScope::Agency(a) => format!("routes:agency:{a}"),
        RouteScope::Nothing => return Ok(Arc::new(serde_json::json!(null))),
    };
    let matrix = match state.progress_cache.get(&jpa.id, as_of, &what) {
        Some(doc) => doc,
        None => {
            let _permit = state
                .report_permits
                .acquire()
                .await
                .map_err(Error::internal)?;
            let generation = state.progress_cache.generation();
            let jpa_id = jpa.id.clone();
            let rows = state
                .db
                .run(move |conn| {
                    let (agency, standard) = match &scope {
                        RouteScope::Agency(a) => (Some(a.as_str()), false),
                        _ => (None, true),
                    };
                    Ok(crate::db::reports::route_legs(
                        conn, &jpa_id, as_of, agency, standard,
                    )?)
                })
                .await?;
            let matrix = routes::matrix(rows.iter().map(|r| r.route_legs.as_str()));
            let doc = Arc::new(serde_json::to_value(matrix).map_err(Error::internal)?);
            state
                .progress_cache
                .put(&jpa.id, as_of, &what, doc.clone(), generation);
            doc
        }
    };
    if caller.role != Role::Observer {
        return Ok(matrix);
    }
    let matrix: routes::RouteMatrix =
        serde_json::from_value((*matrix).clone()).map_err(Error::internal)?;
    Ok(Arc::new(serde_json::json!({
        "investigations": routes::observer_figure(matrix.investigations),
        "pairs": matrix.pairs.iter().map(|p| serde_json::json!({
            "from": p.from, "to": p.to, "total": routes::observer_figure(p.total),
        })).collect::<Vec<_>>(),
        "transit": matrix.transit.iter().map(|(c, n)| serde_json::json!([c, routes::observer_figure(*n)])).collect::<Vec<_>>(),
    })))
}

/// A CSV export being written: its file name, and its chunks as they are produced.
pub struct Export {
    pub filename: String,
    pub chunks: tokio::sync::mpsc::Receiver<Vec<u8>>,
}

/// Starts streaming one of the CSV exports (formula-safe cells) of a JPA.
pub async fn export(
    state: &AppState,
    caller: &Caller,
    id: &str,
    kind: ExportKind,
) -> Result<Export> {
    require(caller.role, Action::Export)?;
    let agency = caller.agency_id.clone();
    let (c, id) = (caller.clone(), id.to_string());
    let jpa = state.db.run(move |conn| visible_jpa(conn, &c, &id)).await?;
    let filename = format!("{}-{}.csv", jpa.code, kind.name());
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let db = state.db.clone();
    let permit = state
        .report_permits
        .clone()
        .acquire_owned()
        .await
        .map_err(Error::internal)?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let Ok(mut conn) = db.get() else {
            tracing::warn!("export: no database connection");
            return;
        };
        if let Err(e) = csv_export::write(&mut conn, &jpa, kind, agency.as_deref(), |chunk| {
            tx.blocking_send(chunk).is_ok()
        }) {
            tracing::error!(error = %e, "export failed part-way");
        }
    });
    Ok(Export {
        filename,
        chunks: rx,
    })
}

/// The Markdown compendium of the JPA's closed investigations whose lead agency opted in.
pub async fn compendium(state: &AppState, caller: &Caller, id: &str) -> Result<String> {
    require(caller.role, Action::ReadCompendium)?;
    let _permit = state
        .report_permits
        .acquire()
        .await
        .map_err(Error::internal)?;
    let (c, id) = (caller.clone(), id.to_string());
    state
        .db
        .run(move |conn| {
            let jpa = visible_jpa(conn, &c, &id)?;
            compendium::render(conn, &jpa, c.role != Role::Observer)
        })
        .await
}

/// The compendium's case briefs, for the page that shows them (the same cases as
/// `compendium`).
pub async fn compendium_cases(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<Vec<compendium::CaseBrief>> {
    require(caller.role, Action::ReadCompendium)?;
    let _permit = state
        .report_permits
        .acquire()
        .await
        .map_err(Error::internal)?;
    let (c, id) = (caller.clone(), id.to_string());
    state
        .db
        .run(move |conn| {
            let jpa = visible_jpa(conn, &c, &id)?;
            compendium::cases(conn, &jpa)
        })
        .await
}

/// The compendium across JPAs: the successful (closed) cross-border cases of every JPA
/// the caller may see whose lead agency opted in, historical JPAs included, narrowed by
/// `filter`, the most recently closed first. Each case carries the per-JPA brief, so
/// the protected fields of restricted investigations never appear.
pub async fn compendium_across(
    state: &AppState,
    caller: &Caller,
    filter: compendium::Filter,
) -> Result<Vec<compendium::CompendiumCase>> {
    require(caller.role, Action::ReadCompendium)?;
    let _permit = state
        .report_permits
        .acquire()
        .await
        .map_err(Error::internal)?;
    let c = caller.clone();
    state
        .db
        .run(move |conn| {
            let with_titles = c.role != Role::Observer;
            let scope = crate::auth::policy::jpa_scope(&c);
            let mut out = Vec::new();
            for jpa in crate::db::jpas::list(conn, &scope, None, i64::MAX)? {
                for brief in compendium::cases(conn, &jpa)? {
                    if brief.cross_border && filter.admits(&brief) {
                        out.push(compendium::CompendiumCase::of(&jpa, brief, with_titles));
                    }
                }
            }
            out.sort_by(|a, b| {
                b.brief
                    .closed_on
                    .cmp(&a.brief.closed_on)
                    .then_with(|| a.jpa_code.cmp(&b.jpa_code))
                    .then_with(|| a.brief.number.cmp(&b.brief.number))
            });
            Ok(out)
        })
        .await
}
