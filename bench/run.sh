#!/usr/bin/env bash
# Measures three servers on the same benchmark database, one at a time:
#   bench/run.sh small|large
#   - service: this service (target/quarkus-app/quarkus-run.jar, port 18090)
#   - pg4:     PostGraphile 4.14.1 with --cluster-workers 2 (bench/postgraphile, port 18091)
#   - pg5:     PostGraphile 5.1.5, amber preset, on Node 22 (bench/postgraphile5, port 18092)
# Each server is started, then for each operation (summary, page, detail: graphql/operations/ and
# the closest PostGraphile equivalents, bench/postgraphile/operations.mjs) warmed up and measured
# with wrk (bench/wrk/<server>-<op>.lua: random partners/reviews per request, bad answers counted),
# then stopped before the next server starts.
# Makes the database if it is missing or stale (bench/ensure-db.sh), builds the service if needed,
# and installs both PostGraphile versions from the npm registry.
#
# Settings (environment):
#   SECONDS_PER_RUN (20) measured seconds per server and operation
#   WARMUP (60)          warm-up seconds before each measurement. Long on purpose: on 2 cores the
#                        JVM's JIT compiler needs over a minute of load to reach steady state (CPU per
#                        request falls by about half), and a server runs for days.
#   CONCURRENCY (16)     wrk connections
#   WRK_THREADS (1)      wrk threads: one thread drives far more than these servers answer and
#                        takes less CPU from them than two (everything shares 2 cores)
#   OPERATIONS           the operations, e.g. "page detail" (default all three); also "search" and
#                        "topic", the page with a text search or a topic filter (the service only)
#   SERVERS              the servers and their order, e.g. "pg5 service"; without it the order of all
#                        three rotates by one on every run (counter in bench/results/.run-counter), so
#                        no server is always the one measured first or last on a warming machine
#   JAVA, JAVA_OPTS      the service's JVM (default: Temurin 25 if installed, else `java`; its default heap)
#   PG_CPU (all)         all: PostgreSQL's CPU is that of all its processes; db: only the backends
#                        of the benchmark database (when something else uses the same PostgreSQL)
# Prints one markdown table and writes it to bench/results/<size>-<UTC date and time>.md . Server and wrk output of the last run: bench/results/logs/.
# CPU ms/req comes from /proc: the server's process tree (PostGraphile 4's master and workers) and
# PostgreSQL (all its processes); it depends less on what else the machine does than req/s, and
# shows where each server does its work (PostGraphile has PostgreSQL build the JSON). Anything
# else using PostgreSQL at the same time counts too (see PG_CPU), and anything else using the CPU
# lowers req/s: run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:?usage: bench/run.sh small|large}
case "$size" in
    small) partners=100; reviews=50000 ;;
    large) partners=1000; reviews=1000000 ;;
    *) echo "usage: bench/run.sh small|large" >&2; exit 2 ;;
esac
export PARTNERS=$partners REVIEWS=$reviews   # read by bench/wrk/common.lua
db=reviews_bench_$size
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-60}
concurrency=${CONCURRENCY:-16}
read -ra operations <<<"${OPERATIONS:-summary page detail}"
source bench/lib.sh

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
bench/ensure-db.sh "$size"
prepare

if [ -n "${SERVERS:-}" ]; then
    read -ra order <<<"$SERVERS"
else
    all=(service pg4 pg5)
    counter=bench/results/.run-counter
    n=$(cat "$counter" 2>/dev/null || echo 0)
    echo $((n + 1)) >"$counter"
    order=("${all[@]:n % 3}" "${all[@]:0:n % 3}")
fi

started=$(date -u '+%F %H:%M')
out=bench/results/$size-$(date -u +%F-%H%M).md
: >"$logs/wrk.log"
trap stop_server EXIT
declare -A row
for server in "${order[@]}"; do
    echo "$server: starting" >&2
    start_server "$server" "$db"
    for op in "${operations[@]}"; do
        # search and topic (ReviewFilter.text, .topic) exist for the service only.
        [ -f "bench/wrk/$server-$op.lua" ] || continue
        if [ "$warmup" -gt 0 ]; then run_wrk "$server" "$op" "$concurrency" "$warmup"; fi
        before=$(tree_ticks "$server_pid"); db_before=$(db_ticks "$db")
        run_wrk "$server" "$op" "$concurrency" "$seconds"
        after=$(tree_ticks "$server_pid"); db_after=$(db_ticks "$db")
        errors=$((r[shed] + r[http_errors] + r[graphql_errors] + r[socket_errors]))
        [ "$errors" = 0 ] || errors="$errors (503 ${r[shed]}, other HTTP ${r[http_errors]}, GraphQL ${r[graphql_errors]}, socket ${r[socket_errors]})"
        row[$op,$server]="| $op | ${label[$server]} | ${r[rps]%.*} | ${r[p50]} | ${r[p99]} | $errors |\
 $(per_request $((after - before)) "${r[requests]}") | $(per_request $((db_after - db_before)) "${r[requests]}") |"
        echo "${row[$op,$server]}" >&2
    done
    stop_server
done

{
    echo "# $db ($partners partners, $reviews reviews), $(nproc) cores, $started UTC"
    echo
    echo "Order: ${order[*]}. Per server and operation: ${warmup} s warm-up, ${seconds} s measured;" \
        "wrk -t$threads -c$concurrency. PostgreSQL CPU: ${PG_CPU:-all} processes. Service JVM: $("$JAVA" -version 2>&1 | head -1) ${JAVA_OPTS:-}"
    echo
    echo "| operation | server | req/s | p50 | p99 | errors | CPU ms/req server | CPU ms/req PostgreSQL |"
    echo "|---|---|---|---|---|---|---|---|"
    for op in "${operations[@]}"; do
        for server in service pg4 pg5; do
            [ -z "${row[$op,$server]:-}" ] || echo "${row[$op,$server]}"
        done
    done
} | tee "$out"
echo "(written to $out)" >&2
