package nl.marketplace.reviews.rereview;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Revision;

@Type("SubmitReReviewPayload")
@Description("The result of submitReReview.")
public record SubmitReReviewPayload(
        @Description("The new overall score as kept.") Revision revision,
        @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
