//! Progress, CSV exports and the compendium of a JPA.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::extract::path_id;
use super::jpas::{visible_jpa, JpaView};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::domain::{today_in, Role};
use crate::error::ApiError;
use crate::reports::csv_export::{self, ExportKind};
use crate::reports::{compendium, progress};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// YYYY-MM-DD; default today in the JPA's timezone. For an observer, the last day of
    /// a month that has ended: a day that is not a month's last day stands for the end of
    /// the month before it, and a day in the current month or later (and the default)
    /// for the end of the previous month; the document's `as_of` says which day it is.
    #[param(schema_with = super::schemas::date)]
    pub as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/progress", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path), ProgressQuery),
    responses((status = 200, description = "Progress figures as of a day (see API.md). For observers: every agency lists every figure (0 where it reported nothing); figures under 5 (0 included) are \"<5\"; in each by_agency column (investigations_led, milestones_achieved, milestones_overdue, each indicator), while a \"<5\" could be worked out from the JPA-wide total and the figures shown, the smallest figure shown is \"withheld\" (then 5 or more, at most the smallest figure still shown), and when that is not enough the whole column is \"withheld\"; returns submitted and on_time are \"withheld\" for every agency when one of them is under 5; figures are as of the end of a month that has ended (see as_of)", body = super::schemas::ProgressDocument),
              (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn progress(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ProgressQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadProgress)?;
    let id = path_id(&id)?;
    let as_of = query
        .as_of
        .as_deref()
        .map(|d| crate::domain::date::parse(d).ok_or(()))
        .transpose()
        .map_err(|_| {
            ApiError::BadRequest("invalid_query", "as_of must be a YYYY-MM-DD date.".into())
        })?;
    let suppress = caller.role == Role::Observer;
    // Visibility is checked on every request; only the figures are reused.
    let jpa = state
        .db
        .run(move |conn| visible_jpa(conn, &caller, &id))
        .await?;
    let today = today_in(&jpa.timezone);
    let as_of = if suppress {
        progress::observer_as_of(as_of, today)
    } else {
        as_of.unwrap_or(today)
    };
    if let Some(doc) = state.progress_cache.get(&jpa.id, as_of, suppress) {
        return Ok(HttpResponse::Ok().json(doc.as_ref()));
    }
    let _permit = state
        .report_permits
        .acquire()
        .await
        .map_err(ApiError::internal)?;
    let generation = state.progress_cache.generation();
    let jpa_id = jpa.id.clone();
    let body = state
        .db
        .run(move |conn| {
            let view =
                serde_json::to_value(JpaView::from(jpa.clone())).map_err(ApiError::internal)?;
            progress::compute(conn, &jpa, view, as_of, suppress)
        })
        .await?;
    let body = std::sync::Arc::new(body);
    state
        .progress_cache
        .put(&jpa_id, as_of, suppress, body.clone(), generation);
    Ok(HttpResponse::Ok().json(body.as_ref()))
}

/// The path of an export, for the OpenAPI document.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
struct ExportPath {
    id: String,
    /// investigations, milestones, outcomes or returns
    #[param(schema_with = super::schemas::export_kind)]
    kind: String,
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/export/{kind}.csv", tag = "reports", security(("bearer" = [])),
    params(ExportPath),
    responses((status = 200, description = "CSV (RFC 4180), streamed", body = String, content_type = "text/csv"),
              (status = 404, body = crate::error::Problem)))]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::Export)?;
    let id = path_id(&path.0)?;
    let kind = ExportKind::parse(&format!("{}.csv", path.1)).ok_or(ApiError::NotFound)?;
    let agency = caller.agency_id.clone();
    let jpa = state
        .db
        .run(move |conn| visible_jpa(conn, &caller, &id))
        .await?;
    let filename = format!("{}-{}.csv", jpa.code, kind.name());
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let db = state.db.clone();
    let permit = state
        .report_permits
        .clone()
        .acquire_owned()
        .await
        .map_err(ApiError::internal)?;
    actix_web::rt::task::spawn_blocking(move || {
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
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, std::io::Error>(web::Bytes::from(chunk)), rx))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .streaming(stream))
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/compendium", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "Markdown briefs of closed, opted-in investigations", body = String, content_type = "text/markdown"),
              (status = 404, body = crate::error::Problem)))]
pub async fn compendium(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadCompendium)?;
    let id = path_id(&id)?;
    let _permit = state
        .report_permits
        .acquire()
        .await
        .map_err(ApiError::internal)?;
    let md = state
        .db
        .run(move |conn| {
            let jpa = visible_jpa(conn, &caller, &id)?;
            compendium::render(conn, &jpa)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .body(md))
}
