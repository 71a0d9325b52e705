#!/usr/bin/env bash
# The mobile summary (PartnerSummaries, 10 partners) as a client sends it, on the service alone:
#   bench/cached.sh
# POST with the whole document; GET with the persisted-query hash only (answered 200, run each
# time); and GET with the hash and a warm ETag in If-None-Match (answered 304, not run), as a client
# or a CDN revalidates. wrk drives each for WARMUP (30) then SECONDS_PER_RUN (20) seconds at
# CONCURRENCY (16); each line ends with CPU time per request (from /proc) of the service and of
# PostgreSQL. Uses bench/ensure-db.sh's reviews_bench_small and the packaged jar.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-30}
concurrency=${CONCURRENCY:-16}
db=reviews_bench_small
port=18092
url=http://127.0.0.1:$port/graphql
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
bench/ensure-db.sh small
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p bench/results
out=bench/results/cached.txt
work=$(mktemp -d)

MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT=$port QUARKUS_MAILER_MOCK=true \
    java -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs -o /dev/null "$url?query=%7B__typename%7D" && break; sleep 1; done

ids=$(psql -X -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT string_agg(format('\"%s\"', encode(convert_to('Partner:' || id, 'UTF8'), 'base64')), ',') FROM (SELECT id FROM partner ORDER BY id LIMIT 10) p")
document=graphql/operations/PartnerSummaries.graphql
hash=$(sha256sum "$document" | cut -d' ' -f1)
variables="{\"partnerIds\":[$ids]}"
extensions="{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"$hash\"}}"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
get="$url?variables=$(enc "$variables")&extensions=$(enc "$extensions")"
python3 -c 'import json, sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": json.loads(sys.argv[2])}))' "$document" "$variables" >"$work/post.json"
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/post.json"); wrk.body = f:read("*a"); f:close()
LUA
etag=$(curl -fs -D - -o /dev/null "$get" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')
[ -n "$etag" ] || { echo "no ETag for the hashed GET"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$get")" = 304 ] || { echo "no 304 for the warm ETag"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
db_ticks() { local sum=0 pid; for pid in $(pgrep -x postgres); do
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$sum"; }
per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }'; }
# run <name> <wrk arguments...>
run() { local name=$1; shift
    wrk -t2 -c"$concurrency" -d"${warmup}s" "$@" >/dev/null
    local before db_before after db_after report requests
    before=$(cpu_ticks $service); db_before=$(db_ticks)
    report=$(wrk -t2 -c"$concurrency" -d"${seconds}s" --latency "$@")
    after=$(cpu_ticks $service); db_after=$(db_ticks)
    requests=$(echo "$report" | awk '/requests in/ { print $1 }')
    echo "$name: $(echo "$report" | awk '/Requests\/sec/ { printf "%d req/s", $2 }'), p50 $(echo "$report" | awk '$1 == "50%" { print $2 }')," \
        "p99 $(echo "$report" | awk '$1 == "99%" { print $2 }'), non-2xx/3xx $(echo "$report" | awk '/Non-2xx/ { print $4 }' | grep . || echo 0)," \
        "CPU ms/request: service $(per_request $((after - before)) "$requests"), PostgreSQL $(per_request $((db_after - db_before)) "$requests")" | tee -a "$out"
}
echo "# PartnerSummaries (10 partners), $db, $(nproc) cores, $(date -u +%F), concurrency $concurrency" | tee "$out"
run "POST, whole document" -s "$work/post.lua" "$url"
run "GET, persisted hash (200)" "$get"
run "GET, persisted hash, warm ETag (304)" -H "If-None-Match: $etag" "$get"
