#!/usr/bin/env bash
# Capacity with a primary and a hot standby on this machine (README, "Sizing"):
#   bench/replicas.sh
# Copies reviews_bench_small (bench/ensure-db.sh) into a PostgreSQL cluster of its own: a primary
# (port 15432) and a streaming hot standby made with pg_basebackup -R (port 15433), files under
# /tmp/reviews-bench-replicas. Starts the packaged service with its reactive pool on the primary and
# reviews.db.replica.url on the standby, then measures the summary, the page and the detail
# (bench/wrk/service-*.lua), anonymously and signed in as a partner, and reports requests/s, p50/p99
# and CPU time per request of the service, the primary and the standby separately (from /proc: each
# cluster's postmaster and its backends). Anonymous reads should cost the primary about nothing.
# With POOLER=1 the service reaches both through Debian's PgBouncer in transaction mode (port
# 16432; no cached prepared statements, layer-7 proxy mode), which adds a row per measurement.
# Settings: WARMUP (60, before the first measurement; 15 before the others), SECONDS_PER_RUN (20),
# CONCURRENCY (16). Writes bench/results/replicas-<UTC date and time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${SECONDS_PER_RUN:-20}
first_warmup=${WARMUP:-60}
concurrency=${CONCURRENCY:-16}
export PARTNERS=100 REVIEWS=50000
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=/tmp/reviews-bench-replicas
primary_port=15432 standby_port=15433 bouncer_port=16432
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    stop_server
    [ -n "${bouncer:-}" ] && kill "$bouncer" 2>/dev/null || true
    for cluster in standby primary; do
        [ -d "$work/$cluster" ] && as_pg "$bin/pg_ctl" -D "$work/$cluster" -m fast -w stop >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
bench/ensure-db.sh small
prepare
cleanup
rm -rf "$work" && mkdir -p "$work" && chmod 777 "$work"
options="-c listen_addresses=127.0.0.1 -k $work -c shared_buffers=256MB -c max_connections=200"
as_pg "$bin/initdb" -D "$work/primary" -U postgres -A trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -o "-p $primary_port $options" -w start >/dev/null
pg_dump -X -h 127.0.0.1 -U postgres -Fc reviews_bench_small >"$work/dump" 2>/dev/null || pg_dump -h 127.0.0.1 -U postgres -Fc reviews_bench_small >"$work/dump"
psql -X -q -h 127.0.0.1 -p $primary_port -U postgres -d postgres -c "CREATE DATABASE reviews_bench_small"
pg_restore -h 127.0.0.1 -p $primary_port -U postgres -d reviews_bench_small "$work/dump"
# What migration V13 sets for the service's role (a role setting is not part of a database dump).
psql -X -q -h 127.0.0.1 -p $primary_port -U postgres -d reviews_bench_small \
    -c "ALTER ROLE postgres IN DATABASE reviews_bench_small SET plan_cache_mode = force_generic_plan" -c "VACUUM ANALYZE"
as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p $primary_port -U postgres -D "$work/standby" -R -X stream --checkpoint=fast
as_pg "$bin/pg_ctl" -D "$work/standby" -l "$work/standby.log" -o "-p $standby_port $options" -w start >/dev/null
primary_pid=$(head -1 "$work/primary/postmaster.pid")
standby_pid=$(head -1 "$work/standby/postmaster.pid")

# A key pair for signed-in requests, as the identity provider's.
openssl genrsa -out "$work/jwt.pem" 2048 2>/dev/null
openssl rsa -in "$work/jwt.pem" -pubout -out "$work/jwt-public.pem" 2>/dev/null
token=$(node bench/token.mjs "$work/jwt.pem" https://login.marketplace.example 1)

# start_service <reactive host:port/db> <replica url> [extra env...]
start_service() {
    local reactive=$1 replica=$2; shift 2
    local url=http://127.0.0.1:${port[service]}/graphql log=$logs/service.log
    if answers "$url"; then echo "something already answers on $url: stop it first" >&2; return 1; fi
    env "$@" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$reactive" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$primary_port/reviews_bench_small" \
        REVIEWS_DB_DIRECT_URL="postgresql://127.0.0.1:$primary_port/reviews_bench_small" \
        REVIEWS_DB_REPLICA_URL="$replica" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/jwt-public.pem" \
        MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_MIGRATE_AT_START=false \
        QUARKUS_HTTP_PORT=${port[service]} QUARKUS_MAILER_MOCK=true "$JAVA" ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
    server_pid=$!
    await_answer service "$url" "$log"
}

out=bench/results/replicas-$(date -u +%F-%H%M).md
started=$(date -u '+%F %H:%M')
rows=()
# measure <label>: every operation, anonymous then signed in, on the running service.
measure() {
    local label=$1 op who warm=$first_warmup
    for op in summary page detail; do
        for who in anonymous "signed in"; do
            local t=""; [ "$who" = "signed in" ] && t=$token
            BENCH_TOKEN=$t run_wrk service "$op" "$concurrency" "$warm"
            warm=15
            local s0 p0 r0 s1 p1 r1 errors
            s0=$(tree_ticks "$server_pid"); p0=$(tree_ticks "$primary_pid"); r0=$(tree_ticks "$standby_pid")
            BENCH_TOKEN=$t run_wrk service "$op" "$concurrency" "$seconds"
            s1=$(tree_ticks "$server_pid"); p1=$(tree_ticks "$primary_pid"); r1=$(tree_ticks "$standby_pid")
            errors=$((r[shed] + r[http_errors] + r[graphql_errors] + r[socket_errors]))
            rows+=("| $label | $op | $who | ${r[rps]%.*} | ${r[p50]} | ${r[p99]} | $errors | $(per_request $((s1 - s0)) "${r[requests]}") |\
 $(per_request $((p1 - p0)) "${r[requests]}") | $(per_request $((r1 - r0)) "${r[requests]}") |")
            echo "${rows[-1]}" >&2
        done
    done
}

echo "direct: starting" >&2
start_service "127.0.0.1:$primary_port/reviews_bench_small" "postgresql://127.0.0.1:$standby_port/reviews_bench_small"
measure "direct"
stop_server

if [ "${POOLER:-0}" = 1 ]; then
    command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || { echo "pgbouncer is missing (apt-get install pgbouncer)" >&2; exit 1; }
    cat >"$work/pgbouncer.ini" <<INI
[databases]
reviews = host=127.0.0.1 port=$primary_port dbname=reviews_bench_small
reviews_ro = host=127.0.0.1 port=$standby_port dbname=reviews_bench_small
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
logfile = $work/pgbouncer.log
INI
    echo '"postgres" ""' >"$work/users.txt"
    chmod 644 "$work"/pgbouncer.ini "$work"/users.txt
    as_pg /usr/sbin/pgbouncer "$work/pgbouncer.ini" &
    bouncer=$!
    sleep 1
    echo "pooler: starting" >&2
    first_warmup=15
    start_service "127.0.0.1:$bouncer_port/reviews" "postgresql://127.0.0.1:$bouncer_port/reviews_ro" \
        QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS=false QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_USE_LAYER7_PROXY=true
    measure "PgBouncer 1.18"
    stop_server
fi

{
    echo "### Primary and replica: $started UTC (\`bench/replicas.sh\`, reviews_bench_small, ${concurrency} connections, ${seconds} s each)"
    echo
    echo "| connections | operation | caller | req/s | p50 | p99 | errors | service CPU ms/req | primary CPU ms/req | standby CPU ms/req |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee "$out"
