//! A browser without JavaScript, by hand: cookies are kept (`Browser`), forms are posted
//! urlencoded with the browser's `Origin`. Shared by the page tests.

use std::collections::BTreeMap;

use jpa_coord::domain::Role;

use crate::helpers::{Resp, TestApp};

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// A cookie jar and the headers a same-origin browser sends.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
    /// Every `Set-Cookie` seen, for the flags.
    pub set_cookies: Vec<String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: BTreeMap::new(),
            set_cookies: Vec::new(),
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn absorb(&mut self, r: &Resp) {
        for v in r.headers.get_all("set-cookie") {
            let v = v.to_str().unwrap().to_string();
            let (pair, _) = v.split_once(';').unwrap_or((&v, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if v.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
            self.set_cookies.push(v);
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let r = self
            .app
            .send(
                self.app
                    .client
                    .get(self.app.url(path))
                    .header("Cookie", self.cookie_header()),
            )
            .await;
        self.absorb(&r);
        r
    }

    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = self
            .app
            .client
            .post(self.app.url(path))
            .header("Cookie", self.cookie_header())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(fields).unwrap());
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = self.app.send(req).await;
        self.absorb(&r);
        r
    }

    /// A form posted from one of the service's pages.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let origin = self.app.address.clone();
        self.post_with(
            path,
            fields,
            &[("Origin", &origin), ("Sec-Fetch-Site", "same-origin")],
        )
        .await
    }

    /// Opens `page`, fills its form (the CSRF token from the page) and posts it to `action`.
    pub async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Resp {
        let shown = self.get(page).await;
        assert_eq!(shown.status, 200, "{page}: {}", shown.text);
        let csrf = csrf_of(&shown.text);
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Resp {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

/// A user of `role` with `PASSWORD` (a liaison with an agency of its own).
pub async fn user(app: &TestApp, email: &str, role: Role) -> String {
    let agency = if role == Role::Liaison {
        Some(app.create_agency(&format!("Agency of {email}"), "TH").await)
    } else {
        None
    };
    app.create_user(email, role, agency).await
}

/// Form fields or request headers.
pub type Fields<'a> = Vec<(&'a str, &'a str)>;

pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[start..].chars().take_while(|c| *c != '"').collect()
}

pub fn location(r: &Resp) -> String {
    r.header("location").unwrap_or_default()
}

/// No inline script or style, no event-handler attributes: what the CSP forbids.
pub fn assert_no_inline_code(html: &str) {
    let lower = html.to_lowercase();
    for (i, _) in lower.match_indices("<script") {
        let tag: String = lower[i..].chars().take_while(|c| *c != '>').collect();
        assert!(tag.contains(" src="), "inline script: {tag}");
    }
    assert!(!lower.contains("<style"), "inline style element");
    assert!(!lower.contains(" style="), "style attribute");
    let handler = regex::Regex::new(r#"\son[a-z]+\s*="#).unwrap();
    assert!(!handler.is_match(&lower), "event-handler attribute");
}

pub fn assert_page(r: &Resp) {
    assert!(
        r.header("content-type").unwrap().starts_with("text/html"),
        "{}",
        r.text
    );
    assert_eq!(r.header("content-security-policy").as_deref(), Some(CSP));
    assert!(r.text.contains("<html lang=\"en\">"));
    assert!(r.text.contains("href=\"#main\"") && r.text.contains("<main id=\"main\""));
    assert_no_inline_code(&r.text);
}
