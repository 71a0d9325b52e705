package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Reply")
@Description("The partner's public reply to a review (reageren), shown with the review.")
public record Reply(
        @Ignore long reviewKey,
        @NonNull @Description("The reply, 1-2,000 characters.") String text,
        @NonNull @Description("When the partner first replied.") OffsetDateTime createdAt,
        @NonNull @Description("When the reply was last changed; equal to createdAt when never edited.") OffsetDateTime updatedAt) {
}
