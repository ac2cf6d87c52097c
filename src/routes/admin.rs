//! Admin views of the service's machinery: the JSON face of `operations::admin`.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::extract::page;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::admin as ops;
pub use crate::operations::admin::{EmailView, RunReminders, RunResult};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct EmailQuery {
    /// pending, sending, sent or failed
    #[param(schema_with = super::schemas::email_status)]
    pub status: Option<String>,
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/admin/emails", tag = "admin", security(("bearer" = [])),
    params(EmailQuery),
    responses((status = 200, description = "A page of outbox mails, newest first", body = super::extract::ListResponse<EmailView>),
              (status = 400, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn emails(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<EmailQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadOutbox)?;
    let q = query.into_inner();
    let page = page(q.limit.as_deref(), q.cursor.as_deref())?;
    if q.status
        .as_deref()
        .is_some_and(|s| !ops::is_email_status(s))
    {
        return Err(ApiError::BadRequest(
            "invalid_query",
            "status must be one of: pending, sending, sent, failed.".into(),
        ));
    }
    let list = state
        .db
        .run(move |conn| ops::emails(conn, &caller, q.status, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/admin/reminders/run", tag = "admin", security(("bearer" = [])),
    request_body(content = Option<RunReminders>),
    responses((status = 200, description = "How many reminders the pass queued, by kind", body = RunResult),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn run_reminders(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::RunReminders)?;
    let input: RunReminders = super::extract::optional_body(&req, &body)?;
    let ctx = super::extract::audit_context(&caller);
    Ok(HttpResponse::Ok().json(ops::run_reminders(&state, &caller, ctx, input).await?))
}
