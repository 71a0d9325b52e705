// The standard introspection queries of client toolchains against a running service, with
// graphql-js 16 itself: getIntrospectionQuery() as Apollo's and GraphQL Code Generator's tools send
// it, and with every option as GraphiQL 3 sends it. Each must be answered without errors, build a
// client schema, and give the committed schema (graphql/schema.graphql) type for type (descriptions,
// deprecations, arguments; the directive definitions are not compared). A query that
// graphql-java's good-faith check refuses gets the client error QUERY_TOO_COMPLEX, not a server error.
// Usage: node introspection.mjs http://127.0.0.1:8080/graphql path/to/schema.graphql
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printType } from 'graphql';

const [url, committedPath] = process.argv.slice(2);
const post = async (query) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
};
const committed = lexicographicSortSchema(buildSchema(readFileSync(committedPath, 'utf8')));
const named = (schema) => Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')).sort();
const shapes = {
  'Apollo / GraphQL Code Generator (defaults)': {},
  'GraphiQL 3 (every option)': { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
    inputValueDeprecation: true, oneOf: true },
};
let failed = false;
for (const [name, options] of Object.entries(shapes)) {
  const { status, body } = await post(getIntrospectionQuery(options));
  if (status !== 200 || body.errors) {
    console.error(`${name}: ${status} ${JSON.stringify(body.errors)}`);
    failed = true;
    continue;
  }
  const served = lexicographicSortSchema(buildClientSchema(body.data));
  const names = named(committed);
  if (named(served).join() !== names.join()) {
    console.error(`${name}: types served ${named(served).join()} | committed ${names.join()}`);
    failed = true;
    continue;
  }
  // Without specifiedByUrl in the query a scalar's @specifiedBy is not there to compare.
  const printed = (schema, type) => options.specifiedByUrl ? printType(schema.getType(type))
    : printType(schema.getType(type)).replace(/ @specifiedBy\(url: "[^"]*"\)/, '');
  const differing = names.filter((type) => printed(served, type) !== printed(committed, type));
  if (differing.length > 0) {
    const type = differing[0];
    const a = printed(served, type).split('\n'), b = printed(committed, type).split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    console.error(`${name}: ${differing.join(', ')} differ from the committed schema; ${type} at line ${at + 1}:\n  served:    ${a[at]}\n  committed: ${b[at]}`);
    failed = true;
    continue;
  }
  console.log(`introspection, ${name}: OK (${names.length} types, as committed)`);
}
const refused = await post('{ __schema { types { fields { name } } mutationType { fields { name } } } }');
const codes = (refused.body.errors ?? []).map((e) => e.extensions?.code);
if (codes.length === 0 || codes.some((c) => c !== 'QUERY_TOO_COMPLEX')) {
  console.error(`a bad-faith introspection query: ${refused.status} ${JSON.stringify(refused.body)}`);
  failed = true;
} else {
  console.log('introspection refused by the good-faith check: QUERY_TOO_COMPLEX');
}
process.exit(failed ? 1 : 0);
