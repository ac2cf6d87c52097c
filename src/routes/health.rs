//! Liveness and readiness.

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::{ApiError, Error};
use crate::state::AppState;

/// The answer of `/health` and `/ready`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ServiceStatus {
    /// `ok` (`/health`) or `ready` (`/ready`).
    pub status: &'static str,
}

/// 200 while the process runs.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, description = "The process is up", body = ServiceStatus)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(ServiceStatus { status: "ok" })
}

/// 200 when the database answers, else 503 with `Retry-After`.
#[utoipa::path(get, path = "/ready", tag = "service",
    responses((status = 200, description = "The database answers", body = ServiceStatus),
              (status = 503, description = "The database is unavailable", body = crate::error::Problem)))]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db
        .run(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(|_| Error::Unavailable)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ServiceStatus { status: "ready" }))
}
