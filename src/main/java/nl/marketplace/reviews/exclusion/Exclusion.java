package nl.marketplace.reviews.exclusion;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.Node;

@Type("Exclusion")
@Description("A partner's request to exclude a review, and the platform's decision, kept with who and when.")
public record Exclusion(
        @Id @NonNull @Description("The request's global id (for decideExclusion).") String id,
        @Ignore long reviewKey,
        @NonNull @Description("The reason given.") ExclusionReason reason,
        @NonNull @Description("The partner's explanation.") String text,
        @NonNull @Description("Who asked (the token's subject).") String requestedBy,
        @NonNull @Description("When.") OffsetDateTime requestedAt,
        @Description("The decision; null while the request is open (the review keeps counting).") ExclusionDecision decision,
        @Description("The administrator's note with the decision.") String decisionNote,
        @Description("Who decided.") String decidedBy,
        @Description("When.") OffsetDateTime decidedAt) implements Node {

    public static final String TYPE = "Exclusion";

    @Override
    @Id
    @NonNull
    @Description("The request's global id (for decideExclusion).")
    public String getId() {
        return id;
    }
}
