#!/usr/bin/env bash
# The dashboard at size (issue 15): `jpa-coord demo --scale 50` (50 agencies, 10,000
# investigations, 100,000 milestones, 200,000 outcomes) on a fresh PostgreSQL database
# (or SQLite with DB=sqlite), release build. Signs in through the form as the demo's
# co-chair and its observer, warms the progress cache (kept for the run), then times N
# sequential GETs of /jpas/{id}/progress and of the print view. Prints the HTML size raw
# and gzipped (target <= 200 KB gzip) and p50/p95 per page (target p50 <= 50 ms with the
# cache warm). Times are the client's on localhost with keep-alive: an upper bound of the
# server's own time.
# Usage: bench/dashboard.sh [N]   (default N=200). JPA_BIN=... skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
BIN="${JPA_BIN:-${CARGO_TARGET_DIR:-target}/release/jpa-coord}"
[ -n "${JPA_BIN:-}" ] || cargo build --release --quiet
work=$(mktemp -d)
db="jpa_bench_dash_$$"
if [ "${DB:-postgres}" = "sqlite" ]; then
  url="sqlite://$work/jpa.db"
else
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
  url="postgres://postgres@127.0.0.1:5432/$db"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export JPA__SERVER__PORT="$port" JPA__SERVER__DATA_DIR="$work" JPA__SERVER__PUBLIC_URL="http://127.0.0.1:$port" \
  JPA__DATABASE__URL="$url" JPA__EMAIL__FILE_DIR="$work/mail" JPA__REMINDERS__ENABLED=false \
  JPA__LOG__LEVEL=warn JPA__REPORTS__PROGRESS_CACHE_SECONDS=3600
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2> /dev/null
  wait 2> /dev/null || true
  [ "${DB:-postgres}" = "sqlite" ] || psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" postgres
  rm -rf "$work"
}
trap cleanup EXIT
"$BIN" migrate > /dev/null
demo=$("$BIN" demo --scale 50 2> /dev/null)
echo "$demo" | head -1
password=$(grep -oP 'password for all: \K[^)]+' <<< "$demo")
co=$(awk '$1=="co_chair" {print $2; exit}' <<< "$demo")
obs=$(awk '$1=="observer" {print $2; exit}' <<< "$demo")
"$BIN" serve > "$work/out" 2> "$work/err" &
pid=$!
until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.05; done
python3 - "$port" "$password" "$N" "$co" "$obs" <<'PY'
import gzip, http.client, json, re, statistics, sys, time, urllib.parse
port, password, n, co, obs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

def call(method, path, body=None, headers=None):
    conn.request(method, path, body, dict(headers or {}))
    r = conn.getresponse()
    return r.status, r.getheaders(), r.read()

def sign_in(email):
    origin = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
    status, headers, data = call("GET", "/login")
    pre = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie"][0]
    csrf = re.search(rb'name="csrf" value="([^"]+)"', data).group(1).decode()
    form = urllib.parse.urlencode({"csrf": csrf, "email": email, "password": password})
    status, headers, _ = call("POST", "/login", form, {**origin, "Cookie": pre,
                                                      "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303, status
    return [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "jpa_session=" in v][0]

co_session = sign_in(co)
status, _, body = call("POST", "/api/v1/auth/login", json.dumps({"email": co, "password": password}),
                       {"Content-Type": "application/json"})
token = json.loads(body)["access_token"]
status, _, body = call("GET", "/api/v1/jpas", headers={"Authorization": "Bearer " + token})
jpa = [j for j in json.loads(body)["items"] if j["code"].startswith("SYN-50")][0]["id"]

def measure(label, session, path):
    t = time.perf_counter()
    status, _, page = call("GET", path, headers={"Cookie": session})
    cold = (time.perf_counter() - t) * 1000
    assert status == 200, (status, page[:300])
    for _ in range(5):
        call("GET", path, headers={"Cookie": session})
    times = []
    for _ in range(n):
        t = time.perf_counter()
        status, _, page = call("GET", path, headers={"Cookie": session})
        times.append((time.perf_counter() - t) * 1000)
        assert status == 200
    times.sort()
    charts = page.count(b'<svg class="chart-svg"')
    print(f"{label}_first_ms {cold:.0f} (cache cold: progress computed)")
    print(f"{label}_html_kb {len(page) / 1024:.1f}, {charts} charts")
    print(f"{label}_gzip_kb {len(gzip.compress(page, 6)) / 1024:.1f} (target <= 200)")
    print(f"{label}_p50_ms {statistics.median(times):.2f} (target <= 50, cache warm)")
    print(f"{label}_p95_ms {times[int(len(times) * 0.95) - 1]:.2f}")

measure("co_chair_dashboard", co_session, f"/jpas/{jpa}/progress")
measure("co_chair_print", co_session, f"/jpas/{jpa}/progress/print")
measure("observer_dashboard", sign_in(obs), f"/jpas/{jpa}/progress")
PY
