package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.Node;
import nl.marketplace.reviews.partner.Partner;

@Type("Review")
@Description("A klantbeoordeling: one customer's review of one partner, for one order. Public, except the fields that say otherwise.")
public record Review(
        @Id @NonNull @Description("The review's global id.") String id,
        @Ignore long key,
        @Ignore long partnerKey,
        @NonNull @Description("When the customer gave the review.") OffsetDateTime createdAt,
        @NonNull @Description("\"<first name> uit <city>\" (\"Jenny uit Enschede\"), or \"Anoniem\" when the customer chose anonymity.") String authorName,
        @NonNull @Description("The current overall score (1-10): the newest revision's, else the original. This is the score that counts.") Integer overall,
        @NonNull @Description("The overall score as the customer first gave it (algemene beoordeling).") Integer originalOverall,
        @NonNull @Description("The sub-scores, as first given; a re-review never changes them.") SubScores subScores,
        @Description("Pluspunt (+): what the customer liked, if anything.") String pros,
        @Description("Minpunt (-): what the customer did not like, if anything.") String cons,
        @NonNull @Description("The class of the current overall score.") Classification classification,
        @NonNull @Description("Whether the platform excluded the review (uitzondering): it stays visible but counts in no score.") Boolean excluded,
        @Ignore List<Revision> loadedRevisions,
        @Ignore Optional<Reply> loadedReply,
        @Ignore Partner loadedPartner) implements Node {

    public static final String TYPE = "Review";

    // loadedRevisions, loadedReply and loadedPartner: loaded with the review (look-ahead, see Nested),
    // or null when the nested field loads them itself.

    @Override
    @Id
    @NonNull
    @Description("The review's global id.")
    public String getId() {
        return id;
    }

    /**
     * Identity, not value, equality: SmallRye's batch loaders cache by source object for the whole
     * request, so with value equality a review loaded again after a mutation in the same request
     * would be answered from the cache with nested fields from before the change.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
