package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReReview")
@Description("The re-review state of a review (opnieuw laten beoordelen), private to its partner.")
public record ReReview(
        @Id @NonNull @Description("The re-review state's id (one per review), for client caches.") String id,
        @NonNull @Description("Where the re-review stands.") ReReviewStatus status,
        @Description("When the request was mailed (\"Beoordelingsverzoek verzonden\" + date).") OffsetDateTime requestedAt,
        @Description("Until when the customer's link works.") OffsetDateTime expiresAt,
        @Description("When the customer gave the new score.") OffsetDateTime completedAt,
        @NonNull @Description("Whether requestReReview would be accepted now.") Boolean eligible,
        @Description("Why not, when it would not. Reasons that no mail to the customer changes (ALREADY_REQUESTED, POSITIVE, TOO_OLD) come before CONTACT_REQUIRED.") ReReviewIneligibility ineligibleReason) {

    public static final String TYPE = "ReReview";
}
