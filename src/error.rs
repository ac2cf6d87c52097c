//! `Error`, what went wrong in the words of the domain (every operation returns it), and
//! `ApiError`, the JSON face's error with its problem+json rendering.
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
//! - Operations return `Error` and know nothing of HTTP; `ApiError` adds what only a
//!   request can get wrong (malformed JSON or query, body too large, wrong media type,
//!   `If-Match` missing) and maps each kind to its status.

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

/// What went wrong, in the words of the domain: every operation returns it, and each
/// face renders it (`ApiError` as problem+json; the pages as a form with messages).
/// Nothing here knows HTTP.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Well-formed but invalid: the fields and what is wrong with each.
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// Missing, invalid or expired credentials.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The caller's role may not do this at all.
    #[error("forbidden")]
    Forbidden,
    #[error("two-factor enrolment required")]
    MfaEnrollmentRequired,
    /// Does not exist, or the caller may not see it: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// A uniqueness or state conflict (closed JPA, already submitted, ...).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The version the change was based on is no longer the current one.
    #[error("stale version")]
    Stale,
    #[error("throttled")]
    Throttled { retry_after_seconds: i64 },
    /// The database is not answering.
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn internal(cause: impl std::fmt::Display) -> Error {
        Error::Internal(cause.to_string())
    }

    /// Invalid in one field.
    pub fn invalid(field: &str, message: &str) -> Error {
        Error::Invalid(vec![FieldError::new(field, message)])
    }
}

/// An error as the JSON face answers it: a domain error, or one of the ways a request
/// itself can be malformed before any operation runs.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] Error),
    /// Malformed JSON or query parameter: (code, detail).
    #[error("bad request: {1}")]
    BadRequest(&'static str, String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// A PATCH without `If-Match`.
    #[error("If-Match required")]
    PreconditionRequired,
}

impl ApiError {
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::BadRequest("bad_request", detail.into())
    }

    fn parts(&self) -> (&'static str, &'static str, String) {
        match self {
            ApiError::BadRequest(code, detail) => (code, "Bad request", detail.clone()),
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
            ApiError::PreconditionRequired => (
                "precondition_required",
                "Precondition required",
                "Send If-Match with the version you read.".into(),
            ),
            ApiError::Domain(e) => match e {
                Error::Unauthenticated => (
                    "unauthorized",
                    "Unauthorized",
                    "Authentication is missing, invalid or expired.".into(),
                ),
                Error::Forbidden => (
                    "forbidden",
                    "Forbidden",
                    "Your role may not use this route.".into(),
                ),
                Error::MfaEnrollmentRequired => (
                    "mfa_enrollment_required",
                    "Two-factor sign-in required",
                    "Your role must use two-factor sign-in: enrol at POST /api/v1/me/totp/enroll first.".into(),
                ),
                Error::NotFound => (
                    "not_found",
                    "Not found",
                    "The resource does not exist.".into(),
                ),
                Error::Conflict(detail) => ("conflict", "Conflict", detail.clone()),
                Error::Stale => (
                    "stale_version",
                    "Precondition failed",
                    "The resource has changed since you read it; fetch it again.".into(),
                ),
                Error::Invalid(_) => (
                    "validation_failed",
                    "Validation failed",
                    "One or more fields are invalid.".into(),
                ),
                Error::Throttled { .. } => (
                    "throttled",
                    "Too many requests",
                    "Too many attempts; try again later.".into(),
                ),
                Error::Unavailable => (
                    "service_unavailable",
                    "Service unavailable",
                    "The database is not answering; try again shortly.".into(),
                ),
                Error::Internal(_) => (
                    "internal_error",
                    "Internal server error",
                    "Something went wrong on our side; quote the request id when reporting it.".into(),
                ),
            },
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        ApiError::Domain(e.into())
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
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Domain(e) => match e {
                Error::Unauthenticated => StatusCode::UNAUTHORIZED,
                Error::Forbidden | Error::MfaEnrollmentRequired => StatusCode::FORBIDDEN,
                Error::NotFound => StatusCode::NOT_FOUND,
                Error::Conflict(_) => StatusCode::CONFLICT,
                Error::Stale => StatusCode::PRECONDITION_FAILED,
                Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                Error::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                Error::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Domain(Error::Internal(cause)) = self {
            tracing::error!(cause = %cause, "internal error");
        }
        let (code, title, detail) = self.parts();
        let errors = match self {
            ApiError::Domain(Error::Invalid(errors)) => errors.clone(),
            _ => Vec::new(),
        };
        let mut response = problem_response(self.status_code(), code, title, &detail, errors);
        let retry_after = match self {
            ApiError::Domain(Error::Throttled {
                retry_after_seconds,
            }) => Some((*retry_after_seconds).max(1)),
            ApiError::Domain(Error::Unavailable) => Some(5),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if matches!(self, ApiError::Domain(Error::Unauthenticated)) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Error {
        use diesel::result::{DatabaseErrorKind, Error as Db};
        match e {
            Db::NotFound => Error::NotFound,
            Db::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Error::Conflict("A resource with the same unique value already exists.".into())
            }
            Db::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => Error::Unavailable,
            // SQLite gave up waiting for a lock held elsewhere (busy_timeout): the database
            // is busy, not broken; the client may retry.
            Db::DatabaseError(_, info)
                if info.message().contains("database is locked")
                    || info.message().contains("database is busy") =>
            {
                tracing::warn!("database locked by another process");
                Error::Unavailable
            }
            other => Error::internal(other),
        }
    }
}
