#!/usr/bin/env bash
# HTTP caching across pods (README, "Benchmarks"): three instances of the packaged service behind
# round-robin, the mobile summary of one partner at a time revalidated with If-None-Match
# (bench/etags.mjs), while reviews change elsewhere at a steady rate (WRITES per second, default 5:
# a review's overall score changed by plain SQL, each moving its partner's versions).
#   bench/etags.sh
# Runs on a copy of reviews_bench_small (reviews_bench_etags, made anew each run). Reports the share
# of revalidations answered 304. With the ETags before issue 21 (a per-pod counter of every public
# change in the marketplace) at most one in three could be: two requests in three reach another pod.
# Settings: SECONDS_PER_RUN (30), CONCURRENCY (16), WRITES (5).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${SECONDS_PER_RUN:-30}
concurrency=${CONCURRENCY:-16}
writes=${WRITES:-5}
db=reviews_bench_etags
bench/ensure-db.sh small
prepare
psql=(psql -X -q -h 127.0.0.1 -U postgres)
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db TEMPLATE reviews_bench_small"
"${psql[@]}" -d $db -c "ALTER ROLE postgres IN DATABASE $db SET plan_cache_mode = force_generic_plan"

pids=()
writer=
cleanup() {
    # The writer's pipeline (its loop and psql) first, then the writer.
    [ -n "$writer" ] && { pkill -P "$writer" 2>/dev/null; kill "$writer" 2>/dev/null; } || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
urls=()
key=$(head -c 32 /dev/urandom | base64)
for i in 0 1 2; do
    p=$((18100 + i))
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT=$p MAIL_LINK_KEY=$key \
    QUARKUS_MAILER_MOCK=true QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=8 "$JAVA" -Xmx256m -jar target/quarkus-app/quarkus-run.jar \
        >"$logs/etags-$i.log" 2>&1 &
    pids+=($!)
    urls+=("http://127.0.0.1:$p/graphql")
done
for url in "${urls[@]}"; do
    for _ in $(seq 1 120); do answers "$url" && break; sleep 0.5; done
done

# The writer: one session, WRITES changes a second to random reviews of random partners.
(
    while true; do
        echo "UPDATE review SET overall = 1 + overall % 10 WHERE id = 1 + floor(random() * 50000)::int;"
        sleep "$(awk -v w="$writes" 'BEGIN { printf "%.3f", 1 / w }')"
    done | "${psql[@]}" -d $db >/dev/null
) &
writer=$!

node bench/etags.mjs 20 "$concurrency" 100 "${urls[@]}" >/dev/null   # warm-up, caches filled
result=$(node bench/etags.mjs "$seconds" "$concurrency" 100 "${urls[@]}")
changes=$("${psql[@]}" -d $db -tAc "SELECT sum(public_version) FROM partner")
echo "$result"
share=$(node -e "const r = JSON.parse(process.argv[1]); console.log((100 * r.share304).toFixed(1))" "$result")
out=bench/results/etags-$(date -u +%F-%H%M).md
{
    echo "### ETags across pods: $(date -u '+%F %H:%M') UTC (\`bench/etags.sh\`, 3 instances round-robin, 100 partners, $writes review changes/s, ${seconds} s)"
    echo
    echo "$result"
    echo
    echo "304 among revalidations: ${share}% (before: at most 33%); partner versions moved in all: $changes"
} | tee "$out"
