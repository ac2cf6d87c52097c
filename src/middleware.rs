//! Per-request context: the request id (taken from a well-formed incoming `X-Request-Id`
//! or made fresh), a tracing span carrying it, the security headers, and the last line of
//! the error policy: any error response not already problem+json (actix's own 404 for an
//! unknown path, 405, ...) is rewritten as problem+json.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use tracing::Instrument;

use crate::error::{problem_response, REQUEST_ID};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(X_REQUEST_ID)?.to_str().ok()?;
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
    ok.then(|| value.to_string())
}

fn generic_problem(status: StatusCode) -> actix_web::HttpResponse {
    let (code, title, detail) = match status {
        StatusCode::NOT_FOUND => ("not_found", "Not found", "The resource does not exist."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "Method not allowed",
            "This route does not take that method.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "Payload too large",
            "The request body is over the limit of this route.",
        ),
        s if s.is_server_error() => (
            "internal_error",
            "Internal server error",
            "Something went wrong on our side; quote the request id when reporting it.",
        ),
        _ => (
            "bad_request",
            "Bad request",
            "The request could not be processed.",
        ),
    };
    problem_response(status, code, title, detail, Vec::new())
}

/// Paths of the HTML face (everything but the API, the probes and the API docs).
fn is_page_path(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path == "/api"
        || path == "/health"
        || path == "/ready"
        || path.starts_with("/docs"))
}

/// The middleware function (wrap with `actix_web::middleware::from_fn`).
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let request_id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let is_api = req.path().starts_with("/api/");
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %req.method(),
        path = %req.path(),
        user_id = tracing::field::Empty,
    );
    let started = Instant::now();
    // The route template (`/api/v1/jpas/{id}`), so that metrics have a bounded set of labels.
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    // An encoded NUL in the path or query: PostgreSQL cannot take it in text, and no
    // parameter of this API has a use for it.
    let has_nul =
        req.uri().path().contains("%00") || req.uri().query().is_some_and(|q| q.contains("%00"));
    // Served over HTTPS (the public URL says so): browsers are told to keep to it.
    let https = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .is_some_and(|s| s.settings.server.public_url.starts_with("https://"));
    // A successful write may change any progress figure: the cache is cleared after it.
    let writes = !matches!(
        *req.method(),
        actix_web::http::Method::GET
            | actix_web::http::Method::HEAD
            | actix_web::http::Method::OPTIONS
    );
    let cache = writes
        .then(|| {
            req.app_data::<actix_web::web::Data<crate::state::AppState>>()
                .map(|s| s.progress_cache.clone())
        })
        .flatten();
    let chosen = req
        .headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == crate::web::i18n::COOKIE)
        .map(|(_, v)| v.to_string());
    let lang = crate::web::i18n::of_request(
        chosen.as_deref(),
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let served = crate::web::i18n::scope(lang, async move {
        REQUEST_ID
            .scope(request_id.clone(), async move {
                // TRACE would echo headers (tokens included) back to a script: refused outright.
                let mut res: ServiceResponse<BoxBody> =
                    if req.method() == actix_web::http::Method::TRACE {
                        let (request, _) = req.into_parts();
                        let mut response = generic_problem(StatusCode::METHOD_NOT_ALLOWED);
                        response.headers_mut().insert(
                            header::ALLOW,
                            HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
                        );
                        ServiceResponse::new(request, response)
                    } else if has_nul {
                        let (request, _) = req.into_parts();
                        let response = problem_response(
                            StatusCode::BAD_REQUEST,
                            "invalid_query",
                            "Bad request",
                            "The URL must not contain an encoded NUL character (%00).",
                            Vec::new(),
                        );
                        ServiceResponse::new(request, response)
                    } else {
                        // Handlers and extractors turn their errors into responses; an `Err` here
                        // could only come from the framework itself and is passed on.
                        next.call(req).await?.map_into_boxed_body()
                    };
                let status = res.status();
                // A page's form answers a successful write with 303 (POST, then redirect).
                if let (Some(cache), true) =
                    (&cache, status.is_success() || status.is_redirection())
                {
                    cache.clear();
                }
                let content_type = res
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                // Already rendered for its face: problem+json, or a page's own error page.
                let is_rendered = content_type.starts_with("application/problem+json")
                    || content_type.starts_with("text/html");
                if (status.is_client_error() || status.is_server_error())
                    && !is_rendered
                    && !is_api
                    && is_page_path(res.request().path())
                    && crate::auth::policy::methods_for(res.request().path()).is_empty()
                {
                    // The framework's own error outside the API (no such page, or a page
                    // asked with a method it does not take): the HTML error page.
                    let page_status = if status == StatusCode::METHOD_NOT_ALLOWED {
                        StatusCode::NOT_FOUND
                    } else {
                        status
                    };
                    let (request, _) = res.into_parts();
                    crate::web::session::adopt_language(&request).await;
                    res = ServiceResponse::new(request, crate::web::error_page(page_status));
                } else if (status.is_client_error() || status.is_server_error()) && !is_rendered {
                    let kept: Vec<(HeaderName, HeaderValue)> = res
                        .headers()
                        .iter()
                        .filter(|(name, _)| {
                            *name == header::RETRY_AFTER
                                || *name == header::ALLOW
                                || *name == header::WWW_AUTHENTICATE
                        })
                        .map(|(n, v)| (n.clone(), v.clone()))
                        .collect();
                    let (request, _) = res.into_parts();
                    // A known path asked with a method it does not serve: 405, not 404.
                    let allowed = if status == StatusCode::NOT_FOUND {
                        crate::auth::policy::methods_for(request.path())
                    } else {
                        Vec::new()
                    };
                    let mut replacement = if allowed.is_empty() {
                        generic_problem(status)
                    } else {
                        let mut r = generic_problem(StatusCode::METHOD_NOT_ALLOWED);
                        if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
                            r.headers_mut().insert(header::ALLOW, v);
                        }
                        r
                    };
                    for (name, value) in kept {
                        replacement.headers_mut().insert(name, value);
                    }
                    res = ServiceResponse::new(request, replacement);
                }
                let headers = res.headers_mut();
                if let Ok(value) = HeaderValue::from_str(&request_id) {
                    headers.insert(X_REQUEST_ID, value);
                }
                headers.insert(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                );
                // Links carry tokens (set-password): no URL of this service leaks to another
                // site. Pages send `same-origin` themselves (a form POST must carry its Origin).
                if !headers.contains_key(header::REFERRER_POLICY) {
                    headers.insert(
                        header::REFERRER_POLICY,
                        HeaderValue::from_static("no-referrer"),
                    );
                }
                if https {
                    headers.insert(
                        header::STRICT_TRANSPORT_SECURITY,
                        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
                    );
                }
                if is_api && !headers.contains_key(header::CACHE_CONTROL) {
                    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                }
                let is_html = headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("text/html"));
                if is_html {
                    // No page of this service may be framed (clickjacking).
                    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
                        headers.insert(
                            header::CONTENT_SECURITY_POLICY,
                            HeaderValue::from_static("frame-ancestors 'none'"),
                        );
                    }
                    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
                } else if is_api && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
                    // An API answer is data, never a document to render or frame (OWASP REST
                    // Security Cheat Sheet).
                    headers.insert(
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
                    );
                }
                let elapsed = started.elapsed();
                let status = res.status().as_u16().to_string();
                metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
                    .increment(1);
                metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
                    .record(elapsed.as_secs_f64());
                tracing::info!(
                    status = res.status().as_u16(),
                    elapsed_ms = elapsed.as_millis() as u64,
                    "request served"
                );
                Ok(res)
            })
            .instrument(span)
            .await
    });
    served.await
}
