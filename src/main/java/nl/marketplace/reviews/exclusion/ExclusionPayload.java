package nl.marketplace.reviews.exclusion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Review;

@Type("ExclusionPayload")
@Description("The result of requestExclusion and decideExclusion.")
public record ExclusionPayload(
        @Description("The request as kept.") Exclusion exclusion,
        @Description("The review it is about, as it is now.") Review review,
        @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
