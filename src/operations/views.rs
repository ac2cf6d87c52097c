//! Response shapes shared by several routes.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ts;
use crate::db::agencies::AgencyRow;
use crate::db::users::UserRow;

/// A user as the API shows it (never the password hash).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub agency_id: Option<String>,
    pub active: bool,
    /// The language of the user's pages and mails (`en`, `id`, `th`, `vi`, `ms`,
    /// `zh-Hans`).
    pub locale: String,
    /// The international organisation an observer belongs to (`UNODC`, `IOM`, ...);
    /// `null` for other roles. It is the member an observer registers interest for.
    pub organisation: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> UserView {
        UserView {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            agency_id: u.agency_id,
            active: u.active,
            locale: u.locale,
            organisation: u.organisation,
            version: u.version,
            created_at: ts(u.created_at),
            updated_at: ts(u.updated_at),
        }
    }
}

impl UserView {
    /// The fields the audit log may record.
    pub fn audit_fields(&self) -> serde_json::Value {
        serde_json::json!({
            "email": self.email, "display_name": self.display_name, "role": self.role,
            "agency_id": self.agency_id, "active": self.active, "locale": self.locale,
            "organisation": self.organisation,
        })
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgencyView {
    pub id: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub contact_email: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<AgencyRow> for AgencyView {
    fn from(a: AgencyRow) -> AgencyView {
        AgencyView {
            id: a.id,
            name: a.name,
            country: a.country,
            kind: a.kind,
            contact_email: a.contact_email,
            version: a.version,
            created_at: ts(a.created_at),
            updated_at: ts(a.updated_at),
        }
    }
}

impl AgencyView {
    pub fn audit_fields(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name, "country": self.country, "kind": self.kind,
            "contact_email": self.contact_email,
        })
    }
}
