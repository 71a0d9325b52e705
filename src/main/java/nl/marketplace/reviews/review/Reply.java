package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.GlobalId;

@Type("Reply")
@Description("The partner's public reply to a review (reageren), shown with the review.")
public record Reply(
        @Id @NonNull @Description("The reply's id (a review has one reply at the most), for client caches.") String id,
        @Ignore long reviewKey,
        @NonNull @Description("The reply, 1-2,000 characters.") String text,
        @NonNull @Description("When the partner first replied.") OffsetDateTime createdAt,
        @NonNull @Description("When the reply was last changed; equal to createdAt when never edited.") OffsetDateTime updatedAt) {

    public static final String TYPE = "Reply";

    public Reply(long reviewKey, String text, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        this(GlobalId.encode(TYPE, reviewKey), reviewKey, text, createdAt, updatedAt);
    }
}
