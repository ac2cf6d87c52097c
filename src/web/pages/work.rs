//! The investigation page (`/investigations/{id}`: every field the caller may see, the
//! agencies by name, related investigations, the route, then milestones and outcomes) and
//! the forms of its work: milestones (add, edit, mark achieved in one step, cancel,
//! delete) and outcomes (report, revise with a reason, the revision history, confirm,
//! delete). Every form posts and answers 303; a rejected one comes back with 422 (409 when
//! the object changed meanwhile) and the input kept. Who may do what is `auth::policy`'s.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{render, signed_in};
use crate::auth::{policy, Caller};
use crate::db::DbConnection;
use crate::domain::indicators::{self, INDICATORS};
use crate::domain::{date, today_in, MilestoneKind, MilestoneStatus, OutcomeStatus};
use crate::error::{Error, FieldError};
use crate::operations::investigations::{self, InvestigationView};
use crate::operations::jpas::{self, JpaView};
use crate::operations::milestones::{self, CreateMilestone, MilestoneView, UpdateMilestone};
use crate::operations::outcomes::{self, CreateOutcome, OutcomeView, RevisionView, UpdateOutcome};
use crate::operations::{agencies, Page};
use crate::state::AppState;
use crate::web::forms::{FormErrors, ShownError};
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{pages, see_other, Frame, PageError, Pages};

/// The fields of a posted form, in order (a checkbox list repeats its name).
type Fields = Vec<(String, String)>;

fn one(f: &Fields, name: &str) -> String {
    f.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn all(f: &Fields, name: &str) -> Vec<String> {
    f.iter()
        .filter(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

fn optional(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The hidden `version` of an edit form: a page always sends a number, anything else is a
/// malformed request.
fn version_of(f: &Fields) -> Result<i64, PageError> {
    one(f, "version")
        .trim()
        .parse::<i64>()
        .map_err(|_| PageError::BadRequest)
}

/// `next`: a path of this service only (no scheme, no `//host`), else `None`.
fn local_path(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && raw.len() <= 2000
        && !raw.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| raw.to_string())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

/// The notices of these pages after a redirect: a closed list.
fn notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "milestone-added" => "work-notice-milestone-added",
        "milestone-saved" => "work-notice-milestone-saved",
        "milestone-achieved" => "work-notice-milestone-achieved",
        "milestone-cancelled" => "work-notice-milestone-cancelled",
        "milestone-deleted" => "work-notice-milestone-deleted",
        "outcome-reported" => "work-notice-outcome-reported",
        "outcome-saved" => "work-notice-outcome-saved",
        "outcome-confirmed" => "work-notice-outcome-confirmed",
        "outcome-deleted" => "work-notice-outcome-deleted",
        _ => return None,
    })
}

#[derive(Debug, Clone, Serialize)]
struct Agency {
    id: String,
    name: String,
}

/// An investigation with what every page of it shows: its JPA, the agencies by name
/// (the JPA's participants, and any other agency named), "today" in the JPA's time zone.
struct Scene {
    inv: InvestigationView,
    jpa: JpaView,
    names: BTreeMap<String, String>,
    participants: Vec<Agency>,
    today: NaiveDate,
}

impl Scene {
    fn load(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<Scene, Error> {
        let inv = investigations::get(conn, caller, id)?;
        let jpa = jpas::get(conn, caller, &inv.jpa_id)?;
        let mut participants: Vec<Agency> = jpas::participants(conn, caller, &jpa.id)?
            .items
            .into_iter()
            .map(|p| Agency {
                id: p.agency_id,
                name: p.agency.name,
            })
            .collect();
        participants.sort_by(|a, b| a.name.cmp(&b.name));
        let names = participants
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        let today = today_in(&jpa.timezone);
        let mut scene = Scene {
            inv,
            jpa,
            names,
            participants,
            today,
        };
        let mut named = vec![scene.inv.lead_agency_id.clone()];
        named.extend(scene.inv.partner_agency_ids.iter().cloned());
        scene.learn(conn, caller, &named)?;
        Ok(scene)
    }

    /// Adds the names of agencies that no longer take part (agency names are not secret).
    fn learn(
        &mut self,
        conn: &mut DbConnection,
        caller: &Caller,
        ids: &[String],
    ) -> Result<(), Error> {
        for id in ids {
            if !self.names.contains_key(id) {
                let name = match agencies::get(conn, caller, id) {
                    Ok(a) => a.name,
                    Err(Error::NotFound) => id.clone(),
                    Err(e) => return Err(e),
                };
                self.names.insert(id.clone(), name);
            }
        }
        Ok(())
    }

    fn name(&self, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The lead and the partners: who may be responsible for a milestone or report.
    fn involved(&self) -> Vec<Agency> {
        std::iter::once(&self.inv.lead_agency_id)
            .chain(self.inv.partner_agency_ids.iter())
            .map(|id| Agency {
                id: id.clone(),
                name: self.name(id),
            })
            .collect()
    }

    fn open(&self) -> bool {
        self.jpa.status != "closed"
    }

    fn frame(&self, who: &SignedIn, path: &str) -> Frame {
        Frame::signed_in(who, path).in_jpa(&self.jpa, path)
    }

    fn page_path(&self) -> String {
        format!("/investigations/{}", self.inv.id)
    }

    /// What every template of these pages gets about the investigation.
    fn context(&self, caller: &Caller) -> minijinja::Value {
        let lead = &self.inv.lead_agency_id;
        minijinja::context! {
            inv => &self.inv,
            jpa => &self.jpa,
            today => self.today,
            open => self.open(),
            lead_name => self.name(lead),
            partners => self.inv.partner_agency_ids.iter().map(|p| self.name(p)).collect::<Vec<_>>(),
            may_contribute => self.open() && policy::can_contribute(caller, lead, &self.inv.partner_agency_ids),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The investigation page

#[derive(Debug, Serialize)]
struct LinkShown {
    id: String,
    title: String,
    relation: String,
}

#[derive(Debug, Serialize)]
struct MilestoneShown {
    #[serde(flatten)]
    m: MilestoneView,
    responsible: String,
    may_edit: bool,
}

#[derive(Debug, Serialize)]
struct OutcomeShown {
    #[serde(flatten)]
    o: OutcomeView,
    label: String,
    unit: String,
    lead_name: String,
    contributors: Vec<String>,
    may_edit: bool,
    may_confirm: bool,
}

/// How many milestones or outcomes the page shows at most (a page, not an export).
const PAGE_ROWS: i64 = 1000;

struct InvestigationPage {
    scene: Scene,
    links: Vec<LinkShown>,
    milestones: Vec<MilestoneShown>,
    outcomes: Vec<OutcomeShown>,
    more: bool,
}

fn load_page(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<InvestigationPage, Error> {
    let mut scene = Scene::load(conn, caller, id)?;
    let all_rows = Page {
        limit: PAGE_ROWS,
        after: None,
    };
    let mut links = Vec::new();
    for l in investigations::links(conn, caller, id)?.items {
        // Listed only where the caller sees both ends; one that vanished meanwhile is left out.
        if let Ok(other) = investigations::get(conn, caller, &l.investigation_id) {
            links.push(LinkShown {
                id: other.id,
                title: other.title,
                relation: l.relation,
            });
        }
    }
    let ms = milestones::list(conn, caller, id, all_rows.clone())?;
    let os = outcomes::list(conn, caller, id, all_rows)?;
    let more = ms.next_cursor.is_some() || os.next_cursor.is_some();
    let mut named: Vec<String> = ms
        .items
        .iter()
        .map(|m| m.responsible_agency_id.clone())
        .collect();
    for o in &os.items {
        named.push(o.lead_agency_id.clone());
        named.extend(o.contributing_agency_ids.iter().cloned());
    }
    scene.learn(conn, caller, &named)?;
    let lead = scene.inv.lead_agency_id.clone();
    let open = scene.open();
    let mut milestones: Vec<MilestoneShown> = ms
        .items
        .into_iter()
        .map(|m| MilestoneShown {
            responsible: scene.name(&m.responsible_agency_id),
            may_edit: open && policy::can_edit_milestone(caller, &lead, &m.responsible_agency_id),
            m,
        })
        .collect();
    milestones.sort_by(|a, b| (a.m.due_on, &a.m.title).cmp(&(b.m.due_on, &b.m.title)));
    let mut outcomes: Vec<OutcomeShown> = os
        .items
        .into_iter()
        .map(|o| {
            let ind = indicators::find(&o.indicator);
            let may = policy::can_edit_outcome(caller, &o.lead_agency_id);
            OutcomeShown {
                label: crate::i18n::indicator_label(crate::i18n::current(), &o.indicator),
                unit: ind.map_or_else(String::new, |i| {
                    crate::i18n::indicator(crate::i18n::current(), i).unit
                }),
                lead_name: scene.name(&o.lead_agency_id),
                contributors: o
                    .contributing_agency_ids
                    .iter()
                    .map(|c| scene.name(c))
                    .collect(),
                may_edit: open && may,
                may_confirm: may && o.status == OutcomeStatus::Provisional.as_str(),
                o,
            }
        })
        .collect();
    outcomes.sort_by_key(|r| std::cmp::Reverse(r.o.occurred_on));
    Ok(InvestigationPage {
        scene,
        links,
        milestones,
        outcomes,
        more,
    })
}

/// `GET /investigations/{id}`.
pub async fn investigation(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let page = state
        .db
        .run(move |conn| load_page(conn, &caller, &id))
        .await?;
    let scene = &page.scene;
    let lead = &scene.inv.lead_agency_id;
    let overdue = page.milestones.iter().filter(|m| m.m.overdue).count();
    // The labels of codes, once per page rather than once per row.
    let p = pages()?;
    let labels = |prefix: &str, codes: &[&'static str]| -> BTreeMap<&'static str, String> {
        codes
            .iter()
            .map(|c| (*c, p.t(&format!("{prefix}{c}"))))
            .collect()
    };
    let kinds: Vec<&str> = MilestoneKind::ALL.iter().map(|k| k.as_str()).collect();
    let mstatuses: Vec<&str> = MilestoneStatus::ALL.iter().map(|k| k.as_str()).collect();
    let ostatuses: Vec<&str> = OutcomeStatus::ALL.iter().map(|k| k.as_str()).collect();
    render(
        StatusCode::OK,
        "work_investigation.html",
        scene.frame(&who, req.path()),
        minijinja::context! {
            csrf => &who.csrf,
            notice => notice(query.notice.as_deref()),
            may_edit => scene.open() && policy::can_edit_investigation(&who.caller, lead),
            may_link => scene.open() && policy::can_link(&who.caller, lead, lead),
            links => &page.links,
            milestones => &page.milestones,
            overdue => overdue,
            outcomes => &page.outcomes,
            more => page.more,
            kind_labels => labels("work-kind-", &kinds),
            mstatus_labels => labels("work-mstatus-", &mstatuses),
            ostatus_labels => labels("work-ostatus-", &ostatuses),
            ..scene.context(&who.caller)
        },
    )
}

// ---------------------------------------------------------------------------------------
// Form errors

/// The catalogue id of an operation's message at a field of these forms.
fn message_id(field: &str, message: &str) -> Option<&'static str> {
    Some(match (field, message) {
        ("title", "must not be empty") => "work-err-title-missing",
        ("title", m) if m.starts_with("must be at most") => "work-err-title-long",
        ("notes", m) if m.starts_with("must be at most") => "work-err-notes-long",
        ("revision_reason", m) if m.starts_with("must be at most") => "work-err-reason-long",
        ("revision_reason", _) => "work-err-reason-missing",
        ("responsible_agency_id", "a partner agency may only make itself responsible") => {
            "work-err-responsible-own"
        }
        ("responsible_agency_id", _) => "work-err-responsible-not-part",
        ("achieved_on", "must not be in the future") => "work-err-achieved-future",
        ("achieved_on", "is only set on an achieved milestone") => "work-err-achieved-not-achieved",
        ("achieved_on", _) => "work-err-achieved-missing",
        ("occurred_on", "must not be in the future") => "work-err-occurred-future",
        ("indicator", _) => "work-err-indicator-missing",
        ("value", "must be 0 or more") => "work-err-value-negative",
        ("contributing_agency_ids", _) => "work-err-contributors",
        ("lead_agency_id", _) => "work-err-lead-agency",
        _ => return None,
    })
}

fn push(errors: &mut FormErrors, field: &str, message: String) {
    if errors.by_field.contains_key(field) {
        return;
    }
    errors.by_field.insert(field.to_string(), message.clone());
    errors.list.push(ShownError {
        field: field.to_string(),
        message,
    });
}

fn add(p: &Pages, errors: &mut FormErrors, field: &str, id: &str) {
    push(errors, field, p.t(id));
}

/// The operation's field errors, each at its input (or at `inputs[0]`).
fn from_domain(p: &Pages, errors: &[FieldError], inputs: &[&str]) -> FormErrors {
    let mut shown = FormErrors::default();
    for e in errors {
        let field = if inputs.contains(&e.field.as_str()) {
            e.field.as_str()
        } else {
            inputs.first().copied().unwrap_or("main")
        };
        let message = if e.field == "value" && e.message.starts_with("must be at most") {
            // "must be at most N for this indicator": the bound depends on the indicator.
            let max = e
                .message
                .split_whitespace()
                .find_map(|w| w.parse::<i64>().ok())
                .map(|n| n.to_string())
                .unwrap_or_default();
            p.catalogue.message(
                crate::web::i18n::current(),
                "work-err-value-max",
                &[("max", max.into())],
            )
        } else {
            match message_id(&e.field, &e.message) {
                Some(id) => p.t(id),
                None => p.catalogue.message(
                    crate::web::i18n::current(),
                    "work-err-other",
                    &[
                        ("label", p.t(&format!("work-field-{}", e.field)).into()),
                        (
                            "message",
                            crate::web::forms::domain_message(&e.message).into(),
                        ),
                    ],
                ),
            }
        };
        push(&mut shown, field, message);
    }
    shown
}

/// What a rejected form shows for an operation's error; errors that are no form's (not
/// found, forbidden, ...) become their error page.
fn rejected(p: &Pages, e: Error, inputs: &[&str]) -> Result<(StatusCode, FormErrors), PageError> {
    let first = inputs.first().copied().unwrap_or("main");
    let mut errors = FormErrors::default();
    match e {
        Error::Invalid(fields) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            from_domain(p, &fields, inputs),
        )),
        Error::Stale => {
            add(p, &mut errors, first, "work-err-stale");
            Ok((StatusCode::CONFLICT, errors))
        }
        Error::Conflict(m) => {
            let id = if m.contains("closed") {
                "work-err-jpa-closed"
            } else {
                "work-err-conflict"
            };
            add(p, &mut errors, first, id);
            Ok((StatusCode::CONFLICT, errors))
        }
        other => Err(other.into()),
    }
}

/// A date input: `None` with the error at the field when it is not `YYYY-MM-DD`.
fn parse_date(
    p: &Pages,
    errors: &mut FormErrors,
    field: &str,
    raw: &str,
    required: bool,
) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        if required {
            add(p, errors, field, &format!("work-err-{field}-missing"));
        }
        return None;
    }
    let d = date::parse(raw);
    if d.is_none() {
        add(p, errors, field, "work-err-date");
    }
    d
}

// ---------------------------------------------------------------------------------------
// Milestones

/// A milestone form's values, as typed (kept on a rejected form).
#[derive(Debug, Clone, Default, Serialize)]
struct MilestoneInput {
    kind: String,
    title: String,
    responsible_agency_id: String,
    due_on: String,
    status: String,
    achieved_on: String,
    notes: String,
    version: i64,
}

const MILESTONE_INPUTS: &[&str] = &[
    "kind",
    "title",
    "responsible_agency_id",
    "due_on",
    "status",
    "achieved_on",
    "notes",
];

impl MilestoneInput {
    fn from_fields(f: &Fields) -> MilestoneInput {
        MilestoneInput {
            kind: one(f, "kind"),
            title: one(f, "title"),
            responsible_agency_id: one(f, "responsible_agency_id"),
            due_on: one(f, "due_on"),
            status: one(f, "status"),
            achieved_on: one(f, "achieved_on"),
            notes: one(f, "notes"),
            version: 0,
        }
    }

    fn from_view(m: &MilestoneView) -> MilestoneInput {
        MilestoneInput {
            kind: m.kind.clone(),
            title: m.title.clone(),
            responsible_agency_id: m.responsible_agency_id.clone(),
            due_on: m.due_on.to_string(),
            status: m.status.clone(),
            achieved_on: m.achieved_on.map(|d| d.to_string()).unwrap_or_default(),
            notes: m.notes.clone(),
            version: m.version,
        }
    }

    /// The typed parts a page checks before the operation (the shape, not the rules).
    fn parse(&self, p: &Pages) -> Result<ParsedMilestone, FormErrors> {
        let mut errors = FormErrors::default();
        let kind = MilestoneKind::parse(self.kind.trim());
        if kind.is_none() {
            add(p, &mut errors, "kind", "work-err-kind-missing");
        }
        let due_on = parse_date(p, &mut errors, "due_on", &self.due_on, true);
        let status = match self.status.trim() {
            "" => None,
            s => {
                let parsed = MilestoneStatus::parse(s);
                if parsed.is_none() {
                    add(p, &mut errors, "status", "work-err-status-missing");
                }
                parsed
            }
        };
        let achieved_on = parse_date(p, &mut errors, "achieved_on", &self.achieved_on, false);
        match (kind, due_on, errors.is_empty()) {
            (Some(kind), Some(due_on), true) => Ok(ParsedMilestone {
                kind,
                due_on,
                status,
                achieved_on,
            }),
            _ => Err(errors),
        }
    }
}

struct ParsedMilestone {
    kind: MilestoneKind,
    due_on: NaiveDate,
    status: Option<MilestoneStatus>,
    achieved_on: Option<NaiveDate>,
}

/// The milestone form (new or edit).
#[allow(clippy::too_many_arguments)]
fn milestone_form(
    req: &HttpRequest,
    who: &SignedIn,
    scene: &Scene,
    status: StatusCode,
    milestone: Option<&MilestoneView>,
    current: Option<&MilestoneView>,
    values: &MilestoneInput,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let action = match milestone {
        Some(m) => format!("/milestones/{}/edit", m.id),
        None => format!("/investigations/{}/milestones/new", scene.inv.id),
    };
    let p = pages()?;
    let kinds: Vec<(&str, String)> = MilestoneKind::ALL
        .iter()
        .map(|k| (k.as_str(), p.t(&format!("work-kind-{}", k.as_str()))))
        .collect();
    let statuses: Vec<(&str, String)> = MilestoneStatus::ALL
        .iter()
        .map(|s| (s.as_str(), p.t(&format!("work-mstatus-{}", s.as_str()))))
        .collect();
    let agencies: Vec<(String, String)> = scene
        .involved()
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    render(
        status,
        "work_milestone_form.html",
        scene.frame(who, req.path()),
        minijinja::context! {
            csrf => &who.csrf,
            milestone => milestone,
            heading => p.t(if milestone.is_some() { "work-milestone-edit-title" } else { "work-milestone-new-title" }),
            current => current.map(|c| minijinja::context! {
                m => c,
                responsible => scene.name(&c.responsible_agency_id),
            }),
            values => values,
            errors => errors,
            action => action,
            kinds => kinds,
            statuses => statuses,
            agencies => agencies,
            ..scene.context(&who.caller)
        },
    )
}

/// `GET /investigations/{id}/milestones/new`.
pub async fn milestone_new(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let scene = state
        .db
        .run(move |conn| Scene::load(conn, &caller, &id))
        .await?;
    if !policy::can_contribute(
        &who.caller,
        &scene.inv.lead_agency_id,
        &scene.inv.partner_agency_ids,
    ) {
        return Err(PageError::Forbidden);
    }
    let own = who
        .caller
        .agency_id
        .clone()
        .filter(|a| scene.involved().iter().any(|i| &i.id == a));
    let values = MilestoneInput {
        responsible_agency_id: own.unwrap_or_else(|| scene.inv.lead_agency_id.clone()),
        status: MilestoneStatus::Planned.as_str().into(),
        ..Default::default()
    };
    milestone_form(
        &req,
        &who,
        &scene,
        StatusCode::OK,
        None,
        None,
        &values,
        FormErrors::default(),
    )
}

/// `POST /investigations/{id}/milestones/new`: `operations::milestones::create`.
pub async fn milestone_create(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let id = path.into_inner();
    let values = MilestoneInput::from_fields(&form);
    let parsed = values.parse(p);
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let input = parsed.as_ref().ok().map(|m| CreateMilestone {
        kind: m.kind,
        title: values.title.clone(),
        responsible_agency_id: optional(&values.responsible_agency_id),
        due_on: m.due_on,
        status: m.status,
        achieved_on: m.achieved_on,
        notes: values.notes.clone(),
    });
    let (scene, result) = state
        .db
        .run(move |conn| {
            let scene = Scene::load(conn, &caller, &id)?;
            let result = input.map(|i| milestones::create(conn, &caller, &ctx, &id, i));
            Ok((scene, result))
        })
        .await?;
    let (status, errors) = match (parsed, result) {
        (Err(errors), _) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        (_, Some(Ok(m))) => {
            return Ok(see_other(&format!(
                "{}?notice=milestone-added#milestone-{}",
                scene.page_path(),
                m.id
            )))
        }
        (_, Some(Err(e))) => rejected(p, e, MILESTONE_INPUTS)?,
        (Ok(_), None) => return Err(PageError::Internal("milestone not created".into())),
    };
    milestone_form(&req, &who, &scene, status, None, None, &values, errors)
}

/// A milestone with its investigation's scene.
fn milestone_scene(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<(MilestoneView, Scene), Error> {
    let m = milestones::get(conn, caller, id)?;
    let mut scene = Scene::load(conn, caller, &m.investigation_id)?;
    scene.learn(conn, caller, std::slice::from_ref(&m.responsible_agency_id))?;
    Ok((m, scene))
}

/// `GET /milestones/{id}/edit`.
pub async fn milestone_edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let (m, scene) = state
        .db
        .run(move |conn| milestone_scene(conn, &caller, &id))
        .await?;
    if !policy::can_edit_milestone(
        &who.caller,
        &scene.inv.lead_agency_id,
        &m.responsible_agency_id,
    ) {
        return Err(PageError::Forbidden);
    }
    let values = MilestoneInput::from_view(&m);
    milestone_form(
        &req,
        &who,
        &scene,
        StatusCode::OK,
        Some(&m),
        None,
        &values,
        FormErrors::default(),
    )
}

/// `POST /milestones/{id}/edit`: `operations::milestones::update` at `version`.
pub async fn milestone_update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let id = path.into_inner();
    let version = version_of(&form)?;
    let mut values = MilestoneInput::from_fields(&form);
    values.version = version;
    let parsed = values.parse(p);
    let input = parsed.as_ref().ok().map(|m| UpdateMilestone {
        kind: Some(m.kind),
        title: Some(values.title.clone()),
        responsible_agency_id: optional(&values.responsible_agency_id),
        due_on: Some(m.due_on),
        status: m.status,
        achieved_on: Some(m.achieved_on),
        notes: Some(values.notes.clone()),
    });
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let (m, scene, result) = state
        .db
        .run(move |conn| {
            let result = input.map(|i| milestones::update(conn, &caller, &ctx, &id, version, i));
            let (m, scene) = milestone_scene(conn, &caller, &id)?;
            Ok((m, scene, result))
        })
        .await?;
    let (status, errors) = match (parsed, result) {
        (Err(errors), _) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        (_, Some(Ok(m))) => {
            return Ok(see_other(&format!(
                "{}?notice=milestone-saved#milestone-{}",
                scene.page_path(),
                m.id
            )))
        }
        (_, Some(Err(e))) => rejected(p, e, MILESTONE_INPUTS)?,
        (Ok(_), None) => return Err(PageError::Internal("milestone not saved".into())),
    };
    // Changed meanwhile: the input stays, the saved values are shown beside it, and the
    // form now carries the current version (saving again is a deliberate second step).
    let current = (status == StatusCode::CONFLICT && m.version != version).then_some(&m);
    if current.is_some() {
        values.version = m.version;
    }
    milestone_form(
        &req,
        &who,
        &scene,
        status,
        Some(&m),
        current,
        &values,
        errors,
    )
}

#[derive(Debug, Clone, Default, Serialize)]
struct ActionInput {
    achieved_on: String,
    next: String,
}

/// The page of a one-step action (mark achieved, cancel, confirm) that was refused: the
/// message, the form again with what was typed, and the way back.
#[allow(clippy::too_many_arguments)]
fn action_page(
    req: &HttpRequest,
    who: &SignedIn,
    scene: &Scene,
    status: StatusCode,
    action: &str,
    milestone: Option<&MilestoneView>,
    outcome: Option<&OutcomeView>,
    values: &ActionInput,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let back = local_path(&values.next).unwrap_or_else(|| scene.page_path());
    let label = outcome.map(|o| crate::i18n::indicator_label(crate::i18n::current(), &o.indicator));
    render(
        status,
        "work_action.html",
        scene.frame(who, req.path()),
        minijinja::context! {
            csrf => &who.csrf,
            action => action,
            milestone => milestone,
            outcome => outcome,
            label => label,
            values => values,
            back => back,
            errors => errors,
            ..scene.context(&who.caller)
        },
    )
}

/// The one-step changes of a milestone: achieved on a date, or cancelled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Achieve,
    Cancel,
}

async fn milestone_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    id: String,
    form: Fields,
    step: Step,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let version = version_of(&form)?;
    let values = ActionInput {
        achieved_on: one(&form, "achieved_on"),
        next: one(&form, "next"),
    };
    let mut errors = FormErrors::default();
    let achieved_on = match step {
        Step::Achieve => parse_date(p, &mut errors, "achieved_on", &values.achieved_on, false),
        Step::Cancel => None,
    };
    let typed_ok = errors.is_empty();
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let (m, scene, result) = state
        .db
        .run(move |conn| {
            let (before, scene) = milestone_scene(conn, &caller, &id)?;
            if !typed_ok {
                return Ok((before, scene, None));
            }
            let input = match step {
                // "Today" is the JPA's: the date a liaison there would write down.
                Step::Achieve => UpdateMilestone {
                    status: Some(MilestoneStatus::Achieved),
                    achieved_on: Some(Some(achieved_on.unwrap_or(scene.today))),
                    ..Default::default()
                },
                Step::Cancel => UpdateMilestone {
                    status: Some(MilestoneStatus::Cancelled),
                    ..Default::default()
                },
            };
            let result = milestones::update(conn, &caller, &ctx, &id, version, input);
            let after = match &result {
                Ok(_) => before,
                Err(_) => milestones::get(conn, &caller, &id)?,
            };
            Ok((after, scene, Some(result)))
        })
        .await?;
    let (status, errors) = match result {
        None => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Some(Ok(done)) => {
            let to = local_path(&values.next).unwrap_or_else(|| {
                let what = match step {
                    Step::Achieve => "milestone-achieved",
                    Step::Cancel => "milestone-cancelled",
                };
                format!("{}?notice={what}#milestone-{}", scene.page_path(), done.id)
            });
            return Ok(see_other(&to));
        }
        Some(Err(e)) => rejected(p, e, &["achieved_on"])?,
    };
    let action = match step {
        Step::Achieve => "achieve",
        Step::Cancel => "cancel",
    };
    action_page(
        &req,
        &who,
        &scene,
        status,
        action,
        Some(&m),
        None,
        &values,
        errors,
    )
}

/// `POST /milestones/{id}/achieve`: `csrf`, `version`, `achieved_on` (default: today in
/// the JPA's time zone), `next` (a local path; default the investigation page).
pub async fn milestone_achieve(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    milestone_step(req, state, who, path.into_inner(), form, Step::Achieve).await
}

/// `POST /milestones/{id}/cancel`: `csrf`, `version`, `next`.
pub async fn milestone_cancel(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    milestone_step(req, state, who, path.into_inner(), form, Step::Cancel).await
}

/// The confirmation page of a delete (works without JavaScript: a page, then a POST).
fn delete_page(
    req: &HttpRequest,
    who: &SignedIn,
    scene: &Scene,
    milestone: Option<&MilestoneView>,
    outcome: Option<&OutcomeView>,
) -> Result<HttpResponse, PageError> {
    let label = outcome.map(|o| crate::i18n::indicator_label(crate::i18n::current(), &o.indicator));
    render(
        StatusCode::OK,
        "work_delete.html",
        scene.frame(who, req.path()),
        minijinja::context! {
            csrf => &who.csrf,
            milestone => milestone,
            outcome => outcome,
            label => label,
            responsible => milestone.map(|m| scene.name(&m.responsible_agency_id)),
            ..scene.context(&who.caller)
        },
    )
}

/// `GET /milestones/{id}/delete`: "are you sure?".
pub async fn milestone_delete_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let (m, scene) = state
        .db
        .run(move |conn| milestone_scene(conn, &caller, &id))
        .await?;
    if !policy::can_edit_milestone(
        &who.caller,
        &scene.inv.lead_agency_id,
        &m.responsible_agency_id,
    ) {
        return Err(PageError::Forbidden);
    }
    delete_page(&req, &who, &scene, Some(&m), None)
}

/// `POST /milestones/{id}/delete`: `operations::milestones::delete`.
pub async fn milestone_delete(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let inv = state
        .db
        .run(move |conn| {
            let m = milestones::get(conn, &caller, &id)?;
            milestones::delete(conn, &caller, &ctx, &id)?;
            Ok(m.investigation_id)
        })
        .await?;
    Ok(see_other(&format!(
        "/investigations/{inv}?notice=milestone-deleted#milestones"
    )))
}

// ---------------------------------------------------------------------------------------
// Outcomes

#[derive(Debug, Clone, Default, Serialize)]
struct OutcomeInput {
    indicator: String,
    value: String,
    occurred_on: String,
    lead_agency_id: String,
    contributing_agency_ids: Vec<String>,
    status: String,
    notes: String,
    revision_reason: String,
    version: i64,
}

const OUTCOME_INPUTS: &[&str] = &[
    "indicator",
    "value",
    "occurred_on",
    "lead_agency_id",
    "contributing_agency_ids",
    "status",
    "notes",
    "revision_reason",
];

struct ParsedOutcome {
    value: i64,
    occurred_on: NaiveDate,
    status: Option<OutcomeStatus>,
}

impl OutcomeInput {
    fn from_fields(f: &Fields) -> OutcomeInput {
        OutcomeInput {
            indicator: one(f, "indicator"),
            value: one(f, "value"),
            occurred_on: one(f, "occurred_on"),
            lead_agency_id: one(f, "lead_agency_id"),
            contributing_agency_ids: all(f, "contributing_agency_ids"),
            status: one(f, "status"),
            notes: one(f, "notes"),
            revision_reason: one(f, "revision_reason"),
            version: 0,
        }
    }

    fn from_view(o: &OutcomeView) -> OutcomeInput {
        OutcomeInput {
            indicator: o.indicator.clone(),
            value: o.value.to_string(),
            occurred_on: o.occurred_on.to_string(),
            lead_agency_id: o.lead_agency_id.clone(),
            contributing_agency_ids: o.contributing_agency_ids.clone(),
            status: o.status.clone(),
            notes: o.notes.clone(),
            revision_reason: String::new(),
            version: o.version,
        }
    }

    fn parse(&self, p: &Pages) -> Result<ParsedOutcome, FormErrors> {
        let mut errors = FormErrors::default();
        if self.indicator.trim().is_empty() {
            add(p, &mut errors, "indicator", "work-err-indicator-missing");
        }
        let raw = self.value.trim().replace([',', ' '], "");
        let value = if raw.is_empty() {
            add(p, &mut errors, "value", "work-err-value-missing");
            None
        } else {
            let v = raw.parse::<i64>().ok();
            if v.is_none() {
                add(p, &mut errors, "value", "work-err-value-number");
            }
            v
        };
        let occurred_on = parse_date(p, &mut errors, "occurred_on", &self.occurred_on, true);
        let status = match self.status.trim() {
            "" => None,
            s => {
                let parsed = OutcomeStatus::parse(s);
                if parsed.is_none() {
                    add(p, &mut errors, "status", "work-err-status-missing");
                }
                parsed
            }
        };
        match (value, occurred_on, errors.is_empty()) {
            (Some(value), Some(occurred_on), true) => Ok(ParsedOutcome {
                value,
                occurred_on,
                status,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Serialize)]
struct IndicatorGroup {
    group: &'static str,
    items: Vec<crate::i18n::ShownIndicator>,
}

fn indicator_groups() -> Vec<IndicatorGroup> {
    let mut groups: Vec<IndicatorGroup> = Vec::new();
    for i in INDICATORS {
        let shown = crate::i18n::indicator(crate::i18n::current(), i);
        match groups.iter_mut().find(|g| g.group == i.group) {
            Some(g) => g.items.push(shown),
            None => groups.push(IndicatorGroup {
                group: i.group,
                items: vec![shown],
            }),
        }
    }
    groups
}

/// The outcome form (report or revise).
#[allow(clippy::too_many_arguments)]
fn outcome_form(
    req: &HttpRequest,
    who: &SignedIn,
    scene: &Scene,
    status: StatusCode,
    outcome: Option<&OutcomeView>,
    current: Option<&OutcomeView>,
    revisions: &[RevisionView],
    values: &OutcomeInput,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let action = match outcome {
        Some(o) => format!("/outcomes/{}/edit", o.id),
        None => format!("/investigations/{}/outcomes/new", scene.inv.id),
    };
    let p = pages()?;
    let statuses: Vec<(&str, String)> = OutcomeStatus::ALL
        .iter()
        .map(|s| (s.as_str(), p.t(&format!("work-ostatus-{}", s.as_str()))))
        .collect();
    let involved: Vec<(String, String)> = scene
        .involved()
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let reporting = match outcome {
        Some(o) => Some(scene.name(&o.lead_agency_id)),
        None => who.caller.agency_id.as_deref().map(|a| scene.name(a)),
    };
    render(
        status,
        "work_outcome_form.html",
        scene.frame(who, req.path()),
        minijinja::context! {
            csrf => &who.csrf,
            outcome => outcome,
            heading => p.t(if outcome.is_some() { "work-outcome-edit-title" } else { "work-outcome-new-title" }),
            current => current.map(|c| minijinja::context! {
                o => c,
                label => indicators::find(&c.indicator)
                    .map(|i| crate::i18n::indicator(crate::i18n::current(), i).label),
                contributors => c.contributing_agency_ids.iter().map(|a| scene.name(a)).collect::<Vec<_>>(),
            }),
            revisions => revisions,
            values => values,
            errors => errors,
            action => action,
            groups => indicator_groups(),
            statuses => statuses,
            names_agency => outcome.is_none() && policy::names_outcome_agency(&who.caller),
            reporting => reporting,
            involved => involved,
            // The reporting agency is credited already: it is not offered as a contributor
            // (a coordinator picks it in the same form, so there every agency is listed).
            participants => scene.participants.iter().filter(|a| {
                outcome.is_none() && policy::names_outcome_agency(&who.caller)
                    || Some(a.id.as_str()) != outcome.map(|o| o.lead_agency_id.as_str()).or(who.caller.agency_id.as_deref())
            }).collect::<Vec<_>>(),
            ..scene.context(&who.caller)
        },
    )
}

/// `GET /investigations/{id}/outcomes/new`.
pub async fn outcome_new(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let scene = state
        .db
        .run(move |conn| Scene::load(conn, &caller, &id))
        .await?;
    if !policy::can_contribute(
        &who.caller,
        &scene.inv.lead_agency_id,
        &scene.inv.partner_agency_ids,
    ) {
        return Err(PageError::Forbidden);
    }
    let values = OutcomeInput {
        occurred_on: scene.today.to_string(),
        status: OutcomeStatus::Provisional.as_str().into(),
        lead_agency_id: scene.inv.lead_agency_id.clone(),
        ..Default::default()
    };
    outcome_form(
        &req,
        &who,
        &scene,
        StatusCode::OK,
        None,
        None,
        &[],
        &values,
        FormErrors::default(),
    )
}

/// `POST /investigations/{id}/outcomes/new`: `operations::outcomes::create`.
pub async fn outcome_create(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let id = path.into_inner();
    let values = OutcomeInput::from_fields(&form);
    let parsed = values.parse(p);
    let input = parsed.as_ref().ok().map(|o| CreateOutcome {
        indicator: values.indicator.trim().to_string(),
        value: o.value,
        occurred_on: o.occurred_on,
        // Only a field of the coordinators' form; a liaison who sends it is refused.
        lead_agency_id: optional(&values.lead_agency_id),
        contributing_agency_ids: values.contributing_agency_ids.clone(),
        status: o.status,
        notes: values.notes.clone(),
    });
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let (scene, result) = state
        .db
        .run(move |conn| {
            let scene = Scene::load(conn, &caller, &id)?;
            let result = input.map(|i| outcomes::create(conn, &caller, &ctx, &id, i));
            Ok((scene, result))
        })
        .await?;
    let (status, errors) = match (parsed, result) {
        (Err(errors), _) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        (_, Some(Ok(o))) => {
            return Ok(see_other(&format!(
                "{}?notice=outcome-reported#outcome-{}",
                scene.page_path(),
                o.id
            )))
        }
        (_, Some(Err(e))) => rejected(p, e, OUTCOME_INPUTS)?,
        (Ok(_), None) => return Err(PageError::Internal("outcome not created".into())),
    };
    outcome_form(&req, &who, &scene, status, None, None, &[], &values, errors)
}

/// An outcome with its investigation's scene and its revisions.
fn outcome_scene(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<(OutcomeView, Scene, Vec<RevisionView>), Error> {
    let o = outcomes::get(conn, caller, id)?;
    let mut scene = Scene::load(conn, caller, &o.investigation_id)?;
    let mut named = vec![o.lead_agency_id.clone()];
    named.extend(o.contributing_agency_ids.iter().cloned());
    scene.learn(conn, caller, &named)?;
    let revisions = outcomes::revisions(conn, caller, id)?.items;
    Ok((o, scene, revisions))
}

/// `GET /outcomes/{id}/edit`.
pub async fn outcome_edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let (o, scene, revisions) = state
        .db
        .run(move |conn| outcome_scene(conn, &caller, &id))
        .await?;
    if !policy::can_edit_outcome(&who.caller, &o.lead_agency_id) {
        return Err(PageError::Forbidden);
    }
    let values = OutcomeInput::from_view(&o);
    outcome_form(
        &req,
        &who,
        &scene,
        StatusCode::OK,
        Some(&o),
        None,
        &revisions,
        &values,
        FormErrors::default(),
    )
}

/// `POST /outcomes/{id}/edit`: `operations::outcomes::update` at `version`; a value
/// change needs `revision_reason`.
pub async fn outcome_update(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let id = path.into_inner();
    let version = version_of(&form)?;
    let mut values = OutcomeInput::from_fields(&form);
    values.version = version;
    let parsed = values.parse(p);
    let input = parsed.as_ref().ok().map(|o| UpdateOutcome {
        indicator: Some(values.indicator.trim().to_string()),
        value: Some(o.value),
        occurred_on: Some(o.occurred_on),
        // The form lists every participating agency: none ticked is none.
        contributing_agency_ids: Some(values.contributing_agency_ids.clone()),
        status: o.status,
        notes: Some(values.notes.clone()),
        revision_reason: optional(&values.revision_reason),
    });
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let (o, scene, revisions, result) = state
        .db
        .run(move |conn| {
            let result = input.map(|i| outcomes::update(conn, &caller, &ctx, &id, version, i));
            let (o, scene, revisions) = outcome_scene(conn, &caller, &id)?;
            Ok((o, scene, revisions, result))
        })
        .await?;
    let (status, errors) = match (parsed, result) {
        (Err(errors), _) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        (_, Some(Ok(o))) => {
            return Ok(see_other(&format!(
                "{}?notice=outcome-saved#outcome-{}",
                scene.page_path(),
                o.id
            )))
        }
        (_, Some(Err(e))) => rejected(p, e, OUTCOME_INPUTS)?,
        (Ok(_), None) => return Err(PageError::Internal("outcome not saved".into())),
    };
    let current = (status == StatusCode::CONFLICT && o.version != version).then_some(&o);
    if current.is_some() {
        values.version = o.version;
    }
    outcome_form(
        &req,
        &who,
        &scene,
        status,
        Some(&o),
        current,
        &revisions,
        &values,
        errors,
    )
}

/// `GET /outcomes/{id}/revisions`: the value's revision history, oldest first.
pub async fn outcome_revisions(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let (o, scene, revisions) = state
        .db
        .run(move |conn| outcome_scene(conn, &caller, &id))
        .await?;
    let ind = indicators::find(&o.indicator);
    render(
        StatusCode::OK,
        "work_outcome_revisions.html",
        scene.frame(&who, req.path()),
        minijinja::context! {
            outcome => &o,
            label => crate::i18n::indicator_label(crate::i18n::current(), &o.indicator),
            unit => ind.map_or_else(String::new, |i| crate::i18n::indicator(crate::i18n::current(), i).unit),
            lead => scene.name(&o.lead_agency_id),
            revisions => revisions,
            may_edit => scene.open() && policy::can_edit_outcome(&who.caller, &o.lead_agency_id),
            ..scene.context(&who.caller)
        },
    )
}

/// `POST /outcomes/{id}/confirm`: `csrf`, `version`, `next`: the figure becomes confirmed
/// (also in a closed JPA).
pub async fn outcome_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let id = path.into_inner();
    let version = version_of(&form)?;
    let values = ActionInput {
        achieved_on: String::new(),
        next: one(&form, "next"),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let (o, scene, result) = state
        .db
        .run(move |conn| {
            let input = UpdateOutcome {
                status: Some(OutcomeStatus::Confirmed),
                ..Default::default()
            };
            let result = outcomes::update(conn, &caller, &ctx, &id, version, input);
            let (o, scene, _) = outcome_scene(conn, &caller, &id)?;
            Ok((o, scene, result))
        })
        .await?;
    let (status, errors) = match result {
        Ok(done) => {
            let to = local_path(&values.next).unwrap_or_else(|| {
                format!(
                    "{}?notice=outcome-confirmed#outcome-{}",
                    scene.page_path(),
                    done.id
                )
            });
            return Ok(see_other(&to));
        }
        Err(e) => rejected(p, e, &["confirm"])?,
    };
    action_page(
        &req,
        &who,
        &scene,
        status,
        "confirm",
        None,
        Some(&o),
        &values,
        errors,
    )
}

/// `GET /outcomes/{id}/delete`: "are you sure?".
pub async fn outcome_delete_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let (o, scene, _) = state
        .db
        .run(move |conn| outcome_scene(conn, &caller, &id))
        .await?;
    if !policy::can_edit_outcome(&who.caller, &o.lead_agency_id) {
        return Err(PageError::Forbidden);
    }
    delete_page(&req, &who, &scene, None, Some(&o))
}

/// `POST /outcomes/{id}/delete`: `operations::outcomes::delete`.
pub async fn outcome_delete(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Fields>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let inv = state
        .db
        .run(move |conn| {
            let o = outcomes::get(conn, &caller, &id)?;
            outcomes::delete(conn, &caller, &ctx, &id)?;
            Ok(o.investigation_id)
        })
        .await?;
    Ok(see_other(&format!(
        "/investigations/{inv}?notice=outcome-deleted#outcomes"
    )))
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "work_investigation.html",
    "work_milestone_form.html",
    "work_outcome_form.html",
    "work_outcome_revisions.html",
    "work_action.html",
    "work_delete.html",
    "work_breadcrumbs.html",
    "work_revisions_table.html",
];

/// Mounts the investigation page and the forms of its milestones and outcomes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/investigations/{id}", web::get().to(investigation))
        .service(
            web::resource("/investigations/{id}/milestones/new")
                .route(web::get().to(milestone_new))
                .route(web::post().to(milestone_create)),
        )
        .service(
            web::resource("/milestones/{id}/edit")
                .route(web::get().to(milestone_edit))
                .route(web::post().to(milestone_update)),
        )
        .route(
            "/milestones/{id}/achieve",
            web::post().to(milestone_achieve),
        )
        .route("/milestones/{id}/cancel", web::post().to(milestone_cancel))
        .service(
            web::resource("/milestones/{id}/delete")
                .route(web::get().to(milestone_delete_confirm))
                .route(web::post().to(milestone_delete)),
        )
        .service(
            web::resource("/investigations/{id}/outcomes/new")
                .route(web::get().to(outcome_new))
                .route(web::post().to(outcome_create)),
        )
        .service(
            web::resource("/outcomes/{id}/edit")
                .route(web::get().to(outcome_edit))
                .route(web::post().to(outcome_update)),
        )
        .route("/outcomes/{id}/revisions", web::get().to(outcome_revisions))
        .route("/outcomes/{id}/confirm", web::post().to(outcome_confirm))
        .service(
            web::resource("/outcomes/{id}/delete")
                .route(web::get().to(outcome_delete_confirm))
                .route(web::post().to(outcome_delete)),
        );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{
        CrimeType, IndicatorStrength, InvestigationStatus, LegKind, LinkRelation, ModusOperandi,
        Sensitivity, TransportMode,
    };

    #[test]
    fn every_message_id_built_from_a_code_exists() {
        let c = &pages().unwrap().catalogue;
        let mut ids: Vec<String> = Vec::new();
        let mut each = |prefix: &str, codes: Vec<&str>| {
            ids.extend(codes.into_iter().map(|code| format!("{prefix}{code}")));
        };
        each(
            "work-kind-",
            MilestoneKind::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-mstatus-",
            MilestoneStatus::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-ostatus-",
            OutcomeStatus::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-crime-",
            CrimeType::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-inv-status-",
            InvestigationStatus::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        );
        each(
            "work-leg-",
            LegKind::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-mode-",
            TransportMode::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-mo-",
            ModusOperandi::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-sensitivity-",
            Sensitivity::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-strength-",
            IndicatorStrength::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each(
            "work-relation-",
            LinkRelation::ALL.iter().map(|k| k.as_str()).collect(),
        );
        each("work-group-", INDICATORS.iter().map(|i| i.group).collect());
        each("work-action-", vec!["achieve", "cancel", "confirm"]);
        each(
            "work-field-",
            MILESTONE_INPUTS
                .iter()
                .chain(OUTCOME_INPUTS)
                .copied()
                .collect(),
        );
        each("work-err-", vec!["due_on-missing", "occurred_on-missing"]);
        for id in ids {
            assert!(c.has(&id), "{id}");
        }
        for (field, message) in [
            ("title", "must not be empty"),
            ("value", "must be 0 or more"),
        ] {
            assert!(c.has(message_id(field, message).unwrap()));
        }
    }

    #[test]
    fn next_is_a_local_path_only() {
        assert_eq!(local_path("/jpas/1").as_deref(), Some("/jpas/1"));
        assert_eq!(local_path("/x?y=1#z").as_deref(), Some("/x?y=1#z"));
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "",
            "x",
            "/a\nb",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }
}
