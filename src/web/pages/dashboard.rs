//! The dashboard of a JPA (`/jpas/{id}/progress`, and `/jpas/{id}` for admins, co-chairs
//! and observers), its annual-meeting print view, the compendium page and the CSV
//! exports behind the session.
//!
//! Every figure comes from the progress document (`operations::reports::progress`, the
//! one the JSON API serves, suppressed for observers) and the route matrix
//! (`operations::reports::routes`); this file only arranges them. Each figure cell carries
//! `data-figure="<path in the progress document>"`, so a test can hold the page to the
//! document. Charts are inline SVG (`web::charts`) beside a table with the same numbers.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::render;
use crate::domain::indicators::INDICATORS;
use crate::domain::Role;
use crate::operations::jpas::JpaView;
use crate::operations::{self};
use crate::reports::csv_export::ExportKind;
use crate::reports::routes::MODES;
use crate::state::AppState;
use crate::web::charts::{self, Fill, Series};
use crate::web::session::SignedIn;
use crate::web::{pages, Frame, PageError};

pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "dashboard.html",
    "dashboard_body.html",
    "dashboard_print.html",
    "compendium.html",
];

/// The dashboard, its print view and the compendium are large (at scale 50 the dashboard
/// is 900 KB of HTML, 55 KB gzipped), so they are compressed when the browser asks. They
/// hold no protected field and reflect no free text (`as_of` only when date-shaped,
/// `sort` from a closed list), so a compression side channel (BREACH) has nothing to
/// guess at but the CSRF token, against input it cannot choose.
pub fn configure(cfg: &mut web::ServiceConfig) {
    use actix_web::middleware::Compress;
    cfg.service(
        web::resource("/jpas/{id}/progress")
            .wrap(Compress::default())
            .route(web::get().to(progress_page)),
    )
    .service(
        web::resource("/jpas/{id}/progress/print")
            .wrap(Compress::default())
            .route(web::get().to(print_page)),
    )
    .service(
        web::resource("/jpas/{id}/compendium")
            .wrap(Compress::default())
            .route(web::get().to(compendium_page)),
    )
    .route(
        "/jpas/{id}/compendium.md",
        web::get().to(compendium_markdown),
    )
    .route("/jpas/{id}/export/{file}", web::get().to(export_csv));
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DashQuery {
    pub as_of: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
}

/// The columns the by-agency table sorts on.
const SORTS: &[&str] = &[
    "name",
    "country",
    "investigations_led",
    "milestones_achieved",
    "milestones_overdue",
    "returns_expected",
    "returns_on_time",
    "returns_late",
    "returns_missing",
];

/// A figure as the page shows it: its path in the progress document (for
/// `data-figure`), its text, and the number behind it when it has one.
#[derive(Debug, Clone, Serialize)]
struct Fig {
    path: String,
    /// A number, `"<5"` or `"withheld"`.
    raw: Value,
}

fn fig(path: impl Into<String>, raw: &Value) -> Fig {
    Fig {
        path: path.into(),
        raw: if raw.is_null() {
            Value::from(0)
        } else {
            raw.clone()
        },
    }
}

/// A number for sorting and charts: a hidden figure counts as nothing.
fn number(v: &Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

#[derive(Debug, Serialize)]
struct AgencyRow {
    agency_id: String,
    name: String,
    country: String,
    investigations_led: Fig,
    milestones_achieved: Fig,
    milestones_overdue: Fig,
    returns_expected: Fig,
    returns_submitted: Fig,
    returns_on_time: Fig,
    /// Submitted less on time, and expected less submitted: not in the document, so no
    /// `data-figure`; withheld when either part is.
    returns_late: Value,
    returns_missing: Value,
}

fn difference(a: &Value, b: &Value) -> Value {
    match (a.as_i64(), b.as_i64()) {
        (Some(a), Some(b)) => Value::from((a - b).max(0)),
        _ if a.is_string() || b.is_string() => Value::from("withheld"),
        _ => Value::from(0),
    }
}

#[derive(Debug, Serialize)]
struct MonthRow {
    period: String,
    milestones_achieved: Fig,
    milestones_overdue: Fig,
    returns_expected: Fig,
    returns_submitted: Fig,
    returns_on_time: Fig,
    returns_late: Fig,
    returns_missing: Fig,
}

#[derive(Debug, Serialize)]
struct IndicatorMonth {
    period: String,
    confirmed: Fig,
    provisional: i64,
    total: Fig,
}

#[derive(Debug, Serialize)]
struct IndicatorAgency {
    name: String,
    country: String,
    value: Fig,
}

/// One indicator with figures: its totals, by month (chart and table), by agency.
#[derive(Debug, Serialize)]
struct IndicatorView {
    code: &'static str,
    label: String,
    unit: String,
    definition: String,
    total: Fig,
    confirmed: Fig,
    provisional: Fig,
    months: Vec<IndicatorMonth>,
    month_chart: String,
    agencies: Vec<IndicatorAgency>,
    top_chart: String,
}

#[derive(Debug, Serialize)]
struct Headline {
    label: &'static str,
    figure: Fig,
}

#[derive(Debug, Serialize)]
struct SortLink {
    key: &'static str,
    href: String,
    /// `ascending`, `descending` or `none` (`aria-sort`).
    aria: &'static str,
}

/// Everything the dashboard template needs.
#[derive(Debug, Serialize)]
struct DashView {
    as_of: String,
    months_elapsed: Fig,
    months_total: Fig,
    headlines: Vec<Headline>,
    milestones: Vec<Headline>,
    returns: Vec<Headline>,
    by_status: Vec<Headline>,
    by_crime_type: Vec<Headline>,
    investigations_chart: String,
    crime_chart: String,
    milestone_chart: String,
    returns_chart: String,
    months: Vec<MonthRow>,
    outcomes_all: Vec<(&'static str, String, Fig, Fig, Fig)>,
    indicators: Vec<IndicatorView>,
    agencies: Vec<AgencyRow>,
    sorts: Vec<SortLink>,
    routes: Value,
    observer: bool,
}

fn headline(label: &'static str, path: &str, doc: &Value) -> Headline {
    let pointer = format!("/{}", path.replace('.', "/"));
    Headline {
        label,
        figure: fig(path, doc.pointer(&pointer).unwrap_or(&Value::Null)),
    }
}

/// Sorts the by-agency rows: by name ascending unless asked otherwise.
fn sort_rows(rows: &mut [AgencyRow], sort: &str, descending: bool) {
    let key = |r: &AgencyRow| -> i64 {
        match sort {
            "investigations_led" => number(&r.investigations_led.raw),
            "milestones_achieved" => number(&r.milestones_achieved.raw),
            "milestones_overdue" => number(&r.milestones_overdue.raw),
            "returns_expected" => number(&r.returns_expected.raw),
            "returns_on_time" => number(&r.returns_on_time.raw),
            "returns_late" => number(&r.returns_late),
            "returns_missing" => number(&r.returns_missing),
            _ => 0,
        }
    };
    rows.sort_by(|a, b| {
        let by = match sort {
            "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            "country" => a.country.cmp(&b.country),
            _ => key(a).cmp(&key(b)),
        };
        let by = if descending { by.reverse() } else { by };
        by.then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

fn build(
    pages: &crate::web::Pages,
    doc: &Value,
    routes: &Value,
    observer: bool,
    base: &str,
    query: &DashQuery,
) -> DashView {
    let t = |id: &str| pages.t(id);
    let periods: Vec<String> = doc["by_month"]
        .as_array()
        .map(|months| {
            months
                .iter()
                .filter_map(|m| m["period"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let months_json: Vec<&Value> = doc["by_month"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let month_values =
        |key: &str| -> Vec<i64> { months_json.iter().map(|m| number(&m[key])).collect() };

    let headlines = vec![
        headline("dash-agencies", "agencies.participating", doc),
        headline("dash-investigations", "investigations.total", doc),
        headline("dash-cross-border", "investigations.cross_border", doc),
        headline("dash-milestones-achieved", "milestones.achieved", doc),
        headline("dash-milestones-overdue", "milestones.overdue", doc),
        headline("dash-returns-on-time", "returns.on_time", doc),
    ];
    let milestones = [
        "total",
        "achieved",
        "planned",
        "cancelled",
        "overdue",
        "due_next_30_days",
    ]
    .iter()
    .zip([
        "dash-ms-total",
        "dash-ms-achieved",
        "dash-ms-planned",
        "dash-ms-cancelled",
        "dash-ms-overdue",
        "dash-ms-due-soon",
    ])
    .map(|(k, label)| headline(label, &format!("milestones.{k}"), doc))
    .collect();
    let returns = [
        ("expected", "dash-ret-expected"),
        ("submitted", "dash-ret-submitted"),
        ("on_time", "dash-ret-on-time"),
    ]
    .iter()
    .map(|(k, label)| headline(label, &format!("returns.{k}"), doc))
    .collect();
    let status_labels = [
        ("open", "dash-inv-open"),
        ("suspended", "dash-inv-suspended"),
        ("closed", "dash-inv-closed"),
    ];
    let by_status: Vec<Headline> = status_labels
        .iter()
        .map(|(k, label)| headline(label, &format!("investigations.by_status.{k}"), doc))
        .collect();
    let crime_labels = [
        ("people_smuggling", "inv-crime-people_smuggling"),
        ("trafficking_in_persons", "inv-crime-trafficking_in_persons"),
    ];
    let by_crime_type: Vec<Headline> = crime_labels
        .iter()
        .map(|(k, label)| headline(label, &format!("investigations.by_crime_type.{k}"), doc))
        .collect();
    let bar_rows = |items: &[Headline]| -> Vec<(String, i64)> {
        items
            .iter()
            .map(|h| (t(h.label), number(&h.figure.raw)))
            .collect()
    };
    let investigations_chart = charts::bars(
        "chart-status",
        &t("dash-chart-status"),
        &t("dash-chart-status-desc"),
        &bar_rows(&by_status),
        Fill::Solid,
    );
    let crime_chart = charts::bars(
        "chart-crime",
        &t("dash-chart-crime"),
        &t("dash-chart-crime-desc"),
        &bar_rows(&by_crime_type),
        Fill::Solid,
    );
    let milestone_chart = charts::columns(
        "chart-ms",
        &t("dash-chart-ms"),
        &t("dash-chart-ms-desc"),
        &periods,
        &[
            Series {
                label: &t("dash-series-achieved"),
                values: month_values("milestones_achieved"),
                fill: Fill::Solid,
            },
            Series {
                label: &t("dash-series-overdue"),
                values: month_values("milestones_overdue"),
                fill: Fill::Crossed,
            },
        ],
        false,
    );
    let returns_chart = charts::columns(
        "chart-ret",
        &t("dash-chart-ret"),
        &t("dash-chart-ret-desc"),
        &periods,
        &[
            Series {
                label: &t("dash-series-on-time"),
                values: month_values("returns_on_time"),
                fill: Fill::Solid,
            },
            Series {
                label: &t("dash-series-late"),
                values: month_values("returns_late"),
                fill: Fill::Hatched,
            },
            Series {
                label: &t("dash-series-missing"),
                values: month_values("returns_missing"),
                fill: Fill::Crossed,
            },
        ],
        true,
    );
    let months: Vec<MonthRow> = months_json
        .iter()
        .map(|m| {
            let p = m["period"].as_str().unwrap_or_default().to_string();
            let f = |key: &str| fig(format!("by_month.{p}.{key}"), &m[key]);
            MonthRow {
                milestones_achieved: f("milestones_achieved"),
                milestones_overdue: f("milestones_overdue"),
                returns_expected: f("returns_expected"),
                returns_submitted: f("returns_submitted"),
                returns_on_time: f("returns_on_time"),
                returns_late: f("returns_late"),
                returns_missing: f("returns_missing"),
                period: p,
            }
        })
        .collect();

    let agencies_json: Vec<&Value> = doc["by_agency"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let outcomes_all = INDICATORS
        .iter()
        .map(|i| {
            let o = &doc["outcomes"][i.code];
            let path = |k: &str| format!("outcomes.{}.{k}", i.code);
            (
                i.code,
                crate::i18n::indicator_label(crate::i18n::current(), i.code),
                fig(path("total"), &o["total"]),
                fig(path("confirmed"), &o["confirmed"]),
                fig(path("provisional"), &o["provisional"]),
            )
        })
        .collect();
    let indicators: Vec<IndicatorView> = INDICATORS
        .iter()
        .filter(|i| number(&doc["outcomes"][i.code]["total"]) > 0)
        .map(|i| {
            let o = &doc["outcomes"][i.code];
            let path = |k: &str| format!("outcomes.{}.{k}", i.code);
            let months: Vec<IndicatorMonth> = months_json
                .iter()
                .map(|m| {
                    let p = m["period"].as_str().unwrap_or_default().to_string();
                    let total = &m["outcomes"][i.code];
                    let confirmed = &m["outcomes_confirmed"][i.code];
                    IndicatorMonth {
                        provisional: (number(total) - number(confirmed)).max(0),
                        total: fig(format!("by_month.{p}.outcomes.{}", i.code), total),
                        confirmed: fig(
                            format!("by_month.{p}.outcomes_confirmed.{}", i.code),
                            confirmed,
                        ),
                        period: p,
                    }
                })
                .collect();
            let shown = crate::i18n::indicator(crate::i18n::current(), i);
            let id = format!("chart-out-{}", i.code);
            let month_chart = charts::columns(
                &id,
                &pages.t_args("dash-chart-outcome", &[("indicator", shown.label.clone())]),
                &t("dash-chart-outcome-desc"),
                &periods,
                &[
                    Series {
                        label: &t("dash-series-confirmed"),
                        values: months.iter().map(|m| number(&m.confirmed.raw)).collect(),
                        fill: Fill::Solid,
                    },
                    Series {
                        label: &t("dash-series-provisional"),
                        values: months.iter().map(|m| m.provisional).collect(),
                        fill: Fill::Hatched,
                    },
                ],
                true,
            );
            let mut agencies: Vec<IndicatorAgency> = agencies_json
                .iter()
                .filter_map(|a| {
                    let value = a["outcomes"].get(i.code)?;
                    if value.as_i64() == Some(0) {
                        return None;
                    }
                    let aid = a["agency_id"].as_str().unwrap_or_default();
                    Some(IndicatorAgency {
                        name: a["name"].as_str().unwrap_or_default().to_string(),
                        country: a["country"].as_str().unwrap_or_default().to_string(),
                        value: fig(format!("by_agency.{aid}.outcomes.{}", i.code), value),
                    })
                })
                .collect();
            // Shown figures first, largest first; hidden ones after, by name.
            agencies.sort_by(|a, b| {
                let (x, y) = (a.value.raw.as_i64(), b.value.raw.as_i64());
                y.cmp(&x).then_with(|| a.name.cmp(&b.name))
            });
            let top: Vec<(String, i64)> = agencies
                .iter()
                .filter_map(|a| a.value.raw.as_i64().map(|v| (a.name.clone(), v)))
                .take(5)
                .collect();
            let top_chart = if top.is_empty() {
                String::new()
            } else {
                charts::bars(
                    &format!("chart-top-{}", i.code),
                    &pages.t_args("dash-chart-top", &[("indicator", shown.label.clone())]),
                    &t("dash-chart-top-desc"),
                    &top,
                    Fill::Dotted,
                )
            };
            IndicatorView {
                code: i.code,
                label: shown.label,
                unit: shown.unit,
                definition: shown.definition,
                total: fig(path("total"), &o["total"]),
                confirmed: fig(path("confirmed"), &o["confirmed"]),
                provisional: fig(path("provisional"), &o["provisional"]),
                months,
                month_chart,
                agencies,
                top_chart,
            }
        })
        .collect();

    let mut agencies: Vec<AgencyRow> = agencies_json
        .iter()
        .map(|a| {
            let aid = a["agency_id"].as_str().unwrap_or_default().to_string();
            let f = |key: &str, v: &Value| fig(format!("by_agency.{aid}.{key}"), v);
            let r = &a["returns"];
            AgencyRow {
                name: a["name"].as_str().unwrap_or_default().to_string(),
                country: a["country"].as_str().unwrap_or_default().to_string(),
                investigations_led: f("investigations_led", &a["investigations_led"]),
                milestones_achieved: f("milestones_achieved", &a["milestones_achieved"]),
                milestones_overdue: f("milestones_overdue", &a["milestones_overdue"]),
                returns_expected: f("returns.expected", &r["expected"]),
                returns_submitted: f("returns.submitted", &r["submitted"]),
                returns_on_time: f("returns.on_time", &r["on_time"]),
                returns_late: difference(&r["submitted"], &r["on_time"]),
                returns_missing: difference(&r["expected"], &r["submitted"]),
                agency_id: aid,
            }
        })
        .collect();
    let sort = query
        .sort
        .as_deref()
        .filter(|s| SORTS.contains(s))
        .unwrap_or("name");
    let descending = query.dir.as_deref() == Some("desc");
    sort_rows(&mut agencies, sort, descending);
    let as_of = doc["as_of"].as_str().unwrap_or_default().to_string();
    let sorts = SORTS
        .iter()
        .map(|key| {
            let current = *key == sort;
            // A click on the current column turns it round; numbers start largest first.
            let next_desc = if current {
                !descending
            } else {
                !matches!(*key, "name" | "country")
            };
            SortLink {
                key,
                href: format!(
                    "{base}?as_of={as_of}&sort={key}&dir={}#by-agency",
                    if next_desc { "desc" } else { "asc" }
                ),
                aria: match (current, descending) {
                    (false, _) => "none",
                    (true, true) => "descending",
                    (true, false) => "ascending",
                },
            }
        })
        .collect();

    DashView {
        months_elapsed: fig("months_elapsed", &doc["months_elapsed"]),
        months_total: fig("months_total", &doc["months_total"]),
        as_of,
        headlines,
        milestones,
        returns,
        by_status,
        by_crime_type,
        investigations_chart,
        crime_chart,
        milestone_chart,
        returns_chart,
        months,
        outcomes_all,
        indicators,
        agencies,
        sorts,
        routes: routes.clone(),
        observer,
    }
}

async fn load_jpa(state: &AppState, who: &SignedIn, id: &str) -> Result<JpaView, PageError> {
    let (caller, id) = (who.caller.clone(), id.to_string());
    Ok(state
        .db
        .run(move |conn| operations::jpas::get(conn, &caller, &id))
        .await?)
}

/// The `as_of` asked for: none, a valid day, or text that is not one (shown back with a
/// message when it is date-shaped, at most 10 digits, dashes or slashes; anything else is
/// not echoed into a compressed page), the figures staying those of today.
fn parse_as_of(raw: Option<&str>) -> Result<Option<NaiveDate>, String> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => crate::domain::date::parse(text).map(Some).ok_or_else(|| {
            let shaped = text.len() <= 10
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '/');
            if shaped {
                text.to_string()
            } else {
                String::new()
            }
        }),
    }
}

/// The dashboard's context, for the page and the print view.
async fn dashboard_context(
    state: &AppState,
    who: &SignedIn,
    jpa: &JpaView,
    query: &DashQuery,
    base: &str,
) -> Result<(StatusCode, minijinja::Value), PageError> {
    let (as_of, bad_as_of) = match parse_as_of(query.as_of.as_deref()) {
        Ok(day) => (day, None),
        Err(text) => (None, Some(text)),
    };
    let caller = &who.caller;
    let doc = operations::reports::progress(state, caller, &jpa.id, as_of).await?;
    let effective = doc["as_of"]
        .as_str()
        .and_then(crate::domain::date::parse)
        .ok_or_else(|| PageError::Internal("progress without as_of".into()))?;
    let routes = operations::reports::routes(state, caller, &jpa.id, effective).await?;
    let coordinator = matches!(caller.role, Role::Admin | Role::CoChair);
    let compliance = if coordinator {
        let (c, id) = (caller.clone(), jpa.id.clone());
        let grid = state
            .db
            .run(move |conn| operations::returns::compliance(conn, &c, &id, Some(effective)))
            .await?;
        Some(super::returns::grid_context(who, jpa, grid))
    } else {
        None
    };
    let observer = caller.role == Role::Observer;
    let view = build(pages()?, &doc, &routes, observer, base, query);
    let status = if bad_as_of.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let asked_other_day = observer && as_of.is_some_and(|d| d != effective);
    Ok((
        status,
        minijinja::context! {
            jpa => jpa, d => view, compliance => compliance, coordinator => coordinator,
            observer => observer, bad_as_of => bad_as_of, asked_other_day => asked_other_day,
            liaison => caller.role == Role::Liaison, modes => MODES,
            exports => ["investigations", "milestones", "outcomes", "returns"],
            base => base,
        },
    ))
}

/// The dashboard of a JPA, for any role that may see its progress. `/jpas/{id}` shows it
/// to admins, co-chairs and observers (`returns::jpa_page`).
pub async fn dashboard(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    jpa: &JpaView,
    query: &DashQuery,
) -> Result<HttpResponse, PageError> {
    let base = req.path().to_string();
    let (status, context) = dashboard_context(state, who, jpa, query, &base).await?;
    render(
        status,
        "dashboard.html",
        Frame::signed_in(who, req.path()).in_jpa(jpa, req.path()),
        context,
    )
}

pub async fn progress_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<DashQuery>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    dashboard(&req, &state, &who, &jpa, &query).await
}

/// The whole dashboard as one printable document for the annual meeting.
pub async fn print_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<DashQuery>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    let base = format!("/jpas/{}/progress", jpa.id);
    let (status, context) = dashboard_context(&state, &who, &jpa, &query, &base).await?;
    render(
        status,
        "dashboard_print.html",
        Frame::signed_in(&who, req.path()).in_jpa(&jpa, req.path()),
        context,
    )
}

/// `GET /jpas/{id}/compendium`: the compendium as a page, one case per printed page.
pub async fn compendium_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    let cases = operations::reports::compendium_cases(&state, &who.caller, &jpa.id).await?;
    render(
        StatusCode::OK,
        "compendium.html",
        Frame::signed_in(&who, req.path()).in_jpa(&jpa, req.path()),
        minijinja::context! { jpa => jpa, cases => cases, show_titles => matches!(who.caller.role, Role::Admin | Role::CoChair) },
    )
}

/// `GET /jpas/{id}/compendium.md`: the same Markdown as the API's.
pub async fn compendium_markdown(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let jpa = load_jpa(&state, &who, &path.into_inner()).await?;
    let md = operations::reports::compendium(&state, &who.caller, &jpa.id).await?;
    Ok(download(
        "text/markdown; charset=utf-8",
        &format!("{}-compendium.md", jpa.code),
        md,
    ))
}

/// A file name safe in a `Content-Disposition` header: ASCII letters, digits, `-_.`.
fn safe_filename(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A download's response: its type, its file name, no caching, no sniffing.
fn download_headers(content_type: &str, filename: &str) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type.to_string())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", safe_filename(filename)),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    response
}

pub(crate) fn download(content_type: &str, filename: &str, body: String) -> HttpResponse {
    download_headers(content_type, filename).body(body)
}

/// `GET /jpas/{id}/export/{kind}.csv`: the API's CSV export, for a signed-in browser.
pub async fn export_csv(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, file) = path.into_inner();
    let kind = ExportKind::parse(&file).ok_or(PageError::NotFound)?;
    let export = operations::reports::export(&state, &who.caller, &id, kind).await?;
    let stream = futures_util::stream::unfold(export.chunks, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, std::io::Error>(web::Bytes::from(chunk)), rx))
    });
    Ok(download_headers("text/csv; charset=utf-8", &export.filename).streaming(stream))
}
