//! User administration (admin only): list, invite, read, change.

use chrono::TimeDelta;
use serde::Deserialize;

use super::views::UserView;
use super::{list_response, unchanged, write, ListResponse, Mailing, Page, Result};
use crate::auth::policy::{require, Action};
use crate::auth::{random_token, token_hash, Caller};
use crate::db::audit::{self, diff, AuditContext};
use crate::db::users::UserRow;
use crate::db::{self, agencies, outbox, sessions, tokens, users, DbConnection};
use crate::domain::{required_text, Email, Role};
use crate::email::messages;
use crate::error::{Error, FieldError};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[schema(schema_with = crate::schemas::email)]
    pub email: String,
    #[schema(schema_with = crate::schemas::required_text_200)]
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    #[schema(format = Uuid)]
    pub agency_id: Option<String>,
    /// The language of the user's pages and mails; default: the language of the agency's
    /// country where one fits, else `en`.
    #[serde(default)]
    #[schema(schema_with = crate::schemas::locale)]
    pub locale: Option<String>,
    /// Observers only: the international organisation they belong to (`UNODC`, `IOM`).
    #[serde(default)]
    #[schema(schema_with = crate::schemas::required_text_100_or_null)]
    pub organisation: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[schema(schema_with = crate::schemas::required_text_200_or_null)]
    pub display_name: Option<String>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "crate::domain::input::double_option")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub agency_id: Option<Option<String>>,
    pub active: Option<bool>,
    #[schema(schema_with = crate::schemas::locale)]
    pub locale: Option<String>,
    /// Observers only; `null` removes it. A user who stops being an observer loses it.
    #[serde(default, deserialize_with = "crate::domain::input::double_option")]
    #[schema(schema_with = crate::schemas::required_text_100_or_null)]
    pub organisation: Option<Option<String>>,
}

/// What a user may change of their own account (`PATCH /api/v1/me`, the language form
/// of `/me`): the language. Role, agency and the rest are the admin's.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    #[schema(schema_with = crate::schemas::locale)]
    pub locale: Option<String>,
}

/// Changes the caller's own language (audited like an admin's change, as `user.update`).
pub fn update_me(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    expected: i64,
    input: UpdateMe,
) -> Result<UserView> {
    require(caller.role, Action::UpdateSelf)?;
    let locale = input
        .locale
        .as_deref()
        .map(check_locale)
        .transpose()
        .map_err(|e| Error::Invalid(vec![e]))?;
    write(conn, |conn| {
        let before = users::find(conn, &caller.user_id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        let mut after = before.clone();
        if let Some(locale) = locale {
            after.locale = locale.to_string();
        }
        save(conn, ctx, &before, after)
    })
}

/// Writes a changed user (compare-and-set on its version) with its audit record; ends
/// its sessions when it was deactivated. A change that changes nothing keeps the version:
/// other holders of the ETag are not sent a 412 for nothing, and the audit log records
/// no non-event.
fn save(
    conn: &mut DbConnection,
    ctx: &AuditContext,
    before: &UserRow,
    after: UserRow,
) -> Result<UserView> {
    let changes = diff(
        &UserView::from(before.clone()).audit_fields(),
        &UserView::from(after.clone()).audit_fields(),
    );
    if unchanged(&changes) {
        return Ok(UserView::from(after));
    }
    let now = db::now();
    db::versioned(users::update(conn, &after, now)?)?;
    if before.active && !after.active {
        sessions::revoke_all_for_user(conn, &after.id, None, now)?;
    }
    audit::record(conn, ctx, "user.update", "user", &after.id, changes, now)?;
    Ok(users::find(conn, &after.id)?.into())
}

/// A language the service has, or a field error.
fn check_locale(raw: &str) -> std::result::Result<&'static str, FieldError> {
    crate::domain::locale::parse(raw).ok_or_else(|| FieldError {
        field: "locale".into(),
        message: format!(
            "must be one of {}",
            crate::domain::locale::LANGUAGES.join(", ")
        ),
    })
}

/// An organisation's name as given (trimmed, 1 to 100 characters, one line).
fn check_organisation(raw: &str) -> std::result::Result<String, FieldError> {
    required_text("organisation", raw, 100)
}

/// Only observers belong to an organisation.
fn organisation_for(role: Role, organisation: &Option<String>) -> Result<()> {
    if organisation.is_some() && role != Role::Observer {
        return Err(Error::invalid(
            "organisation",
            "is only for observers (international organisations)",
        ));
    }
    Ok(())
}

/// A liaison needs an agency; a given agency must exist.
fn check_agency(conn: &mut DbConnection, role: Role, agency_id: &Option<String>) -> Result<()> {
    match agency_id {
        None if role == Role::Liaison => {
            Err(Error::invalid("agency_id", "is required for a liaison"))
        }
        None => Ok(()),
        Some(id) => {
            let known = uuid::Uuid::parse_str(id).is_ok() && agencies::exists(conn, id)?;
            if known {
                Ok(())
            } else {
                Err(Error::invalid(
                    "agency_id",
                    "does not name an existing agency",
                ))
            }
        }
    }
}

/// A page of users, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    page: Page,
) -> Result<ListResponse<UserView>> {
    require(caller.role, Action::ListUsers)?;
    let rows = users::list(conn, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |u| (u.created_at, u.id.clone()),
        UserView::from,
    ))
}

/// A user as the administration list shows it: the user and whether they sign in with
/// a second factor (never the secret).
#[derive(Debug, serde::Serialize)]
pub struct UserListEntry {
    #[serde(flatten)]
    pub user: UserView,
    pub two_factor: bool,
}

/// A page of users, newest first, each with its two-factor state (the administration
/// pages' list).
pub fn list_with_two_factor(
    conn: &mut DbConnection,
    caller: &Caller,
    page: Page,
) -> Result<ListResponse<UserListEntry>> {
    let listed = list(conn, caller, page)?;
    let ids: Vec<String> = listed.items.iter().map(|u| u.id.clone()).collect();
    let on = users::with_two_factor(conn, &ids)?;
    Ok(ListResponse {
        items: listed
            .items
            .into_iter()
            .map(|user| UserListEntry {
                two_factor: on.contains(&user.id),
                user,
            })
            .collect(),
        next_cursor: listed.next_cursor,
    })
}

pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<UserView> {
    require(caller.role, Action::ReadUser)?;
    Ok(users::find(conn, id)?.into())
}

/// Creates a user and queues an invitation link (single use, 72 h).
pub fn invite(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    mailing: &Mailing,
    input: CreateUser,
) -> Result<UserView> {
    require(caller.role, Action::CreateUser)?;
    let mut errors: Vec<FieldError> = Vec::new();
    let email = Email::parse("email", &input.email)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = required_text("display_name", &input.display_name, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let locale = input
        .locale
        .as_deref()
        .map(check_locale)
        .transpose()
        .map_err(|e| errors.push(e))
        .ok();
    let organisation = input
        .organisation
        .as_deref()
        .map(check_organisation)
        .transpose()
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(email), Some(display_name), Some(locale), Some(organisation)) =
        (email, display_name, locale, organisation)
    else {
        return Err(Error::Invalid(errors));
    };
    organisation_for(input.role, &organisation)?;
    let token = random_token()?;
    let hash = token_hash(&token);
    write(conn, |conn| {
        check_agency(conn, input.role, &input.agency_id)?;
        let now = db::now();
        if users::find_by_email(conn, email.as_str())?.is_some() {
            return Err(Error::Conflict(
                "A user with this email already exists.".into(),
            ));
        }
        let locale = match locale {
            Some(l) => l,
            None => agencies::default_locale(conn, input.agency_id.as_deref())?,
        };
        let row = UserRow {
            id: db::new_id(),
            email: email.into_inner(),
            display_name,
            role: input.role.as_str().to_string(),
            locale: locale.to_string(),
            organisation,
            agency_id: input.agency_id,
            active: true,
            password_hash: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        users::insert(conn, &row)?;
        tokens::insert(
            conn,
            &row.id,
            tokens::PURPOSE_INVITE,
            &hash,
            now,
            now + TimeDelta::hours(72),
        )?;
        let mail = messages::invitation(
            &row.locale,
            &row.email,
            &row.display_name,
            &mailing.public_url,
            &token,
            format!("invite:{}:{}", row.id, db::new_id()),
        );
        outbox::enqueue(conn, mail, &mailing.message_domain, now)?;
        let view = UserView::from(row);
        audit::record(
            conn,
            ctx,
            "user.create",
            "user",
            &view.id,
            diff(&serde_json::json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

/// Changes display name, role, agency or active, if the user is still at version
/// `expected`. Deactivation ends the user's sessions; the last active admin stays one.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateUser,
) -> Result<UserView> {
    require(caller.role, Action::UpdateUser)?;
    let display_name = input
        .display_name
        .as_deref()
        .map(|n| required_text("display_name", n, 200))
        .transpose()
        .map_err(|e| Error::Invalid(vec![e]))?;
    let locale = input
        .locale
        .as_deref()
        .map(check_locale)
        .transpose()
        .map_err(|e| Error::Invalid(vec![e]))?;
    let organisation = match input.organisation {
        Some(Some(o)) => Some(Some(
            check_organisation(&o).map_err(|e| Error::Invalid(vec![e]))?,
        )),
        other => other,
    };
    write(conn, |conn| {
        let before = users::find(conn, id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        let mut after = before.clone();
        if let Some(name) = display_name {
            after.display_name = name;
        }
        if let Some(role) = input.role {
            after.role = role.as_str().to_string();
        }
        if let Some(agency_id) = input.agency_id {
            after.agency_id = agency_id;
        }
        if let Some(active) = input.active {
            after.active = active;
        }
        if let Some(locale) = locale {
            after.locale = locale.to_string();
        }
        let role =
            Role::parse(&after.role).ok_or_else(|| Error::internal("unknown role stored"))?;
        match organisation {
            Some(o) => after.organisation = o,
            None if role != Role::Observer => after.organisation = None,
            None => {}
        }
        organisation_for(role, &after.organisation)?;
        if after.agency_id != before.agency_id || role == Role::Liaison {
            check_agency(conn, role, &after.agency_id)?;
        }
        let was_admin = before.role == "admin" && before.active;
        let still_admin = after.role == "admin" && after.active;
        if was_admin && !still_admin {
            // Two admins demoting each other at once: the second counts only after
            // the first has committed.
            db::lock(conn, "users.active_admins")?;
            if users::count_active_admins(conn)? <= 1 {
                return Err(Error::Conflict(
                    "This is the last active admin; make another admin first.".into(),
                ));
            }
        }
        save(conn, ctx, &before, after)
    })
}
