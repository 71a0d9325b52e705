// Writes the query documents the wrk scripts send, one JSON string per server and operation
// (bench/wrk/queries/<server>-<op>.json), so Lua needs no JSON encoder and the documents stay
// where they are kept: graphql/operations/ for the service, postgraphile/operations.mjs for both
// PostGraphile versions. bench/run.sh and bench/sweep.sh run it each time:
//   node bench/wrk/queries.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgraphileDocuments } from '../postgraphile/operations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const operation = (name) => readFileSync(join(here, '..', '..', 'graphql', 'operations', `${name}.graphql`), 'utf8');
const documents = {
  service: { summary: operation('PartnerSummaries'), page: operation('ReviewPage'), detail: operation('ReviewDetail'),
    // The page with a search or a topic filter (issue 23): the service only.
    search: operation('ReviewPage'), topic: operation('ReviewPage'),
    // bench/caches.sh: a crawler walking scores as of other days (keys a client chooses).
    crawler: 'query Crawl($id: ID!, $asOf: DateTime) { partner(id: $id) { score(asOf: $asOf) { overall reviewCount } } }' },
  pg4: postgraphileDocuments(4),
  pg5: postgraphileDocuments(5),
};
mkdirSync(join(here, 'queries'), { recursive: true });
for (const [server, byOp] of Object.entries(documents)) {
  for (const [op, query] of Object.entries(byOp)) {
    writeFileSync(join(here, 'queries', `${server}-${op}.json`), JSON.stringify(query));
  }
}
