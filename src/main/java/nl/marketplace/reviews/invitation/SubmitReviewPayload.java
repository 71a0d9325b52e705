package nl.marketplace.reviews.invitation;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Review;

@Type("SubmitReviewPayload")
@Description("The result of submitReview.")
public record SubmitReviewPayload(
        @Description("The review as published; it counts in the partner's score at once.") Review review,
        @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
