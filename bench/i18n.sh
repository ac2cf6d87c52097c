#!/usr/bin/env bash
# The cost of a language on pages (issue 16: a page in Thai costs at most 10% more than in
# English). The demo exercise JPA on a fresh SQLite database, release build, progress cache
# kept for the run (so that the figures' computation, the same in every language, is not
# what is timed). Signs in as the demo's co-chair and times N GETs of each page in rounds
# that alternate English and Thai (the co-chair's own language switched with
# PATCH /api/v1/me between rounds); prints the median per page and language and the
# ratio. Mails: `cargo run --release --example i18n_bench`.
# Usage: bench/i18n.sh [N]   (default N=100 per page, language and round). JPA_BIN=... skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100}"
BIN="${JPA_BIN:-${CARGO_TARGET_DIR:-target}/release/jpa-coord}"
[ -n "${JPA_BIN:-}" ] || cargo build --release --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export JPA__SERVER__PORT="$port" JPA__SERVER__DATA_DIR="$work" JPA__SERVER__PUBLIC_URL="http://127.0.0.1:$port" \
  JPA__DATABASE__URL="sqlite://$work/jpa.db" JPA__EMAIL__FILE_DIR="$work/mail" JPA__REMINDERS__ENABLED=false \
  JPA__LOG__LEVEL=warn JPA__REPORTS__PROGRESS_CACHE_SECONDS=3600
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2> /dev/null
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$BIN" migrate > /dev/null
demo=$("$BIN" demo 2> /dev/null)
password=$(grep -oP 'password for all: \K[^)]+' <<< "$demo")
co=$(awk '$1=="co_chair" {print $2; exit}' <<< "$demo")
"$BIN" serve > "$work/out" 2> "$work/err" &
pid=$!
until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.05; done
python3 - "$port" "$password" "$N" "$co" <<'PY'
import http.client, json, re, statistics, sys, time, urllib.parse
port, password, n, co = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

def call(method, path, body=None, headers=None):
    conn.request(method, path, body, dict(headers or {}))
    r = conn.getresponse()
    return r.status, r.getheaders(), r.read()

origin = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
status, headers, data = call("GET", "/login")
pre = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie"][0]
csrf = re.search(rb'name="csrf" value="([^"]+)"', data).group(1).decode()
form = urllib.parse.urlencode({"csrf": csrf, "email": co, "password": password})
status, headers, _ = call("POST", "/login", form, {**origin, "Cookie": pre,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
session = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "jpa_session=" in v][0]
status, _, body = call("POST", "/api/v1/auth/login", json.dumps({"email": co, "password": password}),
                       {"Content-Type": "application/json"})
token = json.loads(body)["access_token"]
api = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
jpa = json.loads(call("GET", "/api/v1/jpas", headers=api)[2])["items"][0]["id"]

def set_lang(lang):
    me = json.loads(call("GET", "/api/v1/me", headers=api)[2])
    status, _, body = call("PATCH", "/api/v1/me", json.dumps({"locale": lang}),
                           {**api, "If-Match": f'"{me["version"]}"'})
    assert status == 200, (status, body)

pages = [f"/jpas/{jpa}/progress", f"/jpas/{jpa}/returns", f"/jpas/{jpa}/investigations",
         f"/jpas/{jpa}/compliance", "/admin/agencies", "/me"]
times = {(p, l): [] for p in pages for l in ("en", "th")}
sizes = {}
for round_ in range(6):
    for lang in (("en", "th") if round_ % 2 == 0 else ("th", "en")):
        set_lang(lang)
        for p in pages:
            status, _, page = call("GET", p, headers={"Cookie": session})
            assert status == 200 and f'lang="{lang}"'.encode() in page[:200], (status, p, page[:200])
            sizes[(p, lang)] = len(page)
            for _ in range(n):
                t = time.perf_counter()
                call("GET", p, headers={"Cookie": session})
                times[(p, lang)].append((time.perf_counter() - t) * 1000)
print(f"{'page':<34} {'en ms':>7} {'th ms':>7} {'th/en':>6} {'en KB':>6} {'th KB':>6}")
for p in pages:
    en, th = statistics.median(times[(p, "en")]), statistics.median(times[(p, "th")])
    short = p.replace(jpa, "{id}")
    print(f"{short:<34} {en:7.2f} {th:7.2f} {th / en:6.2f} {sizes[(p, 'en')] / 1024:6.1f} {sizes[(p, 'th')] / 1024:6.1f}")
PY
