//! The investigations of a JPA in the browser: the list with filters and paging
//! (`/jpas/{id}/investigations`), the create and edit forms (every field of the API, the
//! route legs added, removed and reordered by submit buttons, so no script is needed),
//! the partner agencies (`/investigations/{id}/partners`) and the links to other
//! investigations (`/investigations/{id}/links`). Every decision of who may see or change
//! what is the operation's (`operations::investigations`); these pages render its answer.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Value;
use serde::{Deserialize, Serialize};

use super::{render, signed_in};
use crate::auth::policy::{allowed_roles, Action};
use crate::auth::Caller;
use crate::domain::{
    CrimeType, IndicatorStrength, InvestigationStatus, LegKind, LinkRelation, ModusOperandi, Role,
    Sensitivity, TransportMode,
};
use crate::error::{Error, FieldError};
use crate::operations::investigations::{
    self as ops, Compendium, CreateInvestigation, CreateLink, InvestigationFilter,
    InvestigationView, RouteLeg, TraffickingIndicator, UpdateInvestigation,
};
use crate::operations::jpas::{self, JpaView, ParticipantView};
use crate::operations::Page;
use crate::routes::extract::path_id;
use crate::state::AppState;
use crate::web::forms::{FormErrors, ShownError};
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{pages, see_other, Frame, PageError};

/// Rows per page of the list unless `?limit=` says otherwise (1 to 200, as the API).
const PAGE_SIZE: &str = "50";

/// The ILO's indicators of forced labour, the checklist of a trafficking screening
/// (DOMAIN.md: indicator codes observed in a smuggling case, each strong, medium or weak).
/// The API takes any code; codes stored that are not here are kept and shown as such.
pub const ILO_INDICATORS: &[&str] = &[
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_and_sexual_violence",
    "intimidation_and_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_working_and_living_conditions",
    "excessive_overtime",
];

fn message(id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]) -> Result<String, PageError> {
    Ok(pages()?
        .catalogue
        .message(crate::web::i18n::current(), id, args))
}

fn t(id: &str) -> Result<String, PageError> {
    Ok(pages()?.t(id))
}

/// `[value, label]` pairs of a closed vocabulary, labelled `<prefix><value>` in the catalogue.
fn options(prefix: &str, values: &[&str]) -> Result<Vec<(String, String)>, PageError> {
    values
        .iter()
        .map(|v| Ok(((*v).to_string(), t(&format!("{prefix}{v}"))?)))
        .collect()
}

fn country_options() -> Vec<(String, String)> {
    crate::i18n::country_options(crate::i18n::current())
}

fn statuses() -> Vec<&'static str> {
    InvestigationStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect()
}
fn crime_types() -> Vec<&'static str> {
    CrimeType::ALL.iter().map(|s| s.as_str()).collect()
}

/// The agencies taking part in the JPA, as `[id, "name (country)"]`.
fn agency_options(participants: &[ParticipantView]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = participants
        .iter()
        .map(|p| {
            (
                p.agency_id.clone(),
                format!("{} ({})", p.agency.name, p.agency.country),
            )
        })
        .collect();
    out.sort_by_key(|a| a.1.to_lowercase());
    out
}

fn agency_name(participants: &[ParticipantView], id: &str) -> String {
    participants
        .iter()
        .find(|p| p.agency_id == id)
        .map(|p| p.agency.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn may(caller: &Caller, action: Action) -> bool {
    allowed_roles(action).contains(&caller.role)
}

/// A JPA the caller sees, with its participating agencies.
async fn jpa_context(
    state: &AppState,
    caller: &Caller,
    jpa_id: &str,
) -> Result<(JpaView, Vec<ParticipantView>), PageError> {
    let caller = caller.clone();
    let jpa_id = path_id(jpa_id)?;
    Ok(state
        .db
        .run(move |conn| {
            let jpa = jpas::get(conn, &caller, &jpa_id)?;
            let participants = jpas::participants(conn, &caller, &jpa.id)?.items;
            Ok((jpa, participants))
        })
        .await?)
}

/// An investigation through `load` (`ops::get` or `ops::for_edit`), with its JPA and the
/// JPA's agencies.
async fn investigation_context(
    state: &AppState,
    caller: &Caller,
    id: &str,
    load: fn(
        &mut crate::db::DbConnection,
        &Caller,
        &str,
    ) -> crate::operations::Result<InvestigationView>,
) -> Result<(InvestigationView, JpaView, Vec<ParticipantView>), PageError> {
    let caller = caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| {
            let inv = load(conn, &caller, &id)?;
            let jpa = jpas::get(conn, &caller, &inv.jpa_id)?;
            let participants = jpas::participants(conn, &caller, &jpa.id)?.items;
            Ok((inv, jpa, participants))
        })
        .await?)
}

fn frame(who: &SignedIn, req: &HttpRequest, jpa: &JpaView) -> Frame {
    Frame::signed_in(who, req.path()).in_jpa(jpa, req.path())
}

/// The notices these pages show after a redirect: a closed list.
fn inv_notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "partner-added" => "inv-notice-partner-added",
        "partner-removed" => "inv-notice-partner-removed",
        "link-added" => "inv-notice-link-added",
        "link-removed" => "inv-notice-link-removed",
        _ => return None,
    })
}

fn one_error(field: &str, text: String) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.by_field.insert(field.to_string(), text.clone());
    errors.list.push(ShownError {
        field: field.to_string(),
        message: text,
    });
    errors
}

fn push_error(errors: &mut FormErrors, field: &str, text: String) {
    if errors.by_field.contains_key(field) {
        return;
    }
    errors.by_field.insert(field.to_string(), text.clone());
    errors.list.push(ShownError {
        field: field.to_string(),
        message: text,
    });
}

// ---------------------------------------------------------------------------------------
// The list

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: Option<String>,
    pub crime_type: Option<String>,
    pub agency_id: Option<String>,
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<String>,
}

fn blank_none(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A row of the list: what the caller may see, the protected reference as withheld.
#[derive(Debug, Serialize)]
struct ListRow {
    id: String,
    title: String,
    reference: Option<String>,
    redacted: bool,
    lead: String,
    partners: Vec<String>,
    status: String,
    crime_types: Vec<&'static str>,
    opened_on: NaiveDate,
    restricted: bool,
}

fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// `GET /jpas/{id}/investigations`: `operations::investigations::list`, newest first.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let (jpa, participants) = jpa_context(&state, &who.caller, &path).await?;
    let q = query.into_inner();
    let status = blank_none(&q.status);
    let crime_type = blank_none(&q.crime_type);
    let agency_id = blank_none(&q.agency_id);
    let text = blank_none(&q.q);
    let mut errors = FormErrors::default();
    if status
        .as_deref()
        .is_some_and(|s| InvestigationStatus::parse(s).is_none())
    {
        push_error(&mut errors, "filter-status", t("inv-err-filter-choice")?);
    }
    if crime_type
        .as_deref()
        .is_some_and(|s| CrimeType::parse(s).is_none())
    {
        push_error(
            &mut errors,
            "filter-crime_type",
            t("inv-err-filter-choice")?,
        );
    }
    if agency_id
        .as_deref()
        .is_some_and(|a| uuid::Uuid::parse_str(a).is_err())
    {
        push_error(&mut errors, "filter-agency_id", t("inv-err-filter-choice")?);
    }
    if text.as_deref().is_some_and(|s| s.chars().count() > 200) {
        push_error(
            &mut errors,
            "filter-q",
            message("inv-err-too-long", &[("max", 200.into())])?,
        );
    }
    let limit = q.limit.clone().unwrap_or_else(|| PAGE_SIZE.to_string());
    let page = match crate::routes::extract::page(Some(&limit), q.cursor.as_deref()) {
        Ok(page) => Some(page),
        Err(_) => {
            push_error(&mut errors, "filter-q", t("inv-err-cursor")?);
            None
        }
    };
    let (items, next_cursor) = match (errors.is_empty(), page) {
        (true, Some(page)) => {
            let caller = who.caller.clone();
            let jpa_id = jpa.id.clone();
            let filter = InvestigationFilter {
                status: status.clone(),
                crime_type: crime_type.clone(),
                agency_id: agency_id.clone(),
                q: text.clone(),
                caller_agency: None,
            };
            let list = state
                .db
                .run(move |conn| ops::list(conn, &caller, &jpa_id, filter, page))
                .await?;
            (list.items, list.next_cursor)
        }
        _ => (Vec::new(), None),
    };
    let rows: Vec<ListRow> = items
        .into_iter()
        .map(|i| ListRow {
            lead: agency_name(&participants, &i.lead_agency_id),
            partners: i
                .partner_agency_ids
                .iter()
                .map(|p| agency_name(&participants, p))
                .collect(),
            crime_types: i.crime_types.iter().map(|c| c.as_str()).collect(),
            restricted: i.sensitivity == Sensitivity::Restricted.as_str(),
            id: i.id,
            title: i.title,
            reference: i.reference,
            redacted: i.redacted,
            status: i.status,
            opened_on: i.opened_on,
        })
        .collect();
    let base = format!("/jpas/{}/investigations", jpa.id);
    let limit_param = (limit != PAGE_SIZE).then_some(limit.as_str());
    let filters = [
        ("status", status.as_deref()),
        ("crime_type", crime_type.as_deref()),
        ("agency_id", agency_id.as_deref()),
        ("q", text.as_deref()),
        ("limit", limit_param),
    ];
    let next_url = next_cursor.as_deref().map(|c| {
        let mut pairs = filters.to_vec();
        pairs.push(("cursor", Some(c)));
        format!("{base}?{}", query_string(&pairs))
    });
    let first_url = q.cursor.as_ref().map(|_| {
        let qs = query_string(&filters);
        if qs.is_empty() {
            base.clone()
        } else {
            format!("{base}?{qs}")
        }
    });
    let filtered = filters[..4].iter().any(|(_, v)| v.is_some());
    let status_code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(
        status_code,
        "investigations/list.html",
        frame(&who, &req, &jpa),
        minijinja::context! {
            jpa => jpa,
            rows => rows,
            errors => errors,
            filter => minijinja::context! {
                status => status.unwrap_or_default(),
                crime_type => crime_type.unwrap_or_default(),
                agency_id => agency_id.unwrap_or_default(),
                q => text.unwrap_or_default(),
            },
            filtered => filtered,
            status_options => options("inv-status-", &statuses())?,
            crime_type_options => options("inv-crime-", &crime_types())?,
            agency_options => agency_options(&participants),
            next_url => next_url,
            first_url => first_url,
            limit => limit_param,
            may_create => may(&who.caller, Action::CreateInvestigation) && jpa.status != "closed",
        },
    )
}

// ---------------------------------------------------------------------------------------
// The create and edit forms

/// A route leg as typed (kept as text so a rejected form shows what was entered).
#[derive(Debug, Clone, Default, Serialize)]
struct LegInput {
    country: String,
    place: String,
    kind: String,
    mode: String,
}

impl LegInput {
    fn is_blank(&self) -> bool {
        self.country.trim().is_empty()
            && self.place.trim().is_empty()
            && self.kind.is_empty()
            && self.mode.is_empty()
    }
}

/// The form's fields as typed: the API's field names, the legs and indicators as rows.
#[derive(Debug, Clone, Default, Serialize)]
struct InvestigationInput {
    lead_agency_id: String,
    title: String,
    reference: String,
    summary: String,
    status: String,
    opened_on: String,
    closed_on: String,
    crime_types: Vec<String>,
    modus_operandi: Vec<String>,
    sensitivity: String,
    route_legs: Vec<LegInput>,
    /// Observed indicators: code -> strength.
    indicators: BTreeMap<String, String>,
    include_in_compendium: bool,
    facts: String,
    elements_of_success: String,
    challenges: String,
    version: String,
    /// The row button pressed (`add`, `remove-N`, `up-N`, `down-N`), if any.
    leg_action: String,
}

/// `route_legs[3].country` -> (3, "country").
fn indexed<'a>(key: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = key.strip_prefix(prefix)?.strip_prefix('[')?;
    let (index, field) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    // More rows than any form shows: ignored rather than allocated.
    (index < 200).then_some((index, field))
}

impl InvestigationInput {
    fn from_pairs(pairs: &[(String, String)]) -> InvestigationInput {
        let mut input = InvestigationInput::default();
        let mut legs: BTreeMap<usize, LegInput> = BTreeMap::new();
        let mut codes: BTreeMap<usize, String> = BTreeMap::new();
        let mut strengths: BTreeMap<usize, String> = BTreeMap::new();
        for (key, value) in pairs {
            let value = value.clone();
            match key.as_str() {
                "lead_agency_id" => input.lead_agency_id = value,
                "title" => input.title = value,
                "reference" => input.reference = value,
                "summary" => input.summary = value,
                "status" => input.status = value,
                "opened_on" => input.opened_on = value,
                "closed_on" => input.closed_on = value,
                "crime_types" => input.crime_types.push(value),
                "modus_operandi" => input.modus_operandi.push(value),
                "sensitivity" => input.sensitivity = value,
                "include_in_compendium" => input.include_in_compendium = value == "true",
                "compendium.facts" => input.facts = value,
                "compendium.elements_of_success" => input.elements_of_success = value,
                "compendium.challenges" => input.challenges = value,
                "version" => input.version = value,
                "leg_action" => input.leg_action = value,
                other => {
                    if let Some((i, field)) = indexed(other, "route_legs") {
                        let leg = legs.entry(i).or_default();
                        match field {
                            "country" => leg.country = value,
                            "place" => leg.place = value,
                            "kind" => leg.kind = value,
                            "mode" => leg.mode = value,
                            _ => {}
                        }
                    } else if let Some((i, field)) = indexed(other, "trafficking_indicators") {
                        match field {
                            "code" => {
                                codes.insert(i, value);
                            }
                            "strength" => {
                                strengths.insert(i, value);
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        input.route_legs = legs.into_values().collect();
        for (i, code) in codes {
            input
                .indicators
                .insert(code, strengths.remove(&i).unwrap_or_default());
        }
        input
    }

    fn from_view(v: &InvestigationView) -> InvestigationInput {
        let compendium = v.compendium.clone().unwrap_or_default();
        InvestigationInput {
            lead_agency_id: v.lead_agency_id.clone(),
            title: v.title.clone(),
            reference: v.reference.clone().unwrap_or_default(),
            summary: v.summary.clone().unwrap_or_default(),
            status: v.status.clone(),
            opened_on: v.opened_on.to_string(),
            closed_on: v.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            crime_types: v
                .crime_types
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            modus_operandi: v
                .modus_operandi
                .iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            sensitivity: v.sensitivity.clone(),
            route_legs: v
                .route_legs
                .iter()
                .flatten()
                .map(|l| LegInput {
                    country: l.country.clone(),
                    place: l.place.clone(),
                    kind: l.kind.as_str().to_string(),
                    mode: l.mode.as_str().to_string(),
                })
                .collect(),
            indicators: v
                .trafficking_indicators
                .iter()
                .map(|i| (i.code.clone(), i.strength.as_str().to_string()))
                .collect(),
            include_in_compendium: v.include_in_compendium,
            facts: compendium.facts,
            elements_of_success: compendium.elements_of_success,
            challenges: compendium.challenges,
            version: v.version.to_string(),
            leg_action: String::new(),
        }
    }

    /// Applies a row button: true when one was pressed (the form is shown again, nothing
    /// saved).
    fn apply_leg_action(&mut self) -> bool {
        let action = std::mem::take(&mut self.leg_action);
        if action.is_empty() {
            return false;
        }
        let legs = &mut self.route_legs;
        if action == "add" {
            if legs.len() < 50 {
                legs.push(LegInput::default());
            }
            return true;
        }
        let Some((verb, index)) = action.split_once('-') else {
            return true;
        };
        let Ok(i) = index.parse::<usize>() else {
            return true;
        };
        match verb {
            "remove" if i < legs.len() => {
                legs.remove(i);
            }
            "up" if i > 0 && i < legs.len() => legs.swap(i - 1, i),
            "down" if i + 1 < legs.len() => legs.swap(i, i + 1),
            _ => {}
        }
        true
    }
}

/// The typed fields parsed into the API's types; a value that cannot be one (a bad date,
/// an unknown status) is an error at its input, before any operation runs.
struct Parsed {
    status: Option<InvestigationStatus>,
    opened_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    crime_types: Vec<CrimeType>,
    modus_operandi: Vec<ModusOperandi>,
    sensitivity: Option<Sensitivity>,
    route_legs: Vec<RouteLeg>,
    trafficking_indicators: Vec<TraffickingIndicator>,
    compendium: Compendium,
}

fn parse_date(
    errors: &mut FormErrors,
    field: &str,
    raw: &str,
) -> Result<Option<NaiveDate>, PageError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) if raw.len() == 10 => Ok(Some(d)),
        _ => {
            push_error(errors, field, t("inv-err-date")?);
            Ok(None)
        }
    }
}

fn parse_input(input: &mut InvestigationInput) -> Result<(Parsed, FormErrors), PageError> {
    let mut errors = FormErrors::default();
    let choice = t("inv-err-choice")?;
    let status = if input.status.is_empty() {
        None
    } else {
        let s = InvestigationStatus::parse(&input.status);
        if s.is_none() {
            push_error(&mut errors, "status", choice.clone());
        }
        s
    };
    let opened_on = parse_date(&mut errors, "opened_on", &input.opened_on)?;
    let closed_on = parse_date(&mut errors, "closed_on", &input.closed_on)?;
    let mut crime = Vec::new();
    for c in &input.crime_types {
        match CrimeType::parse(c) {
            Some(c) if !crime.contains(&c) => crime.push(c),
            Some(_) => {}
            None => push_error(&mut errors, "crime_types", choice.clone()),
        }
    }
    let mut modus = Vec::new();
    for m in &input.modus_operandi {
        match ModusOperandi::parse(m) {
            Some(m) => modus.push(m),
            None => push_error(&mut errors, "modus_operandi", choice.clone()),
        }
    }
    let sensitivity = if input.sensitivity.is_empty() {
        None
    } else {
        let s = Sensitivity::parse(&input.sensitivity);
        if s.is_none() {
            push_error(&mut errors, "sensitivity", choice.clone());
        }
        s
    };
    // A row left entirely blank is no leg; the form shows the rows that remain, so the
    // operation's `route_legs[i]` errors point at the row shown.
    input.route_legs.retain(|l| !l.is_blank());
    let mut legs = Vec::new();
    for (i, leg) in input.route_legs.iter().enumerate() {
        let kind = LegKind::parse(&leg.kind);
        let mode = TransportMode::parse(&leg.mode);
        if kind.is_none() {
            push_error(
                &mut errors,
                &format!("route_legs-{i}-kind"),
                message("inv-err-leg-kind", &[("n", (i as i64 + 1).into())])?,
            );
        }
        if mode.is_none() {
            push_error(
                &mut errors,
                &format!("route_legs-{i}-mode"),
                message("inv-err-leg-mode", &[("n", (i as i64 + 1).into())])?,
            );
        }
        if let (Some(kind), Some(mode)) = (kind, mode) {
            legs.push(RouteLeg {
                country: leg.country.clone(),
                place: leg.place.clone(),
                kind,
                mode,
            });
        }
    }
    let mut indicators = Vec::new();
    for (code, strength) in &input.indicators {
        match IndicatorStrength::parse(strength) {
            Some(strength) => indicators.push(TraffickingIndicator {
                code: code.clone(),
                strength,
            }),
            None => {
                let name = indicator_label(code)?;
                push_error(
                    &mut errors,
                    &indicator_id(input, code, "strength"),
                    message("inv-err-strength", &[("indicator", name.into())])?,
                );
            }
        }
    }
    Ok((
        Parsed {
            status,
            opened_on,
            closed_on,
            crime_types: crime,
            modus_operandi: modus,
            sensitivity,
            route_legs: legs,
            trafficking_indicators: indicators,
            compendium: Compendium {
                facts: input.facts.clone(),
                elements_of_success: input.elements_of_success.clone(),
                challenges: input.challenges.clone(),
            },
        },
        errors,
    ))
}

fn indicator_label(code: &str) -> Result<String, PageError> {
    if ILO_INDICATORS.contains(&code) {
        t(&format!("inv-ilo-{code}"))
    } else {
        message("inv-ilo-other", &[("code", code.to_string().into())])
    }
}

/// The checklist's rows: the ILO indicators, then any other code the investigation holds.
fn indicator_codes(input: &InvestigationInput) -> Vec<String> {
    let mut codes: Vec<String> = ILO_INDICATORS.iter().map(|c| (*c).to_string()).collect();
    for code in input.indicators.keys() {
        if !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes
}

fn indicator_id(input: &InvestigationInput, code: &str, part: &str) -> String {
    let i = indicator_codes(input)
        .iter()
        .position(|c| c == code)
        .unwrap_or(0);
    format!("trafficking_indicators-{i}-{part}")
}

#[derive(Debug, Serialize)]
struct IndicatorRow {
    index: usize,
    code: String,
    label: String,
    checked: bool,
    strength: String,
}

fn indicator_rows(input: &InvestigationInput) -> Result<Vec<IndicatorRow>, PageError> {
    indicator_codes(input)
        .into_iter()
        .enumerate()
        .map(|(index, code)| {
            Ok(IndicatorRow {
                index,
                label: indicator_label(&code)?,
                checked: input.indicators.contains_key(&code),
                strength: input.indicators.get(&code).cloned().unwrap_or_default(),
                code,
            })
        })
        .collect()
}

/// The input id of a field the operation names (`route_legs[0].country` ->
/// `route_legs-0-country`), or the nearest one the form has.
fn input_id(field: &str, input: &InvestigationInput) -> String {
    if field.starts_with("trafficking_indicators") {
        return "trafficking_indicators".into();
    }
    let id: String = field
        .chars()
        .filter_map(|c| match c {
            '[' | '.' => Some('-'),
            ']' => None,
            c => Some(c),
        })
        .collect();
    if let Some(rest) = id.strip_prefix("route_legs-") {
        let in_range = rest
            .split('-')
            .next()
            .and_then(|i| i.parse::<usize>().ok())
            .is_some_and(|i| i < input.route_legs.len());
        return if in_range { id } else { "route_legs".into() };
    }
    id
}

/// The label a message names for a field of the form.
fn field_label(id: &str) -> Result<String, PageError> {
    if let Some(rest) = id.strip_prefix("route_legs-") {
        let mut parts = rest.split('-');
        let n = parts
            .next()
            .and_then(|i| i.parse::<i64>().ok())
            .unwrap_or(0)
            + 1;
        let part = parts.next().unwrap_or("");
        return message(&format!("inv-leg-{part}-of"), &[("n", n.into())]);
    }
    t(&format!("inv-label-{id}"))
}

/// The operation's field errors as the form shows them.
fn domain_errors(
    fields: &[FieldError],
    input: &InvestigationInput,
) -> Result<FormErrors, PageError> {
    let mut errors = FormErrors::default();
    for e in fields {
        let id = input_id(&e.field, input);
        let text = match (id.as_str(), e.message.as_str()) {
            ("title" | "reference", "must not be empty") => t(&format!("inv-err-{id}-missing"))?,
            ("crime_types", _) => t("inv-err-crime_types-missing")?,
            _ => message(
                "inv-err-field",
                &[
                    ("label", field_label(&id)?.into()),
                    (
                        "message",
                        crate::web::forms::domain_message(&e.message).into(),
                    ),
                ],
            )?,
        };
        push_error(&mut errors, &id, text);
    }
    if errors.is_empty() {
        push_error(&mut errors, "title", t("inv-err-rejected")?);
    }
    // The summary lists the errors in the order of the form's fields.
    errors.list.sort_by_key(|e| form_rank(&e.field));
    Ok(errors)
}

/// Where an input comes in the form, for ordering the error summary.
fn form_rank(id: &str) -> usize {
    const ORDER: &[&str] = &[
        "lead_agency_id",
        "title",
        "reference",
        "summary",
        "status",
        "opened_on",
        "closed_on",
        "crime_types",
        "modus_operandi",
        "sensitivity",
        "route_legs",
        "trafficking_indicators",
        "include_in_compendium",
        "compendium",
    ];
    ORDER
        .iter()
        .position(|f| id == *f || id.starts_with(&format!("{f}-")))
        .unwrap_or(ORDER.len())
}

/// What the form is for.
enum FormMode<'a> {
    New,
    Edit(&'a InvestigationView),
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    req: &HttpRequest,
    who: &SignedIn,
    jpa: &JpaView,
    participants: &[ParticipantView],
    mode: FormMode<'_>,
    input: &InvestigationInput,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let caller = &who.caller;
    // A liaison's investigation is led by its own agency; others name the lead
    // (`operations::investigations::create` decides, this only picks the control).
    let names_lead = caller.role != Role::Liaison;
    let (action, investigation, redacted, lead) = match &mode {
        FormMode::New => (
            format!("/jpas/{}/investigations/new", jpa.id),
            None,
            false,
            caller.agency_id.clone().unwrap_or_default(),
        ),
        FormMode::Edit(v) => (
            format!("/investigations/{}/edit", v.id),
            Some(minijinja::context! { id => v.id, title => v.title }),
            v.redacted,
            v.lead_agency_id.clone(),
        ),
    };
    let is_new = matches!(mode, FormMode::New);
    // The opt-in is the lead agency's: others see it, not a control.
    let lead_decides_opt_in = caller.agency_id.as_deref() == Some(lead.as_str());
    let legs: Vec<Value> = input
        .route_legs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            minijinja::context! {
                index => i, n => i + 1, first => i == 0, last => i + 1 == input.route_legs.len(),
                country => l.country, place => l.place, kind => l.kind, mode => l.mode,
            }
        })
        .collect();
    render(
        status,
        "investigations/form.html",
        frame(who, req, jpa),
        minijinja::context! {
            jpa => jpa,
            is_new => is_new,
            action => action,
            investigation => investigation,
            input => input,
            legs => legs,
            indicators => indicator_rows(input)?,
            errors => errors,
            notice => notice,
            redacted => redacted,
            choose_lead => is_new && names_lead,
            lead_name => agency_name(participants, &lead),
            lead_decides_opt_in => lead_decides_opt_in,
            agency_options => agency_options(participants),
            country_options => country_options(),
            status_options => options("inv-status-", &statuses())?,
            crime_types => crime_types(),
            modus_operandi => ModusOperandi::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
            sensitivities => Sensitivity::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
            kind_options => options("inv-leg-kind-", &LegKind::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>())?,
            mode_options => options("inv-leg-mode-", &TransportMode::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>())?,
            strength_options => options("inv-strength-", &IndicatorStrength::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>())?,
            csrf => who.csrf,
        },
    )
}

/// `GET /jpas/{id}/investigations/new`.
pub async fn new_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let (jpa, participants) = jpa_context(&state, &who.caller, &path).await?;
    crate::auth::policy::require(who.caller.role, Action::CreateInvestigation)?;
    let input = InvestigationInput {
        status: InvestigationStatus::Open.as_str().into(),
        sensitivity: Sensitivity::Standard.as_str().into(),
        ..InvestigationInput::default()
    };
    form_page(
        &req,
        &who,
        &jpa,
        &participants,
        FormMode::New,
        &input,
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// `POST /jpas/{id}/investigations/new`: `operations::investigations::create`, then 303
/// to the investigation; a row button shows the form again with the row changed.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let (jpa, participants) = jpa_context(&state, &who.caller, &path).await?;
    crate::auth::policy::require(who.caller.role, Action::CreateInvestigation)?;
    let mut input = InvestigationInput::from_pairs(&pairs);
    let again = |input: &InvestigationInput, status, errors, notice| {
        form_page(
            &req,
            &who,
            &jpa,
            &participants,
            FormMode::New,
            input,
            status,
            errors,
            notice,
        )
    };
    if input.apply_leg_action() {
        return again(&input, StatusCode::OK, FormErrors::default(), None);
    }
    let (parsed, errors) = parse_input(&mut input)?;
    if !errors.is_empty() {
        return again(&input, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
    }
    let compendium_given = !(parsed.compendium.facts.is_empty()
        && parsed.compendium.elements_of_success.is_empty()
        && parsed.compendium.challenges.is_empty());
    let body = CreateInvestigation {
        lead_agency_id: Some(input.lead_agency_id.trim().to_string()).filter(|s| !s.is_empty()),
        reference: input.reference.clone(),
        title: input.title.clone(),
        summary: input.summary.clone(),
        crime_types: parsed.crime_types,
        status: parsed.status,
        opened_on: parsed.opened_on,
        closed_on: parsed.closed_on,
        route_legs: parsed.route_legs,
        modus_operandi: parsed.modus_operandi,
        sensitivity: parsed.sensitivity,
        trafficking_indicators: parsed.trafficking_indicators,
        include_in_compendium: input.include_in_compendium.then_some(true),
        compendium: compendium_given.then_some(parsed.compendium),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let jpa_id = jpa.id.clone();
    let result = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, &jpa_id, body))
        .await;
    match result {
        Ok(created) => Ok(see_other(&format!("/investigations/{}", created.id))),
        Err(Error::Invalid(fields)) => {
            let errors = domain_errors(&fields, &input)?;
            again(&input, StatusCode::UNPROCESSABLE_ENTITY, errors, None)
        }
        Err(Error::Conflict(_)) => again(
            &input,
            StatusCode::CONFLICT,
            one_error("title", t("inv-err-jpa-closed")?),
            None,
        ),
        Err(e) => Err(e.into()),
    }
}

/// `GET /investigations/{id}/edit`: for those who may change its own fields
/// (`operations::investigations::for_edit`: a partner liaison gets 403, as the API's
/// PATCH; a caller who cannot see it 404).
pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let (inv, jpa, participants) =
        investigation_context(&state, &who.caller, &path, ops::for_edit).await?;
    let input = InvestigationInput::from_view(&inv);
    form_page(
        &req,
        &who,
        &jpa,
        &participants,
        FormMode::Edit(&inv),
        &input,
        StatusCode::OK,
        FormErrors::default(),
        None,
    )
}

/// `POST /investigations/{id}/edit`: `operations::investigations::update` at the form's
/// `version`; a stale version shows the form again (409) with the input kept.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let (inv, jpa, participants) =
        investigation_context(&state, &who.caller, &path, ops::for_edit).await?;
    let mut input = InvestigationInput::from_pairs(&pairs);
    let again = |input: &InvestigationInput, status, errors, notice| {
        form_page(
            &req,
            &who,
            &jpa,
            &participants,
            FormMode::Edit(&inv),
            input,
            status,
            errors,
            notice,
        )
    };
    if input.apply_leg_action() {
        return again(&input, StatusCode::OK, FormErrors::default(), None);
    }
    let Ok(expected) = input.version.trim().parse::<i64>() else {
        return Err(PageError::BadRequest);
    };
    let (parsed, errors) = parse_input(&mut input)?;
    if !errors.is_empty() {
        return again(&input, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
    }
    let compendium_blank = parsed.compendium.facts.is_empty()
        && parsed.compendium.elements_of_success.is_empty()
        && parsed.compendium.challenges.is_empty();
    // Protected fields withheld from this caller are not on the form: not sent either.
    let protected = !inv.redacted;
    let body = UpdateInvestigation {
        reference: protected.then(|| input.reference.clone()),
        title: Some(input.title.clone()),
        summary: protected.then(|| input.summary.clone()),
        crime_types: Some(parsed.crime_types),
        status: parsed.status,
        opened_on: parsed.opened_on,
        closed_on: Some(parsed.closed_on),
        route_legs: protected.then_some(parsed.route_legs),
        modus_operandi: Some(parsed.modus_operandi),
        sensitivity: parsed.sensitivity,
        trafficking_indicators: Some(parsed.trafficking_indicators),
        include_in_compendium: (who.caller.agency_id.as_deref()
            == Some(inv.lead_agency_id.as_str()))
        .then_some(input.include_in_compendium),
        compendium: (!(compendium_blank && inv.compendium.is_none())).then_some(parsed.compendium),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = inv.id.clone();
    let result = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, body))
        .await;
    match result {
        Ok(updated) => Ok(see_other(&format!("/investigations/{}", updated.id))),
        Err(Error::Invalid(fields)) => {
            let errors = domain_errors(&fields, &input)?;
            again(&input, StatusCode::UNPROCESSABLE_ENTITY, errors, None)
        }
        Err(Error::Stale) => {
            // Submitting again saves over the other change, knowingly: the form now
            // carries the version this page was built from.
            input.version = inv.version.to_string();
            again(
                &input,
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some("inv-notice-stale"),
            )
        }
        Err(Error::Conflict(_)) => again(
            &input,
            StatusCode::CONFLICT,
            one_error("title", t("inv-err-jpa-closed")?),
            None,
        ),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Partners

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub agency_id: String,
}

#[allow(clippy::too_many_arguments)]
fn partners_page(
    req: &HttpRequest,
    who: &SignedIn,
    inv: &InvestigationView,
    jpa: &JpaView,
    participants: &[ParticipantView],
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
    selected: &str,
) -> Result<HttpResponse, PageError> {
    let partners: Vec<Value> = inv
        .partner_agency_ids
        .iter()
        .map(|id| {
            let p = participants.iter().find(|p| &p.agency_id == id);
            minijinja::context! {
                id => id,
                name => agency_name(participants, id),
                country => p.map(|p| p.agency.country.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let candidates: Vec<(String, String)> = agency_options(participants)
        .into_iter()
        .filter(|(id, _)| *id != inv.lead_agency_id && !inv.partner_agency_ids.contains(id))
        .collect();
    render(
        status,
        "investigations/partners.html",
        frame(who, req, jpa),
        minijinja::context! {
            investigation => minijinja::context! { id => inv.id, title => inv.title },
            lead_name => agency_name(participants, &inv.lead_agency_id),
            partners => partners,
            candidates => candidates,
            selected => selected,
            errors => errors,
            notice => notice,
            csrf => who.csrf,
        },
    )
}

/// `GET /investigations/{id}/partners`: for those who may change them (403 for a partner
/// liaison, 404 for a caller who cannot see the investigation).
pub async fn partners(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let (inv, jpa, participants) =
        investigation_context(&state, &who.caller, &path, ops::for_edit).await?;
    partners_page(
        &req,
        &who,
        &inv,
        &jpa,
        &participants,
        StatusCode::OK,
        FormErrors::default(),
        inv_notice(query.notice.as_deref()),
        "",
    )
}

/// `POST /investigations/{id}/partners` (`agency_id`): `operations::investigations::add_partner`.
pub async fn add_partner(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<PartnerForm>,
) -> Result<HttpResponse, PageError> {
    let (inv, jpa, participants) =
        investigation_context(&state, &who.caller, &path, ops::for_edit).await?;
    let again = |status, errors| {
        partners_page(
            &req,
            &who,
            &inv,
            &jpa,
            &participants,
            status,
            errors,
            None,
            &form.agency_id,
        )
    };
    let agency_id = form.agency_id.trim().to_string();
    if agency_id.is_empty() {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            one_error("agency_id", t("inv-err-partner-missing")?),
        );
    }
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = inv.id.clone();
    let result = state
        .db
        .run(move |conn| ops::add_partner(conn, &caller, &ctx, &id, &agency_id))
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/investigations/{}/partners?notice=partner-added",
            inv.id
        ))),
        Err(Error::Invalid(_)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            one_error("agency_id", t("inv-err-partner-not-participant")?),
        ),
        Err(Error::Conflict(_)) => again(
            StatusCode::CONFLICT,
            one_error("agency_id", t("inv-err-jpa-closed")?),
        ),
        Err(e) => Err(e.into()),
    }
}

/// `POST /investigations/{id}/partners/{agency_id}/remove`:
/// `operations::investigations::remove_partner` (409 while the agency holds milestones or
/// outcomes here: the page says so).
pub async fn remove_partner(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<HttpResponse, PageError> {
    let (id, agency_id) = path.into_inner();
    let (inv, jpa, participants) =
        investigation_context(&state, &who.caller, &id, ops::for_edit).await?;
    let agency_id = path_id(&agency_id)?;
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let inv_id = inv.id.clone();
    let result = state
        .db
        .run(move |conn| ops::remove_partner(conn, &caller, &ctx, &inv_id, &agency_id))
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/investigations/{}/partners?notice=partner-removed",
            inv.id
        ))),
        Err(Error::Conflict(m)) => {
            let text = if m.contains("responsible") {
                t("inv-err-partner-in-use")?
            } else {
                t("inv-err-jpa-closed")?
            };
            partners_page(
                &req,
                &who,
                &inv,
                &jpa,
                &participants,
                StatusCode::CONFLICT,
                one_error("partners", text),
                None,
                "",
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// A form whose only field is the CSRF token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoFields {
    pub csrf: String,
}

// ---------------------------------------------------------------------------------------
// Links

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub investigation_id: String,
    pub relation: String,
}

/// What the links page shows: the links, and the investigations of the JPA that could
/// be linked.
struct LinksData {
    inv: InvestigationView,
    jpa: JpaView,
    links: Vec<(InvestigationView, String)>,
    candidates: Vec<(String, String)>,
}

async fn links_data(state: &AppState, caller: &Caller, id: &str) -> Result<LinksData, PageError> {
    let caller = caller.clone();
    let id = path_id(id)?;
    Ok(state
        .db
        .run(move |conn| {
            let inv = ops::get(conn, &caller, &id)?;
            let jpa = jpas::get(conn, &caller, &inv.jpa_id)?;
            let mut links = Vec::new();
            for link in ops::links(conn, &caller, &inv.id)?.items {
                let other = ops::get(conn, &caller, &link.investigation_id)?;
                links.push((other, link.relation));
            }
            let mut candidates = Vec::new();
            if may(&caller, Action::ManageLinks) {
                let page = Page {
                    limit: 200,
                    after: None,
                };
                let all = ops::list(conn, &caller, &jpa.id, InvestigationFilter::default(), page)?;
                for other in all.items {
                    if other.id != inv.id && !links.iter().any(|(l, _)| l.id == other.id) {
                        let label = match &other.reference {
                            Some(r) => format!("{} ({r})", other.title),
                            None => other.title.clone(),
                        };
                        candidates.push((other.id, label));
                    }
                }
            }
            Ok(LinksData {
                inv,
                jpa,
                links,
                candidates,
            })
        })
        .await?)
}

fn links_page(
    req: &HttpRequest,
    who: &SignedIn,
    data: &LinksData,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&str>,
    form: &LinkForm,
) -> Result<HttpResponse, PageError> {
    let links: Vec<Value> = data
        .links
        .iter()
        .map(|(other, relation)| {
            minijinja::context! {
                id => other.id,
                title => other.title,
                reference => other.reference,
                redacted => other.redacted,
                status => other.status,
                relation => relation,
            }
        })
        .collect();
    render(
        status,
        "investigations/links.html",
        frame(who, req, &data.jpa),
        minijinja::context! {
            investigation => minijinja::context! { id => data.inv.id, title => data.inv.title },
            links => links,
            candidates => data.candidates,
            may_manage => may(&who.caller, Action::ManageLinks),
            relation_options => options("inv-relation-", &LinkRelation::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>())?,
            form => minijinja::context! { investigation_id => form.investigation_id, relation => form.relation },
            errors => errors,
            notice => notice,
            csrf => who.csrf,
        },
    )
}

/// `GET /investigations/{id}/links`: the links whose other end the caller sees, and the
/// form to add one.
pub async fn links(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let data = links_data(&state, &who.caller, &path).await?;
    links_page(
        &req,
        &who,
        &data,
        StatusCode::OK,
        FormErrors::default(),
        inv_notice(query.notice.as_deref()),
        &LinkForm::default(),
    )
}

/// `POST /investigations/{id}/links` (`investigation_id`, `relation`):
/// `operations::investigations::add_link`.
pub async fn add_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<LinkForm>,
) -> Result<HttpResponse, PageError> {
    let data = links_data(&state, &who.caller, &path).await?;
    let again = |status, errors| links_page(&req, &who, &data, status, errors, None, &form);
    let mut errors = FormErrors::default();
    if form.investigation_id.trim().is_empty() {
        push_error(&mut errors, "investigation_id", t("inv-err-link-missing")?);
    }
    let relation = LinkRelation::parse(&form.relation);
    if relation.is_none() {
        push_error(&mut errors, "relation", t("inv-err-relation")?);
    }
    let Some(relation) = relation.filter(|_| errors.is_empty()) else {
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors);
    };
    let input = CreateLink {
        investigation_id: form.investigation_id.trim().to_string(),
        relation,
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let id = data.inv.id.clone();
    let result = state
        .db
        .run(move |conn| ops::add_link(conn, &caller, &ctx, &id, input))
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/investigations/{}/links?notice=link-added",
            data.inv.id
        ))),
        Err(Error::Invalid(_)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            one_error("investigation_id", t("inv-err-link-unknown")?),
        ),
        Err(Error::Forbidden) => again(
            StatusCode::FORBIDDEN,
            one_error("investigation_id", t("inv-err-link-forbidden")?),
        ),
        Err(Error::Conflict(_)) => again(
            StatusCode::CONFLICT,
            one_error("investigation_id", t("inv-err-link-exists")?),
        ),
        Err(e) => Err(e.into()),
    }
}

/// `POST /investigations/{id}/links/{other_id}/remove`:
/// `operations::investigations::remove_link`.
pub async fn remove_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<HttpResponse, PageError> {
    let (id, other) = path.into_inner();
    let data = links_data(&state, &who.caller, &id).await?;
    let other = path_id(&other)?;
    let caller = who.caller.clone();
    let ctx = signed_in(&caller);
    let inv_id = data.inv.id.clone();
    let result = state
        .db
        .run(move |conn| ops::remove_link(conn, &caller, &ctx, &inv_id, &other))
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/investigations/{}/links?notice=link-removed",
            data.inv.id
        ))),
        Err(Error::Forbidden) => links_page(
            &req,
            &who,
            &data,
            StatusCode::FORBIDDEN,
            one_error("links", t("inv-err-link-forbidden")?),
            None,
            &LinkForm::default(),
        ),
        Err(e) => Err(e.into()),
    }
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "investigations/list.html",
    "investigations/form.html",
    "investigations/partners.html",
    "investigations/links.html",
];

/// Mounts the investigation pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/jpas/{id}/investigations", web::get().to(list))
        .route("/jpas/{id}/investigations/new", web::get().to(new_form))
        .route("/jpas/{id}/investigations/new", web::post().to(create))
        .route("/investigations/{id}/edit", web::get().to(edit_form))
        .route("/investigations/{id}/edit", web::post().to(update))
        .route("/investigations/{id}/partners", web::get().to(partners))
        .route("/investigations/{id}/partners", web::post().to(add_partner))
        .route(
            "/investigations/{id}/partners/{agency_id}/remove",
            web::post().to(remove_partner),
        )
        .route("/investigations/{id}/links", web::get().to(links))
        .route("/investigations/{id}/links", web::post().to(add_link))
        .route(
            "/investigations/{id}/links/{other_id}/remove",
            web::post().to(remove_link),
        );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn legs_are_read_by_index_and_the_row_buttons_move_them() {
        let mut input = InvestigationInput::from_pairs(&pairs(&[
            ("route_legs[1].country", "MY"),
            ("route_legs[0].country", "TH"),
            ("route_legs[0].kind", "departure"),
            ("route_legs[9999].country", "XX"),
            ("leg_action", "down-0"),
        ]));
        assert_eq!(input.route_legs.len(), 2);
        assert!(input.apply_leg_action());
        assert_eq!(input.route_legs[0].country, "MY");
        assert_eq!(input.route_legs[1].kind, "departure");
        input.leg_action = "add".into();
        input.apply_leg_action();
        assert_eq!(input.route_legs.len(), 3);
        input.leg_action = "remove-0".into();
        input.apply_leg_action();
        assert_eq!(input.route_legs[0].country, "TH");
        input.leg_action = "up-7".into();
        assert!(input.apply_leg_action());
        assert!(!input.apply_leg_action());
    }

    #[test]
    fn every_message_built_from_a_code_exists() {
        let catalogue = &pages().unwrap().catalogue;
        let mut ids: Vec<String> = Vec::new();
        let each = |prefix: &str, codes: &[&str]| -> Vec<String> {
            codes.iter().map(|c| format!("{prefix}{c}")).collect()
        };
        ids.extend(each("inv-status-", &statuses()));
        ids.extend(each("inv-crime-", &crime_types()));
        let mo: Vec<&str> = ModusOperandi::ALL.iter().map(|m| m.as_str()).collect();
        ids.extend(each("inv-mo-", &mo));
        for s in Sensitivity::ALL {
            ids.push(format!("inv-sensitivity-{}", s.as_str()));
            ids.push(format!("inv-sensitivity-{}-hint", s.as_str()));
        }
        let kinds: Vec<&str> = LegKind::ALL.iter().map(|m| m.as_str()).collect();
        ids.extend(each("inv-leg-kind-", &kinds));
        let modes: Vec<&str> = TransportMode::ALL.iter().map(|m| m.as_str()).collect();
        ids.extend(each("inv-leg-mode-", &modes));
        let strengths: Vec<&str> = IndicatorStrength::ALL.iter().map(|m| m.as_str()).collect();
        ids.extend(each("inv-strength-", &strengths));
        let relations: Vec<&str> = LinkRelation::ALL.iter().map(|m| m.as_str()).collect();
        ids.extend(each("inv-relation-", &relations));
        ids.extend(each("inv-ilo-", ILO_INDICATORS));
        ids.extend(each(
            "inv-label-",
            &[
                "lead_agency_id",
                "title",
                "reference",
                "summary",
                "status",
                "opened_on",
                "closed_on",
                "crime_types",
                "modus_operandi",
                "sensitivity",
                "route_legs",
                "trafficking_indicators",
                "include_in_compendium",
                "compendium-facts",
                "compendium-elements_of_success",
                "compendium-challenges",
            ],
        ));
        ids.extend(each(
            "inv-leg-",
            &["country-of", "place-of", "kind-of", "mode-of"],
        ));
        for notice in [
            "partner-added",
            "partner-removed",
            "link-added",
            "link-removed",
        ] {
            ids.push(inv_notice(Some(notice)).unwrap().to_string());
        }
        for id in ids {
            assert!(catalogue.has(&id), "missing {id}");
        }
    }

    #[test]
    fn an_operation_field_names_its_input() {
        let mut input = InvestigationInput::default();
        input.route_legs.push(LegInput::default());
        assert_eq!(
            input_id("route_legs[0].country", &input),
            "route_legs-0-country"
        );
        assert_eq!(input_id("route_legs[3].country", &input), "route_legs");
        assert_eq!(input_id("compendium.facts", &input), "compendium-facts");
        assert_eq!(
            input_id("trafficking_indicators[2].code", &input),
            "trafficking_indicators"
        );
        assert!(form_rank("title") < form_rank("reference"));
        assert!(form_rank("route_legs-0-country") < form_rank("compendium-facts"));
    }
}
