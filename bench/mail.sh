#!/usr/bin/env bash
# Mails per second per pod: the packaged service on a database of its own sends N mails put in its
# outbox through a real SMTP server (bench/smtp-sink.mjs) that answers at once, and one that takes
# 200 ms per message, with reviews.mail.parallel-sends 1 (one after another, as before) and the
# default 8. Reports mails per second from the first to the last sent_at, and the service's CPU per
# mail. Writes bench/results/mail-<date>.md.
#   bench/mail.sh [mails] [mails through the slow server]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
n_fast=${1:-3000}
n_slow=${2:-400}
db=reviews_bench_mail
smtp_port=18093
mkdir -p "$logs"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
out=bench/results/mail-$(date +%Y-%m-%d-%H%M).md
{
    echo "# Mail delivery, $(date -u +%Y-%m-%d) ($n_fast mails a run through the fast server, $n_slow through the slow one; one instance, $(nproc) cores, $("$JAVA" -version 2>&1 | head -1))"
    echo
    echo "| SMTP server | parallel-sends | mails/s | CPU ms per mail (service) |"
    echo "|---|---|---|---|"
} >"$out"

sink_pid=
cleanup() { stop_server; [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true; }
trap cleanup EXIT

for delay in 0 200; do
    n=$([ "$delay" = 0 ] && echo "$n_fast" || echo "$n_slow")
    node bench/smtp-sink.mjs --port "$smtp_port" --delay-ms "$delay" --http-port $((smtp_port + 1)) &
    sink_pid=$!
    for parallel in 1 8; do
        psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
        BENCH_MIGRATE=true SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp_port SMTP_START_TLS=DISABLED \
            REVIEWS_MAIL_PARALLEL_SENDS=$parallel REVIEWS_MAIL_DELIVERY_INTERVAL=1s start_server service "$db"
        pid=$server_pid
        psql -q -h 127.0.0.1 -U postgres -d "$db" -c "INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, created_at)
            SELECT 'CUSTOMER_MESSAGE', 'klant' || g || '@example.com', 'K-' || g, 'Bericht', 'Een bericht van de partner.', now()
            FROM generate_series(1, $n) g"
        before=$(tree_ticks "$pid")
        until [ "$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL")" = 0 ]; do
            sleep 1
        done
        after=$(tree_ticks "$pid")
        rate=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c \
            "SELECT round(count(*) / extract(epoch FROM max(sent_at) - min(sent_at))::numeric, 1) FROM outbox_mail")
        echo "| $( [ "$delay" = 0 ] && echo "answers at once" || echo "${delay} ms a message") | $parallel | $rate | $(per_request $((after - before)) "$n") |" | tee -a "$out"
        stop_server
    done
    kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true; sink_pid=
done
echo "written: $out"
