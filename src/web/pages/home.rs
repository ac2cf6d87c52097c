//! `/` (each role's home) and `/jpas` (the JPAs the caller may see, each linking to its
//! page).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::render;
use crate::operations::{self, Page};
use crate::state::AppState;
use crate::web::session::{MaybeSignedIn, SignedIn};
use crate::web::{see_other, Frame, PageError};

/// `/`: to `/login` when signed out, else to the caller's home: the page of the one
/// active JPA a liaison, co-chair or observer takes part in (a liaison's work, a
/// co-chair's dashboard, an observer's figures), else the list of JPAs (admins, and
/// anyone with none or several active ones, choose there).
pub async fn root(state: web::Data<AppState>, who: MaybeSignedIn) -> HttpResponse {
    let Some(who) = who.0 else {
        return see_other("/login");
    };
    if who.must_enrol {
        return see_other("/me?notice=mfa-required");
    }
    if who.caller.role == crate::domain::Role::Admin {
        return see_other("/jpas");
    }
    let caller = who.caller.clone();
    let listed = state
        .db
        .run(move |conn| {
            operations::jpas::list(
                conn,
                &caller,
                Page {
                    limit: 100,
                    after: None,
                },
            )
        })
        .await;
    let active: Vec<String> = match listed {
        Ok(list) => list
            .items
            .into_iter()
            .filter(|j| j.status == "active")
            .map(|j| j.id)
            .collect(),
        Err(_) => Vec::new(),
    };
    match active.as_slice() {
        [only] => see_other(&format!("/jpas/{only}")),
        _ => see_other("/jpas"),
    }
}

/// `/jpas`: the JPAs the caller may see (`operations::jpas::list`).
pub async fn jpas(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<HttpResponse, PageError> {
    let caller = who.caller.clone();
    let list = state
        .db
        .run(move |conn| {
            operations::jpas::list(
                conn,
                &caller,
                Page {
                    limit: 100,
                    after: None,
                },
            )
        })
        .await?;
    render(
        StatusCode::OK,
        "jpas.html",
        Frame::signed_in(&who, req.path()),
        minijinja::context! {
            jpas => list.items,
            more => list.next_cursor.is_some(),
            may_create => crate::auth::policy::allowed_roles(crate::auth::policy::Action::CreateJpa)
                .contains(&who.caller.role),
        },
    )
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates!["jpas.html"];

/// Mounts `/` and `/jpas`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(root))
        .route("/jpas", web::get().to(jpas));
}
