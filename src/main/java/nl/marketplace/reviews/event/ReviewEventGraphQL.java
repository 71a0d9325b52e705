package nl.marketplace.reviews.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.security.CallerService;

/**
 * {@code reviewEvents(partnerId, after)} over WebSocket (graphql-transport-ws). Browsers cannot set
 * headers on a WebSocket, so the bearer token may also come in the connection_init payload
 * ({"Authorization": "Bearer …"}). The element type is nullable on purpose: see {@link SubscriptionEnded}.
 */
@GraphQLApi
public class ReviewEventGraphQL {

    private final ReviewEventService events;
    private final CallerService callers;

    public ReviewEventGraphQL(ReviewEventService events, CallerService callers) {
        this.events = events;
        this.callers = callers;
    }

    @Subscription("reviewEvents")
    @Description("The partner or an administrator: the partner's new reviews, revisions and replies as they happen, from every instance "
            + "of the service, each exactly once and in order. FORBIDDEN for anyone else. With after: first the events "
            + "after that cursor (kept for a day), then live ones. The subscription ends with a last item null and an error "
            + "whose extensions.code says what to do: SUBSCRIPTION_OVERFLOW (the client fell behind), SERVICE_UNAVAILABLE "
            + "or INTERNAL_SERVER_ERROR: subscribe again with after: the last cursor; CURSOR_EXPIRED: refetch, then subscribe "
            + "without after; UNAUTHENTICATED: the token expired, subscribe again with a new one.")
    public Multi<ReviewEvent> reviewEvents(@Id @NonNull @Name("partnerId") @Description("The partner's id.") String partnerId,
            @Name("after") @Description("The cursor of the last event the client has; null: from now on.") String after) {
        return events.events(callers.current(), GlobalId.key(partnerId, Partner.TYPE, "partnerId"), after, callers.expiresAt());
    }
}
