//! `GET /set-password`: a self-contained page (no external assets) where an invitee or a
//! user who asked for a reset sets a password with the token from the mail link.

use actix_web::HttpResponse;

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set your password - JPA coordination</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}#msg{margin-top:1rem}
.err{color:#a00}.ok{color:#060}
</style></head>
<body>
<h1>Set your password</h1>
<p>Choose a password of 12 to 128 characters. Long passphrases are best.</p>
<form id="f">
<label for="p1">New password</label><input id="p1" type="password" autocomplete="new-password" minlength="12" maxlength="128" required>
<label for="p2">Repeat it</label><input id="p2" type="password" autocomplete="new-password" minlength="12" maxlength="128" required>
<button type="submit">Set password</button>
</form>
<div id="msg" role="status"></div>
<script>
(function(){
  var token = new URLSearchParams(window.location.search).get("token") || "";
  var msg = document.getElementById("msg");
  function say(text, cls){ msg.textContent = text; msg.className = cls; }
  if (!token) { say("This link has no token. Use the link from your email.", "err"); }
  document.getElementById("f").addEventListener("submit", function(ev){
    ev.preventDefault();
    var p1 = document.getElementById("p1").value, p2 = document.getElementById("p2").value;
    if (p1 !== p2) { say("The two passwords differ.", "err"); return; }
    fetch("/api/v1/auth/password-reset/confirm", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({token: token, new_password: p1})
    }).then(function(r){
      if (r.status === 204) { say("Your password is set. You can sign in now.", "ok"); return; }
      return r.json().then(function(p){
        var first = (p.errors && p.errors[0]) ? (p.errors[0].field + " " + p.errors[0].message) : p.detail;
        say(first || "That did not work.", "err");
      });
    }).catch(function(){ say("The service did not answer; try again.", "err"); });
  });
})();
</script>
</body></html>
"#;

#[utoipa::path(get, path = "/set-password", tag = "account",
    params(("token" = Option<String>, Query, description = "The token from the mail link")),
    responses((status = 200, description = "HTML page", body = String, content_type = "text/html")))]
pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .insert_header(("Cache-Control", "no-store"))
        .body(PAGE)
}
