//! The operations: one function per use case, behind every face (the JSON API in
//! `routes`, the CLI, and the pages to come). Each takes who is acting (`Caller`), typed
//! input and a connection; it authorizes through `auth::policy`, validates, runs the
//! transaction (every write a compare-and-set, see `db`), writes the audit record, queues
//! mail, and returns a view or a domain `Error`. Nothing here knows HTTP: a face parses the
//! request, calls one operation inside `Db::run`, and renders what comes back.
//!
//! One file per resource. `views` holds the shapes both faces show, built in one place
//! (the investigation with its redactions, a milestone with `overdue`, a return with
//! `on_time`).

pub mod accounts;
pub mod admin;
pub mod agencies;
pub mod audit;
pub mod investigations;
pub mod jpas;
pub mod mfa;
pub mod milestones;
pub mod outcomes;
pub mod reports;
pub mod returns;
pub mod sessions;
pub mod users;
pub mod views;
pub mod work_plans;

use chrono::NaiveDateTime;
use serde::Serialize;

/// Who acts, in which request, from where: what the audit record of a change names.
pub use crate::db::audit::AuditContext;
pub use crate::error::Error;

/// What an operation returns.
pub type Result<T> = std::result::Result<T, Error>;

/// A parsed `limit` and `cursor`.
#[derive(Debug, Clone)]
pub struct Page {
    pub limit: i64,
    pub after: Option<(NaiveDateTime, String)>,
}

/// `<microseconds since the epoch>_<id>` of the last row of a page (the form
/// `schemas::CURSOR` documents). Clients treat it as opaque; every string of that form
/// is a valid position, so a cursor cannot make a list fail.
pub fn encode_cursor(at: NaiveDateTime, id: &str) -> String {
    format!("{}_{id}", at.and_utc().timestamp_micros())
}

/// A list response: one page of items, newest first, and the cursor of the next page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListResponse<T: Serialize> {
    pub items: Vec<T>,
    /// The `cursor` of the next page; `null` on the last one.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

/// Builds a list response from rows fetched with `limit`: a full page has a next cursor.
pub fn list_response<R, T: Serialize>(
    rows: Vec<R>,
    limit: i64,
    key: impl Fn(&R) -> (NaiveDateTime, String),
    view: impl FnMut(R) -> T,
) -> ListResponse<T> {
    let next_cursor = if rows.len() as i64 == limit {
        rows.last().map(|r| {
            let (at, id) = key(r);
            encode_cursor(at, &id)
        })
    } else {
        None
    };
    ListResponse {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }
}

/// A stored instant (UTC) as the views show it.
pub fn ts(t: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    t.and_utc()
}

/// What an operation that queues mail needs to know of the service: the base of the
/// links in mails, and the domain of the Message-IDs.
#[derive(Debug, Clone)]
pub struct Mailing {
    pub public_url: String,
    pub message_domain: String,
}

/// The write transaction of an operation (`db::write_tx`: `BEGIN IMMEDIATE` on SQLite).
pub(crate) fn write<T>(
    conn: &mut crate::db::DbConnection,
    f: impl FnOnce(&mut crate::db::DbConnection) -> Result<T>,
) -> Result<T> {
    crate::db::write_tx(conn, f)
}

/// Whether an audit diff (`db::audit::diff`) records no change: the write is then skipped.
pub(crate) fn unchanged(changes: &serde_json::Value) -> bool {
    changes.as_object().is_some_and(|fields| fields.is_empty())
}
