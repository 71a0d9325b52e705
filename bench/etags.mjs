// Drives bench/etags.sh: mobile summaries (PartnerSummaries of one partner, GET) sent round-robin to
// several instances, as a load balancer spreads an app's or a CDN's requests, each revalidated with
// the ETag the last answer for that partner carried (one shared cache, as a CDN keeps one copy).
//   node bench/etags.mjs <seconds> <concurrency> <partners> <url> [<url> ...]
// Prints one JSON line: requests, 304s, 200s, others, and the share of 304s among revalidations.
import { readFileSync } from 'node:fs';

const [seconds, concurrency, partners, ...urls] = process.argv.slice(2);
const document = readFileSync('graphql/operations/PartnerSummaries.graphql', 'utf8');
const id = (key) => Buffer.from(`Partner:${key}`).toString('base64url');
const cache = new Map();
const counts = { requests: 0, notModified: 0, ok: 0, other: 0, revalidations: 0 };
let next = 0;
const until = Date.now() + Number(seconds) * 1000;

async function client() {
  while (Date.now() < until) {
    const partner = 1 + Math.floor(Math.random() * Number(partners));
    const url = new URL(urls[next++ % urls.length]);
    url.searchParams.set('query', document);
    url.searchParams.set('variables', JSON.stringify({ partnerIds: [id(partner)] }));
    const headers = { accept: 'application/json' };
    const etag = cache.get(partner);
    if (etag) {
      headers['if-none-match'] = etag;
      counts.revalidations++;
    }
    const answer = await fetch(url, { headers });
    await answer.arrayBuffer();
    counts.requests++;
    if (answer.status === 304) {
      counts.notModified++;
    } else if (answer.status === 200) {
      counts.ok++;
      const tag = answer.headers.get('etag');
      if (tag) cache.set(partner, tag); else cache.delete(partner);
    } else {
      counts.other++;
    }
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, client));
console.log(JSON.stringify({ ...counts, share304: counts.revalidations ? counts.notModified / counts.revalidations : 0 }));
