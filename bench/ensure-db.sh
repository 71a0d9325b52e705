#!/usr/bin/env bash
# Makes the benchmark database of a size (bench/generate.sh) when it is missing or was made by
# other migrations than the service's current ones.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:?usage: bench/ensure-db.sh small|large|partners}
migrations="$(ls src/main/resources/db/migration/V*.sql | sort -V | xargs -n1 basename | tr '\n' ' ')"
# (A database without Flyway's history was made before the migrations became a Job: made anew.)
made_by="$(psql -X -h 127.0.0.1 -U postgres -d "reviews_bench_$size" -tAc "SELECT migrations FROM bench_schema, (SELECT 1 FROM flyway_schema_history LIMIT 1) f" 2>/dev/null || true)"
if [ "$made_by" != "$migrations" ]; then
    bench/generate.sh "$size"
fi
