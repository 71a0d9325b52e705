package nl.marketplace.reviews.review;

/** A validated request for one page of reviews: size, position, filter and order. */
public record PageRequest(int size, ReviewCursor after, ReviewCriteria criteria, ReviewOrder order) {
}
