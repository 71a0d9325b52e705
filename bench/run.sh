#!/usr/bin/env bash
# Measures the service and PostGraphile on the same benchmark database, one after the other:
#   bench/run.sh small|large
# Makes the database if it is missing or stale (bench/ensure-db.sh), builds the service if needed, and
# installs PostGraphile from the npm registry into bench/postgraphile/node_modules.
# Prints one line per flavor and operation; the figures also go to bench/results/<size>.txt.
# Settings: SECONDS_PER_RUN (20), WARMUP (60), CONCURRENCY (16).
# The warm-up is long on purpose: on 2 cores the JVM's JIT compiler needs over a minute of load to
# reach steady state (CPU per request falls by about half), and a server runs for days.
# Each line ends with CPU time per request (from /proc) of the server process and of PostgreSQL (all
# its processes), which depend less on what else the machine is doing than requests/s do; the two
# servers split their work differently (PostGraphile has PostgreSQL build the JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:?usage: bench/run.sh small|large}
case "$size" in
    small) partners=100; reviews=50000 ;;
    large) partners=1000; reviews=1000000 ;;
    *) echo "usage: bench/run.sh small|large" >&2; exit 2 ;;
esac
db=reviews_bench_$size
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-60}
concurrency=${CONCURRENCY:-16}
mkdir -p bench/results
out=bench/results/$size.txt

bench/ensure-db.sh "$size"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
[ -d bench/postgraphile/node_modules ] || (cd bench/postgraphile && npm install --no-audit --no-fund --silent)

wait_for() { for _ in $(seq 1 60); do curl -fs -o /dev/null -X POST -H 'content-type: application/json' \
    -d '{"query":"{__typename}"}' "$1" && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
db_ticks() { local sum=0 pid; for pid in $(pgrep -x postgres); do
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$sum"; }
per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }'; }
# load <flavor> <url> <server pid>
load() { for op in summary page detail; do
    common=(--flavor "$1" --url "$2" --op "$op" --concurrency "$concurrency" --partners "$partners" --reviews "$reviews")
    node bench/load.mjs "${common[@]}" --seconds "$warmup" --warmup 0 >/dev/null
    before=$(cpu_ticks "$3"); db_before=$(db_ticks)
    line=$(node bench/load.mjs "${common[@]}" --seconds "$seconds" --warmup 0)
    after=$(cpu_ticks "$3"); db_after=$(db_ticks)
    requests=$(echo "$line" | sed -E 's/.*: ([0-9]+) requests.*/\1/')
    echo "$line, CPU ms/request: server $(per_request $((after - before)) "$requests")," \
        "PostgreSQL $(per_request $((db_after - db_before)) "$requests")" | tee -a "$out"
done; }

echo "# $db ($partners partners, $reviews reviews), $(nproc) cores, $(date -u +%F)" | tee "$out"

QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT=18090 \
    java -jar target/quarkus-app/quarkus-run.jar >/tmp/bench-service.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
wait_for http://127.0.0.1:18090/graphql
load quarkus http://127.0.0.1:18090/graphql "$service"
kill $service; wait $service 2>/dev/null || true

bench/postgraphile/node_modules/.bin/postgraphile -c "postgres://postgres@127.0.0.1:5432/$db" -s public \
    -p 18091 -n 127.0.0.1 --disable-query-log >/tmp/bench-postgraphile.log 2>&1 &
postgraphile=$!
trap 'kill $postgraphile 2>/dev/null || true' EXIT
wait_for http://127.0.0.1:18091/graphql
load postgraphile http://127.0.0.1:18091/graphql "$postgraphile"
kill $postgraphile; wait $postgraphile 2>/dev/null || true
