//! `ApiError` and its problem+json rendering.
//!
//! Error policy:
//! - Every error leaves the service as RFC 9457 problem details
//!   (`application/problem+json`) with a stable `code` and the request id.
//! - Client errors say what was wrong with the request, in words of the API (field names,
//!   allowed values); never SQL, file paths, stack traces or serde internals.
//! - Anything unexpected is `Internal`: the cause goes to the log with the request id,
//!   the client gets a generic 500.
//! - diesel `NotFound` is 404; a unique violation is 409; an unreachable database (pool
//!   time-out) is 503 with `Retry-After`.
//! - An object the caller may not see is `NotFound`, with exactly the body of a missing one.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

tokio::task_local! {
    /// The id of the request being served, set by the request-id middleware.
    pub static REQUEST_ID: String;
}

/// The current request id, if called while serving a request.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(|id| id.clone()).ok()
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: String,
    pub errors: Vec<FieldError>,
    pub request_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {1}")]
    BadRequest(&'static str, String),
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("two-factor enrolment required")]
    MfaEnrollmentRequired,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("stale version")]
    PreconditionFailed,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("If-Match required")]
    PreconditionRequired,
    #[error("throttled")]
    TooManyRequests { retry_after_seconds: i64 },
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(cause.to_string())
    }

    /// A 422 for one field.
    pub fn invalid(field: &str, message: &str) -> ApiError {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::BadRequest("bad_request", detail.into())
    }

    fn parts(&self) -> (&'static str, &'static str, String) {
        match self {
            ApiError::BadRequest(code, detail) => (code, "Bad request", detail.clone()),
            ApiError::Unauthorized => (
                "unauthorized",
                "Unauthorized",
                "Authentication is missing, invalid or expired.".into(),
            ),
            ApiError::Forbidden => (
                "forbidden",
                "Forbidden",
                "Your role may not use this route.".into(),
            ),
            ApiError::MfaEnrollmentRequired => (
                "mfa_enrollment_required",
                "Two-factor sign-in required",
                "Your role must use two-factor sign-in: enrol at POST /api/v1/me/totp/enroll first.".into(),
            ),
            ApiError::NotFound => (
                "not_found",
                "Not found",
                "The resource does not exist.".into(),
            ),
            ApiError::Conflict(detail) => ("conflict", "Conflict", detail.clone()),
            ApiError::PreconditionFailed => (
                "stale_version",
                "Precondition failed",
                "The resource has changed since you read it; fetch it again.".into(),
            ),
            ApiError::PayloadTooLarge => (
                "payload_too_large",
                "Payload too large",
                "The request body is over the limit of this route.".into(),
            ),
            ApiError::UnsupportedMediaType => (
                "unsupported_media_type",
                "Unsupported media type",
                "Send the body as application/json.".into(),
            ),
            ApiError::Validation(_) => (
                "validation_failed",
                "Validation failed",
                "One or more fields are invalid.".into(),
            ),
            ApiError::PreconditionRequired => (
                "precondition_required",
                "Precondition required",
                "Send If-Match with the version you read.".into(),
            ),
            ApiError::TooManyRequests { .. } => (
                "throttled",
                "Too many requests",
                "Too many attempts; try again later.".into(),
            ),
            ApiError::Unavailable => (
                "service_unavailable",
                "Service unavailable",
                "The database is not answering; try again shortly.".into(),
            ),
            ApiError::Internal(_) => (
                "internal_error",
                "Internal server error",
                "Something went wrong on our side; quote the request id when reporting it.".into(),
            ),
        }
    }
}

/// Builds a problem+json response for any status, for errors raised outside `ApiError`.
pub fn problem_response(
    status: StatusCode,
    code: &str,
    title: &str,
    detail: &str,
    errors: Vec<FieldError>,
) -> HttpResponse {
    let problem = Problem {
        type_: format!("/problems/{code}"),
        title: title.to_string(),
        status: status.as_u16(),
        detail: detail.to_string(),
        code: code.to_string(),
        errors,
        request_id: current_request_id(),
    };
    HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ))
        .json(problem)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(..) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::MfaEnrollmentRequired => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(cause = %cause, "internal error");
        }
        let (code, title, detail) = self.parts();
        let errors = match self {
            ApiError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let mut response = problem_response(self.status_code(), code, title, &detail, errors);
        let retry_after = match self {
            ApiError::TooManyRequests {
                retry_after_seconds,
            } => Some((*retry_after_seconds).max(1)),
            ApiError::Unavailable => Some(5),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if matches!(self, ApiError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => ApiError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::Conflict("A resource with the same unique value already exists.".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => ApiError::Unavailable,
            // SQLite gave up waiting for a lock held elsewhere (busy_timeout): the database
            // is busy, not broken; the client may retry.
            Error::DatabaseError(_, info)
                if info.message().contains("database is locked")
                    || info.message().contains("database is busy") =>
            {
                tracing::warn!("database locked by another process");
                ApiError::Unavailable
            }
            other => ApiError::internal(other),
        }
    }
}
