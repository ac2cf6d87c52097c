//! `/` (each role's home) and `/jpas`, the placeholder home of every role for now.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::render;
use crate::operations::{self, Page};
use crate::state::AppState;
use crate::web::session::{MaybeSignedIn, SignedIn};
use crate::web::{see_other, Frame, PageError};

/// `/`: to `/login` when signed out, else to the caller's home.
pub async fn root(who: MaybeSignedIn) -> HttpResponse {
    match who.0 {
        None => see_other("/login"),
        Some(who) if who.must_enrol => see_other("/me?notice=mfa-required"),
        Some(_) => see_other("/jpas"),
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
        minijinja::context! { jpas => list.items, more => list.next_cursor.is_some() },
    )
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates!["jpas.html"];

/// Mounts `/` and `/jpas`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(root))
        .route("/jpas", web::get().to(jpas));
}
