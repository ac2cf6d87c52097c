//! Creating users outside the HTTP API (the first-start admin and `jpa-coord user
//! create`), and the security notices sent when an account's sign-in changes.

use secrecy::{ExposeSecret, SecretString};

use crate::db::audit::{self, AuditContext};
use crate::db::users::{self, UserRow};
use crate::db::{self, agencies, DbConnection};
use crate::domain::{check_new_password, required_text, Email, Role};
use crate::error::Error;

/// Who a new account is for (`create_with_password`).
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub agency_id: Option<String>,
    /// The language; `None` takes the agency's country's (English where none fits).
    pub locale: Option<&'a str>,
}

/// Creates an active user with a password (already checked against the policy here).
pub fn create_with_password(
    conn: &mut DbConnection,
    account: NewAccount<'_>,
    password: &SecretString,
    action: &str,
) -> Result<UserRow, Error> {
    let NewAccount {
        email,
        display_name,
        role,
        agency_id,
        locale,
    } = account;
    let email = Email::parse("email", email).map_err(|e| Error::Invalid(vec![e]))?;
    let display_name =
        required_text("display_name", display_name, 200).map_err(|e| Error::Invalid(vec![e]))?;
    check_new_password("password", password.expose_secret(), email.as_str())
        .map_err(|e| Error::Invalid(vec![e]))?;
    if role == Role::Liaison && agency_id.is_none() {
        return Err(Error::invalid("agency_id", "is required for a liaison"));
    }
    let hash = crate::auth::password::hash_blocking(password)?;
    db::write_tx(conn, |conn| {
        if let Some(id) = &agency_id {
            if !agencies::exists(conn, id)? {
                return Err(Error::invalid(
                    "agency_id",
                    "does not name an existing agency",
                ));
            }
        }
        if users::find_by_email(conn, email.as_str())?.is_some() {
            return Err(Error::Conflict(
                "A user with this email already exists.".into(),
            ));
        }
        let now = db::now();
        let locale = match locale.and_then(crate::domain::locale::parse) {
            Some(l) => l.to_string(),
            None => agencies::default_locale(conn, agency_id.as_deref())?.to_string(),
        };
        let row = UserRow {
            id: db::new_id(),
            email: email.into_inner(),
            display_name,
            role: role.as_str().to_string(),
            agency_id,
            active: true,
            password_hash: Some(hash),
            locale,
            organisation: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        users::insert(conn, &row)?;
        audit::record(
            conn,
            &AuditContext::default(),
            action,
            "user",
            &row.id,
            serde_json::json!({"email": {"before": null, "after": row.email}, "role": {"before": null, "after": row.role}}),
            now,
        )?;
        Ok(row)
    })
}

/// On first start with no users: creates the bootstrap admin with a random password and
/// returns that password (to be printed once). `None` when users exist.
pub fn bootstrap_admin(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<SecretString>, Error> {
    if users::count(conn)? > 0 {
        return Ok(None);
    }
    let password = SecretString::from(crate::auth::random_token()?);
    create_with_password(
        conn,
        NewAccount {
            email,
            display_name: "Administrator",
            role: Role::Admin,
            agency_id: None,
            locale: None,
        },
        &password,
        "user.bootstrap",
    )?;
    Ok(Some(password))
}

/// Queues the owner's notice of a change to how the account signs in, in the caller's
/// transaction (so it goes out exactly when the change commits).
pub fn notify_security_change(
    conn: &mut DbConnection,
    user_id: &str,
    change: crate::email::messages::SecurityChange,
    mailing: &crate::operations::Mailing,
    now: chrono::NaiveDateTime,
) -> Result<(), Error> {
    let user = users::find(conn, user_id)?;
    let mail = crate::email::messages::security_notice(
        &user.locale,
        &user.email,
        &user.display_name,
        change,
        now,
        &mailing.public_url,
        format!("security:{}", db::new_id()),
    );
    crate::db::outbox::enqueue(conn, mail, &mailing.message_domain, now)?;
    Ok(())
}
