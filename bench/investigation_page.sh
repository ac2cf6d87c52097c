#!/usr/bin/env bash
# The investigation page at size, on a release build, SQLite, this machine:
#   an investigation with 50 milestones (some overdue, some achieved) and 100 outcomes
#   (with contributing agencies and notes), viewed by its lead agency's liaison (who gets
#   every form of every row); prints the HTML size raw and gzipped (target <= 150 KB) and
#   the time per page over N sequential requests, p50 and p95 (target p50 <= 10 ms). The
#   time is measured by the client on localhost with keep-alive, so it bounds the server's
#   render time from above (it includes HTTP and the loopback).
# Usage: bench/investigation_page.sh [N]   (default N=200). Prints one line per figure.
#   JPA_BIN=path/to/release/jpa-coord skips the build (as .ci/browser/run does).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
BIN="${JPA_BIN:-${CARGO_TARGET_DIR:-target}/release/jpa-coord}"
[ -n "${JPA_BIN:-}" ] || cargo build --release --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export JPA__SERVER__PORT="$port" JPA__SERVER__DATA_DIR="$work" JPA__SERVER__PUBLIC_URL="http://127.0.0.1:$port" \
  JPA__DATABASE__URL="sqlite://$work/jpa.db" JPA__EMAIL__FILE_DIR="$work/mail" \
  JPA__BOOTSTRAP__ADMIN_EMAIL="bench@jpa.example" JPA__REMINDERS__ENABLED=false JPA__LOG__LEVEL=warn
"$BIN" serve > "$work/out" 2> "$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.01; done
password=$(grep -oP 'password: \K\S+' "$work/out")
python3 - "$port" "$password" "$N" "$BIN" <<'PY'
import gzip, http.client, json, re, statistics, subprocess, sys, time, urllib.parse
port, password, n, binary = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port)

def call(method, path, body=None, token=None, headers=None):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if body is not None and not isinstance(body, (bytes, str)):
        body = json.dumps(body)
        h["Content-Type"] = "application/json"
    conn.request(method, path, body, h)
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheaders(), data

def api(method, path, body=None, token=None):
    status, _, data = call(method, "/api/v1" + path, body, token)
    assert status < 300, (method, path, status, data[:300])
    return json.loads(data) if data else None

admin = api("POST", "/auth/login", {"email": "bench@jpa.example", "password": password})["access_token"]
agencies = [api("POST", "/agencies", {"name": f"Bench agency {i}", "country": c, "kind": "police",
                                      "contact_email": "desk@bench.example"}, admin)["id"]
            for i, c in enumerate(["TH", "ID", "MY", "VN", "PH"])]
lead, partners = agencies[0], agencies[1:]
jpa = api("POST", "/jpas", {"code": "BENCH-PAGE", "name": "Investigation page benchmark",
                            "start_date": "2026-01-01", "status": "active", "timezone": "Asia/Bangkok"}, admin)["id"]
for a in agencies:
    api("PUT", f"/jpas/{jpa}/agencies/{a}", {"joined_on": "2026-01-01"}, admin)
liaison_password = "bench-liaison-password-1"
subprocess.run([binary, "user", "create", "--email", "lead@bench.example", "--name", "Lead liaison",
                "--role", "liaison", "--agency-id", lead, "--password-stdin"],
               input=liaison_password + "\n", text=True, check=True, capture_output=True)
inv = api("POST", f"/jpas/{jpa}/investigations", {
    "lead_agency_id": lead, "reference": "TH-BENCH-0001", "title": "Southern sea route network",
    "summary": "A network moving people by boat from the southern provinces. " * 10,
    "crime_types": ["people_smuggling", "trafficking_in_persons"], "opened_on": "2026-01-10",
    "modus_operandi": ["maritime", "document_fraud", "online_recruitment"],
    "route_legs": [{"country": c, "place": f"Port {i}", "kind": k, "mode": "sea"}
                   for i, (c, k) in enumerate([("TH", "recruitment"), ("TH", "departure"), ("MY", "transit"),
                                               ("ID", "transit"), ("AU", "destination")])],
    "trafficking_indicators": [{"code": "ILO-1", "strength": "strong"}, {"code": "ILO-7", "strength": "medium"}],
}, admin)["id"]
for p in partners:
    api("PUT", f"/investigations/{inv}/partners/{p}", {}, admin)
kinds = ["investigation_plan_agreed", "intelligence_shared", "joint_operation", "arrests", "charges_laid",
         "prosecution_commenced", "mla_request", "assets_seized", "victims_referred", "other"]
for i in range(50):
    body = {"kind": kinds[i % len(kinds)], "title": f"Milestone {i + 1}: coordinated step of the operation",
            "responsible_agency_id": agencies[i % len(agencies)], "due_on": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "notes": "Agreed at the monthly coordination call." if i % 3 == 0 else ""}
    if i % 4 == 0:
        body.update({"status": "achieved", "achieved_on": "2026-06-15"})
    api("POST", f"/investigations/{inv}/milestones", body, admin)
indicators = [i["code"] for i in api("GET", "/indicators", token=admin)["items"]]
for i in range(100):
    api("POST", f"/investigations/{inv}/outcomes", {
        "indicator": indicators[i % len(indicators)], "value": (i * 7) % 40 + 1,
        "occurred_on": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}", "lead_agency_id": agencies[i % len(agencies)],
        "contributing_agency_ids": [a for a in agencies if a != agencies[i % len(agencies)]][: i % 3],
        "notes": "Reported in the monthly return." if i % 2 == 0 else ""}, admin)

# Sign in through the form, as a browser does.
origin = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
status, headers, data = call("GET", "/login")
pre = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie"][0]
csrf = re.search(rb'name="csrf" value="([^"]+)"', data).group(1).decode()
form = urllib.parse.urlencode({"csrf": csrf, "email": "lead@bench.example", "password": liaison_password})
status, headers, _ = call("POST", "/login", form, headers={**origin, "Cookie": pre,
                                                           "Content-Type": "application/x-www-form-urlencoded"})
assert status == 303, status
session = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "jpa_session=" in v][0]

path = f"/investigations/{inv}"
page = None
for _ in range(10):  # warm-up
    status, _, page = call("GET", path, headers={"Cookie": session})
    assert status == 200, (status, page[:300])
assert page.count(b'id="milestone-') == 50 and page.count(b'id="outcome-') == 100
times = []
for _ in range(n):
    t = time.perf_counter()
    status, _, body = call("GET", path, headers={"Cookie": session})
    times.append((time.perf_counter() - t) * 1000)
    assert status == 200
times.sort()
base_times = []
for _ in range(n):  # the same session and HTTP path for a small page: what is not the page's own
    t = time.perf_counter()
    status, _, _ = call("GET", "/me", headers={"Cookie": session})
    base_times.append((time.perf_counter() - t) * 1000)
    assert status == 200
print(f"page_html_kb {len(page) / 1024:.1f}")
print(f"page_gzip_kb {len(gzip.compress(page, 6)) / 1024:.1f} (target <= 150)")
print(f"page_p50_ms {statistics.median(times):.2f} (target <= 10)")
print(f"page_p95_ms {times[int(len(times) * 0.95) - 1]:.2f}")
print(f"me_page_p50_ms {statistics.median(base_times):.2f} (session check, one query, a small template)")
PY
