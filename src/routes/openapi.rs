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

/// Every operation may answer with these problems (API.md, "Status codes"): documented
/// once here rather than on each handler.
struct CommonProblems;

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build()
        };
        let common = [
            ("400", "Malformed JSON or query parameter"),
            ("401", "Missing, invalid or expired token"),
            ("403", "The role may not use this route"),
            ("404", "Does not exist or is not visible to the caller"),
            ("405", "Method not allowed"),
            ("413", "Body over the limit"),
            ("415", "Body is not JSON"),
            ("422", "Well-formed but invalid"),
            ("429", "Throttled; see Retry-After"),
            ("503", "Database unavailable; see Retry-After"),
        ];
        for item in openapi.paths.paths.values_mut() {
            let reads = item.get.iter_mut().map(|op| (false, op));
            let writes = [
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            .map(|op| (true, op));
            for (is_write, op) in reads.chain(writes) {
                for (status, description) in common {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| problem(description).into());
                }
                // Any write may meet a uniqueness rule or a state that forbids it (a
                // closed JPA is read-only, a name is taken, the last admin stays).
                if is_write {
                    op.responses
                        .responses
                        .entry("409".to_string())
                        .or_insert_with(|| problem("Uniqueness or state conflict").into());
                }
                // Errors declared on a handler with `body = Problem` are problem+json too.
                for (status, response) in op.responses.responses.iter_mut() {
                    let is_error = status.starts_with('4') || status.starts_with('5');
                    if let (true, utoipa::openapi::RefOr::T(response)) = (is_error, response) {
                        if let Some(content) = response.content.shift_remove("application/json") {
                            response
                                .content
                                .insert("application/problem+json".to_string(), content);
                        }
                    }
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "jpa-coord", description = "Coordination backend for a Joint Period of Action. Errors are RFC 9457 problem+json. No string may contain U+0000: it is refused with 422 in a body and 400 in a URL."),
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
    modifiers(&BearerAuth, &CommonProblems)
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service",
    responses((status = 200, description = "This document", body = Object)))]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use super::ApiDoc;
    use utoipa::OpenApi;

    /// Every success answer with a body says what the body is, so that clients can be
    /// generated and the contract fuzzing checks each response against it.
    #[test]
    fn every_success_with_a_body_documents_its_schema() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let mut missing = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for (status, response) in op["responses"].as_object().unwrap() {
                    if !status.starts_with('2') || status == "204" {
                        continue;
                    }
                    let has_schema = response["content"].as_object().is_some_and(|c| {
                        !c.is_empty() && c.values().all(|v| v.get("schema").is_some())
                    });
                    if !has_schema {
                        missing.push(format!("{method} {path} {status}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no schema: {missing:?}");
    }

    /// The document names the values the API takes, not the Rust variant names.
    #[test]
    fn enums_are_documented_as_the_api_spells_them() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["CrimeType"]["enum"],
            serde_json::json!(["people_smuggling", "trafficking_in_persons"])
        );
        assert_eq!(
            schemas["LinkRelation"]["enum"],
            serde_json::json!(["same_network", "related", "spin_off"])
        );
        assert_eq!(
            schemas["CreateAgency"]["properties"]["country"]["enum"][0],
            serde_json::json!("AD")
        );
    }
}
