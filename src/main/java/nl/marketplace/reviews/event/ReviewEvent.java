package nl.marketplace.reviews.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.review.Review;

@Type("ReviewEvent")
@Description("Something happened to one of the partner's reviews.")
public record ReviewEvent(
        @Id @NonNull @Description("The event's id, for client caches (the partner's event number inside).") String id,
        @NonNull @Description("What happened.") ReviewEventType type,
        @NonNull @Description("Where this event stands in the partner's events: pass it as reviewEvents(after:) to resume "
                + "after it, for example after a reconnect.") String cursor,
        @NonNull @Description("The review as it is now.") Review review) {

    public static final String TYPE = "ReviewEvent";

    public ReviewEvent(long partnerKey, long seq, ReviewEventType type, Review review) {
        this(GlobalId.encode(TYPE, partnerKey, seq), type, new EventCursor(partnerKey, seq).encode(), review);
    }
}
