#!/usr/bin/env bash
# Start-up of the packaged service on JDK 25, with and without the AOT cache:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw verify -DskipITs=false -Dquarkus.package.jar.aot.enabled=true
#   bench/startup.sh [runs]
# For each run: milliseconds from process start to the first successful GraphQL answer, and the
# process's CPU time (user + system) when /q/health/ready first answers 200. Prints each run and
# the medians. Uses reviews_bench_small (bench/generate.sh small) as its database. Without an
# app.aot from the Maven build, it trains one itself first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
app=target/quarkus-app
bench/ensure-db.sh small
port=18095
env_of_service=(QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/reviews_bench_small
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/reviews_bench_small QUARKUS_DATASOURCE_USERNAME=postgres
    QUARKUS_HTTP_PORT=$port QUARKUS_MAILER_MOCK=true)
if [ ! -f $app/app.aot ]; then
    # Without the Maven build above: train the cache here (JDK 25's one-step -XX:AOTCacheOutput), on the
    # page and detail operations for 20 s each; the JVM writes the cache when it exits.
    echo "no $app/app.aot: training one (page and detail, 20 s each)" >&2
    env "${env_of_service[@]}" MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) \
        "$java" -XX:AOTCacheOutput=$app/app.aot -jar $app/quarkus-run.jar >/tmp/startup-training.log 2>&1 &
    trainer=$!
    for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break; sleep 0.1; done
    for op in page detail; do
        node bench/load.mjs --op $op --url "http://127.0.0.1:$port/graphql" --seconds 20 --warmup 0 --concurrency 8 \
            --partners 100 --reviews 50000 >/dev/null
    done
    kill $trainer; wait $trainer 2>/dev/null || true
    [ -f $app/app.aot ] || { echo "training wrote no $app/app.aot; see /tmp/startup-training.log" >&2; exit 1; }
fi
ticks=$(getconf CLK_TCK)
query='{"query":"{ partner(id: \"UGFydG5lcjox\") { name score { overall } } }"}'

# Where the CPU went by the time of readiness: the process's threads grouped by kind (JIT
# compilers, garbage collector, main, Vert.x event loops, workers, the rest), in ms.
by_thread() {
    local pid=$1 task name stat
    for task in /proc/"$pid"/task/*; do
        name=$(cat "$task/comm" 2>/dev/null) || continue
        read -r -a stat < <(sed 's/^.*) //' "$task/stat") || continue
        case "$name" in
            C1\ Compiler*|C2\ Compiler*) name=jit ;;
            GC*|*GC\ Thread*|VM\ Thread) name=gc-and-vm ;;
            main) name=main ;;
            vert.x-eventloo*) name=event-loops ;;
            executor-thread*|vert.x-worker*) name=workers ;;
            *) name=other ;;
        esac
        # utime and stime are fields 14 and 15 of stat; after the name they are the 12th and 13th.
        echo "$name $(( (stat[11] + stat[12]) * 1000 / ticks ))"
    done | awk '{ ms[$1] += $2 } END { for (k in ms) printf "%s=%d ", k, ms[k]; print "" }'
}

measure() { # $1 = label, rest = extra JVM options
    local label=$1; shift
    local first_answers=() cpus=()
    for i in $(seq 1 "$runs"); do
        local start pid answered="" cpu=""
        start=$(date +%s%N)
        QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/reviews_bench_small \
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/reviews_bench_small \
        MAIL_LINK_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT=$port \
        QUARKUS_MAILER_MOCK=true "$java" "$@" -jar $app/quarkus-run.jar >/tmp/startup-$label-$i.log 2>&1 &
        pid=$!
        for _ in $(seq 1 3000); do
            if [ -z "$answered" ] && curl -fs -o /dev/null -H 'Content-Type: application/json' -d "$query" "http://127.0.0.1:$port/graphql"; then
                answered=$(( ($(date +%s%N) - start) / 1000000 ))
            fi
            if [ -z "$cpu" ] && curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
                read -r -a stat < /proc/$pid/stat
                cpu=$(( (stat[13] + stat[14]) * 1000 / ticks ))
                by_thread "$pid" >"/tmp/startup-$label-$i.threads"
            fi
            [ -n "$answered" ] && [ -n "$cpu" ] && break
            sleep 0.01
        done
        kill $pid; wait $pid 2>/dev/null || true
        echo "$label run $i: first answer ${answered} ms, CPU at readiness ${cpu} ms ($(cat "/tmp/startup-$label-$i.threads" 2>/dev/null))"
        first_answers+=("$answered"); cpus+=("$cpu")
    done
    echo "$label median: first answer $(printf '%s\n' "${first_answers[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") ms," \
        "CPU at readiness $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") ms"
}

"$java" -version 2>&1 | head -1
measure without-cache
measure with-aot-cache -XX:AOTCache=$app/app.aot
