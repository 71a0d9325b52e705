package nl.marketplace.reviews.rereview;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Review;

@Type("RequestReReviewPayload")
@Description("The result of requestReReview.")
public record RequestReReviewPayload(
        @Description("The review it is about.") Review review,
        @Description("The re-review state after the request: SENT with requestedAt.") ReReview reReview,
        @NonNull @Description("Why the request was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
