// A small client as a frontend team writes one against the committed schema: typed by GraphQL Code
// Generator from graphql/operations (generated/operations.ts), plain fetch, no framework. tsc
// compiles it strictly in CI (check.sh): a change to the schema or an operation that breaks this code
// fails there, before a client team finds it.
import type {
  PartnerListQuery,
  PartnerListQueryVariables,
  ReviewEventType,
  ReviewEventsSubscription,
  SellerReviewQuery,
  SellerReviewQueryVariables,
  ReplyMutation,
  ReplyMutationVariables,
  UserErrorCode,
} from './generated/operations';

/** The operation's text, as the app ships it (in production: its hash, see the README's "Trusted documents"). */
export type Document<TData, TVariables> = { text: string; __data?: TData; __variables?: TVariables };

export class GraphQLFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** One request; data when there is any, a failure with the error's extensions.code when there is none. */
export async function request<TData, TVariables>(endpoint: string, document: Document<TData, TVariables>, variables: TVariables,
    token?: string): Promise<TData> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.text, variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!body.data) {
    const first = body.errors?.[0];
    throw new GraphQLFailure(first?.extensions?.code ?? `HTTP_${response.status}`, first?.message ?? 'no data');
  }
  return body.data;
}

/** A list screen: one line per shop, and an empty place for a shop that is gone (no error, no empty screen). */
export async function listLines(endpoint: string, list: Document<PartnerListQuery, PartnerListQueryVariables>, ids: string[]): Promise<string[]> {
  const { partners } = await request(endpoint, list, { ids });
  return partners.map((partner, i) => partner === null
    ? `(${ids[i]}: no longer listed)`
    : `${partner.name}: ${partner.score.overall?.toFixed(1) ?? '–'} (${partner.score.reviewCount} reviews)`);
}

/** The seller's part of a review, when the viewer may see it; null on a public page, without an error. */
export async function orderNumberOf(endpoint: string, seller: Document<SellerReviewQuery, SellerReviewQueryVariables>, id: string,
    token?: string): Promise<string | null> {
  const { review } = await request(endpoint, seller, { id }, token);
  if (!review) return null;
  const buttons: string[] = [];
  if (review.viewerCanReply) buttons.push('reply');
  if (review.viewerCanRequestReReview) buttons.push('re-review');
  return review.sellerView ? `${review.sellerView.orderNumber} [${buttons.join(', ')}]` : null;
}

/** A mutation's outcome: its userErrors are data the page shows beside the form, by code. */
export async function reply(endpoint: string, mutation: Document<ReplyMutation, ReplyMutationVariables>, reviewId: string, text: string,
    token: string): Promise<UserErrorCode[]> {
  const { reply } = await request(endpoint, mutation, { input: { reviewId, text } }, token);
  return reply.userErrors.map((e) => e.code);
}

/** What a dashboard says of an event. The list of types may grow: an unknown one is "this review changed". */
export function describe(event: NonNullable<ReviewEventsSubscription['reviewEvents']>): string {
  const type: ReviewEventType = event.type;
  switch (type) {
    case 'NEW_REVIEW': return `New review by ${event.review.authorName}`;
    case 'REVISION': return `New score: ${event.review.overall}`;
    case 'REPLY': return 'Reply saved';
    case 'REPLY_DELETED': return 'Reply deleted';
    case 'EXCLUSION_DECIDED': return event.review.excluded ? 'Excluded' : 'Exclusion refused';
    default: return 'Review changed';
  }
}
