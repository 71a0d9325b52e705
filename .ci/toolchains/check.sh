#!/usr/bin/env bash
# What client teams run on graphql/schema.graphql, as it is committed (.ci/run runs this):
#  1. GraphQL Code Generator makes TypeScript types for every operation of graphql/operations;
#  2. tsc compiles a small typed client (client.ts) that uses them, strictly;
#  3. graphql-inspector compares the schema with the last released one (graphql/schema.released.graphql)
#     and fails on a breaking change; removing a field that the released schema already deprecated is
#     allowed (README, "Schema changes").
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent --loglevel=error
rm -rf generated
node_modules/.bin/graphql-codegen --config codegen.yml --silent
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/graphql-inspector diff ../../graphql/schema.released.graphql ../../graphql/schema.graphql \
    --rule suppressRemovalOfDeprecatedField
# The diff can fail: a copy of the schema without a field that is not deprecated must be refused.
broken=$(mktemp --suffix=.graphql)
grep -v '^  authorName: String!$' ../../graphql/schema.graphql >"$broken"
if node_modules/.bin/graphql-inspector diff ../../graphql/schema.released.graphql "$broken" \
        --rule suppressRemovalOfDeprecatedField >/dev/null 2>&1; then
    echo "the schema diff did not catch a removed field"; rm -f "$broken"; exit 1
fi
rm -f "$broken"
echo "client toolchains: codegen, tsc and the schema diff passed"
