// Load driver: sends one example operation to a GraphQL endpoint for a fixed time at a fixed
// concurrency, after a warm-up, and prints requests/s, p50 and p99 latency and errors.
//
//   node bench/load.mjs --flavor quarkus|postgraphile|postgraphile5 --op summary|page|detail \
//        [--url http://127.0.0.1:8080/graphql] [--seconds 20] [--warmup 5] [--concurrency 32] \
//        [--partners 100] [--reviews 50000]
//
// "quarkus" sends the service's own operations from graphql/operations/; "postgraphile" (v4) and
// "postgraphile5" send the closest equivalent in PostGraphile's generated schema
// (bench/postgraphile/operations.mjs). bench/run.sh drives wrk instead (bench/wrk/).
// Partners and reviews are picked by a seeded generator, so every run asks the same sequence.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { postgraphileOperations } from './postgraphile/operations.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const flavor = args.flavor ?? 'quarkus';
const op = args.op ?? 'page';
const url = new URL(args.url ?? (flavor === 'quarkus' ? 'http://127.0.0.1:8080/graphql' : 'http://127.0.0.1:5678/graphql'));
const seconds = Number(args.seconds ?? 20);
const warmup = Number(args.warmup ?? 5);
const concurrency = Number(args.concurrency ?? 32);
const partners = Number(args.partners ?? 100);
const reviews = Number(args.reviews ?? 50000);

// mulberry32: a small seeded generator, the same sequence on every run
let seed = 20260401;
function random() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => 1 + Math.floor(random() * n);
const globalId = (type, key) => Buffer.from(`${type}:${key}`).toString('base64url');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const operation = (name) => readFileSync(join(root, 'graphql', 'operations', `${name}.graphql`), 'utf8');
const quarkusOperations = {
  summary: () => ({ query: operation('PartnerSummaries'),
    variables: { partnerIds: Array.from({ length: 10 }, () => globalId('Partner', pick(partners))) } }),
  page: () => ({ query: operation('ReviewPage'), variables: { partnerId: globalId('Partner', pick(partners)), first: 20 } }),
  detail: () => ({ query: operation('ReviewDetail'), variables: { id: globalId('Review', pick(reviews)) } }),
};
const make = (flavor === 'quarkus' ? quarkusOperations
  : postgraphileOperations(pick, partners, reviews, flavor === 'postgraphile5' ? 5 : 4))[op];
if (!make) throw new Error(`unknown --op ${op}`);

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(body) {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const started = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        let ok = res.statusCode === 200;
        try { const answer = JSON.parse(Buffer.concat(chunks)); ok = ok && !answer.errors && answer.data; } catch { ok = false; }
        resolve({ ms, ok });
      });
    });
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false }));
    req.end(payload);
  });
}

async function run(durationSeconds, record) {
  const until = Date.now() + durationSeconds * 1000;
  const latencies = [];
  let errors = 0;
  async function worker() {
    while (Date.now() < until) {
      const { ms, ok } = await send(make());
      if (record) { latencies.push(ms); if (!ok) errors++; }
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, elapsed: (Date.now() - started) / 1000 };
}

await run(warmup, false);
const { latencies, errors, elapsed } = await run(seconds, true);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1) : 'n/a';
console.log(`${flavor} ${op}: concurrency ${concurrency}, ${seconds} s: ${latencies.length} requests, `
  + `${(latencies.length / elapsed).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, errors ${errors}`);
agent.destroy();
