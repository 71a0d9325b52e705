package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReviewEdge")
@Description("A review in a connection, with its cursor.")
public record ReviewEdge(
        @NonNull @Description("Opaque cursor of this review; pass it as `after` to continue behind it.") String cursor,
        @NonNull @Description("The review.") Review node) {
}
