//! Progress, CSV exports and the compendium of a JPA: the JSON face of
//! `operations::reports`.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::extract::path_id;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::{ApiError, Error};
use crate::operations::reports as ops;
use crate::reports::csv_export::ExportKind;
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
    let doc = ops::progress(&state, &caller, &id, as_of).await?;
    Ok(HttpResponse::Ok().json(doc.as_ref()))
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
    let kind = ExportKind::parse(&format!("{}.csv", path.1)).ok_or(Error::NotFound)?;
    let export = ops::export(&state, &caller, &id, kind).await?;
    let stream = futures_util::stream::unfold(export.chunks, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, std::io::Error>(web::Bytes::from(chunk)), rx))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", export.filename),
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
    let md = ops::compendium(&state, &caller, &id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .body(md))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CompendiumQuery {
    #[param(schema_with = super::schemas::crime_type)]
    pub crime_type: Option<String>,
    #[param(schema_with = super::schemas::modus_operandi)]
    pub modus_operandi: Option<String>,
    /// A country involved in the case (ISO 3166-1 alpha-2).
    #[param(schema_with = super::schemas::country)]
    pub country: Option<String>,
    /// The year the investigation closed.
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    pub year: Option<String>,
}

/// The filters of `GET /compendium` (and of its page): an unknown value is 400.
pub fn compendium_filter(
    q: &CompendiumQuery,
) -> Result<crate::reports::compendium::Filter, ApiError> {
    let bad = |what: &str| ApiError::BadRequest("invalid_query", format!("{what} is not valid."));
    let given = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_string);
    Ok(crate::reports::compendium::Filter {
        crime_type: given(&q.crime_type)
            .map(|t| crate::domain::CrimeType::parse(&t).ok_or_else(|| bad("crime_type")))
            .transpose()?,
        modus_operandi: given(&q.modus_operandi)
            .map(|m| crate::domain::ModusOperandi::parse(&m).ok_or_else(|| bad("modus_operandi")))
            .transpose()?,
        country: given(&q.country)
            .map(|c| {
                crate::domain::CountryCode::parse("country", &c)
                    .map(crate::domain::CountryCode::into_inner)
                    .map_err(|_| bad("country"))
            })
            .transpose()?,
        year: given(&q.year)
            .map(|y| {
                y.parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2100).contains(y))
                    .ok_or_else(|| bad("year"))
            })
            .transpose()?,
    })
}

#[utoipa::path(get, path = "/api/v1/compendium", tag = "reports", security(("bearer" = [])),
    params(CompendiumQuery),
    responses((status = 200, description = "The successful cross-border cases of every JPA whose lead agency opted in (closed investigations with a partner agency of another country than the lead's, historical JPAs included), the most recently closed first: `{\"cases\": [{jpa_id, jpa_code, jpa_name, is_exercise, heading, brief}], \"count\": n}`. Observers get no investigation id or title. With `Accept: text/markdown`, the same cases as Markdown case briefs in the UNODC SHERLOC order.",
                content((Object = "application/json"), (String = "text/markdown"))),
              (status = 400, body = crate::error::Problem)))]
pub async fn compendium_across(
    state: web::Data<AppState>,
    caller: Caller,
    req: actix_web::HttpRequest,
    query: web::Query<CompendiumQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadCompendium)?;
    let filter = compendium_filter(&query)?;
    let with_titles = caller.role != crate::domain::Role::Observer;
    let markdown = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("text/markdown"));
    let cases = ops::compendium_across(&state, &caller, filter.clone()).await?;
    if markdown {
        return Ok(HttpResponse::Ok()
            .content_type("text/markdown; charset=utf-8")
            .body(crate::reports::compendium::markdown_across(&cases, &filter)));
    }
    let list: Vec<serde_json::Value> = cases.iter().map(|c| c.to_json(with_titles)).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "count": list.len(), "cases": list })))
}
