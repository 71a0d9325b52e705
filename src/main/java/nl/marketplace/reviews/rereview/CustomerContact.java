package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.GlobalId;

@Type("CustomerContact")
@Description("A message that the partner sent the customer of a review through the platform (E-mail de klant).")
public record CustomerContact(
        @Id @NonNull @Description("The message's id, for client caches.") String id,
        @Ignore long reviewKey,
        @Ignore long key,
        @NonNull @Description("The message as sent.") String message,
        @NonNull @Description("When the partner sent it.") OffsetDateTime createdAt) {

    public static final String TYPE = "CustomerContact";

    public CustomerContact(long reviewKey, long key, String message, OffsetDateTime createdAt) {
        this(GlobalId.encode(TYPE, key), reviewKey, key, message, createdAt);
    }
}
