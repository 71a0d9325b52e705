// An unmodified Apollo Client 4 with Apollo's persisted-query link (hashes sent as GET) against a
// running service. Usage: node apollo.mjs http://127.0.0.1:8080/graphql PARTNER_ID
// Checks: a first client misses (GET with the hash only), registers (POST with the query), and
// gets its data; a second client, with a cache of its own, gets the same data with one GET.
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url, partnerId] = process.argv.slice(2);
const sent = [];
// The fetch of Node, recording what the client sends (the link decides; nothing is changed).
const recordingFetch = async (input, init) => {
  const body = init?.body ? JSON.parse(init.body) : null;
  const response = await fetch(input, init);
  sent.push({ method: init?.method ?? 'GET', hasQuery: body ? 'query' in body : new URL(input).searchParams.has('query'),
    status: response.status });
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
  link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url, fetch: recordingFetch })),
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
console.log('Apollo Client check: OK (GET miss ' + miss.status + ', POST registration, GET hit):', JSON.stringify(second.data));
