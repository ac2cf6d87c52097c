//! Liveness and readiness.

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::ApiError;
use crate::state::AppState;

/// 200 while the process runs.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, description = "The process is up: `{\"status\": \"ok\"}`", body = Object)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// 200 when the database answers, else 503 with `Retry-After`.
#[utoipa::path(get, path = "/ready", tag = "service",
    responses((status = 200, description = "The database answers: `{\"status\": \"ready\"}`", body = Object),
              (status = 503, description = "The database is unavailable", body = crate::error::Problem)))]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db
        .run(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(|_| ApiError::Unavailable)
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ready"})))
}
