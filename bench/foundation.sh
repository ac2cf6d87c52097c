#!/usr/bin/env bash
# Foundation figures on a release build, SQLite, this machine:
#   startup time to /ready, idle RSS, sign-in latency (p50/p95 over N sequential logins).
# Usage: bench/foundation.sh [N]   (default N=100). Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100}"
cargo build --release --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export JPA__SERVER__PORT="$port" JPA__SERVER__DATA_DIR="$work" \
  JPA__DATABASE__URL="sqlite://$work/jpa.db" JPA__EMAIL__FILE_DIR="$work/mail" \
  JPA__BOOTSTRAP__ADMIN_EMAIL="bench@jpa.example" JPA__LOG__LEVEL=warn
start=$(date +%s.%N)
./target/release/jpa-coord serve > "$work/out" 2> "$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.005; done
ready=$(date +%s.%N)
echo "startup_to_ready_ms $(python3 -c "print(round(($ready-$start)*1000))") (fresh database: migrations + first admin)"
sleep 2
echo "idle_rss_kib $(awk '/VmRSS/{print $2}' /proc/$pid/status)"
password=$(grep -oP 'password: \K\S+' "$work/out")
python3 - "$port" "$password" "$N" <<'PY'
import http.client, json, sys, time, statistics
port, password, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = json.dumps({"email": "bench@jpa.example", "password": password})
times = []
conn = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    t = time.perf_counter()
    conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"login_p50_ms {statistics.median(times):.1f}")
print(f"login_p95_ms {times[int(len(times)*0.95)-1]:.1f}")
PY
kill $pid; wait $pid 2>/dev/null || true
# Restart on the now-migrated database: the everyday startup.
start=$(date +%s.%N)
./target/release/jpa-coord serve > /dev/null 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.005; done
ready=$(date +%s.%N)
echo "restart_to_ready_ms $(python3 -c "print(round(($ready-$start)*1000))")"
