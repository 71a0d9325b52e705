// The closest equivalents of graphql/operations/ in PostGraphile's generated schema (v4, default
// preset). PostGraphile has no score logic: "summary" and the page's score read the partner's
// per-score totals (10 rows) and leave the averaging to the client, which is less work than the
// service does (window, fallback, classes, monthly), so the comparison favours PostGraphile.
const totals = `partnerTotalScoresByPartnerId { nodes { overall reviewCount deliveryTimeSum deliveryTimeCount
  productInformationSum productInformationCount deliverySum deliveryCount contactSum contactCount } }`;
const reviewCard = `id createdAt authorName overall originalOverall deliveryTime productInformation delivery contact pros cons
  revisionsByReviewId(orderBy: [CREATED_AT_ASC]) { nodes { id overall previousOverall comment createdAt } }
  replyByReviewId { text createdAt updatedAt }`;

export function postgraphileOperations(pick, partners, reviews) {
  return {
    summary: () => {
      const ids = Array.from({ length: 10 }, () => pick(partners));
      return {
        query: `query Summary(${ids.map((_, i) => `$p${i}: BigInt!`).join(', ')}) {
          ${ids.map((_, i) => `s${i}: partnerById(id: $p${i}) { id ${totals} }`).join('\n')} }`,
        variables: Object.fromEntries(ids.map((id, i) => [`p${i}`, String(id)])),
      };
    },
    page: () => ({
      query: `query Page($id: BigInt!) { partnerById(id: $id) { id name ${totals}
        reviewsByPartnerId(first: 20, orderBy: [CREATED_AT_DESC, ID_DESC]) { totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { ${reviewCard} } } } } }`,
      variables: { id: String(pick(partners)) },
    }),
    detail: () => ({
      query: `query Detail($id: BigInt!) { reviewById(id: $id) { ${reviewCard}
        partnerByPartnerId { id name ${totals} } } }`,
      variables: { id: String(pick(reviews)) },
    }),
  };
}
