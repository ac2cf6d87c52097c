//! The signed-in caller's own account.

use actix_web::{web, HttpResponse};
use secrecy::SecretString;
use serde::Deserialize;

use super::extract::JsonBody;
use super::views::UserView;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db::audit;
use crate::db::{self, sessions, throttle, tokens, users};
use crate::domain::check_new_password;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = crate::error::Problem)))]
pub async fn get_me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadSelf)?;
    let user = state
        .db
        .run(move |conn| Ok(users::find(conn, &caller.user_id)?))
        .await?;
    let version = user.version;
    Ok(super::extract::with_etag(
        actix_web::http::StatusCode::OK,
        version,
        &UserView::from(user),
    ))
}

/// Changes the caller's password and ends the caller's other sessions.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ChangeOwnPassword)?;
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner()?;
    let auth = state.settings.auth.clone();
    let keys = throttle::AttemptKeys::new(
        format!("account:{}", caller.email),
        caller.client_addr.as_deref(),
    );
    let (user, reservation) = {
        let user_id = caller.user_id.clone();
        state
            .db
            .run(move |conn| {
                let reservation = throttle::reserve(conn, &keys, &auth, db::now())?;
                Ok((users::find(conn, &user_id)?, reservation))
            })
            .await?
    };
    let verified = state
        .hasher
        .verify(
            SecretString::from(current_password),
            user.password_hash.clone(),
        )
        .await?;
    if !verified {
        return Err(ApiError::invalid(
            "current_password",
            "is not your current password",
        ));
    }
    state
        .db
        .run(move |conn| Ok(throttle::release(conn, reservation)?))
        .await?;
    check_new_password("new_password", &new_password, &user.email)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let hash = state.hasher.hash(SecretString::from(new_password)).await?;
    let ctx = super::extract::audit_context(&caller);
    let domain = state.message_domain();
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                users::set_password(conn, &caller.user_id, &hash, now)?;
                crate::accounts::notify_security_change(
                    conn,
                    &caller.user_id,
                    crate::email::messages::SecurityChange::PasswordChanged,
                    &domain,
                    now,
                )?;
                sessions::revoke_all_for_user(
                    conn,
                    &caller.user_id,
                    Some(&caller.session_id),
                    now,
                )?;
                tokens::spend_all_for_user(conn, &caller.user_id, now)?;
                audit::record(
                    conn,
                    &ctx,
                    "user.password_changed",
                    "user",
                    &caller.user_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
