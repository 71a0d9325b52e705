package nl.marketplace.reviews.exclusion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DecideExclusionInput")
@Description("An administrator's decision on an open exclusion request.")
public record DecideExclusionInput(
        @Id @NonNull @Description("The request's id (Exclusion.id).") String exclusionId,
        @NonNull @Description("Approve or reject.") ExclusionDecision decision,
        @Description("A note with the decision, up to 2,000 characters.") String note) {
}
