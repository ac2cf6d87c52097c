//! HTTP routes, one file per resource. Handlers parse, authorize (through
//! `auth::policy`), run one `db.run` closure and shape the response.

pub mod admin;
pub mod agencies;
pub mod audit;
pub mod auth;
pub mod extract;
pub mod health;
pub mod investigations;
pub mod jpas;
pub mod me;
pub mod mfa;
pub mod milestones;
pub mod openapi;
pub mod outcomes;
pub mod reports;
pub mod returns;
pub mod set_password;
pub mod users;
pub mod work_plans;

pub use crate::operations::views;
pub use crate::schemas;

use actix_web::web;

use crate::error::{ApiError, Error};

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::QueryConfig::default().error_handler(|_, _| {
        ApiError::BadRequest("invalid_query", "A query parameter is malformed.".into()).into()
    }))
    .app_data(
        web::PathConfig::default().error_handler(|_, _| ApiError::from(Error::NotFound).into()),
    )
    .route("/health", web::get().to(health::health))
    .route("/ready", web::get().to(health::ready))
    .service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi::openapi_json))
            .service(
                web::scope("/auth")
                    .route("/login", web::post().to(auth::login))
                    .route("/login/totp", web::post().to(mfa::second_step))
                    .route("/refresh", web::post().to(auth::refresh))
                    .route("/logout", web::post().to(auth::logout))
                    .route("/password-reset", web::post().to(auth::password_reset))
                    .route(
                        "/password-reset/confirm",
                        web::post().to(auth::password_reset_confirm),
                    ),
            )
            .route("/me", web::get().to(me::get_me))
            .route("/me", web::patch().to(me::update_me))
            .route("/me/password", web::post().to(me::change_password))
            .route("/me/totp/enroll", web::post().to(mfa::enroll))
            .route("/me/totp/confirm", web::post().to(mfa::confirm))
            .route("/me/totp/disable", web::post().to(mfa::disable))
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
            .route("/indicators", web::get().to(jpas::indicators))
            .service(
                web::resource("/jpas")
                    .route(web::get().to(jpas::list))
                    .route(web::post().to(jpas::create)),
            )
            .service(
                web::resource("/jpas/{id}")
                    .route(web::get().to(jpas::get))
                    .route(web::patch().to(jpas::update)),
            )
            .route("/jpas/{id}/agencies", web::get().to(jpas::participants))
            .service(
                web::resource("/jpas/{id}/agencies/{agency_id}")
                    .route(web::put().to(jpas::add_participant))
                    .route(web::delete().to(jpas::remove_participant)),
            )
            .service(
                web::resource("/jpas/{id}/investigations")
                    .route(web::get().to(investigations::list))
                    .route(web::post().to(investigations::create)),
            )
            .route("/jpas/{id}/returns", web::get().to(returns::list))
            .route("/jpas/{id}/returns/{period}", web::put().to(returns::save))
            .route(
                "/jpas/{id}/returns/{period}/submit",
                web::post().to(returns::submit),
            )
            .route("/jpas/{id}/compliance", web::get().to(returns::compliance))
            .route("/jpas/{id}/progress", web::get().to(reports::progress))
            .route(
                "/jpas/{id}/export/{kind}.csv",
                web::get().to(reports::export),
            )
            .route("/jpas/{id}/compendium", web::get().to(reports::compendium))
            .service(
                web::resource("/investigations/{id}")
                    .route(web::get().to(investigations::get))
                    .route(web::patch().to(investigations::update)),
            )
            .service(
                web::resource("/investigations/{id}/partners/{agency_id}")
                    .route(web::put().to(investigations::add_partner))
                    .route(web::delete().to(investigations::remove_partner)),
            )
            .service(
                web::resource("/investigations/{id}/links")
                    .route(web::get().to(investigations::links))
                    .route(web::post().to(investigations::add_link)),
            )
            .route(
                "/investigations/{id}/links/{other_id}",
                web::delete().to(investigations::remove_link),
            )
            .service(
                web::resource("/investigations/{id}/milestones")
                    .route(web::get().to(milestones::list))
                    .route(web::post().to(milestones::create)),
            )
            .service(
                web::resource("/milestones/{id}")
                    .route(web::patch().to(milestones::update))
                    .route(web::delete().to(milestones::delete)),
            )
            .service(
                web::resource("/investigations/{id}/outcomes")
                    .route(web::get().to(outcomes::list))
                    .route(web::post().to(outcomes::create)),
            )
            .service(
                web::resource("/outcomes/{id}")
                    .route(web::patch().to(outcomes::update))
                    .route(web::delete().to(outcomes::delete)),
            )
            .route(
                "/outcomes/{id}/revisions",
                web::get().to(outcomes::revisions),
            )
            .route("/audit", web::get().to(audit::list))
            .route("/admin/emails", web::get().to(admin::emails))
            .route("/admin/reminders/run", web::post().to(admin::run_reminders))
            .route("/compendium", web::get().to(reports::compendium_across))
            .service(
                web::resource("/work-plans")
                    .route(web::get().to(work_plans::list_plans))
                    .route(web::post().to(work_plans::create_plan)),
            )
            .service(
                web::resource("/work-plans/{id}")
                    .route(web::get().to(work_plans::get_plan))
                    .route(web::patch().to(work_plans::update_plan)),
            )
            .service(
                web::resource("/work-plans/{id}/action-items")
                    .route(web::get().to(work_plans::list_items))
                    .route(web::post().to(work_plans::create_item)),
            )
            .service(
                web::resource("/action-items/{id}")
                    .route(web::get().to(work_plans::get_item))
                    .route(web::patch().to(work_plans::update_item)),
            )
            .service(
                web::resource("/action-items/{id}/interests")
                    .route(web::get().to(work_plans::list_interests))
                    .route(web::post().to(work_plans::record_interest)),
            )
            .route(
                "/interests/{id}",
                web::delete().to(work_plans::withdraw_interest),
            )
            .service(
                web::resource("/work-plans/{id}/meetings")
                    .route(web::get().to(work_plans::list_meetings))
                    .route(web::post().to(work_plans::create_meeting)),
            )
            .service(
                web::resource("/meetings/{id}")
                    .route(web::get().to(work_plans::get_meeting))
                    .route(web::patch().to(work_plans::update_meeting)),
            )
            .service(
                web::resource("/meetings/{id}/status-updates")
                    .route(web::get().to(work_plans::list_updates))
                    .route(web::post().to(work_plans::record_update)),
            )
            .route("/meetings/{id}/table", web::get().to(work_plans::table))
            .route(
                "/meetings/{id}/table.md",
                web::get().to(work_plans::table_markdown),
            )
            .route(
                "/meetings/{id}/table.csv",
                web::get().to(work_plans::table_csv),
            ),
    );
}
