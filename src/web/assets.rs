//! Static assets compiled into the binary, served under content-hashed names
//! (`/assets/site.<hash>.css`) so they can be cached for a year: a new build with a
//! changed file has a new name.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use sha2::Digest;

struct Asset {
    name: &'static str,
    bytes: &'static [u8],
    content_type: &'static str,
}

const FILES: &[Asset] = &[
    Asset {
        name: "site.css",
        bytes: include_bytes!("../../assets/site.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "htmx.min.js",
        bytes: include_bytes!("../../assets/htmx.min.js"),
        content_type: "text/javascript; charset=utf-8",
    },
];

/// The served name of each asset: its stem, the first 12 hex digits of its SHA-256, its
/// extension.
pub struct Assets {
    hashed: Vec<(&'static str, String)>,
}

impl Assets {
    pub fn new() -> Assets {
        let hashed = FILES
            .iter()
            .map(|a| {
                let digest = sha2::Sha256::digest(a.bytes);
                let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
                let served = match a.name.split_once('.') {
                    Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
                    None => format!("{}.{hex}", a.name),
                };
                (a.name, served)
            })
            .collect();
        Assets { hashed }
    }

    /// The URL of an asset by its file name (`site.css` -> `/assets/site.<hash>.css`).
    pub fn url(&self, name: &str) -> Option<String> {
        self.hashed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, served)| format!("/assets/{served}"))
    }

    fn find(&self, served: &str) -> Option<&'static Asset> {
        let (name, _) = self.hashed.iter().find(|(_, s)| s == served)?;
        FILES.iter().find(|a| a.name == *name)
    }
}

impl Default for Assets {
    fn default() -> Self {
        Assets::new()
    }
}

/// `GET /assets/{file}`: the bytes under their hashed name, cached for a year; any other
/// name (an old hash included) is the 404 page.
pub async fn serve(file: web::Path<String>) -> Result<HttpResponse, super::PageError> {
    let asset = super::pages()?
        .assets
        .find(&file)
        .ok_or(super::PageError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, asset.content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.bytes))
}
