//! The OpenAPI document, generated from the handlers' annotations, then finished by the
//! modifiers below: what the annotations do not say (names and descriptions of the
//! operations, public routes, response headers, shared problem answers, optional bodies)
//! and what the derive cannot express (response enums as the request side's named
//! schemas, ids as UUIDs, list envelopes that refer to their items, the two answers of
//! a sign-in). Each modifier is a small table or rule over the whole document, so a new
//! route gets the same treatment; the tests below, Spectral's rules in `.spectral.yaml`
//! and the generated clients in `.ci/openapi` hold the document to it.
//!
//! The modifiers edit the document as JSON (`edit_as_json`): utoipa's types read back
//! everything written here, which `the_document_survives_utoipas_types` checks.

mod operations;

use actix_web::HttpResponse;
use serde_json::{json, Map, Value};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    admin, agencies, audit, auth, health, investigations, jpas, me, mfa, milestones, outcomes,
    reports, returns, schemas, set_password, users, work_plans,
};

pub use operations::{OPERATIONS, TAGS};

/// The HTTP methods an OpenAPI path item may hold, in the document's spelling.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Runs `edit` on the document as JSON and reads the result back into utoipa's types. If
/// either step failed the document is left as it was. utoipa's types drop what they
/// have no field for (`const`, `required` on a header, a header `$ref`): debug builds,
/// and so the tests, stop on any such loss.
fn edit_as_json(openapi: &mut utoipa::openapi::OpenApi, edit: impl FnOnce(&mut Value)) {
    let Ok(mut doc) = serde_json::to_value(&*openapi) else {
        return;
    };
    edit(&mut doc);
    let Ok(edited) = serde_json::from_value::<utoipa::openapi::OpenApi>(doc.clone()) else {
        debug_assert!(false, "the edited document does not fit utoipa's types");
        return;
    };
    debug_assert!(
        serde_json::to_value(&edited).ok().as_ref() == Some(&doc),
        "utoipa's types lost part of the edited document"
    );
    *openapi = edited;
}

/// Every operation of the document with its method (upper case) and path.
fn operations_mut(doc: &mut Value) -> Vec<(String, String, &mut Map<String, Value>)> {
    let mut found = Vec::new();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                if let (true, Some(op)) = (METHODS.contains(&method.as_str()), op.as_object_mut()) {
                    found.push((method.to_uppercase(), path.clone(), op));
                }
            }
        }
    }
    found
}

/// A `$ref` to a component.
fn component_ref(kind: &str, name: &str) -> Value {
    json!({ "$ref": format!("#/components/{kind}/{name}") })
}

fn schema_ref(name: &str) -> Value {
    component_ref("schemas", name)
}

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
                    .description(Some(
                        "The `access_token` of `login`, `loginWithTotp` or `refreshTokens`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Contact, servers and the declared tags.
struct DocumentInfo;

impl Modify for DocumentInfo {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            doc["info"]["contact"] = json!({ "name": "jpa-coord maintainers" });
            // The public URL is configuration, unknown when the document is built: the
            // document is served by the server it describes, so `/` is that server.
            doc["servers"] =
                json!([{ "url": "/", "description": "The server that serves this document" }]);
            doc["tags"] = TAGS
                .iter()
                .map(|(name, description)| json!({ "name": name, "description": description }))
                .collect();
        });
    }
}

/// Names, summaries and descriptions from `operations::OPERATIONS`; `security: []` on
/// the routes `auth::policy::PUBLIC_ROUTES` lists.
struct Operations;

impl Modify for Operations {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            for (method, path, op) in operations_mut(doc) {
                if let Some((.., id, summary, description)) = OPERATIONS
                    .iter()
                    .find(|(m, p, ..)| *m == method && *p == path)
                {
                    op.insert("operationId".into(), json!(id));
                    op.insert("summary".into(), json!(summary));
                    op.insert("description".into(), json!(description));
                }
                let public = crate::auth::policy::PUBLIC_ROUTES
                    .iter()
                    .any(|(m, p)| *m == method && *p == path);
                if public {
                    op.insert("security".into(), json!([]));
                }
            }
        });
    }
}

/// Each parameter once (the actix extractor and an `IntoParams` struct may both declare
/// a path parameter), path parameters required, ids as UUIDs.
struct Parameters;

impl Modify for Parameters {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            for (_, _, op) in operations_mut(doc) {
                let Some(Value::Array(params)) = op.get_mut("parameters") else {
                    continue;
                };
                // Of two declarations the one that says more (a description, a schema
                // with an enum) stays, in the place of the first.
                let mut kept: Vec<Value> = Vec::new();
                for param in params.drain(..) {
                    let same =
                        |p: &&mut Value| p["name"] == param["name"] && p["in"] == param["in"];
                    match kept.iter_mut().find(same) {
                        Some(earlier) if param.to_string().len() > earlier.to_string().len() => {
                            *earlier = param;
                        }
                        Some(_) => {}
                        None => kept.push(param),
                    }
                }
                for param in &mut kept {
                    if param["in"] != "path" {
                        continue;
                    }
                    param["required"] = json!(true);
                    let name = param["name"].as_str().unwrap_or_default();
                    if name == "id" || name.ends_with("_id") {
                        param["schema"] = json!({ "type": "string", "format": "uuid" });
                    }
                }
                *params = kept;
            }
        });
    }
}

/// A route whose body may be left out has an optional request body of the object
/// schema (not a required body of `oneOf: [null, X]`); a route that takes no body at all
/// documents none.
struct OptionalBodies;

impl Modify for OptionalBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            for (_, _, op) in operations_mut(doc) {
                let Some(body) = op.get_mut("requestBody") else {
                    continue;
                };
                let schema = &mut body["content"]["application/json"]["schema"];
                let Some(items) = schema["oneOf"].as_array() else {
                    continue;
                };
                let Some(object) = items.iter().find(|s| s["type"] != "null").cloned() else {
                    continue;
                };
                if object == schema_ref("NoFields") {
                    op.remove("requestBody");
                    continue;
                }
                *schema = object;
                body["required"] = json!(false);
            }
            if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
                schemas.remove("NoFields");
            }
        });
    }
}

/// The problem answers, one component each, with their headers.
/// `(status, component, description, headers)`.
const PROBLEMS: &[(&str, &str, &str, &[&str])] = &[
    (
        "400",
        "BadRequest",
        "Malformed JSON or query parameter",
        &[],
    ),
    (
        "401",
        "Unauthorized",
        "Missing, invalid or expired token (or, when signing in, wrong credentials)",
        &["WWW-Authenticate"],
    ),
    ("403", "Forbidden", "The role may not use this route", &[]),
    (
        "404",
        "NotFound",
        "Does not exist or is not visible to the caller (the same answer either way)",
        &[],
    ),
    ("405", "MethodNotAllowed", "Method not allowed", &["Allow"]),
    ("409", "Conflict", "Uniqueness or state conflict", &[]),
    (
        "412",
        "PreconditionFailed",
        "`If-Match` names an older version than the current one",
        &[],
    ),
    (
        "413",
        "ContentTooLarge",
        "Body over the limit (64 KiB)",
        &[],
    ),
    ("415", "UnsupportedMediaType", "Body is not JSON", &[]),
    (
        "422",
        "UnprocessableContent",
        "Well-formed but invalid; `errors` names each field",
        &[],
    ),
    ("428", "PreconditionRequired", "`If-Match` is missing", &[]),
    (
        "429",
        "TooManyRequests",
        "Throttled; retry after `Retry-After` seconds",
        &["Retry-After"],
    ),
    (
        "503",
        "ServiceUnavailable",
        "Database unavailable; retry after `Retry-After` seconds",
        &["Retry-After"],
    ),
];

/// Statuses every operation may answer (API.md, "Status codes"), and those only
/// writes may.
const EVERY_OPERATION: &[&str] = &[
    "400", "401", "403", "404", "405", "413", "415", "422", "429", "503",
];
const EVERY_WRITE: &[&str] = &["409"];
/// No token is asked for, so no token can be refused: a public route answers these
/// only where its handler says so.
const NOT_ON_PUBLIC_ROUTES: &[&str] = &["401", "403"];

/// The response headers of the document, by name.
fn header(name: &str) -> Value {
    match name {
        "X-Request-Id" => json!({
            "description": "The id of the request: the caller's own `X-Request-Id` when it is well-formed, else a new one. Problem details repeat it as `request_id`.",
            "schema": { "type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$" }
        }),
        "ETag" => json!({
            "description": "`\"<version>\"` of the resource: send it back as `If-Match` to change it.",
            "schema": { "type": "string", "pattern": "^\"[0-9]{1,18}\"$" }
        }),
        "Location" => json!({
            "description": "The path of the created resource.",
            "schema": { "type": "string", "format": "uri-reference" }
        }),
        "Retry-After" => json!({
            "description": "Seconds to wait before trying again.",
            "schema": { "type": "integer", "minimum": 1 }
        }),
        "WWW-Authenticate" => json!({
            "description": "`Bearer`, with the error where a token was refused.",
            "schema": { "type": "string" }
        }),
        "Allow" => json!({
            "description": "The methods the path serves.",
            "schema": { "type": "string" }
        }),
        _ => json!({ "schema": { "type": "string" } }),
    }
}

/// Every problem answer is a `$ref` to its component in `components.responses`, which
/// documents its headers once.
struct CommonProblems;

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            let mut responses = Map::new();
            for (status, name, description, headers) in PROBLEMS {
                let headers: Map<String, Value> = headers
                    .iter()
                    .chain(&["X-Request-Id"])
                    .map(|h| (h.to_string(), header(h)))
                    .collect();
                let content =
                    json!({ "application/problem+json": { "schema": schema_ref("Problem") } });
                responses.insert(
                    name.to_string(),
                    json!({ "description": format!("{description} ({status})"), "headers": headers, "content": content }),
                );
            }
            for (method, path, op) in operations_mut(doc) {
                let public = crate::auth::policy::PUBLIC_ROUTES
                    .iter()
                    .any(|(m, p)| *m == method && *p == path);
                let answers = op
                    .entry("responses")
                    .or_insert_with(|| json!({}))
                    .as_object_mut();
                let Some(answers) = answers else { continue };
                let is_write = method != "GET";
                let common = EVERY_OPERATION
                    .iter()
                    .chain(if is_write { EVERY_WRITE } else { &[] })
                    .filter(|s| !public || !NOT_ON_PUBLIC_ROUTES.contains(s));
                for status in common {
                    answers.entry(status.to_string()).or_insert(Value::Null);
                }
                for (status, answer) in answers.iter_mut() {
                    if let Some((.., name, _, _)) = PROBLEMS.iter().find(|(s, ..)| s == status) {
                        *answer = component_ref("responses", name);
                    }
                }
            }
            doc["components"]["responses"] = Value::Object(responses);
        });
    }
}

/// The sign-in answers one of two bodies: the token pair, or the challenge of a
/// two-factor sign-in. Each has required properties the other lacks, so exactly one
/// matches. A `discriminator` needs a property both bodies carry, and the token answer has
/// no `mfa_required` (adding `"mfa_required": false` to it would allow one).
struct LoginAnswer;

impl Modify for LoginAnswer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            let answer = &mut doc["paths"]["/api/v1/auth/login"]["post"]["responses"]["200"];
            if answer.is_object() {
                answer["content"]["application/json"]["schema"] =
                    json!({ "oneOf": [schema_ref("TokenResponse"), schema_ref("MfaChallenge")] });
            }
        });
    }
}

/// Success answers that carry `ETag` (those whose body is a versioned resource) and
/// `Location` (every 201: `routes::extract::located`); `X-Request-Id` on every answer.
struct ResponseHeaders;

impl Modify for ResponseHeaders {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            let schemas = doc["components"]["schemas"].clone();
            let versioned = |schema: &Value| {
                let name = schema["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"));
                name.is_some_and(|n| {
                    schemas[n]["required"]
                        .as_array()
                        .is_some_and(|r| r.contains(&json!("version")))
                })
            };
            for (_, _, op) in operations_mut(doc) {
                let Some(answers) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                    continue;
                };
                for (status, answer) in answers.iter_mut() {
                    if answer.get("$ref").is_some() {
                        continue;
                    }
                    let mut headers = vec!["X-Request-Id"];
                    if versioned(&answer["content"]["application/json"]["schema"]) {
                        headers.push("ETag");
                    }
                    if status == "201" {
                        headers.push("Location");
                    }
                    for name in headers {
                        answer["headers"][name] = header(name);
                    }
                    if answer["description"].as_str().is_none_or(str::is_empty) {
                        answer["description"] = json!(default_description(status));
                    }
                }
            }
        });
    }
}

/// What a success status means when the handler did not say.
fn default_description(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "Done; no body",
        _ => "Answer",
    }
}

/// Schemas the derive cannot produce: the response side uses the request side's named
/// enums (`views.rs` types those fields as `String`), ids are UUIDs, list envelopes refer
/// to their item schema, the vocabularies that had several inline copies are named once.
struct Schemas;

/// `(schema, property, the property's schema)`: view fields typed `String` in Rust whose
/// values come from a closed vocabulary.
const VIEW_FIELDS: &[(&str, &str, &str)] = &[
    ("AgencyView", "kind", "AgencyKind"),
    ("AgencyView", "country", "CountryCode"),
    ("ComplianceRow", "country", "CountryCode"),
    ("EmailView", "status", "EmailStatus"),
    ("Indicator", "code", "IndicatorCode"),
    ("InvestigationView", "sensitivity", "Sensitivity"),
    ("InvestigationView", "status", "InvestigationStatus"),
    ("JpaView", "status", "JpaStatus"),
    ("JpaView", "timezone", "TimeZone"),
    ("LinkView", "relation", "LinkRelation"),
    ("MilestoneView", "kind", "MilestoneKind"),
    ("MilestoneView", "status", "MilestoneStatus"),
    ("OutcomeView", "indicator", "IndicatorCode"),
    ("OutcomeView", "status", "OutcomeStatus"),
    ("ReturnView", "status", "ReturnStatus"),
    ("UserView", "role", "Role"),
];

/// Properties that hold a user's id without saying so in their name.
const USER_ID_FIELDS: &[&str] = &["submitted_by", "revised_by"];
/// `*_id` properties that are not UUIDs: an audited object may be a participation
/// (`<jpa id>:<agency id>`), a request id is the caller's own, a mail's `Message-ID` is
/// `<row id@sender domain>`.
const NOT_UUIDS: &[&str] = &["entity_id", "request_id", "message_id"];

/// The vocabularies written out once as named schemas, replacing every inline copy.
fn named_vocabularies() -> Vec<(&'static str, Value, Value)> {
    let to_json = |o: utoipa::openapi::Object| serde_json::to_value(o).unwrap_or_default();
    vec![
        (
            "CountryCode",
            to_json(schemas::country()),
            to_json(schemas::country_or_null()),
        ),
        (
            "IndicatorCode",
            to_json(schemas::indicator()),
            to_json(schemas::indicator_or_null()),
        ),
        (
            "TimeZone",
            to_json(schemas::timezone()),
            to_json(schemas::timezone_or_null()),
        ),
        ("EmailStatus", to_json(schemas::email_status()), Value::Null),
        // Query filters spelled inline in `schemas` are the named enums of the bodies.
        (
            "InvestigationStatus",
            to_json(schemas::investigation_status()),
            Value::Null,
        ),
        ("CrimeType", to_json(schemas::crime_type()), Value::Null),
        (
            "SuppressedFigure",
            to_json(schemas::suppressed_figure()),
            Value::Null,
        ),
        ("ExportKind", to_json(schemas::export_kind()), Value::Null),
    ]
}

/// Replaces, anywhere under `value`, a copy of a named vocabulary with a `$ref` to it.
fn name_vocabularies(value: &mut Value, named: &[(&str, Value, Value)]) {
    for (name, schema, or_null) in named {
        if value == schema {
            *value = schema_ref(name);
            return;
        }
        if !or_null.is_null() && value == or_null {
            *value = json!({ "oneOf": [{ "type": "null" }, schema_ref(name)] });
            return;
        }
    }
    match value {
        Value::Object(map) => map.values_mut().for_each(|v| name_vocabularies(v, named)),
        Value::Array(list) => list.iter_mut().for_each(|v| name_vocabularies(v, named)),
        _ => {}
    }
}

/// The properties of an object schema, or of the object parts of an `allOf`.
fn properties_mut(schema: &mut Value) -> Vec<(&String, &mut Value)> {
    let parts: Vec<&mut Value> = if schema.get("allOf").is_some() {
        schema["allOf"]
            .as_array_mut()
            .into_iter()
            .flatten()
            .collect()
    } else {
        vec![schema]
    };
    parts
        .into_iter()
        .filter_map(|part| part.get_mut("properties").and_then(Value::as_object_mut))
        .flat_map(|props| props.iter_mut())
        .collect()
}

/// `format: uuid` on a string (or string-or-null) schema without a format.
fn mark_uuid(schema: &mut Value) {
    let is_string = schema["type"] == "string" || schema["type"] == json!(["string", "null"]);
    if is_string && schema.get("format").is_none() {
        schema["format"] = json!("uuid");
    }
}

impl Modify for Schemas {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        edit_as_json(openapi, |doc| {
            let named = named_vocabularies();
            let Some(all) = doc["components"]["schemas"].as_object_mut() else {
                return;
            };
            let mut whole = Value::Object(std::mem::take(all));
            name_vocabularies(&mut whole, &named);
            if let Value::Object(map) = whole {
                *all = map;
            }
            for (name, schema, _) in &named {
                all.insert(name.to_string(), schema.clone());
            }
            for (schema, property, named) in VIEW_FIELDS {
                if let Some(s) = all.get_mut(*schema) {
                    for (p, value) in properties_mut(s) {
                        if p == property {
                            *value = schema_ref(named);
                        }
                    }
                }
            }
            if let Some(periods) = all
                .get_mut("ComplianceRow")
                .map(properties_mut)
                .and_then(|ps| ps.into_iter().find(|(p, _)| *p == "periods"))
            {
                *periods.1 = json!({
                    "type": "object",
                    "description": "Period (`YYYY-MM`) -> where the agency's return stands; periods before the agency joined are absent.",
                    "additionalProperties": schema_ref("ReturnState"),
                });
            }
            if let Some(token_type) = all
                .get_mut("TokenResponse")
                .and_then(|s| s.pointer_mut("/properties/token_type"))
            {
                *token_type = json!({ "type": "string", "enum": ["Bearer"] });
            }
            if let Some(flag) = all
                .get_mut("MfaChallenge")
                .and_then(|s| s.pointer_mut("/properties/mfa_required"))
            {
                // An enum of one value rather than `const`, which utoipa's types do not hold.
                *flag = json!({ "type": "boolean", "enum": [true] });
            }
            for schema in all.values_mut() {
                for (name, property) in properties_mut(schema) {
                    let id_like = name == "id" || name.ends_with("_id");
                    if (id_like && !NOT_UUIDS.contains(&name.as_str()))
                        || USER_ID_FIELDS.contains(&name.as_str())
                    {
                        mark_uuid(property);
                    }
                    if name.ends_with("_ids") {
                        if let Some(items) = property.get_mut("items") {
                            mark_uuid(items);
                        }
                    }
                }
            }
            let names: Vec<String> = all.keys().cloned().collect();
            for name in names {
                let Some(item) = name.strip_prefix("ListResponse_") else {
                    continue;
                };
                if let (true, Some(items)) = (
                    all.contains_key(item),
                    all.get_mut(&name)
                        .and_then(|s| s.pointer_mut("/properties/items/items")),
                ) {
                    *items = schema_ref(item);
                }
            }
            // Query parameters with a named vocabulary refer to it too.
            if let Some(paths) = doc.get_mut("paths") {
                name_vocabularies(paths, &named);
            }
        });
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "jpa-coord", description = "Coordination backend for a Joint Period of Action (JPA) against people smuggling and human trafficking: JPAs, participating agencies, investigations with their milestones and outcomes, monthly returns, progress reports.\n\nSign in with `login` and send `Authorization: Bearer <access_token>`. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`; their `title`, `detail` and field `message`s are English, and a client that shows errors in its user's language translates by `code` (and by each field error's `field`), never by the English text. Users have a `locale` (`en`, `id`, `th`, `vi`, `ms`, `zh-Hans`): the service's pages and mails follow it; field names, `code`s, dates and periods (`YYYY-MM`) are never translated. Every mutable resource has an integer `version`, answered as `ETag: \"<version>\"`; a PATCH needs it back as `If-Match` (428 without it, 412 when stale). Lists take `limit` (1-200, default 50) and `cursor` and answer `{items, next_cursor}`. No string may contain U+0000: it is refused with 422 in a body and 400 in a URL."),
    paths(
        health::health, health::ready, set_password::page,
        auth::login, auth::refresh, auth::logout, auth::password_reset, auth::password_reset_confirm,
        me::get_me, me::update_me, me::change_password, mfa::enroll, mfa::confirm, mfa::disable, mfa::second_step,
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
        reports::progress, reports::export, reports::compendium, reports::compendium_across,
        work_plans::list_plans, work_plans::create_plan, work_plans::get_plan, work_plans::update_plan,
        work_plans::list_items, work_plans::create_item, work_plans::get_item, work_plans::update_item,
        work_plans::list_interests, work_plans::record_interest, work_plans::withdraw_interest,
        work_plans::list_meetings, work_plans::create_meeting, work_plans::get_meeting, work_plans::update_meeting,
        work_plans::list_updates, work_plans::record_update,
        work_plans::table, work_plans::table_markdown, work_plans::table_csv,
    ),
    components(schemas(
        crate::error::Problem, crate::error::FieldError,
        crate::domain::ReturnStatus, crate::domain::period::ReturnState,
    )),
    modifiers(
        &BearerAuth, &DocumentInfo, &Operations, &Parameters, &OptionalBodies,
        &CommonProblems, &LoginAnswer, &ResponseHeaders, &Schemas,
    )
)]
pub struct ApiDoc;

/// The document as served, built once.
pub fn document() -> &'static Value {
    static DOCUMENT: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service",
    responses((status = 200, description = "This document", body = Object)))]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(document())
}

#[cfg(test)]
mod tests {
    use super::{document, ApiDoc, OPERATIONS};
    use serde_json::{json, Value};
    use utoipa::OpenApi;

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut found = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                found.push((method.to_uppercase(), path.clone(), op));
            }
        }
        found
    }

    /// Every success answer with a body says what the body is, so that clients can be
    /// generated and the contract fuzzing checks each response against it.
    #[test]
    fn every_success_with_a_body_documents_its_schema() {
        let doc = document();
        let mut missing = Vec::new();
        for (method, path, op) in operations(doc) {
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
        assert!(missing.is_empty(), "no schema: {missing:?}");
    }

    /// The document names the values the API takes, not the Rust variant names.
    #[test]
    fn enums_are_documented_as_the_api_spells_them() {
        let schemas = &document()["components"]["schemas"];
        assert_eq!(
            schemas["CrimeType"]["enum"],
            json!(["people_smuggling", "trafficking_in_persons"])
        );
        assert_eq!(
            schemas["LinkRelation"]["enum"],
            json!(["same_network", "related", "spin_off"])
        );
        assert_eq!(schemas["CountryCode"]["enum"][0], json!("AD"));
        assert_eq!(
            schemas["CreateAgency"]["properties"]["country"],
            json!({"$ref": "#/components/schemas/CountryCode"})
        );
    }

    /// A route without a row in `operations::OPERATIONS` (or a row left behind by a
    /// removed route) fails here: every operation has a unique camelCase id, a summary
    /// and a description.
    #[test]
    fn every_operation_is_named_and_described() {
        let doc = document();
        let mut ids = std::collections::BTreeSet::new();
        let ops = operations(doc);
        for (method, path, op) in &ops {
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(
                OPERATIONS
                    .iter()
                    .any(|(m, p, i, ..)| m == method && p == path && *i == id),
                "{method} {path}: no row in operations::OPERATIONS"
            );
            assert!(
                id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{id} is not camelCase"
            );
            assert!(ids.insert(id.to_string()), "{id} is used twice");
            for field in ["summary", "description"] {
                assert!(
                    op[field].as_str().is_some_and(|s| !s.is_empty()),
                    "{method} {path}: no {field}"
                );
            }
            assert!(op["tags"].as_array().is_some_and(|t| t.len() == 1));
        }
        assert_eq!(ops.len(), OPERATIONS.len(), "rows without a route");
    }

    /// The public routes say so (`security: []`); every other one asks for the bearer
    /// token.
    #[test]
    fn public_routes_need_no_token_and_the_others_do() {
        for (method, path, op) in operations(document()) {
            let public = crate::auth::policy::PUBLIC_ROUTES
                .iter()
                .any(|(m, p)| *m == method && *p == path);
            let expected = if public {
                json!([])
            } else {
                json!([{"bearer": []}])
            };
            assert_eq!(op["security"], expected, "{method} {path}");
        }
    }

    /// Every answer is described and carries `X-Request-Id`; versioned resources carry
    /// `ETag`; problems are the shared components.
    #[test]
    fn every_answer_is_described_with_its_headers() {
        let doc = document();
        let resolve = |r: &Value| -> Value {
            match r["$ref"].as_str() {
                Some(name) => doc["components"]["responses"]
                    [name.trim_start_matches("#/components/responses/")]
                .clone(),
                None => r.clone(),
            }
        };
        for (method, path, op) in operations(doc) {
            for (status, answer) in op["responses"].as_object().unwrap() {
                let is_problem = status.starts_with('4') || status.starts_with('5');
                assert_eq!(
                    answer.get("$ref").is_some(),
                    is_problem,
                    "{method} {path} {status}"
                );
                let answer = resolve(answer);
                assert!(
                    answer["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status}"
                );
                assert!(
                    answer["headers"]["X-Request-Id"].is_object(),
                    "{method} {path} {status}"
                );
            }
        }
        let get_jpa = &doc["paths"]["/api/v1/jpas/{id}"]["get"]["responses"]["200"];
        assert!(get_jpa["headers"]["ETag"].is_object());
        let tpl = &doc["components"]["responses"]["TooManyRequests"]["headers"];
        assert!(tpl["Retry-After"].is_object());
    }

    /// Views use the request side's named enums, ids are UUIDs, list envelopes refer to
    /// their items, the time zone is a checked string, the progress document is typed.
    #[test]
    fn schemas_refer_to_shared_definitions() {
        let s = &document()["components"]["schemas"];
        let r = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
        assert_eq!(s["JpaView"]["properties"]["status"], r("JpaStatus"));
        assert_eq!(s["JpaView"]["properties"]["timezone"], r("TimeZone"));
        assert_eq!(
            s["CreateJpa"]["properties"]["timezone"],
            json!({"oneOf": [{"type": "null"}, r("TimeZone")]})
        );
        assert!(s["TimeZone"].get("enum").is_none());
        assert_eq!(s["JpaView"]["properties"]["id"]["format"], "uuid");
        assert_eq!(
            s["InvestigationView"]["properties"]["partner_agency_ids"]["items"]["format"],
            "uuid"
        );
        assert_eq!(
            s["ListResponse_JpaView"]["properties"]["items"]["items"],
            r("JpaView")
        );
        assert_eq!(s["Progress"]["properties"]["jpa"], r("JpaView"));
        let login = &document()["paths"]["/api/v1/auth/login"]["post"]["responses"]["200"];
        assert_eq!(
            login["content"]["application/json"]["schema"]["oneOf"],
            json!([r("TokenResponse"), r("MfaChallenge")])
        );
    }

    /// Each parameter is declared once and path parameters are required.
    #[test]
    fn parameters_are_declared_once() {
        for (method, path, op) in operations(document()) {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let mut seen = std::collections::BTreeSet::new();
            for p in &params {
                let key = format!("{}:{}", p["in"], p["name"]);
                assert!(seen.insert(key.clone()), "{method} {path} {key}");
                if p["in"] == "path" {
                    assert_eq!(p["required"], true, "{method} {path} {key}");
                }
            }
        }
        let export = &document()["paths"]["/api/v1/jpas/{id}/export/{kind}.csv"]["get"];
        assert_eq!(
            export["parameters"][1]["schema"],
            json!({"$ref": "#/components/schemas/ExportKind"})
        );
    }

    /// Nothing the modifiers write is lost in utoipa's types: reading the served document
    /// back gives the same document.
    #[test]
    fn the_document_survives_utoipas_types() {
        let doc = document().clone();
        let back: utoipa::openapi::OpenApi = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(serde_json::to_value(back).unwrap(), doc);
        assert_eq!(serde_json::to_value(ApiDoc::openapi()).unwrap(), doc);
    }
}
