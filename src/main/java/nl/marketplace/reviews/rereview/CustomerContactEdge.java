package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CustomerContactEdge")
@Description("A message in a connection, with its cursor.")
public record CustomerContactEdge(
        @NonNull @Description("Opaque cursor of this message; pass it as `after` to continue behind it.") String cursor,
        @NonNull @Description("The message.") CustomerContact node) {
}
