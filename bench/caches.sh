#!/usr/bin/env bash
# The in-memory figures (partner.VersionedCache, on Caffeine) with 100,000 partners (README, "Benchmarks"):
#   bench/caches.sh
# On reviews_bench_partners (bench/generate.sh partners: 100,000 partners, 1,000,000 reviews), the
# dashboard page (bench/wrk/service-page.lua) for partners picked by Zipf's law (PICK=zipf: a few
# shops are asked most), first alone, then while a crawler walks scores as of random days
# (bench/wrk/service-crawler.lua, 4 connections): the hit rate of the scores and counts caches
# (from /q/metrics, over the measured seconds) and the page's CPU time per request must hold.
# Settings: WARMUP (60), SECONDS_PER_RUN (30), CONCURRENCY (16).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${SECONDS_PER_RUN:-30}
warmup=${WARMUP:-60}
concurrency=${CONCURRENCY:-16}
db=reviews_bench_partners
export PARTNERS=100000 REVIEWS=1000000 PICK=zipf
bench/ensure-db.sh partners
prepare
trap stop_server EXIT
start_server service "$db"
metrics=http://127.0.0.1:${port[service]}/q/metrics
# cache_gets_total{cache="…",result="hit|miss"} summed over the caches of today's figures, and the evictions of a set of caches
today='partner-scores|review-counts|monthly-scores'
gets() { curl -fs "$metrics" | awk -v result="$1" -v caches="$today" '/^cache_gets_total/ && $0 ~ "cache=\"(" caches ")\"" && $0 ~ "result=\"" result "\"" { s += $NF } END { printf "%d", s }'; }
evictions() { curl -fs "$metrics" | awk -v caches="$1" '/^cache_evictions_total/ && $0 ~ "cache=\"(" caches ")\"" { s += $NF } END { printf "%d", s }'; }
rows=()
# measure <label> <seed>: the page for SECONDS_PER_RUN, partners in the sequence of that seed.
measure() {
    local label=$1 h0 m0 e0 x0 c0 h1 m1 e1 x1 c1
    h0=$(gets hit); m0=$(gets miss); e0=$(evictions "$today"); x0=$(evictions partner-scores-as-of); c0=$(tree_ticks "$server_pid")
    SEED=$2 run_wrk service page "$concurrency" "$seconds"
    h1=$(gets hit); m1=$(gets miss); e1=$(evictions "$today"); x1=$(evictions partner-scores-as-of); c1=$(tree_ticks "$server_pid")
    local hits=$((h1 - h0)) misses=$((m1 - m0))
    rows+=("| $label | ${r[rps]%.*} | ${r[p50]} | ${r[p99]} | $(awk -v h=$hits -v m=$misses 'BEGIN { printf "%.1f%%", 100 * h / (h + m) }') |\
 $((e1 - e0)) | $((x1 - x0)) | $(per_request $((c1 - c0)) "${r[requests]}") |")
    echo "${rows[-1]}" >&2
}
# Each seed its own sequence of partners: the popular ones come back, the rare ones are new.
SEED=1 run_wrk service page "$concurrency" "$warmup"
measure "page, Zipf over 100,000 partners: a new sequence (its rare partners asked for the first time)" 2
measure "the same sequence again: nothing was evicted, so every figure is there" 2
# A crawler on asOf: its keys have a cache of their own (10,000), it evicts only its own entries.
SEED=4 wrk -t1 -c4 -d"$((seconds + 10))s" -s bench/wrk/service-crawler.lua "http://127.0.0.1:${port[service]}/graphql" >"$logs/crawler.log" 2>&1 &
crawler=$!
sleep 5
measure "the same sequence, while a crawler walks asOf (4 connections)" 2
wait "$crawler" || true
out=bench/results/caches-$(date -u +%F-%H%M).md
{
    echo "### Figures cache with 100,000 partners: $(date -u '+%F %H:%M') UTC (\`bench/caches.sh\`, reviews_bench_partners, ${concurrency} connections, ${seconds} s)"
    echo
    echo "| run | req/s | p50 | p99 | hit rate (today's scores, counts, months) | their evictions | evictions of the asOf cache | service CPU ms/req |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    grep '^BENCH' "$logs/crawler.log" | sed 's/^/crawler: /'
} | tee "$out"
