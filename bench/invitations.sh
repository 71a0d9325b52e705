#!/usr/bin/env bash
# Throughput of the invitation job: InvitationScaleTest with many due orders (default 200,000), a
# third of whose customers were mailed that day. Each run's line gives invitations made per second
# (invitation row, token hash, rendered nl mail in the outbox; SMTP delivery is the mail job's and
# not measured here). Uses the tests' database on the local PostgreSQL.
#   bench/invitations.sh [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-200000}
mkdir -p bench/results
./mvnw -B -q test -Dtest=InvitationScaleTest -Dbench.invitation-orders="$orders" 2>&1 \
    | grep -E "Invitation run on" | sed -E 's/^.*\(main\) //' | tee "bench/results/invitations-$orders.txt"
