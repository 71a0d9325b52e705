package nl.marketplace.reviews.review;

/** A validated request for one page of reviews: size, position, filter, order, and the nested fields to load with it. */
public record PageRequest(int size, ReviewCursor after, ReviewCriteria criteria, ReviewOrder order, Nested nested) {
}
