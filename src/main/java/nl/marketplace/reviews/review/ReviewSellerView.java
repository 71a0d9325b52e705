package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/**
 * The private part of a review, for its partner and the platform's administrators. Anyone else gets
 * {@code Review.sellerView: null} and no error, so one fragment can serve the shop page and the
 * dashboard (with Apollo Client's default errorPolicy a FORBIDDEN error would blank the whole page).
 * Its fields are resolved by the features that own them (review, rereview, exclusion).
 */
@Type("ReviewSellerView")
@Description("What only the review's partner and the platform's administrators see of a review. Review.sellerView is null for "
        + "anyone else, without an error. Reached only through its review: a client cache keeps it with the review.")
public record ReviewSellerView(@Ignore Review review) {
}
