//! The OpenAPI document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    admin, agencies, audit, auth, health, investigations, jpas, me, mfa, milestones, outcomes,
    reports, returns, set_password, users,
};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "jpa-coord", description = "Coordination backend for a Joint Period of Action. Errors are RFC 9457 problem+json."),
    paths(
        health::health, health::ready, set_password::page,
        auth::login, auth::refresh, auth::logout, auth::password_reset, auth::password_reset_confirm,
        me::get_me, me::change_password, mfa::enroll, mfa::confirm, mfa::disable, mfa::second_step,
        users::list, users::create, users::get, users::update,
        agencies::list, agencies::create, agencies::get, agencies::update,
        audit::list, admin::emails, admin::run_reminders, openapi_json,
        jpas::indicators, jpas::list, jpas::create, jpas::get, jpas::update,
        jpas::participants, jpas::add_participant, jpas::remove_participant,
        investigations::list, investigations::create, investigations::get, investigations::update,
        investigations::add_partner, investigations::remove_partner,
        investigations::links, investigations::add_link, investigations::remove_link,
        milestones::list, milestones::create, milestones::update, milestones::delete,
        outcomes::list, outcomes::create, outcomes::update, outcomes::delete, outcomes::revisions,
        returns::list, returns::save, returns::submit, returns::compliance,
        reports::progress, reports::export, reports::compendium,
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service",
    responses((status = 200, description = "This document")))]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
