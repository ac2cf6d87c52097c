//! The forward work plan: the JSON face of `operations::work_plans`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{
    audit_context, if_match, located, page, path_id, with_etag, JsonBody, ListQuery,
};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::work_plans::{self as ops, *};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/work-plans", tag = "work-plans", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, description = "A page of work plans, newest first", body = super::extract::ListResponse<WorkPlanView>)))]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;

    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list_plans(conn, &caller, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/work-plans", tag = "work-plans", security(("bearer" = [])),

    request_body = CreateWorkPlan,
    responses((status = 201, body = WorkPlanView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateWorkPlan>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;

    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let made = state
        .db
        .run(move |conn| ops::create_plan(conn, &caller, &ctx, input))
        .await?;
    let location = format!("/api/v1/work-plans/{}", made.id);
    Ok(located(
        with_etag(StatusCode::CREATED, made.version, &made),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/work-plans/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = WorkPlanView), (status = 404, body = crate::error::Problem)))]
pub async fn get_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let found = state
        .db
        .run(move |conn| ops::get_plan(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, found.version, &found))
}

#[utoipa::path(patch, path = "/api/v1/work-plans/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateWorkPlan,
    responses((status = 200, body = WorkPlanView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateWorkPlan>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let saved = state
        .db
        .run(move |conn| ops::update_plan(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, saved.version, &saved))
}

#[utoipa::path(get, path = "/api/v1/work-plans/{id}/action-items", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, description = "A page of the plan's action items, newest first", body = super::extract::ListResponse<ActionItemView>), (status = 404, body = crate::error::Problem)))]
pub async fn list_items(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list_items(conn, &caller, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/work-plans/{id}/action-items", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CreateActionItem,
    responses((status = 201, body = ActionItemView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_item(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateActionItem>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let made = state
        .db
        .run(move |conn| ops::create_item(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!("/api/v1/action-items/{}", made.id);
    Ok(located(
        with_etag(StatusCode::CREATED, made.version, &made),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/action-items/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = ActionItemView), (status = 404, body = crate::error::Problem)))]
pub async fn get_item(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let found = state
        .db
        .run(move |conn| ops::get_item(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, found.version, &found))
}

#[utoipa::path(patch, path = "/api/v1/action-items/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateActionItem,
    responses((status = 200, body = ActionItemView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update_item(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateActionItem>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let saved = state
        .db
        .run(move |conn| ops::update_item(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, saved.version, &saved))
}

#[utoipa::path(get, path = "/api/v1/action-items/{id}/interests", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, description = "A page of the members' interest in the item, newest first", body = super::extract::ListResponse<InterestView>), (status = 404, body = crate::error::Problem)))]
pub async fn list_interests(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list_interests(conn, &caller, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/action-items/{id}/interests", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CreateInterest,
    responses((status = 201, body = InterestView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn record_interest(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateInterest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::RecordInterest)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let made = state
        .db
        .run(move |conn| ops::record_interest(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!("/api/v1/interests/{}", made.id);
    Ok(located(HttpResponse::Created().json(&made), &location))
}

#[utoipa::path(delete, path = "/api/v1/interests/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn withdraw_interest(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::RecordInterest)?;
    let id = path_id(&id)?;
    let ctx = audit_context(&caller);
    state
        .db
        .run(move |conn| ops::withdraw_interest(conn, &caller, &ctx, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/work-plans/{id}/meetings", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, description = "A page of the plan's annual meetings, newest first", body = super::extract::ListResponse<MeetingView>), (status = 404, body = crate::error::Problem)))]
pub async fn list_meetings(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list_meetings(conn, &caller, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/work-plans/{id}/meetings", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CreateMeeting,
    responses((status = 201, body = MeetingView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_meeting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateMeeting>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let made = state
        .db
        .run(move |conn| ops::create_meeting(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!("/api/v1/meetings/{}", made.id);
    Ok(located(
        with_etag(StatusCode::CREATED, made.version, &made),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = crate::error::Problem)))]
pub async fn get_meeting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let found = state
        .db
        .run(move |conn| ops::get_meeting(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, found.version, &found))
}

#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateMeeting,
    responses((status = 200, body = MeetingView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update_meeting(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateMeeting>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let saved = state
        .db
        .run(move |conn| ops::update_meeting(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, saved.version, &saved))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}/status-updates", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, description = "A page of the meeting's status updates, newest first", body = super::extract::ListResponse<StatusUpdateView>), (status = 404, body = crate::error::Problem)))]
pub async fn list_updates(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list_updates(conn, &caller, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/meetings/{id}/status-updates", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CreateStatusUpdate,
    responses((status = 201, body = StatusUpdateView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn record_update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateStatusUpdate>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageWorkPlan)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let made = state
        .db
        .run(move |conn| ops::record_update(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!("/api/v1/meetings/{}/status-updates", made.meeting_id);
    Ok(located(HttpResponse::Created().json(&made), &location))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}/table", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = MeetingTable), (status = 404, body = crate::error::Problem)))]
pub async fn table(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let found = state
        .db
        .run(move |conn| ops::table(conn, &caller, &id))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}/table.md", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "The meeting's table as Markdown", body = String, content_type = "text/markdown"),
              (status = 404, body = crate::error::Problem)))]
pub async fn table_markdown(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let md = state
        .db
        .run(move |conn| {
            ops::table(conn, &caller, &id).map(|t| crate::reports::meeting_table::markdown(&t))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .body(md))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}/table.csv", tag = "work-plans", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "The meeting's table as CSV, one row per action item", body = String, content_type = "text/csv"),
              (status = 404, body = crate::error::Problem)))]
pub async fn table_csv(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadWorkPlan)?;
    let id = path_id(&id)?;
    let (csv, name) = state
        .db
        .run(move |conn| {
            let t = ops::table(conn, &caller, &id)?;
            let csv = crate::reports::meeting_table::csv(&t)?;
            Ok((csv, crate::reports::meeting_table::file_name(&t, "csv")))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(csv))
}
