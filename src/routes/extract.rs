//! Request parsing shared by all handlers: JSON bodies (content type, size limit,
//! unknown fields, field-level errors), pagination, `If-Match`, path ids, and the
//! `ETag` on responses. Every failure becomes problem+json with words of the API.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Error, FieldError};

/// Default body limit (API.md: 64 KiB unless a route says otherwise).
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON request body, parsed strictly. The extractor never fails: its outcome is kept
/// until the handler calls `into_inner()` after authorizing, so a role that may not use a
/// route gets 403 whatever body it sent.
pub struct JsonBody<T>(Result<T, ApiError>);

impl<T> JsonBody<T> {
    /// The parsed body, or the problem (415, 413, 400, 422) it had.
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

fn is_json(req: &HttpRequest) -> bool {
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<JsonBody<T>, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        if !is_json(req) {
            return Box::pin(async { Ok(JsonBody(Err(ApiError::UnsupportedMediaType))) });
        }
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|len| len > BODY_LIMIT) {
            return Box::pin(async { Ok(JsonBody(Err(ApiError::PayloadTooLarge))) });
        }
        let mut payload = payload.take();
        Box::pin(async move {
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| {
                    ApiError::BadRequest(
                        "malformed_body",
                        "The request body could not be read.".into(),
                    )
                })?;
                if body.len() + chunk.len() > BODY_LIMIT {
                    return Err(ApiError::PayloadTooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(JsonBody(parse_json(&body)))
        })
    }
}

/// Parses a body read by another extractor, checking its content type first.
pub fn parse_json_request<T: DeserializeOwned>(
    req: &HttpRequest,
    body: &[u8],
) -> Result<T, ApiError> {
    if !is_json(req) {
        return Err(ApiError::UnsupportedMediaType);
    }
    if body.len() > BODY_LIMIT {
        return Err(ApiError::PayloadTooLarge);
    }
    parse_json(body)
}

/// The body of a route that takes none: empty, or a JSON object without fields.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// Accepts an empty body, `null` or `{}`; anything else gets the usual 415/413/400/422.
pub fn expect_no_body(req: &HttpRequest, body: &[u8]) -> Result<(), ApiError> {
    optional_body::<NoFields>(req, body).map(|_| ())
}

/// The body of a route whose body is optional: empty or JSON `null` is `T::default()`.
pub fn optional_body<T: DeserializeOwned + Default>(
    req: &HttpRequest,
    body: &[u8],
) -> Result<T, ApiError> {
    // JSON's whitespace only (RFC 8259): a form feed is not nothing, it is bad JSON.
    let is_ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let start = body.iter().position(|b| !is_ws(b)).unwrap_or(body.len());
    let end = body
        .iter()
        .rposition(|b| !is_ws(b))
        .map_or(start, |i| i + 1);
    let trimmed = &body[start..end];
    if trimmed.is_empty() || (trimmed == b"null" && is_json(req)) {
        return Ok(T::default());
    }
    parse_json_request(req, body)
}

/// Parses a JSON document into `T`: bad syntax is 400, a well-formed document that does
/// not fit `T` is 422 with the offending field.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| {
        ApiError::BadRequest(
            "malformed_json",
            "The request body is not valid JSON.".into(),
        )
    })?;
    if !value.is_object() {
        return Err(Error::invalid("", "the body must be a JSON object").into());
    }
    // PostgreSQL cannot store U+0000 in text, and no field of this API has a use for it.
    if let Some(field) = nul_field(&value, String::new()) {
        return Err(Error::invalid(&field, "must not contain the NUL character").into());
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner().to_string();
        ApiError::from(Error::Invalid(vec![field_error(&path, &inner)]))
    })
}

/// The path of the first string (or key) holding U+0000, as `a.b[2]`.
fn nul_field(value: &serde_json::Value, path: String) -> Option<String> {
    match value {
        serde_json::Value::String(s) => s.contains('\0').then_some(path),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_field(v, format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if k.contains('\0') {
                Some(here)
            } else {
                nul_field(v, here)
            }
        }),
        _ => None,
    }
}

/// Turns a serde message into an API field error without serde's internal wording.
fn field_error(path: &str, message: &str) -> FieldError {
    let path = if path == "." { "" } else { path };
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") {
        let name = quoted.first().copied().unwrap_or("");
        let field = match path.rsplit_once('.') {
            Some((parent, _)) if !parent.is_empty() => format!("{parent}.{name}"),
            _ => name.to_string(),
        };
        return FieldError::new(field, "is not accepted by this route");
    }
    if message.starts_with("missing field") {
        let name = quoted.first().copied().unwrap_or("");
        let field = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        return FieldError::new(field, "is required");
    }
    if message.starts_with("unknown variant") {
        let allowed = quoted
            .iter()
            .skip(1)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        return FieldError::new(path, format!("must be one of: {allowed}"));
    }
    if message == crate::domain::date::INVALID {
        return FieldError::new(path, "must be a date written as YYYY-MM-DD");
    }
    if message.starts_with("invalid type") {
        let expected = message.rsplit("expected ").next().unwrap_or("another type");
        let expected = if expected.contains("struct") || expected.contains("map") {
            "a JSON object"
        } else {
            expected
        };
        return FieldError::new(path, format!("has the wrong type (expected {expected})"));
    }
    FieldError::new(path, "has an invalid value")
}

pub use crate::domain::input::{double_option, optional_whole_number, whole_number};

/// `?limit=&cursor=` of a list route.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// 1 to 200, default 50.
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

/// A query parameter that must be a UUID when present (400 otherwise).
pub fn query_uuid(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if uuid::Uuid::parse_str(&v).is_err() => Err(ApiError::BadRequest(
            "invalid_query",
            format!("{name} must be a UUID."),
        )),
        other => Ok(other),
    }
}

/// A query parameter of at most `max` characters when present (400 otherwise).
pub fn query_text(
    name: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if v.chars().count() > max => Err(ApiError::BadRequest(
            "invalid_query",
            format!("{name} must be at most {max} characters."),
        )),
        other => Ok(other),
    }
}

/// Who changes something, from where, in which request: for the audit event.
pub use crate::operations::{encode_cursor, list_response, ts, ListResponse, Page};

/// Who changes something, from where, in which request: for the audit event.
pub fn audit_context(caller: &crate::auth::Caller) -> crate::operations::AuditContext {
    crate::operations::AuditContext::of(caller)
}

/// `?limit=` (1..=200, default 50) and `?cursor=`; anything else is 400.
pub fn page(limit: Option<&str>, cursor: Option<&str>) -> Result<Page, ApiError> {
    let limit = match limit {
        None => 50,
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) if (1..=200).contains(&n) => n,
            _ => {
                return Err(ApiError::BadRequest(
                    "invalid_query",
                    "limit must be an integer from 1 to 200.".into(),
                ))
            }
        },
    };
    let after = match cursor {
        None => None,
        Some(raw) => Some(decode_cursor(raw).ok_or_else(|| {
            ApiError::BadRequest(
                "invalid_query",
                "cursor is not a cursor this API gave out.".into(),
            )
        })?),
    };
    Ok(Page { limit, after })
}

fn decode_cursor(raw: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = raw.split_once('_')?;
    if micros.is_empty() || micros.len() > 16 || !micros.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    let id = uuid::Uuid::parse_str(id).ok()?;
    Some((at, id.hyphenated().to_string()))
}

/// The version a PATCH was based on: 428 without `If-Match`, 400 when unreadable.
pub fn if_match(req: &HttpRequest) -> Result<i64, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map_err(|_| ApiError::bad_request("If-Match must be \"<version>\"."))?
        .trim();
    // An entity tag is quoted (RFC 9110); the ETag this API sends is `"<version>"`.
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| !v.is_empty() && v.len() <= 18 && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| ApiError::bad_request("If-Match must be \"<version>\"."))
}

/// A path id: anything but a UUID is simply not found.
pub fn path_id(raw: &str) -> Result<String, Error> {
    uuid::Uuid::parse_str(raw)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| Error::NotFound)
}

/// A JSON response carrying `ETag: "<version>"`.
pub fn with_etag<T: Serialize>(
    status: actix_web::http::StatusCode,
    version: i64,
    body: &T,
) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .json(body)
}

/// Adds `Location: <path>` to a 201: every answer that creates something says where it is.
pub fn located(mut response: HttpResponse, path: &str) -> HttpResponse {
    if response.status() == actix_web::http::StatusCode::CREATED {
        if let Ok(value) = header::HeaderValue::from_str(path) {
            response.headers_mut().insert(header::LOCATION, value);
        }
    }
    response
}

/// Parses `?from=`/`?to=`: an RFC 3339 timestamp or a date (midnight UTC).
pub fn parse_instant(name: &str, raw: &str) -> Result<NaiveDateTime, ApiError> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Ok(t.naive_utc());
    }
    if let Some(d) = crate::domain::date::parse(raw) {
        return Ok(d.and_time(chrono::NaiveTime::MIN));
    }
    Err(ApiError::BadRequest(
        "invalid_query",
        format!("{name} must be an RFC 3339 timestamp or a YYYY-MM-DD date."),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: i64,
    }

    #[test]
    fn body_errors_name_the_field_without_serde_wording() {
        let err = |body: &str| match parse_json::<Sample>(body.as_bytes()) {
            Err(ApiError::Domain(Error::Invalid(errors))) => errors[0].clone(),
            other => panic!("unexpected {:?}", other.map(|_| ())),
        };
        assert_eq!(
            err(r#"{"name":"a","count":1,"role":"admin"}"#).field,
            "role"
        );
        assert_eq!(err(r#"{"name":"a"}"#).field, "count");
        assert_eq!(err(r#"{"name":"a","count":"x"}"#).field, "count");
        assert!(err("[1]").message.contains("JSON object"));
        assert!(matches!(
            parse_json::<Sample>(b"{\"name\":"),
            Err(ApiError::BadRequest("malformed_json", _))
        ));
    }

    #[test]
    fn limits_and_cursors_are_checked() {
        assert!(page(Some("0"), None).is_err());
        assert!(page(Some("201"), None).is_err());
        assert!(page(Some("x"), None).is_err());
        assert_eq!(page(None, None).map(|p| p.limit).ok(), Some(50));
        assert!(page(None, Some("garbage")).is_err());
        let at = crate::db::now();
        let id = crate::db::new_id();
        let cursor = encode_cursor(at, &id);
        assert_eq!(
            page(None, Some(&cursor)).ok().and_then(|p| p.after),
            Some((at, id))
        );
    }
}
