//! The access rules of DOMAIN.md, as data: which roles may use each route. Handlers call
//! `require`; they never compare roles themselves. `ROUTES` lists every signed-in route
//! with its rule, and the route x role test walks it (a route missing here fails that test).
//!
//! Row-level visibility lives here too: `jpa_scope` and `investigation_scope` are the
//! filters the queries in `db::jpas` and `db::investigations` apply, and the `may_*`
//! functions decide what a caller may change on an object it can see.

use crate::auth::Caller;
use crate::domain::Role;
use crate::error::Error;

use Role::{Admin as A, CoChair as C, Liaison as L, Observer as O};

/// Something a signed-in caller may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ReadSelf,
    UpdateSelf,
    ChangeOwnPassword,
    ManageOwnMfa,
    Logout,
    ListUsers,
    CreateUser,
    ReadUser,
    UpdateUser,
    ListAgencies,
    ReadAgency,
    CreateAgency,
    UpdateAgency,
    ReadAudit,
    ReadOutbox,
    RunReminders,
    ReadIndicators,
    ListJpas,
    ReadJpa,
    CreateJpa,
    UpdateJpa,
    ListParticipants,
    ManageParticipants,
    ListInvestigations,
    ReadInvestigation,
    CreateInvestigation,
    UpdateInvestigation,
    ManagePartners,
    ListLinks,
    ManageLinks,
    ListMilestones,
    CreateMilestone,
    UpdateMilestone,
    ListOutcomes,
    CreateOutcome,
    UpdateOutcome,
    ListOutcomeRevisions,
    ListReturns,
    WriteReturn,
    ReadCompliance,
    ReadProgress,
    Export,
    ReadCompendium,
    ReadWorkPlan,
    ManageWorkPlan,
    RecordInterest,
}

/// The roles allowed to perform `action`.
pub fn allowed_roles(action: Action) -> &'static [Role] {
    match action {
        Action::ReadSelf
        | Action::UpdateSelf
        | Action::ChangeOwnPassword
        | Action::ManageOwnMfa
        | Action::Logout => &[A, C, L, O],
        Action::ListUsers | Action::CreateUser | Action::ReadUser | Action::UpdateUser => &[A],
        Action::ListAgencies | Action::ReadAgency => &[A, C, L, O],
        Action::CreateAgency | Action::UpdateAgency => &[A, C],
        Action::ReadAudit => &[A, C],
        Action::ReadOutbox | Action::RunReminders => &[A],
        Action::ReadIndicators => &[A, C, L, O],
        Action::ListJpas | Action::ReadJpa | Action::ListParticipants => &[A, C, L, O],
        Action::CreateJpa | Action::UpdateJpa | Action::ManageParticipants => &[A, C],
        // Observers see aggregates only, never investigation records.
        Action::ListInvestigations
        | Action::ReadInvestigation
        | Action::CreateInvestigation
        | Action::UpdateInvestigation
        | Action::ManagePartners
        | Action::ListLinks
        | Action::ManageLinks
        | Action::ListMilestones
        | Action::CreateMilestone
        | Action::UpdateMilestone
        | Action::ListOutcomes
        | Action::CreateOutcome
        | Action::UpdateOutcome
        | Action::ListOutcomeRevisions => &[A, C, L],
        Action::ListReturns | Action::WriteReturn | Action::ReadCompliance => &[A, C, L],
        Action::ReadProgress => &[A, C, L, O],
        Action::Export => &[A, C],
        Action::ReadCompendium => &[A, C, O],
        // The forward work plan is the working group's, read by every member.
        Action::ReadWorkPlan => &[A, C, L, O],
        Action::ManageWorkPlan => &[A, C],
        // Liaisons for their agency's country, observers for their organisation
        // (`may_record_interest`).
        Action::RecordInterest => &[A, C, L, O],
    }
}

/// 403 unless the caller's role may perform `action`.
pub fn require(role: Role, action: Action) -> Result<(), Error> {
    if allowed_roles(action).contains(&role) {
        Ok(())
    } else {
        tracing::warn!(event = "authz.denied", role = role.as_str(), action = ?action, "route refused to this role");
        Err(Error::Forbidden)
    }
}

/// Every route that needs a signed-in caller: method, path (as in the OpenAPI document)
/// and the rule it applies.
pub const ROUTES: &[(&str, &str, Action)] = &[
    ("GET", "/api/v1/me", Action::ReadSelf),
    ("PATCH", "/api/v1/me", Action::UpdateSelf),
    ("POST", "/api/v1/me/password", Action::ChangeOwnPassword),
    ("POST", "/api/v1/me/totp/enroll", Action::ManageOwnMfa),
    ("POST", "/api/v1/me/totp/confirm", Action::ManageOwnMfa),
    ("POST", "/api/v1/me/totp/disable", Action::ManageOwnMfa),
    ("POST", "/api/v1/auth/logout", Action::Logout),
    ("GET", "/api/v1/users", Action::ListUsers),
    ("POST", "/api/v1/users", Action::CreateUser),
    ("GET", "/api/v1/users/{id}", Action::ReadUser),
    ("PATCH", "/api/v1/users/{id}", Action::UpdateUser),
    ("GET", "/api/v1/agencies", Action::ListAgencies),
    ("POST", "/api/v1/agencies", Action::CreateAgency),
    ("GET", "/api/v1/agencies/{id}", Action::ReadAgency),
    ("PATCH", "/api/v1/agencies/{id}", Action::UpdateAgency),
    ("GET", "/api/v1/audit", Action::ReadAudit),
    ("GET", "/api/v1/admin/emails", Action::ReadOutbox),
    ("POST", "/api/v1/admin/reminders/run", Action::RunReminders),
    ("GET", "/api/v1/indicators", Action::ReadIndicators),
    ("GET", "/api/v1/jpas", Action::ListJpas),
    ("POST", "/api/v1/jpas", Action::CreateJpa),
    ("GET", "/api/v1/jpas/{id}", Action::ReadJpa),
    ("PATCH", "/api/v1/jpas/{id}", Action::UpdateJpa),
    (
        "GET",
        "/api/v1/jpas/{id}/agencies",
        Action::ListParticipants,
    ),
    (
        "PUT",
        "/api/v1/jpas/{id}/agencies/{agency_id}",
        Action::ManageParticipants,
    ),
    (
        "DELETE",
        "/api/v1/jpas/{id}/agencies/{agency_id}",
        Action::ManageParticipants,
    ),
    (
        "GET",
        "/api/v1/jpas/{id}/investigations",
        Action::ListInvestigations,
    ),
    (
        "POST",
        "/api/v1/jpas/{id}/investigations",
        Action::CreateInvestigation,
    ),
    (
        "GET",
        "/api/v1/investigations/{id}",
        Action::ReadInvestigation,
    ),
    (
        "PATCH",
        "/api/v1/investigations/{id}",
        Action::UpdateInvestigation,
    ),
    (
        "PUT",
        "/api/v1/investigations/{id}/partners/{agency_id}",
        Action::ManagePartners,
    ),
    (
        "DELETE",
        "/api/v1/investigations/{id}/partners/{agency_id}",
        Action::ManagePartners,
    ),
    (
        "GET",
        "/api/v1/investigations/{id}/links",
        Action::ListLinks,
    ),
    (
        "POST",
        "/api/v1/investigations/{id}/links",
        Action::ManageLinks,
    ),
    (
        "DELETE",
        "/api/v1/investigations/{id}/links/{other_id}",
        Action::ManageLinks,
    ),
    (
        "GET",
        "/api/v1/investigations/{id}/milestones",
        Action::ListMilestones,
    ),
    (
        "POST",
        "/api/v1/investigations/{id}/milestones",
        Action::CreateMilestone,
    ),
    ("PATCH", "/api/v1/milestones/{id}", Action::UpdateMilestone),
    ("DELETE", "/api/v1/milestones/{id}", Action::UpdateMilestone),
    (
        "GET",
        "/api/v1/investigations/{id}/outcomes",
        Action::ListOutcomes,
    ),
    (
        "POST",
        "/api/v1/investigations/{id}/outcomes",
        Action::CreateOutcome,
    ),
    ("PATCH", "/api/v1/outcomes/{id}", Action::UpdateOutcome),
    ("DELETE", "/api/v1/outcomes/{id}", Action::UpdateOutcome),
    (
        "GET",
        "/api/v1/outcomes/{id}/revisions",
        Action::ListOutcomeRevisions,
    ),
    ("GET", "/api/v1/jpas/{id}/returns", Action::ListReturns),
    (
        "PUT",
        "/api/v1/jpas/{id}/returns/{period}",
        Action::WriteReturn,
    ),
    (
        "POST",
        "/api/v1/jpas/{id}/returns/{period}/submit",
        Action::WriteReturn,
    ),
    (
        "GET",
        "/api/v1/jpas/{id}/compliance",
        Action::ReadCompliance,
    ),
    ("GET", "/api/v1/jpas/{id}/progress", Action::ReadProgress),
    ("GET", "/api/v1/jpas/{id}/export/{kind}.csv", Action::Export),
    (
        "GET",
        "/api/v1/jpas/{id}/compendium",
        Action::ReadCompendium,
    ),
    ("GET", "/api/v1/compendium", Action::ReadCompendium),
    ("GET", "/api/v1/work-plans", Action::ReadWorkPlan),
    ("POST", "/api/v1/work-plans", Action::ManageWorkPlan),
    ("GET", "/api/v1/work-plans/{id}", Action::ReadWorkPlan),
    ("PATCH", "/api/v1/work-plans/{id}", Action::ManageWorkPlan),
    (
        "GET",
        "/api/v1/work-plans/{id}/action-items",
        Action::ReadWorkPlan,
    ),
    (
        "POST",
        "/api/v1/work-plans/{id}/action-items",
        Action::ManageWorkPlan,
    ),
    ("GET", "/api/v1/action-items/{id}", Action::ReadWorkPlan),
    ("PATCH", "/api/v1/action-items/{id}", Action::ManageWorkPlan),
    (
        "GET",
        "/api/v1/action-items/{id}/interests",
        Action::ReadWorkPlan,
    ),
    (
        "POST",
        "/api/v1/action-items/{id}/interests",
        Action::RecordInterest,
    ),
    ("DELETE", "/api/v1/interests/{id}", Action::RecordInterest),
    (
        "GET",
        "/api/v1/work-plans/{id}/meetings",
        Action::ReadWorkPlan,
    ),
    (
        "POST",
        "/api/v1/work-plans/{id}/meetings",
        Action::ManageWorkPlan,
    ),
    ("GET", "/api/v1/meetings/{id}", Action::ReadWorkPlan),
    ("PATCH", "/api/v1/meetings/{id}", Action::ManageWorkPlan),
    (
        "GET",
        "/api/v1/meetings/{id}/status-updates",
        Action::ReadWorkPlan,
    ),
    (
        "POST",
        "/api/v1/meetings/{id}/status-updates",
        Action::ManageWorkPlan,
    ),
    ("GET", "/api/v1/meetings/{id}/table", Action::ReadWorkPlan),
    (
        "GET",
        "/api/v1/meetings/{id}/table.md",
        Action::ReadWorkPlan,
    ),
    (
        "GET",
        "/api/v1/meetings/{id}/table.csv",
        Action::ReadWorkPlan,
    ),
];

/// Routes a user whose role must use two-factor sign-in (`auth.require_mfa_roles`) may
/// still call before enrolling: enough to enrol, change the password and sign out.
pub const BEFORE_MFA_ENROLMENT: &[&str] = &[
    "/api/v1/me",
    "/api/v1/me/password",
    "/api/v1/me/totp/enroll",
    "/api/v1/me/totp/confirm",
    "/api/v1/auth/logout",
];

/// Routes anyone may call without signing in.
pub const PUBLIC_ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/set-password"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/login/totp"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/password-reset"),
    ("POST", "/api/v1/auth/password-reset/confirm"),
];

/// Which rows of a kind a caller may see, applied inside the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only rows this agency takes part in.
    Agency(String),
    Nothing,
}

/// JPAs: a liaison sees those its agency participates in; everyone else sees all.
pub fn jpa_scope(caller: &Caller) -> Scope {
    match (caller.role, &caller.agency_id) {
        (Role::Liaison, Some(agency)) => Scope::Agency(agency.clone()),
        (Role::Liaison, None) => Scope::Nothing,
        _ => Scope::All,
    }
}

/// Investigations: admins and co-chairs see all; a liaison those its agency leads or
/// partners; observers none.
pub fn investigation_scope(caller: &Caller) -> Scope {
    match (caller.role, &caller.agency_id) {
        (Role::Admin | Role::CoChair, _) => Scope::All,
        (Role::Liaison, Some(agency)) => Scope::Agency(agency.clone()),
        _ => Scope::Nothing,
    }
}

/// Whose route legs a caller's route matrix counts. Route legs are a protected field:
/// a restricted investigation's count only for its own lead and partner agencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteScope {
    /// Every standard investigation of the JPA (admins, co-chairs; observers, who see
    /// the totals only).
    Standard,
    /// The investigations this agency leads or partners, restricted ones included: the
    /// ones its liaison may see.
    Agency(String),
    Nothing,
}

pub fn route_scope(caller: &Caller) -> RouteScope {
    match (caller.role, &caller.agency_id) {
        (Role::Admin | Role::CoChair | Role::Observer, _) => RouteScope::Standard,
        (Role::Liaison, Some(agency)) => RouteScope::Agency(agency.clone()),
        (Role::Liaison, None) => RouteScope::Nothing,
    }
}

/// Whether the caller's agency is the lead or a partner (and so sees protected fields
/// of a restricted investigation).
pub fn takes_part(caller: &Caller, lead_agency_id: &str, partner_ids: &[String]) -> bool {
    caller
        .agency_id
        .as_deref()
        .is_some_and(|a| a == lead_agency_id || partner_ids.iter().any(|p| p == a))
}

fn is_coordinator(caller: &Caller) -> bool {
    matches!(caller.role, Role::Admin | Role::CoChair)
}

fn is_liaison_of(caller: &Caller, agency_id: &str) -> bool {
    caller.role == Role::Liaison && caller.agency_id.as_deref() == Some(agency_id)
}

/// 403 unless the caller may record or withdraw an interest for a member: coordinators
/// for any member; a liaison for its agency's country and an observer for its
/// organisation (`for_own_member`: the member is the caller's own, as
/// `operations::work_plans::own_member` finds it).
pub fn may_record_interest(caller: &Caller, for_own_member: bool) -> Result<(), Error> {
    allow(can_record_interest(caller, for_own_member))
}

/// `may_record_interest` as a yes/no.
pub fn can_record_interest(caller: &Caller, for_own_member: bool) -> bool {
    is_coordinator(caller)
        || (matches!(caller.role, Role::Liaison | Role::Observer) && for_own_member)
}

/// 403 unless the caller may edit an investigation's own fields and partners.
pub fn may_edit_investigation(caller: &Caller, lead_agency_id: &str) -> Result<(), Error> {
    allow(can_edit_investigation(caller, lead_agency_id))
}

/// `may_edit_investigation` as a yes/no, for a page deciding which links to show (no
/// "denied" log line: nothing was refused).
pub fn can_edit_investigation(caller: &Caller, lead_agency_id: &str) -> bool {
    is_coordinator(caller) || is_liaison_of(caller, lead_agency_id)
}

/// 403 unless the caller may link or unlink these investigations (lead of either end).
pub fn may_link(caller: &Caller, lead_a: &str, lead_b: &str) -> Result<(), Error> {
    allow(can_link(caller, lead_a, lead_b))
}

/// `may_link` as a yes/no.
pub fn can_link(caller: &Caller, lead_a: &str, lead_b: &str) -> bool {
    is_coordinator(caller) || is_liaison_of(caller, lead_a) || is_liaison_of(caller, lead_b)
}

/// 403 unless the caller may add milestones or outcomes to an investigation it sees
/// (coordinators, or a liaison of the lead or a partner agency).
pub fn may_contribute(
    caller: &Caller,
    lead_agency_id: &str,
    partner_ids: &[String],
) -> Result<(), Error> {
    allow(can_contribute(caller, lead_agency_id, partner_ids))
}

/// `may_contribute` as a yes/no.
pub fn can_contribute(caller: &Caller, lead_agency_id: &str, partner_ids: &[String]) -> bool {
    is_coordinator(caller)
        || (caller.role == Role::Liaison && takes_part(caller, lead_agency_id, partner_ids))
}

/// 403 unless the caller may change or delete a milestone.
pub fn may_edit_milestone(
    caller: &Caller,
    lead_agency_id: &str,
    responsible_agency_id: &str,
) -> Result<(), Error> {
    allow(can_edit_milestone(
        caller,
        lead_agency_id,
        responsible_agency_id,
    ))
}

/// `may_edit_milestone` as a yes/no.
pub fn can_edit_milestone(
    caller: &Caller,
    lead_agency_id: &str,
    responsible_agency_id: &str,
) -> bool {
    is_coordinator(caller)
        || is_liaison_of(caller, lead_agency_id)
        || is_liaison_of(caller, responsible_agency_id)
}

/// 403 unless the caller may change or delete an outcome.
pub fn may_edit_outcome(caller: &Caller, outcome_lead_agency_id: &str) -> Result<(), Error> {
    allow(can_edit_outcome(caller, outcome_lead_agency_id))
}

/// `may_edit_outcome` as a yes/no (it also decides who confirms a provisional figure).
pub fn can_edit_outcome(caller: &Caller, outcome_lead_agency_id: &str) -> bool {
    is_coordinator(caller) || is_liaison_of(caller, outcome_lead_agency_id)
}

/// Whether a coordinator names the reporting agency of an outcome (`lead_agency_id`); a
/// liaison's outcomes are always its own agency's.
pub fn names_outcome_agency(caller: &Caller) -> bool {
    is_coordinator(caller)
}

/// The agency whose monthly return the caller acts on: a liaison's own agency (another
/// agency's id is 403); coordinators must name one.
pub fn return_agency(caller: &Caller, requested: Option<&str>) -> Result<String, Error> {
    match caller.role {
        Role::Liaison => {
            let own = caller.agency_id.clone().ok_or(Error::Forbidden)?;
            match requested {
                Some(other) if other != own => Err(Error::Forbidden),
                _ => Ok(own),
            }
        }
        // The JSON face answers a missing ?agency_id= with 400 before it gets here
        // (`coordinator_must_name_agency`).
        Role::Admin | Role::CoChair => requested
            .map(str::to_string)
            .ok_or_else(|| Error::invalid("agency_id", "is required for this role")),
        Role::Observer => Err(Error::Forbidden),
    }
}

/// Whether the caller acts on a monthly return only by naming its agency (`?agency_id=`).
pub fn coordinator_must_name_agency(caller: &Caller) -> bool {
    matches!(caller.role, Role::Admin | Role::CoChair)
}

fn allow(ok: bool) -> Result<(), Error> {
    if ok {
        Ok(())
    } else {
        tracing::warn!(
            event = "authz.denied",
            "change refused on an object the caller can see"
        );
        Err(Error::Forbidden)
    }
}

/// The methods the API serves at `path` (matched against the route templates), for
/// answering an unserved method with 405 and `Allow`.
pub fn methods_for(path: &str) -> Vec<&'static str> {
    fn matches(template: &str, path: &str) -> bool {
        let (t, p): (Vec<&str>, Vec<&str>) =
            (template.split('/').collect(), path.split('/').collect());
        t.len() == p.len()
            && t.iter()
                .zip(&p)
                .all(|(t, p)| match (t.find('{'), t.find('}')) {
                    (Some(0), Some(end)) => {
                        p.len() > end && p.ends_with(&t[end + 1..])
                            || (end + 1 == t.len() && !p.is_empty())
                    }
                    _ => t == p,
                })
    }
    let mut methods: Vec<&'static str> = ROUTES
        .iter()
        .map(|(m, t, _)| (*m, *t))
        .chain(PUBLIC_ROUTES.iter().copied())
        .filter(|(_, t)| matches(t, path))
        .map(|(m, _)| m)
        .collect();
    methods.sort_unstable();
    methods.dedup();
    methods
}

#[cfg(test)]
mod tests {
    use super::methods_for;

    #[test]
    fn paths_map_to_the_methods_served_there() {
        assert_eq!(methods_for("/api/v1/users"), vec!["GET", "POST"]);
        assert_eq!(methods_for("/api/v1/users/abc"), vec!["GET", "PATCH"]);
        assert_eq!(
            methods_for("/api/v1/jpas/x/export/outcomes.csv"),
            vec!["GET"]
        );
        assert_eq!(methods_for("/ready"), vec!["GET"]);
        assert!(methods_for("/api/v1/nothing").is_empty());
        assert!(methods_for("/api/v1/users/a/b").is_empty());
    }
}
