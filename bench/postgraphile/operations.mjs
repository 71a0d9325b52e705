// The closest equivalents of graphql/operations/ in PostGraphile's generated schema: version 4
// (default preset) and version 5 (amber preset, ../postgraphile5/graphile.config.mjs).
// PostGraphile has no score logic: "summary" and the page's score read the partner's per-score
// totals (10 rows) and leave the averaging to the client, which is less work than the service does
// (window, fallback, classes, monthly), so the comparison favours PostGraphile.
//
// The two versions differ only in names: v4 calls the primary key `id` (`partnerById(id:)`,
// order `ID_DESC`); v5's amber preset keeps `id` for the global Node id and calls the key `rowId`
// (`partnerByRowId(rowId:)`, `ROW_ID_DESC`). Relations keep their v4 names in v5
// (`reviewsByPartnerId`, `partnerByPartnerId`, ...). Both select the primary key, not the Node id.
const names = {
  4: { key: 'id', partnerBy: 'partnerById', reviewBy: 'reviewById', keyDesc: 'ID_DESC' },
  5: { key: 'rowId', partnerBy: 'partnerByRowId', reviewBy: 'reviewByRowId', keyDesc: 'ROW_ID_DESC' },
};
export const summaryPartners = 10;

// The query documents of a version, by operation: summary (variables $p0..$p9), page ($id), detail ($id).
export function postgraphileDocuments(version = 4) {
  const n = names[version];
  if (!n) throw new Error(`unknown PostGraphile version ${version}`);
  const totals = `partnerTotalScoresByPartnerId { nodes { overall reviewCount deliveryTimeSum deliveryTimeCount
  productInformationSum productInformationCount deliverySum deliveryCount contactSum contactCount } }`;
  const reviewCard = `${n.key} createdAt authorName overall originalOverall deliveryTime productInformation delivery contact pros cons
  revisionsByReviewId(orderBy: [CREATED_AT_ASC]) { nodes { ${n.key} overall previousOverall comment createdAt } }
  replyByReviewId { text createdAt updatedAt }`;
  const slots = Array.from({ length: summaryPartners }, (_, i) => i);
  return {
    summary: `query Summary(${slots.map((i) => `$p${i}: BigInt!`).join(', ')}) {
      ${slots.map((i) => `s${i}: ${n.partnerBy}(${n.key}: $p${i}) { ${n.key} ${totals} }`).join('\n')} }`,
    page: `query Page($id: BigInt!) { ${n.partnerBy}(${n.key}: $id) { ${n.key} name ${totals}
      reviewsByPartnerId(first: 20, orderBy: [CREATED_AT_DESC, ${n.keyDesc}]) { totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { ${reviewCard} } } } } }`,
    detail: `query Detail($id: BigInt!) { ${n.reviewBy}(${n.key}: $id) { ${reviewCard}
      partnerByPartnerId { ${n.key} name ${totals} } } }`,
  };
}

// Request bodies with random partners and reviews (pick(n) gives 1..n), as bench/load.mjs sends them.
export function postgraphileOperations(pick, partners, reviews, version = 4) {
  const documents = postgraphileDocuments(version);
  return {
    summary: () => ({
      query: documents.summary,
      variables: Object.fromEntries(Array.from({ length: summaryPartners }, (_, i) => [`p${i}`, String(pick(partners))])),
    }),
    page: () => ({ query: documents.page, variables: { id: String(pick(partners)) } }),
    detail: () => ({ query: documents.detail, variables: { id: String(pick(reviews)) } }),
  };
}
