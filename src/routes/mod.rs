//! HTTP routes, one file per resource. Handlers parse, authorize (through
//! `auth::policy`), run one `db.run` closure and shape the response.

pub mod admin;
pub mod agencies;
pub mod audit;
pub mod auth;
pub mod extract;
pub mod health;
pub mod me;
pub mod openapi;
pub mod set_password;
pub mod users;
pub mod views;

use actix_web::web;

use crate::error::ApiError;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::QueryConfig::default().error_handler(|_, _| {
        ApiError::BadRequest("invalid_query", "A query parameter is malformed.".into()).into()
    }))
    .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
    .route("/health", web::get().to(health::health))
    .route("/ready", web::get().to(health::ready))
    .route("/set-password", web::get().to(set_password::page))
    .service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi::openapi_json))
            .service(
                web::scope("/auth")
                    .route("/login", web::post().to(auth::login))
                    .route("/refresh", web::post().to(auth::refresh))
                    .route("/logout", web::post().to(auth::logout))
                    .route("/password-reset", web::post().to(auth::password_reset))
                    .route(
                        "/password-reset/confirm",
                        web::post().to(auth::password_reset_confirm),
                    ),
            )
            .route("/me", web::get().to(me::get_me))
            .route("/me/password", web::post().to(me::change_password))
            .service(
                web::resource("/users")
                    .route(web::get().to(users::list))
                    .route(web::post().to(users::create)),
            )
            .service(
                web::resource("/users/{id}")
                    .route(web::get().to(users::get))
                    .route(web::patch().to(users::update)),
            )
            .service(
                web::resource("/agencies")
                    .route(web::get().to(agencies::list))
                    .route(web::post().to(agencies::create)),
            )
            .service(
                web::resource("/agencies/{id}")
                    .route(web::get().to(agencies::get))
                    .route(web::patch().to(agencies::update)),
            )
            .route("/audit", web::get().to(audit::list))
            .route("/admin/emails", web::get().to(admin::emails)),
    );
}
