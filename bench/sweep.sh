#!/usr/bin/env bash
# The review page (ReviewPage) at rising concurrency, on one server, to see where it saturates,
# how much it sheds and how much memory it needs:
#   bench/sweep.sh small|large [service|pg5]
# service (the default): this service with the JVM settings production gives it. The pod's memory
# limit is 768 MiB (k8s/base/deployment.yaml) and the image runs the JVM with
# -XX:InitialRAMPercentage=60 -XX:MaxRAMPercentage=60 -XX:NewRatio=1 -XX:SurvivorRatio=4
# -XX:+UseSerialGC (src/main/docker/Dockerfile.jvm): a 460 MiB heap from the start, half of it
# young. JAVA_OPTS defaults to the same here: -Xms460m -Xmx460m -XX:NewRatio=1 -XX:SurvivorRatio=4
# -XX:+UseSerialGC (not the JVM's defaults on this machine: G1, and a first heap of 1/64 of its RAM).
# pg5: the same sweep on PostGraphile 5.1.5 (bench/postgraphile5), for comparison.
#
# The server is started once, warmed up at the first concurrency, then measured at each
# concurrency in turn (wrk -c), each step once the server is idle again (it may still be working
# off the requests queued in the step before), and stopped. At high concurrency a step must be long
# enough for answers to come back at all (SECONDS_PER_RUN well above p99); requests still in flight
# when wrk stops are not counted. Per step: served/s (answers with data), answers/s (503s included),
# p50 and p99 of all answers (the 503s included, held a second each), p50 and p99 of the served
# answers alone (timed by bench/wrk/common.lua through X-Request-Id; n/a for PostGraphile), shed (HTTP 503, the service's load shedding: expected under overload),
# other errors (other non-200 statuses, answers with "errors", socket errors and timeouts), the
# peak resident memory of the server process in that step (VmHWM, reset before each step), and CPU
# ms per request of the server and of PostgreSQL (as bench/run.sh), and the server's CPU per refusal:
# what the step cost beyond its served requests at the first step's CPU per request, divided by
# the refusals (an estimate: it assumes a served request costs what it did unloaded).
# Settings (environment): CONCURRENCIES ("16 128 512 1024"), SECONDS_PER_RUN (20), WARMUP (60),
# WRK_THREADS (1), WRK_TIMEOUT (10s: wrk's 2 s default would drop slow answers from the latencies
# and count them as timeouts), JAVA (see bench/lib.sh), JAVA_OPTS (the pod's, above), PG_CPU (all; see bench/run.sh).
# Prints a markdown table and writes it to bench/results/sweep-<server>-<size>-<UTC date and time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: bench/sweep.sh small|large [service|pg5]"
size=${1:?$usage}
server=${2:-service}
case "$size" in
    small) partners=100; reviews=50000 ;;
    large) partners=1000; reviews=1000000 ;;
    *) echo "$usage" >&2; exit 2 ;;
esac
case "$server" in service|pg5) ;; *) echo "$usage" >&2; exit 2 ;; esac
export PARTNERS=$partners REVIEWS=$reviews SERVED_LATENCY=1   # read by bench/wrk/common.lua
export JAVA_OPTS=${JAVA_OPTS:--Xms460m -Xmx460m -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:+UseSerialGC}
db=reviews_bench_$size
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-60}
read -ra concurrencies <<<"${CONCURRENCIES:-16 128 512 1024}"
source bench/lib.sh

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
bench/ensure-db.sh "$size"
prepare

started=$(date -u '+%F %H:%M')
out=bench/results/sweep-$server-$size-$(date -u +%F-%H%M).md
: >"$logs/wrk.log"
trap stop_server EXIT
echo "$server: starting" >&2
start_server "$server" "$db"
if [ "$warmup" -gt 0 ]; then run_wrk "$server" page "${concurrencies[0]}" "$warmup"; fi

rows=()
unloaded=
for c in "${concurrencies[@]}"; do
    wait_idle "$server_pid"
    reset_peak_rss "$server_pid" || echo "cannot reset VmHWM: peaks are since start" >&2
    before=$(tree_ticks "$server_pid"); db_before=$(db_ticks "$db")
    run_wrk "$server" page "$c" "$seconds"
    after=$(tree_ticks "$server_pid"); db_after=$(db_ticks "$db")
    other=$((r[http_errors] + r[graphql_errors] + r[socket_errors]))
    [ "$other" = 0 ] || other="$other (HTTP ${r[http_errors]}, GraphQL ${r[graphql_errors]}, socket ${r[socket_errors]})"
    served=$(awk -v s="${r[served_rps]}" -v d="${r[seconds]}" 'BEGIN { printf "%d", s * d }')
    [ -n "$unloaded" ] || unloaded=$(awk -v t=$((after - before)) -v n="$served" -v hz="$hz" 'BEGIN { print (n ? t * 1000 / hz / n : 0) }')
    refusal=$(awk -v t=$((after - before)) -v n="$served" -v u="$unloaded" -v shed="${r[shed]}" -v hz="$hz" \
        'BEGIN { if (shed > 0) printf "%.3f", (t * 1000 / hz - n * u) / shed; else printf "n/a" }')
    rows+=("| $c | ${r[served_rps]%.*} | ${r[rps]%.*} | ${r[p50]} | ${r[p99]} | ${r[served_p50_ms]} / ${r[served_p99_ms]} ms | ${r[shed]} | $other | $(peak_rss_mib "$server_pid") MiB |\
 $(per_request $((after - before)) "${r[requests]}") | $(per_request $((db_after - db_before)) "${r[requests]}") | $refusal |")
    echo "${rows[-1]}" >&2
done
stop_server

{
    echo "# ReviewPage sweep: ${label[$server]} on $db ($partners partners, $reviews reviews), $(nproc) cores, $started UTC"
    echo
    if [ "$server" = service ]; then jvm="; JVM: $("$JAVA" -version 2>&1 | head -1) $JAVA_OPTS"; else jvm=; fi
    echo "${warmup} s warm-up at ${concurrencies[0]} connections, then ${seconds} s per step; wrk -t$threads --timeout $timeout$jvm"
    echo
    echo "| concurrency | served/s | answers/s | p50 | p99 | served p50 / p99 | shed (503) | other errors | peak RSS | CPU ms/req server | CPU ms/req PostgreSQL | CPU ms per refusal (est.) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee "$out"
echo "(written to $out)" >&2
