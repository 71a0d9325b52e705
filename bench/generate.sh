#!/usr/bin/env bash
# Makes a benchmark database on the machine's PostgreSQL (127.0.0.1:5432, user postgres):
#   bench/generate.sh small   -> reviews_bench_small:   100 partners,   50,000 reviews
#   bench/generate.sh large   -> reviews_bench_large: 1,000 partners, 1,000,000 reviews
#   bench/generate.sh partners -> reviews_bench_partners: 100,000 partners, 1,000,000 reviews (bench/caches.sh)
# Deterministic: the same rows every time (src/main/resources/demo/generate-reviews.sql), created
# over the 450 days before a fixed moment, about 5% revised and 30% replied. The schema comes from
# the service's own migrations, run as the migration Job runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:?usage: bench/generate.sh small|large|partners}
case "$size" in
    small) partners=100; per_partner=500 ;;
    large) partners=1000; per_partner=1000 ;;
    partners) partners=100000; per_partner=10 ;;
    *) echo "usage: bench/generate.sh small|large|partners" >&2; exit 2 ;;
esac
db=reviews_bench_$size
anchor=${BENCH_ANCHOR:-2026-11-01 12:00+00}
psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)

"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
# The schema as production makes it: the packaged jar run as the migration Job runs it (README,
# "Migrations"), so that the service is ready on it (db.SchemaVersionCheck reads Flyway's history).
# A jar older than a migration would make yesterday's schema: built anew then.
migrations="$(ls src/main/resources/db/migration/V*.sql | sort -V | xargs -n1 basename | tr '\n' ' ')"
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src/main/resources/db/migration -newer target/quarkus-app/quarkus-run.jar)" ]; then
    ./mvnw -B -q package -DskipTests
fi
QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_MIGRATE_AT_START=true \
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
    QUARKUS_DATASOURCE_USERNAME=postgres MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_MAILER_MOCK=true \
    java -jar target/quarkus-app/quarkus-run.jar >/tmp/bench-migrate-$db.log 2>&1 \
    || { cat /tmp/bench-migrate-$db.log; echo "the migration of $db failed" >&2; exit 1; }
applied="$("${psql[@]}" -d "$db" -tAc "SELECT string_agg(regexp_replace(script, '^.*/', ''), ' ' ORDER BY installed_rank) || ' ' FROM flyway_schema_history WHERE success AND script LIKE '%.sql'")"
[ "$applied" = "$migrations" ] || { echo "the jar applied other migrations than src/ holds: $applied" >&2; exit 1; }
# Which migrations made this schema: bench/run.sh makes the database anew when they change.
"${psql[@]}" -d "$db" -c "CREATE TABLE bench_schema AS SELECT '$migrations'::text AS migrations"
start=$(date +%s)
"${psql[@]}" -d "$db" <<SQL
BEGIN;
\i src/main/resources/demo/generate-reviews.sql
DO \$\$ BEGIN PERFORM pg_temp.generate_reviews($partners, $per_partner, '$anchor', 'Bench partner'); END \$\$;
COMMIT;
VACUUM ANALYZE;
SQL
echo "$db: $("${psql[@]}" -d "$db" -tA -c "SELECT format('%s partners, %s reviews, %s revised, %s replied',
    (SELECT count(*) FROM partner), (SELECT count(*) FROM review),
    (SELECT count(DISTINCT review_id) FROM revision), (SELECT count(*) FROM reply))") in $(( $(date +%s) - start )) s"
