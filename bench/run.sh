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
#   ROUNDS (1)           more than 1: all servers run at once, and each operation is measured in that
#                        many rounds of ROUND_SECONDS (10) per server, the servers taking turns (the
#                        first one moves on by one every round); a row sums its server's rounds (its
#                        p50/p99 are the median of the rounds'). A slow drift of the machine then
#                        weighs on every server alike instead of on whichever ran when it came.
#                        SECONDS_PER_RUN is then unused; the warm-up stays per server and operation.
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
rounds=${ROUNDS:-1}
round_seconds=${ROUND_SECONDS:-10}
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

# One measured row: $1 server, $2 operation, then requests, server ticks, PostgreSQL ticks, errors
# (503, other HTTP, GraphQL, socket), requests/s, p50, p99.
record_row() {
    local server=$1 op=$2 requests=$3 ticks=$4 db=$5 shed=$6 http=$7 graphql=$8 socket=$9 rps=${10} p50=${11} p99=${12} errors
    errors=$((shed + http + graphql + socket))
    [ "$errors" = 0 ] || errors="$errors (503 $shed, other HTTP $http, GraphQL $graphql, socket $socket)"
    row[$op,$server]="| $op | ${label[$server]} | ${rps%.*} | $p50 | $p99 | $errors |\
 $(per_request "$ticks" "$requests") | $(per_request "$db" "$requests") |"
    echo "${row[$op,$server]}" >&2
}

# The median of numbers, one per line.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }

if [ "$rounds" -gt 1 ]; then
    declare -A pid_of
    stop_all() { local s; for s in "${!pid_of[@]}"; do server_pid=${pid_of[$s]}; stop_server; done; }
    trap stop_all EXIT
    for server in "${order[@]}"; do
        echo "$server: starting" >&2
        start_server "$server" "$db"
        pid_of[$server]=$server_pid
    done
    for op in "${operations[@]}"; do
        present=()
        for server in "${order[@]}"; do [ -f "bench/wrk/$server-$op.lua" ] && present+=("$server"); done
        declare -A requests=() ticks=() dbt=() shed=() http=() gql=() sock=() p50s=() p99s=()
        for server in "${present[@]}"; do
            if [ "$warmup" -gt 0 ]; then run_wrk "$server" "$op" "$concurrency" "$warmup"; wait_idle "${pid_of[$server]}"; fi
            requests[$server]=0 ticks[$server]=0 dbt[$server]=0 shed[$server]=0 http[$server]=0 gql[$server]=0 sock[$server]=0
        done
        n=${#present[@]}
        for round in $(seq 0 $((rounds - 1))); do
            for i in $(seq 0 $((n - 1))); do
                server=${present[$(((round + i) % n))]}
                before=$(tree_ticks "${pid_of[$server]}"); db_before=$(db_ticks "$db")
                run_wrk "$server" "$op" "$concurrency" "$round_seconds"
                after=$(tree_ticks "${pid_of[$server]}"); db_after=$(db_ticks "$db")
                wait_idle "${pid_of[$server]}" # its last answers are not the next server's load
                requests[$server]=$((requests[$server] + r[requests]))
                ticks[$server]=$((ticks[$server] + after - before)) dbt[$server]=$((dbt[$server] + db_after - db_before))
                shed[$server]=$((shed[$server] + r[shed])) http[$server]=$((http[$server] + r[http_errors]))
                gql[$server]=$((gql[$server] + r[graphql_errors])) sock[$server]=$((sock[$server] + r[socket_errors]))
                p50s[$server]+="${r[p50_ms]:-} " p99s[$server]+="${r[p99_ms]:-} "
                echo "$op round $((round + 1))/$rounds $server: ${r[rps]%.*} req/s" >&2
            done
        done
        for server in "${present[@]}"; do
            record_row "$server" "$op" "${requests[$server]}" "${ticks[$server]}" "${dbt[$server]}" "${shed[$server]}" "${http[$server]}" \
                "${gql[$server]}" "${sock[$server]}" "$((requests[$server] / (rounds * round_seconds)))" \
                "$(tr ' ' '\n' <<<"${p50s[$server]}" | grep . | median) ms" "$(tr ' ' '\n' <<<"${p99s[$server]}" | grep . | median) ms"
        done
    done
    stop_all
    trap - EXIT
fi

[ "$rounds" -gt 1 ] || for server in "${order[@]}"; do
    echo "$server: starting" >&2
    start_server "$server" "$db"
    for op in "${operations[@]}"; do
        # search and topic (ReviewFilter.text, .topic) exist for the service only.
        [ -f "bench/wrk/$server-$op.lua" ] || continue
        if [ "$warmup" -gt 0 ]; then run_wrk "$server" "$op" "$concurrency" "$warmup"; fi
        before=$(tree_ticks "$server_pid"); db_before=$(db_ticks "$db")
        run_wrk "$server" "$op" "$concurrency" "$seconds"
        after=$(tree_ticks "$server_pid"); db_after=$(db_ticks "$db")
        record_row "$server" "$op" "${r[requests]}" $((after - before)) $((db_after - db_before)) "${r[shed]}" "${r[http_errors]}" \
            "${r[graphql_errors]}" "${r[socket_errors]}" "${r[rps]}" "${r[p50]}" "${r[p99]}"
    done
    stop_server
done

{
    echo "# $db ($partners partners, $reviews reviews), $(nproc) cores, $started UTC"
    echo
    if [ "$rounds" -gt 1 ]; then
        measured="all servers running; ${warmup} s warm-up each, then $rounds rounds of ${round_seconds} s per server, taking turns"
    else
        measured="${warmup} s warm-up, ${seconds} s measured"
    fi
    echo "Order: ${order[*]}. Per server and operation: $measured;" \
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
