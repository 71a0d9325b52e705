package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CustomerContact")
@Description("A message that the partner sent the customer of a review through the platform (E-mail de klant).")
public record CustomerContact(
        @Ignore long reviewKey,
        @Ignore long id,
        @NonNull @Description("The message as sent.") String message,
        @NonNull @Description("When the partner sent it.") OffsetDateTime createdAt) {
}
