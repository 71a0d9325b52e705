#!/usr/bin/env bash
# The cost of tracing on the dashboard page (issue 24): bench/run.sh's page on one data size, with
# tracing off (as deployed by default) and on, every request traced (OTEL_TRACES_SAMPLER_ARG=1) and
# exported to an OTLP/HTTP sink (bench/otlp-sink.mjs) that only answers 200.
#   bench/tracing.sh small|large
# CPU ms/req of the service is the figure to compare; the run before the OpenTelemetry extension
# came is in the README ("Traces: what they cost").
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:?usage: bench/tracing.sh small|large}
sink_port=14318
node bench/otlp-sink.mjs $sink_port &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
echo "== tracing off" >&2
SERVERS=service OPERATIONS=page bench/run.sh "$size"
echo "== tracing on, every request, to the sink" >&2
OTEL_SDK_DISABLED=false OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$sink_port OTEL_TRACES_SAMPLER_ARG=1 \
    SERVERS=service OPERATIONS=page bench/run.sh "$size"
