package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.Node;

@Type("Revision")
@Description("A new overall score that the customer gave after a re-review request (\"Nieuwe algemene beoordeling\", \"Gewijzigd op\").")
public record Revision(
        @Id @NonNull @Description("The revision's global id.") String id,
        @Ignore long reviewKey,
        @NonNull @Description("The new overall score, 1-10.") Integer overall,
        @NonNull @Description("The overall score that this revision replaced.") Integer previousOverall,
        @Description("The customer's short comment with the new score, if any.") String comment,
        @NonNull @Description("When the customer gave the new score (\"Gewijzigd op\").") OffsetDateTime createdAt) implements Node {

    public static final String TYPE = "Revision";

    @Override
    @Id
    @NonNull
    @Description("The revision's global id.")
    public String getId() {
        return id;
    }
}
