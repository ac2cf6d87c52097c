//! Investigations, their partner agencies and the links between them. What a caller
//! sees comes from `auth::policy::investigation_scope`, applied in the query; protected
//! fields of a restricted investigation are nulled for callers whose agency takes no part.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::jpas::{ensure_open, visible_jpa};
use super::{list_response, ts, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{self, investigation_scope, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
pub use crate::db::investigations::InvestigationFilter;
use crate::db::investigations::{self as inv, InvestigationRow};
use crate::db::{self, jpas, milestones, outcomes, DbConnection};
use crate::domain::{
    optional_text, required_text, today_in, CountryCode, CrimeType, IndicatorStrength,
    InvestigationStatus, LegKind, LinkRelation, ModusOperandi, Sensitivity, TransportMode,
};
use crate::error::{Error, FieldError};

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteLeg {
    #[schema(schema_with = crate::schemas::country)]
    pub country: String,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_200)]
    pub place: String,
    pub kind: LegKind,
    pub mode: TransportMode,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TraffickingIndicator {
    #[schema(schema_with = crate::schemas::trafficking_code)]
    pub code: String,
    pub strength: IndicatorStrength,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Compendium {
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_20000)]
    pub facts: String,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_20000)]
    pub elements_of_success: String,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_20000)]
    pub challenges: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvestigationView {
    pub id: String,
    pub jpa_id: String,
    pub lead_agency_id: String,
    pub partner_agency_ids: Vec<String>,
    pub reference: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub crime_types: Vec<CrimeType>,
    pub status: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub route_legs: Option<Vec<RouteLeg>>,
    pub modus_operandi: Vec<ModusOperandi>,
    pub sensitivity: String,
    pub trafficking_indicators: Vec<TraffickingIndicator>,
    pub include_in_compendium: bool,
    pub compendium: Option<Compendium>,
    pub redacted: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn crime_types(row: &InvestigationRow) -> Vec<CrimeType> {
    let mut out = Vec::new();
    if row.people_smuggling {
        out.push(CrimeType::PeopleSmuggling);
    }
    if row.trafficking_in_persons {
        out.push(CrimeType::TraffickingInPersons);
    }
    out
}

/// The investigation as this caller may see it.
pub fn view(caller: &Caller, row: InvestigationRow, partners: Vec<String>) -> InvestigationView {
    let redacted = row.sensitivity == Sensitivity::Restricted.as_str()
        && !policy::takes_part(caller, &row.lead_agency_id, &partners);
    InvestigationView {
        crime_types: crime_types(&row),
        reference: (!redacted).then(|| row.reference.clone()),
        summary: (!redacted).then(|| row.summary.clone()),
        route_legs: if redacted {
            None
        } else {
            serde_json::from_str(&row.route_legs).ok()
        },
        modus_operandi: serde_json::from_str(&row.modus_operandi).unwrap_or_default(),
        trafficking_indicators: serde_json::from_str(&row.trafficking_indicators)
            .unwrap_or_default(),
        compendium: row
            .compendium
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        id: row.id,
        jpa_id: row.jpa_id,
        lead_agency_id: row.lead_agency_id,
        partner_agency_ids: partners,
        title: row.title,
        status: row.status,
        opened_on: row.opened_on,
        closed_on: row.closed_on,
        sensitivity: row.sensitivity,
        include_in_compendium: row.include_in_compendium,
        redacted,
        version: row.version,
        created_at: ts(row.created_at),
        updated_at: ts(row.updated_at),
    }
}

/// Fields the audit log copies; the protected ones are left to `audit_changes`.
fn audit_fields(row: &InvestigationRow) -> serde_json::Value {
    serde_json::json!({
        "title": row.title, "status": row.status, "opened_on": row.opened_on, "closed_on": row.closed_on,
        "crime_types": crime_types(row), "modus_operandi": row.modus_operandi, "sensitivity": row.sensitivity,
        "trafficking_indicators": row.trafficking_indicators, "include_in_compendium": row.include_in_compendium,
    })
}

/// The protected fields (DOMAIN.md: shown only to the lead and partner agencies of a
/// restricted investigation), as the audit log may hold them.
fn protected_fields(row: &InvestigationRow) -> [(&'static str, Option<&str>); 4] {
    [
        ("reference", Some(row.reference.as_str())),
        ("summary", Some(row.summary.as_str())),
        ("route_legs", Some(row.route_legs.as_str())),
        ("compendium", row.compendium.as_deref()),
    ]
}

/// The audit diff of an investigation (`before` is `None` on create).
///
/// A protected field that changed is recorded as `{"changed": true}`: no value, no
/// digest, no length. Any function of the value (even an unsalted hash) can be reversed
/// by guessing, because references follow patterns; an HMAC under a server key would
/// still let whoever holds the key test guesses, and the log only needs to say *that*
/// the field changed. This applies to every investigation, not only restricted ones,
/// since a standard one can become restricted later and its log is read by co-chairs.
fn audit_changes(before: Option<&InvestigationRow>, after: &InvestigationRow) -> serde_json::Value {
    let mut changes = diff(
        &before.map_or_else(|| serde_json::json!({}), audit_fields),
        &audit_fields(after),
    );
    let old = before.map(protected_fields);
    for (i, (field, new)) in protected_fields(after).into_iter().enumerate() {
        let changed = match &old {
            Some(old) => old[i].1 != new,
            None => new.is_some_and(|v| !v.is_empty() && v != "[]"),
        };
        if let (true, Some(map)) = (changed, changes.as_object_mut()) {
            map.insert(field.to_string(), serde_json::json!({"changed": true}));
        }
    }
    changes
}

/// An investigation the caller may see, with its partners (404 otherwise).
pub fn visible(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<(InvestigationRow, Vec<String>)> {
    let row = inv::find_visible(conn, id, &investigation_scope(caller))?;
    let partners = inv::partners(conn, &row.id)?;
    Ok((row, partners))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvestigation {
    /// Required for admins and co-chairs; a liaison's investigation is led by its own agency.
    #[schema(format = Uuid)]
    pub lead_agency_id: Option<String>,
    #[schema(schema_with = crate::schemas::required_text_100)]
    pub reference: String,
    #[schema(schema_with = crate::schemas::required_text_300)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_20000)]
    pub summary: String,
    #[schema(min_items = 1)]
    pub crime_types: Vec<CrimeType>,
    pub status: Option<InvestigationStatus>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub opened_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub route_legs: Vec<RouteLeg>,
    #[serde(default)]
    pub modus_operandi: Vec<ModusOperandi>,
    pub sensitivity: Option<Sensitivity>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub trafficking_indicators: Vec<TraffickingIndicator>,
    pub include_in_compendium: Option<bool>,
    pub compendium: Option<Compendium>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateInvestigation {
    #[schema(schema_with = crate::schemas::required_text_100_or_null)]
    pub reference: Option<String>,
    #[schema(schema_with = crate::schemas::required_text_300_or_null)]
    pub title: Option<String>,
    #[schema(schema_with = crate::schemas::optional_text_20000_or_null)]
    pub summary: Option<String>,
    #[schema(min_items = 1)]
    pub crime_types: Option<Vec<CrimeType>>,
    pub status: Option<InvestigationStatus>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub opened_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::date::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub closed_on: Option<Option<NaiveDate>>,
    #[schema(max_items = 50)]
    pub route_legs: Option<Vec<RouteLeg>>,
    pub modus_operandi: Option<Vec<ModusOperandi>>,
    pub sensitivity: Option<Sensitivity>,
    #[schema(max_items = 100)]
    pub trafficking_indicators: Option<Vec<TraffickingIndicator>>,
    pub include_in_compendium: Option<bool>,
    pub compendium: Option<Compendium>,
}

/// Applies and checks the fields of a create or update onto `row`.
fn apply(row: &mut InvestigationRow, input: UpdateInvestigation, today: NaiveDate) -> Result<()> {
    let mut errors: Vec<FieldError> = Vec::new();
    if let Some(v) = input.reference {
        match required_text("reference", &v, 100) {
            Ok(v) => row.reference = v,
            Err(e) => errors.push(e),
        }
    }
    if let Some(v) = input.title {
        match required_text("title", &v, 300) {
            Ok(v) => row.title = v,
            Err(e) => errors.push(e),
        }
    }
    if let Some(v) = input.summary {
        match optional_text("summary", &v, 20_000) {
            Ok(v) => row.summary = v,
            Err(e) => errors.push(e),
        }
    }
    if let Some(types) = input.crime_types {
        if types.is_empty() {
            errors.push(FieldError::new(
                "crime_types",
                "must name people_smuggling, trafficking_in_persons or both",
            ));
        }
        row.people_smuggling = types.contains(&CrimeType::PeopleSmuggling);
        row.trafficking_in_persons = types.contains(&CrimeType::TraffickingInPersons);
    }
    if let Some(v) = input.opened_on {
        row.opened_on = v;
    }
    if let Some(v) = input.closed_on {
        row.closed_on = v;
    }
    if let Some(status) = input.status {
        row.status = status.as_str().to_string();
        if status == InvestigationStatus::Closed && row.closed_on.is_none() {
            row.closed_on = Some(today);
        }
    }
    if row.status != InvestigationStatus::Closed.as_str() && input.closed_on.is_none() {
        row.closed_on = None;
    }
    if row.opened_on > today {
        errors.push(FieldError::new("opened_on", "must not be in the future"));
    }
    if let Some(closed) = row.closed_on {
        if row.status != InvestigationStatus::Closed.as_str() {
            errors.push(FieldError::new(
                "closed_on",
                "is only set on a closed investigation",
            ));
        } else if closed < row.opened_on {
            errors.push(FieldError::new("closed_on", "must not be before opened_on"));
        } else if closed > today {
            errors.push(FieldError::new("closed_on", "must not be in the future"));
        }
    }
    if let Some(mut legs) = input.route_legs {
        if legs.len() > 50 {
            errors.push(FieldError::new("route_legs", "must have at most 50 legs"));
        }
        for (i, leg) in legs.iter_mut().enumerate() {
            match CountryCode::parse(&format!("route_legs[{i}].country"), &leg.country) {
                Ok(c) => leg.country = c.into_inner(),
                Err(e) => errors.push(e),
            }
            match optional_text(&format!("route_legs[{i}].place"), &leg.place, 200) {
                Ok(p) => leg.place = p,
                Err(e) => errors.push(e),
            }
        }
        row.route_legs = serde_json::to_string(&legs).unwrap_or_else(|_| "[]".into());
    }
    if let Some(mut tags) = input.modus_operandi {
        let mut seen = Vec::new();
        tags.retain(|t| {
            if seen.contains(t) {
                false
            } else {
                seen.push(*t);
                true
            }
        });
        row.modus_operandi = serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into());
    }
    if let Some(v) = input.sensitivity {
        row.sensitivity = v.as_str().to_string();
    }
    if let Some(indicators) = input.trafficking_indicators {
        if indicators.len() > 100 {
            errors.push(FieldError::new(
                "trafficking_indicators",
                "must have at most 100 entries",
            ));
        }
        for (i, ind) in indicators.iter().enumerate() {
            let ok = !ind.code.is_empty()
                && ind.code.len() <= 64
                && ind
                    .code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
            if !ok {
                errors.push(FieldError::new(
                    format!("trafficking_indicators[{i}].code"),
                    "must be an indicator code of letters, digits, '_', '.' or '-'",
                ));
            }
        }
        row.trafficking_indicators =
            serde_json::to_string(&indicators).unwrap_or_else(|_| "[]".into());
    }
    if let Some(v) = input.include_in_compendium {
        row.include_in_compendium = v;
    }
    if let Some(c) = input.compendium {
        for (field, text) in [
            ("compendium.facts", &c.facts),
            ("compendium.elements_of_success", &c.elements_of_success),
            ("compendium.challenges", &c.challenges),
        ] {
            if let Err(e) = optional_text(field, text, 20_000) {
                errors.push(e);
            }
        }
        row.compendium = serde_json::to_string(&c).ok();
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Who may set what beyond the route rule: only the lead agency opts into the compendium,
/// and only the investigation's own agencies touch the protected fields of a restricted one.
fn check_field_rights(
    caller: &Caller,
    before: &InvestigationRow,
    partners: &[String],
    input: &UpdateInvestigation,
) -> Result<()> {
    let mut errors = Vec::new();
    let is_lead = caller.agency_id.as_deref() == Some(before.lead_agency_id.as_str());
    if input
        .include_in_compendium
        .is_some_and(|v| v != before.include_in_compendium)
        && !is_lead
    {
        errors.push(FieldError::new(
            "include_in_compendium",
            "is set by the lead agency",
        ));
    }
    let restricted = before.sensitivity == Sensitivity::Restricted.as_str();
    if restricted && !policy::takes_part(caller, &before.lead_agency_id, partners) {
        for (field, given) in [
            ("reference", input.reference.is_some()),
            ("summary", input.summary.is_some()),
            ("route_legs", input.route_legs.is_some()),
            (
                "sensitivity",
                input
                    .sensitivity
                    .is_some_and(|s| s != Sensitivity::Restricted),
            ),
        ] {
            if given {
                errors.push(FieldError::new(
                    field,
                    "is protected: only the investigation's own agencies change it",
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// A page of the JPA's investigations the caller may see, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    jpa_id: &str,
    mut filter: InvestigationFilter,
    page: Page,
) -> Result<ListResponse<InvestigationView>> {
    require(caller.role, Action::ListInvestigations)?;
    filter.caller_agency = caller.agency_id.clone();
    let jpa = visible_jpa(conn, caller, jpa_id)?;
    let rows = inv::list(
        conn,
        &jpa.id,
        &investigation_scope(caller),
        filter,
        page.after,
        page.limit,
    )?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut partners = inv::partners_of(conn, &ids)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        |r| {
            let p = partners.remove(&r.id).unwrap_or_default();
            view(caller, r, p)
        },
    ))
}

/// Opens an investigation in a JPA: a liaison's is led by its own agency; coordinators
/// name the lead, which must take part in the JPA.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    jpa_id: &str,
    input: CreateInvestigation,
) -> Result<InvestigationView> {
    require(caller.role, Action::CreateInvestigation)?;
    let lead = match (caller.role, &caller.agency_id, input.lead_agency_id.clone()) {
        (crate::domain::Role::Liaison, Some(_), Some(_)) => {
            return Err(Error::invalid(
                "lead_agency_id",
                "is your own agency; leave it out",
            ))
        }
        (crate::domain::Role::Liaison, Some(own), None) => own.clone(),
        (crate::domain::Role::Liaison, None, _) => return Err(Error::Forbidden),
        (_, _, Some(lead)) => lead,
        (_, _, None) => return Err(Error::invalid("lead_agency_id", "is required")),
    };
    if input.include_in_compendium == Some(true)
        && caller.agency_id.as_deref() != Some(lead.as_str())
    {
        return Err(Error::invalid(
            "include_in_compendium",
            "is set by the lead agency",
        ));
    }
    let (row, partners) = write(conn, |conn| {
        let jpa = visible_jpa(conn, caller, jpa_id)?;
        ensure_open(&jpa)?;
        // The lead keeps participating until this commits (remove_participant).
        db::lock_shared(conn, &format!("participation:{}", jpa.id))?;
        if uuid::Uuid::parse_str(&lead).is_err() || !jpas::participates(conn, &jpa.id, &lead)? {
            return Err(Error::invalid(
                "lead_agency_id",
                "must be an agency participating in this JPA",
            ));
        }
        let today = today_in(&jpa.timezone);
        let now = db::now();
        let mut row = InvestigationRow {
            id: db::new_id(),
            jpa_id: jpa.id.clone(),
            lead_agency_id: lead,
            reference: String::new(),
            title: String::new(),
            summary: String::new(),
            people_smuggling: false,
            trafficking_in_persons: false,
            status: InvestigationStatus::Open.as_str().to_string(),
            opened_on: input.opened_on.unwrap_or(today),
            closed_on: None,
            route_legs: "[]".into(),
            modus_operandi: "[]".into(),
            sensitivity: Sensitivity::Standard.as_str().to_string(),
            trafficking_indicators: "[]".into(),
            include_in_compendium: false,
            compendium: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        apply(
            &mut row,
            UpdateInvestigation {
                reference: Some(input.reference),
                title: Some(input.title),
                summary: Some(input.summary),
                crime_types: Some(input.crime_types),
                status: input.status,
                opened_on: input.opened_on,
                closed_on: input.closed_on.map(Some),
                route_legs: Some(input.route_legs),
                modus_operandi: Some(input.modus_operandi),
                sensitivity: input.sensitivity,
                trafficking_indicators: Some(input.trafficking_indicators),
                include_in_compendium: input.include_in_compendium,
                compendium: input.compendium,
            },
            today,
        )?;
        inv::insert(conn, &row)?;
        audit::record(
            conn,
            ctx,
            "investigation.create",
            "investigation",
            &row.id,
            audit_changes(None, &row),
            now,
        )?;
        Ok((row, Vec::new()))
    })?;
    Ok(view(caller, row, partners))
}

pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<InvestigationView> {
    require(caller.role, Action::ReadInvestigation)?;
    let (row, partners) = visible(conn, caller, id)?;
    Ok(view(caller, row, partners))
}

/// The investigation as the form that changes its own fields and partners shows it: 404
/// when the caller cannot see it, 403 when it sees it but may not edit it (a partner
/// liaison), the same answers as `update` and `add_partner` would give.
pub fn for_edit(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<InvestigationView> {
    require(caller.role, Action::UpdateInvestigation)?;
    let (row, partners) = visible(conn, caller, id)?;
    policy::may_edit_investigation(caller, &row.lead_agency_id)?;
    Ok(view(caller, row, partners))
}

/// Changes the fields given, if the investigation is still at version `expected`; who may
/// set which field is `check_field_rights`.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateInvestigation,
) -> Result<InvestigationView> {
    require(caller.role, Action::UpdateInvestigation)?;
    let (row, partners) = write(conn, |conn| {
        let (before, partners) = visible(conn, caller, id)?;
        policy::may_edit_investigation(caller, &before.lead_agency_id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        let jpa = jpas::find(conn, &before.jpa_id)?;
        ensure_open(&jpa)?;
        check_field_rights(caller, &before, &partners, &input)?;
        let mut after = before.clone();
        apply(&mut after, input, today_in(&jpa.timezone))?;
        let changes = audit_changes(Some(&before), &after);
        if unchanged(&changes) {
            // Nothing changes: no version bump, no audit event (see `operations::unchanged`).
            return Ok((before, partners));
        }
        let now = db::now();
        db::versioned(inv::update(conn, &after, now)?)?;
        audit::record(
            conn,
            ctx,
            "investigation.update",
            "investigation",
            &after.id,
            changes,
            now,
        )?;
        visible(conn, caller, &after.id)
    })?;
    Ok(view(caller, row, partners))
}

/// Adds a partner agency (idempotent: `true` when it was added now); it must take part
/// in the same JPA.
pub fn add_partner(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    agency_id: &str,
) -> Result<(bool, InvestigationView)> {
    require(caller.role, Action::ManagePartners)?;
    let agency_id = agency_id.to_string();
    let (created, row, partners) = write(conn, |conn| {
        let (before, partners) = visible(conn, caller, id)?;
        policy::may_edit_investigation(caller, &before.lead_agency_id)?;
        if partners.contains(&agency_id) {
            return Ok((false, before, partners));
        }
        let jpa = jpas::find(conn, &before.jpa_id)?;
        ensure_open(&jpa)?;
        if agency_id == before.lead_agency_id {
            return Err(Error::invalid("agency_id", "is the lead agency already"));
        }
        db::lock_shared(conn, &format!("participation:{}", jpa.id))?;
        if !jpas::participates(conn, &jpa.id, &agency_id)? {
            return Err(Error::invalid(
                "agency_id",
                "must be an agency participating in this JPA",
            ));
        }
        let now = db::now();
        if !db::insert_once(conn, |conn| {
            inv::add_partner(conn, &before.id, &agency_id, now)
        })? {
            // A parallel PUT added it first: the same answer as a repeated PUT.
            let (row, partners) = visible(conn, caller, &before.id)?;
            return Ok((false, row, partners));
        }
        inv::touch(conn, &before.id, now)?;
        let mut after_partners = partners.clone();
        after_partners.push(agency_id.clone());
        audit::record(
            conn,
            ctx,
            "investigation.partner_add",
            "investigation",
            &before.id,
            serde_json::json!({"partner_agency_ids": {"before": partners, "after": after_partners}}),
            now,
        )?;
        let (row, partners) = visible(conn, caller, &before.id)?;
        Ok((true, row, partners))
    })?;
    Ok((created, view(caller, row, partners)))
}

/// Removes a partner agency (409 while it is responsible for milestones or outcomes here).
pub fn remove_partner(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    agency_id: &str,
) -> Result<()> {
    require(caller.role, Action::ManagePartners)?;
    let agency_id = agency_id.to_string();
    write(conn, |conn| {
        // No milestone or outcome of this agency appears while the check below runs.
        db::lock(conn, &format!("partners:{id}"))?;
        let (before, partners) = visible(conn, caller, id)?;
        policy::may_edit_investigation(caller, &before.lead_agency_id)?;
        if !partners.contains(&agency_id) {
            return Err(Error::NotFound);
        }
        let jpa = jpas::find(conn, &before.jpa_id)?;
        ensure_open(&jpa)?;
        if milestones::agency_responsible_in(conn, &before.id, &agency_id)?
            || outcomes::agency_leads_in(conn, &before.id, &agency_id)?
        {
            return Err(Error::Conflict("The agency is responsible for milestones or reported outcomes of this investigation.".into()));
        }
        let now = db::now();
        inv::remove_partner(conn, &before.id, &agency_id)?;
        inv::touch(conn, &before.id, now)?;
        let remaining: Vec<&String> = partners.iter().filter(|p| **p != agency_id).collect();
        audit::record(
            conn,
            ctx,
            "investigation.partner_remove",
            "investigation",
            &before.id,
            serde_json::json!({"partner_agency_ids": {"before": partners, "after": remaining}}),
            now,
        )?;
        Ok(())
    })
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LinkView {
    pub investigation_id: String,
    pub relation: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateLink {
    #[schema(format = Uuid)]
    pub investigation_id: String,
    pub relation: LinkRelation,
}

/// The links whose other end the caller sees.
pub fn links(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<ListResponse<LinkView>> {
    require(caller.role, Action::ListLinks)?;
    let (row, _) = visible(conn, caller, id)?;
    let links = inv::links_of(conn, &row.id)?;
    let others: Vec<String> = links.iter().map(|(o, _, _)| o.clone()).collect();
    let seen = inv::visible_ids(conn, &others, &investigation_scope(caller))?;
    let items = links
        .into_iter()
        .filter(|(o, _, _)| seen.contains(o))
        .map(|(investigation_id, relation, at)| LinkView {
            investigation_id,
            relation,
            created_at: ts(at),
        })
        .collect::<Vec<_>>();
    Ok(ListResponse {
        items,
        next_cursor: None,
    })
}

/// Links two investigations the caller sees (409 if they are linked already).
pub fn add_link(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    input: CreateLink,
) -> Result<LinkView> {
    require(caller.role, Action::ManageLinks)?;
    write(conn, |conn| {
        let (this, _) = visible(conn, caller, id)?;
        let not_seen = || {
            Error::invalid(
                "investigation_id",
                "does not name an investigation you can see",
            )
        };
        let other_id = uuid::Uuid::parse_str(&input.investigation_id)
            .map_err(|_| not_seen())?
            .hyphenated()
            .to_string();
        if other_id == this.id {
            return Err(Error::invalid(
                "investigation_id",
                "must be another investigation",
            ));
        }
        let other = inv::find_visible(conn, &other_id, &investigation_scope(caller))
            .map_err(|_| not_seen())?;
        policy::may_link(caller, &this.lead_agency_id, &other.lead_agency_id)?;
        let now = db::now();
        inv::add_link(conn, &this.id, &other.id, input.relation.as_str(), now).map_err(|e| {
            match Error::from(e) {
                Error::Conflict(_) => {
                    Error::Conflict("These investigations are already linked.".into())
                }
                other => other,
            }
        })?;
        audit::record(
            conn,
            ctx,
            "investigation.link_add",
            "investigation",
            &this.id,
            serde_json::json!({"link": {"before": null, "after": {"investigation_id": other.id, "relation": input.relation}}}),
            now,
        )?;
        Ok(LinkView {
            investigation_id: other.id,
            relation: input.relation.as_str().to_string(),
            created_at: ts(now),
        })
    })
}

/// Unlinks two investigations.
pub fn remove_link(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    other_id: &str,
) -> Result<()> {
    require(caller.role, Action::ManageLinks)?;
    write(conn, |conn| {
        let (this, _) = visible(conn, caller, id)?;
        let other = inv::find_visible(conn, other_id, &investigation_scope(caller))?;
        policy::may_link(caller, &this.lead_agency_id, &other.lead_agency_id)?;
        if inv::remove_link(conn, &this.id, &other.id)? == 0 {
            return Err(Error::NotFound);
        }
        audit::record(
            conn,
            ctx,
            "investigation.link_remove",
            "investigation",
            &this.id,
            serde_json::json!({"link": {"before": {"investigation_id": other.id}, "after": null}}),
            db::now(),
        )?;
        Ok(())
    })
}
