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
import nl.marketplace.reviews.review.ReviewService;
import nl.marketplace.reviews.security.Caller;
import nl.marketplace.reviews.security.CallerService;

/**
 * {@code reviewEvents(partnerId)} over WebSocket (graphql-transport-ws). Browsers cannot set headers
 * on a WebSocket, so the bearer token may also come in the connection_init payload
 * ({"Authorization": "Bearer …"}).
 */
@GraphQLApi
public class ReviewEventGraphQL {

    private final ReviewEventHub hub;
    private final ReviewService reviews;
    private final CallerService callers;

    public ReviewEventGraphQL(ReviewEventHub hub, ReviewService reviews, CallerService callers) {
        this.hub = hub;
        this.reviews = reviews;
        this.callers = callers;
    }

    @Subscription("reviewEvents")
    @Description("Partner (or admin): the partner's new reviews, revisions and replies as they happen, from every instance "
            + "of the service. FORBIDDEN for anyone else.")
    public Multi<@NonNull ReviewEvent> reviewEvents(@Id @NonNull @Name("partnerId") @Description("The partner's id.") String partnerId) {
        long partnerKey = GlobalId.key(partnerId, Partner.TYPE, "partnerId");
        Caller caller = callers.current();
        caller.requirePartner(partnerKey);
        return hub.of(partnerKey).onItem().transformToUniAndConcatenate(
                n -> reviews.get(n.reviewKey()).map(review -> new ReviewEvent(n.type(), review)));
    }
}
