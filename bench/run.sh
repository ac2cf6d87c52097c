#!/usr/bin/env bash
# The co-chairs' view under load, on this machine:
#   1. builds the release binary and loads `jpa-coord demo --scale 50` into PostgreSQL
#      (then VACUUM ANALYZE, as autovacuum would) and into SQLite with BENCH_SQLITE=1,
#   2. measures p50, p99 and throughput of progress, the investigation list (50 rows), a
#      single investigation and milestone create (with its audit row) at 1 and 64
#      connections with wrk (Debian's package; installed if missing),
#   3. runs the same SQL directly with pgbench at the same concurrency, and prints the
#      ratio service / pgbench,
#   4. reports idle and loaded RSS.
# Usage: [BENCH_SQLITE=1] [BENCH_PG=0] bench/run.sh [seconds per run, default 10]
# (BENCH_PG=0 with BENCH_SQLITE=1: SQLite alone)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
PG_BASE="postgres://postgres@127.0.0.1:5432"
command -v wrk > /dev/null || apt-get install -y wrk > /dev/null
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-./target}/release/jpa-coord"
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

# wrk script for milestone create: POST with a JSON body and bearer token.
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = '{"kind":"other","title":"Benchmark step","due_on":"2026-12-24"}'
LUA
cat > "$work/get.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
LUA

# wrk line: "name conns rps p50 p99"
measure() { # name conns url [script]
  local name=$1 conns=$2 url=$3 script=${4:-$work/get.lua} threads=1
  [ "$conns" -gt 1 ] && threads=2
  local out
  out=$(wrk -t"$threads" -c"$conns" -d"${SECS}s" --latency -s "$script" "$url")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1=="50%" {print $2}' <<< "$out")
  p99=$(awk '$1=="99%" {print $2}' <<< "$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$out")
  printf '%-22s c=%-3s rps=%-9s p50=%-9s p99=%-9s %s\n' "$name" "$conns" "$rps" "$p50" "$p99" "${non2xx:+non-2xx=$non2xx}"
  echo "$rps" > "$work/last_rps"
  # Let requests still queued in the service drain before the next measurement.
  until curl -sf -o /dev/null -m 1 "${url%%/api/*}/ready"; do sleep 0.5; done
  sleep 2
}

pgb() { # name conns script
  local name=$1 conns=$2 script=$3 threads=1
  [ "$conns" -gt 1 ] && threads=2
  local out tps
  out=$(pgbench -n -M prepared -c"$conns" -j"$threads" -T"$SECS" -f "$script" -D jpa="$JPA" -D inv="$INV" -D agency="$AGENCY" "$DB_URL" 2>&1)
  tps=$(awk '/^tps = / {print $3}' <<< "$out")
  printf '%-22s c=%-3s tps=%s\n' "pgbench $name" "$conns" "$tps"
  echo "$tps" > "$work/last_tps"
}

run_backend() { # label url
  local label=$1
  DB_URL=$2
  echo "== $label: loading demo --scale 50"
  local env=(JPA__DATABASE__URL="$DB_URL" JPA__SERVER__DATA_DIR="$work" JPA__LOG__LEVEL=warn JPA__REMINDERS__ENABLED=false JPA__EMAIL__FILE_DIR="$work/mail")
  local demo
  demo=$(env "${env[@]}" $BIN demo --scale 50 2> /dev/null)
  echo "$demo" | head -1
  if [[ "$DB_URL" == postgres* ]]; then
    # What autovacuum does after a load this size (statistics for the planner, the
    # visibility map for index-only scans); pgbench vacuums before its runs too. The
    # machines here run PostgreSQL with autovacuum off, so it would never happen.
    echo "autovacuum: $(psql "$DB_URL" -Atc 'SHOW autovacuum'); running VACUUM ANALYZE"
    psql "$DB_URL" -qc "VACUUM ANALYZE"
  fi
  local password email
  password=$(grep -oP 'password for all: \K[^)]+' <<< "$demo")
  email=$(awk '$1=="co_chair" {print $2; exit}' <<< "$demo")
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env "${env[@]}" JPA__SERVER__PORT="$port" $BIN serve > "$work/serve.out" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do sleep 0.1; done
  sleep 1
  echo "idle_rss_kib $(awk '/VmRSS/{print $2}' /proc/$pid/status)"
  export BENCH_TOKEN
  BENCH_TOKEN=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
  local base="http://127.0.0.1:$port/api/v1"
  JPA=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$base/jpas?limit=200" | python3 -c 'import sys,json; print([j["id"] for j in json.load(sys.stdin)["items"] if j["code"].startswith("SYN-50")][0])')
  INV=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$base/jpas/$JPA/investigations?limit=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
  AGENCY=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$base/investigations/$INV" | python3 -c 'import sys,json; print(json.load(sys.stdin)["lead_agency_id"])')
  # The middle of the JPA: a day in the middle of its sixth month (read from the day
  # running totals) and the end of that month (from the month's running totals).
  local start mid_day mid_end
  start=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$base/jpas/$JPA" | python3 -c 'import sys,json; print(json.load(sys.stdin)["start_date"])')
  read -r mid_day mid_end < <(python3 -c "
import datetime as d
s = d.date.fromisoformat('$start')
m = (s.month - 1 + 5) % 12 + 1; y = s.year + (s.month - 1 + 5) // 12
first = d.date(y, m, 1); nxt = d.date(y + (m == 12), m % 12 + 1, 1)
print(first + d.timedelta(days=14), nxt - d.timedelta(days=1))")
  echo "as_of in the middle of the JPA: $mid_day (mid-month), $mid_end (month end)"
  for c in 1 64; do
    measure progress "$c" "$base/jpas/$JPA/progress"
    measure progress_mid_month "$c" "$base/jpas/$JPA/progress?as_of=$mid_day"
    measure progress_month_end "$c" "$base/jpas/$JPA/progress?as_of=$mid_end"
    measure list50 "$c" "$base/jpas/$JPA/investigations?limit=50"
    local list_rps; list_rps=$(cat "$work/last_rps")
    measure investigation "$c" "$base/investigations/$INV"
    measure milestone_create "$c" "$base/investigations/$INV/milestones" "$work/post.lua"
    local create_rps; create_rps=$(cat "$work/last_rps")
    if [[ "$DB_URL" == postgres* ]]; then
      pgb list50 "$c" bench/sql/list50.sql
      echo "ratio list50 service/pgbench c=$c: $(python3 -c "print(round($list_rps/$(cat "$work/last_tps"),2))")"
      pgb milestone_create "$c" bench/sql/milestone_create.sql
      echo "ratio milestone_create service/pgbench c=$c: $(python3 -c "print(round($create_rps/$(cat "$work/last_tps"),2))")"
    fi
  done
  echo "loaded_rss_kib $(awk '/VmRSS/{print $2}' /proc/$pid/status) peak_rss_kib $(awk '/VmHWM/{print $2}' /proc/$pid/status)"
  kill "$pid"; wait "$pid" 2> /dev/null || true; pid=""
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
if [ "${BENCH_PG:-1}" = 1 ]; then
  name="jpa_bench_$(date +%s)"
  psql "$PG_BASE/postgres" -qc "CREATE DATABASE $name"
  run_backend postgresql "$PG_BASE/$name"
  psql "$PG_BASE/postgres" -qc "DROP DATABASE $name WITH (FORCE)"
fi
if [ "${BENCH_SQLITE:-0}" = 1 ]; then
  run_backend sqlite "sqlite://$work/bench.db"
fi
