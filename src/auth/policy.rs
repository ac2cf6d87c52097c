//! The access rules of DOMAIN.md, as data: which roles may use each route. Handlers call
//! `require`; they never compare roles themselves. `ROUTES` lists every signed-in route
//! with its rule, and the route x role test walks it (a route missing here fails that test).
//!
//! Row-level visibility (which JPAs and investigations a liaison sees) lives here too as
//! query filters once those resources exist.

use crate::domain::Role;
use crate::error::ApiError;

use Role::{Admin as A, CoChair as C, Liaison as L, Observer as O};

/// Something a signed-in caller may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ReadSelf,
    ChangeOwnPassword,
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
}

/// The roles allowed to perform `action`.
pub fn allowed_roles(action: Action) -> &'static [Role] {
    match action {
        Action::ReadSelf | Action::ChangeOwnPassword | Action::Logout => &[A, C, L, O],
        Action::ListUsers | Action::CreateUser | Action::ReadUser | Action::UpdateUser => &[A],
        Action::ListAgencies | Action::ReadAgency => &[A, C, L, O],
        Action::CreateAgency | Action::UpdateAgency => &[A, C],
        Action::ReadAudit => &[A, C],
        Action::ReadOutbox => &[A],
    }
}

/// 403 unless the caller's role may perform `action`.
pub fn require(role: Role, action: Action) -> Result<(), ApiError> {
    if allowed_roles(action).contains(&role) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Every route that needs a signed-in caller: method, path (as in the OpenAPI document)
/// and the rule it applies.
pub const ROUTES: &[(&str, &str, Action)] = &[
    ("GET", "/api/v1/me", Action::ReadSelf),
    ("POST", "/api/v1/me/password", Action::ChangeOwnPassword),
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
];

/// Routes anyone may call without signing in.
pub const PUBLIC_ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/set-password"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/password-reset"),
    ("POST", "/api/v1/auth/password-reset/confirm"),
];
