package nl.marketplace.reviews.exclusion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RequestExclusionInput")
@Description("A partner's request to exclude one of its reviews.")
public record RequestExclusionInput(
        @Id @NonNull @Description("The review's id.") String reviewId,
        @NonNull @Description("The reason.") ExclusionReason reason,
        @NonNull @Description("The explanation, 1-2,000 characters.") String text) {
}
