// The GraphQL documents of the dashboard. They ask only for what the screen shows; the service
// looks ahead at these selections and loads revisions, replies and private fields per page, in a
// few statements (README, "Design").

// Everything a review card shows: the public review, and its private part (sellerView, which is
// the partner's and null for anyone else, without an error).
const REVIEW_CARD = `
fragment DashboardReview on Review {
  id
  createdAt
  authorName
  overall
  originalOverall
  classification
  excluded
  subScores { deliveryTime productInformation delivery contact }
  pros
  cons
  revisions { id overall previousOverall comment createdAt }
  reply { id text createdAt updatedAt }
  sellerView {
    orderNumber
    reReview { id status requestedAt expiresAt completedAt eligible ineligibleReason }
    exclusions { id reason text requestedAt decision decidedAt decisionNote }
    customerContacts(first: 5) { totalCount nodes { id message createdAt } }
  }
}`;

/** Who signed in: the page takes its partner from here, never from the token. */
export const VIEWER = `
query DashboardViewer {
  viewer { administrator partner { id name } }
}`;

export const DASHBOARD = `
query Dashboard($partnerId: ID!) {
  partner(id: $partnerId) {
    id
    name
    score {
      overall
      method
      fewerThanFiveReviews
      reviewCount
      positiveCount
      neutralCount
      negativeCount
      positivePercentage
      approvalPercentage
      meetsStandard
      standardAverage
      topPerformanceAverage
      windowStart
      windowEnd
      subScores {
        deliveryTime { average count }
        productInformation { average count }
        delivery { average count }
        contact { average count }
      }
      monthly(last: 12) { month average reviewCount topPerformance }
      replies { reviewCount replyPercentage negativeReviewCount negativeReplyPercentage medianReplySeconds }
      topics { reviewCount platformDay topics { topic mentionCount mentionPercentage prosPercentage consPercentage platformPercentage } }
    }
    negativeReviewAlert { frequency email digestHour language }
  }
}`;

/** "Melding bij negatieve beoordeling": the partner's own setting. */
export const SET_ALERT = `
mutation DashboardSetNegativeReviewAlert($input: SetNegativeReviewAlertInput!) {
  setNegativeReviewAlert(input: $input) { alert { frequency email digestHour language } userErrors { field message code } }
}`;

export const REVIEWS = `
query DashboardReviews($partnerId: ID!, $first: Int!, $after: String, $filter: ReviewFilter, $orderBy: ReviewOrder!) {
  partner(id: $partnerId) {
    id
    reviews(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...DashboardReview }
    }
  }
}
${REVIEW_CARD}`;

export const REVIEW = `
query DashboardReview($id: ID!) {
  review(id: $id) { ...DashboardReview }
}
${REVIEW_CARD}`;

/** A partner action: one input, and the changed review (as its card shows it) or userErrors. */
const action = (field, inputType) => `
mutation Dashboard${inputType.replace('Input', '')}($input: ${inputType}!) {
  ${field}(input: $input) { review { ...DashboardReview } userErrors { field message code } }
}
${REVIEW_CARD}`;

export const REPLY = action('reply', 'ReplyInput');
export const DELETE_REPLY = action('deleteReply', 'DeleteReplyInput');
export const EMAIL_CUSTOMER = action('emailCustomer', 'EmailCustomerInput');
export const REQUEST_RE_REVIEW = action('requestReReview', 'RequestReReviewInput');
export const REQUEST_EXCLUSION = action('requestExclusion', 'RequestExclusionInput');

export const REVIEW_EVENTS = `
subscription DashboardReviewEvents($partnerId: ID!, $after: String) {
  reviewEvents(partnerId: $partnerId, after: $after) { type cursor review { id } }
}`;
