#!/usr/bin/env bash
# Start-up of the packaged service on JDK 25, with and without the AOT cache:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw verify -DskipITs=false -Dquarkus.package.jar.aot.enabled=true
#   bench/startup.sh [runs]
# For each run: milliseconds from process start to the first successful GraphQL answer, and the
# process's CPU time (user + system) when /q/health/ready first answers 200. Prints each run and
# the medians. Uses reviews_bench_small (bench/generate.sh small) as its database.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
app=target/quarkus-app
[ -f $app/app.aot ] || { echo "no $app/app.aot: build with the command above" >&2; exit 1; }
bench/ensure-db.sh small
port=18095
ticks=$(getconf CLK_TCK)
query='{"query":"{ partner(id: \"UGFydG5lcjox\") { name score { overall } } }"}'

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
            fi
            [ -n "$answered" ] && [ -n "$cpu" ] && break
            sleep 0.01
        done
        kill $pid; wait $pid 2>/dev/null || true
        echo "$label run $i: first answer ${answered} ms, CPU at readiness ${cpu} ms"
        first_answers+=("$answered"); cpus+=("$cpu")
    done
    echo "$label median: first answer $(printf '%s\n' "${first_answers[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") ms," \
        "CPU at readiness $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") ms"
}

"$java" -version 2>&1 | head -1
measure without-cache
measure with-aot-cache -XX:AOTCache=$app/app.aot
