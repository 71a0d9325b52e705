// An unmodified Apollo Client 4 with Apollo's persisted-query link (hashes sent as GET) against a
// running service. Usage: node apollo.mjs http://127.0.0.1:8080/graphql PARTNER_ID
// Checks: a first client misses (GET with the hash only), registers (POST with the query), and
// gets its data; a second client, with a cache of its own, gets the same data with one GET; a
// third revalidates it with If-None-Match and gets 304 (a browser's HTTP cache does this by itself;
// Node's fetch has none, so the fetch below keeps ETags the way a browser would).
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url, partnerId] = process.argv.slice(2);
const sent = [];
const httpCache = new Map(); // URL of a GET -> { etag, body, headers }
// The fetch of Node with an HTTP cache for GETs, recording what the client sends (the link decides
// the method and the parameters; nothing of the request is changed but If-None-Match).
const recordingFetch = async (input, init) => {
  const method = init?.method ?? 'GET';
  const body = init?.body ? JSON.parse(init.body) : null;
  const cached = method === 'GET' ? httpCache.get(String(input)) : undefined;
  const headers = new Headers(init?.headers);
  if (cached) headers.set('If-None-Match', cached.etag);
  const response = await fetch(input, { ...init, headers });
  sent.push({ method, hasQuery: body ? 'query' in body : new URL(input).searchParams.has('query'), status: response.status,
    cacheControl: response.headers.get('cache-control') });
  if (response.status === 304 && cached) {
    return new Response(cached.body, { status: 200, headers: cached.headers });
  }
  const etag = response.headers.get('etag');
  if (method === 'GET' && response.status === 200 && etag) {
    const text = await response.text();
    httpCache.set(String(input), { etag, body: text, headers: response.headers });
    return new Response(text, { status: 200, headers: response.headers });
  }
  return response;
};
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const query = gql`
  query ApolloSummary${Date.now()}($partnerIds: [String!]!) {
    partnerScores(partnerIds: $partnerIds) { partnerId overall reviewCount }
  }
`;
const client = () => new ApolloClient({
  cache: new InMemoryCache(),
  link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url, fetch: recordingFetch })),
});

const fail = (why) => { console.log('Apollo Client check: FAILED:', why, JSON.stringify(sent)); process.exit(1); };
const first = await client().query({ query, variables: { partnerIds: [partnerId] } });
if (first.error || first.data?.partnerScores?.[0]?.partnerId !== partnerId) fail('first client: ' + JSON.stringify(first));
const [miss, register] = sent;
if (sent.length !== 2 || miss.method !== 'GET' || miss.hasQuery || register.method !== 'POST' || !register.hasQuery || register.status !== 200) {
  fail('expected a GET miss, then a POST registration');
}
const second = await client().query({ query, variables: { partnerIds: [partnerId] } });
if (JSON.stringify(second.data) !== JSON.stringify(first.data)) fail('second client: ' + JSON.stringify(second));
const hit = sent[2];
if (sent.length !== 3 || hit.method !== 'GET' || hit.hasQuery || hit.status !== 200) fail('expected one GET with the hash only');
if (!hit.cacheControl?.startsWith('public')) fail('the public answer is cacheable');
const third = await client().query({ query, variables: { partnerIds: [partnerId] } });
if (JSON.stringify(third.data) !== JSON.stringify(first.data)) fail('third client: ' + JSON.stringify(third));
const revalidated = sent[3];
if (sent.length !== 4 || revalidated.method !== 'GET' || revalidated.status !== 304) fail('expected a 304 revalidation');
console.log('Apollo Client check: OK (GET miss ' + miss.status + ', POST registration, GET hit, 304 revalidation):',
  JSON.stringify(third.data));
