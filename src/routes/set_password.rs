//! `GET /set-password`, as the OpenAPI document lists it. The page itself belongs to the
//! HTML face (`web::pages::auth::set_password_form`, mounted by `web::configure`): a form
//! that works without JavaScript and posts to `POST /set-password`. This item only keeps
//! the page's entry in the document.

use actix_web::HttpResponse;

#[utoipa::path(get, path = "/set-password", tag = "account",
    params(("token" = Option<String>, Query, description = "The token from the mail link")),
    responses((status = 200, description = "HTML page", body = String, content_type = "text/html")))]
pub async fn page() -> HttpResponse {
    HttpResponse::NotFound().finish()
}
